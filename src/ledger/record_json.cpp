// JSON conversions of ledger parts (see record_json.hpp). Readers never throw: every type is
// checked before a value is taken, and each problem names the record, the field and the fix.
#include "ledger/record_json.hpp"

#include "core/date.hpp"
#include "core/ids.hpp"
#include "ledger/checksum.hpp"
#include "store/store.hpp"

#include <cmath>

namespace hz::ledger {

namespace {

const char* const kMetaNames[] = {"id", "origin", "rev", "created_at", "updated_at"};

bool isMeta(std::string_view name) {
  for (const char* m : kMetaNames) {
    if (name == m) return true;
  }
  return false;
}

// Applies text fields to the typed record of `kind`, then writes back the normalized list.
std::vector<Problem> normalize(Kind kind, const core::FieldList& in, Record& out) {
  return core::withRecordType(kind, [&](auto typed) {
    auto problems = core::fromFields(in, typed);
    typed.meta = out.meta;
    out.fields = core::toFields(typed);
    return problems;
  });
}

std::string typeMismatch(const char* expected, const Json& v) {
  return std::string("类型错误：应为") + expected + "，实际为" + jsonTypeName(v);
}

// Reads a string member (missing = ""); false + problem when present with another type.
bool readString(const Json& obj, const char* name, std::string& out, const std::string& record,
                std::vector<Problem>& problems, bool required = false) {
  auto it = obj.find(name);
  if (it == obj.end()) {
    if (required) problems.push_back({record, name, "缺少必填字段"});
    out.clear();
    return !required;
  }
  if (!it->is_string()) {
    problems.push_back({record, name, typeMismatch("字符串", *it)});
    return false;
  }
  out = it->get_ref<const std::string&>();
  if (required && out.empty()) {
    problems.push_back({record, name, "必填，不能为空"});
    return false;
  }
  return true;
}

} // namespace

const core::FieldSpec* fieldSpec(Kind kind, std::string_view name) {
  for (const auto& f : core::kindInfo(kind).fields()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

const char* jsonTypeName(const Json& j) {
  switch (j.type()) {
  case Json::value_t::null:
    return "null";
  case Json::value_t::object:
    return "对象";
  case Json::value_t::array:
    return "数组";
  case Json::value_t::string:
    return "字符串";
  case Json::value_t::boolean:
    return "布尔值";
  case Json::value_t::number_integer:
  case Json::value_t::number_unsigned:
    return "整数";
  case Json::value_t::number_float:
    return "小数";
  default:
    return "未知类型";
  }
}

bool isValidId(std::string_view id) {
  if (id.empty() || id.size() > 100) return false;
  for (char c : id) {
    const bool okChar = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
                        c == '.' || c == ':' || c == '-';
    if (!okChar) return false;
  }
  return true;
}

// [SECTION] Writing ------------------------------------------------------------------------------

Json recordToJson(Kind kind, const Record& r) {
  Json j = Json::object();
  j["id"] = r.meta.id;
  j["origin"] = r.meta.origin;
  j["rev"] = r.meta.rev;
  j["created_at"] = r.meta.createdAt;
  j["updated_at"] = r.meta.updatedAt;
  for (const auto& f : r.fields) {
    const core::FieldSpec* spec = fieldSpec(kind, f.first);
    switch (spec ? spec->type : core::JsonType::String) {
    case core::JsonType::String:
      j[f.first] = f.second;
      break;
    case core::JsonType::StringOrNull:
      j[f.first] = f.second.empty() ? Json(nullptr) : Json(f.second);
      break;
    case core::JsonType::Boolean:
      j[f.first] = f.second == "true" || f.second == "1";
      break;
    case core::JsonType::Integer:
      j[f.first] = f.second.empty() ? 0LL : std::stoll(f.second);
      break;
    case core::JsonType::Number: {
      double v = 0;
      (void)core::parseNumber(f.second, v);
      j[f.first] = v;
      break;
    }
    case core::JsonType::ClauseArray: {
      core::Standard s;
      (void)core::fromFields({{"clauses", f.second}}, s);
      Json a = Json::array();
      for (const auto& c : s.clauses) {
        Json item{{"id", c.id}, {"article", c.article}, {"summary", c.summary}};
        if (c.retired) item["retired"] = true; // only when set: files without retired clauses stay as before
        a.push_back(std::move(item));
      }
      j[f.first] = std::move(a);
      break;
    }
    }
  }
  return j;
}

Json eventToJson(const core::HistoryEvent& e) {
  Json changes = Json::array();
  for (const auto& c : e.changes) changes.push_back(Json::array({c.field, c.oldValue, c.newValue}));
  return Json{{"id", e.id},
              {"record_kind", e.recordKind},
              {"record_id", e.recordId},
              {"action", e.action},
              {"actor", e.actor},
              {"at", e.at},
              {"origin", e.origin},
              {"prev_rev", e.prevRev},
              {"new_rev", e.newRev},
              {"changes", changes},
              {"note", e.note},
              {"prev_hash", e.prevHash},
              {"hash", e.hash}};
}

Json EventWriter::toJson(const core::HistoryEvent& e) {
  Json j = eventToJson(e);
  if (m_version < 2) return j;
  std::string& last = m_last[e.origin];
  if (e.prevHash == last) j.erase("prev_hash");
  j.erase("hash");
  last = e.hash;
  return j;
}

void EventLinks::complete(core::HistoryEvent& e, bool hasPrevHash, bool hasHash) {
  std::string& last = m_last[e.origin];
  if (!hasPrevHash) e.prevHash = last;
  if (!hasHash) e.hash = sharedSha3().hex(store::canonicalEventText(e));
  last = e.hash;
}

Json conflictToJson(const Conflict& c) {
  return Json{{"id", c.id},
              {"record_kind", kindName(c.kind)},
              {"record_id", c.recordId},
              {"winner_rev", c.winnerRev},
              {"loser_rev", c.loserRev},
              {"loser", recordToJson(c.kind, c.loser)},
              {"resolved_at", c.resolvedAt},
              {"resolved_by", c.resolvedBy},
              {"resolution", c.resolution}};
}

Json officeToJson(const core::Office& o) {
  return Json{{"id", o.id}, {"name", o.name}, {"division_code", o.divisionCode}, {"level", core::toChinese(o.level)}};
}

// [SECTION] Reading ------------------------------------------------------------------------------

bool recordFromJson(Kind kind, const Json& j, const std::string& where, Record& out, std::vector<Problem>& problems) {
  if (!j.is_object()) {
    problems.push_back({where, "", std::string("记录应为 JSON 对象，实际为") + jsonTypeName(j)});
    return false;
  }
  const size_t before = problems.size();
  std::string record = where;
  if (auto it = j.find("id"); it != j.end() && it->is_string() && isValidId(it->get_ref<const std::string&>())) {
    record = it->get_ref<const std::string&>();
  }
  out = Record{};
  if (readString(j, "id", out.meta.id, record, problems, true) && !isValidId(out.meta.id)) {
    problems.push_back({record, "id", "记录ID只能由1-100个字母、数字和 _ . : - 组成"});
  }
  if (readString(j, "origin", out.meta.origin, record, problems, true) && !isValidId(out.meta.origin)) {
    problems.push_back({record, "origin", "来源单位ID只能由1-100个字母、数字和 _ . : - 组成"});
  }
  if (readString(j, "rev", out.meta.rev, record, problems, true) && !core::Revision::parse(out.meta.rev)) {
    problems.push_back({record, "rev", "版本号“" + out.meta.rev + "”格式错误，应为“13位毫秒-4位十六进制-单位ID”"});
  }
  for (const char* ts : {"created_at", "updated_at"}) {
    std::string& v = std::string(ts) == "created_at" ? out.meta.createdAt : out.meta.updatedAt;
    if (readString(j, ts, v, record, problems) && !v.empty() && !core::parseTimestamp(v)) {
      problems.push_back({record, ts, "时间“" + v + "”格式错误，应为如 2026-11-29T13:45:07.123Z"});
    }
  }
  for (const char* name : core::kindInfo(kind).required) {
    if (!j.contains(name)) problems.push_back({record, name, "缺少必填字段"});
  }
  core::FieldList fields;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& name = it.key();
    if (isMeta(name)) continue;
    const core::FieldSpec* spec = fieldSpec(kind, name);
    if (!spec) {
      problems.push_back({record, name, std::string("未知字段（") + kindLabel(kind) + "记录中没有这个字段）"});
      continue;
    }
    const Json& v = *it;
    switch (spec->type) {
    case core::JsonType::String:
      if (v.is_string())
        fields.emplace_back(name, v.get<std::string>());
      else
        problems.push_back({record, name, typeMismatch("字符串", v)});
      break;
    case core::JsonType::StringOrNull:
      if (v.is_string())
        fields.emplace_back(name, v.get<std::string>());
      else if (v.is_null())
        fields.emplace_back(name, "");
      else
        problems.push_back({record, name, typeMismatch("字符串或 null", v)});
      break;
    case core::JsonType::Boolean:
      if (v.is_boolean())
        fields.emplace_back(name, v.get<bool>() ? "true" : "false");
      else
        problems.push_back({record, name, typeMismatch("布尔值 true 或 false", v)});
      break;
    case core::JsonType::Integer:
      if (v.is_number_integer() && v.get<int64_t>() >= -1000000000 && v.get<int64_t>() <= 1000000000) {
        fields.emplace_back(name, std::to_string(v.get<int64_t>()));
      } else if (v.is_number_integer()) {
        problems.push_back({record, name, "数值超出范围（应在 ±10亿 以内）"});
      } else {
        problems.push_back({record, name, typeMismatch("整数", v)});
      }
      break;
    case core::JsonType::Number:
      if (v.is_number() && std::isfinite(v.get<double>()) && std::fabs(v.get<double>()) < 1e12) {
        fields.emplace_back(name, core::formatNumber(v.get<double>()));
      } else if (v.is_number()) {
        problems.push_back({record, name, "数值超出范围"});
      } else {
        problems.push_back({record, name, typeMismatch("数字", v)});
      }
      break;
    case core::JsonType::ClauseArray: {
      if (!v.is_array()) {
        problems.push_back({record, name, typeMismatch("数组", v)});
        break;
      }
      core::Standard s;
      bool good = true;
      for (size_t i = 0; i < v.size() && good; ++i) {
        const Json& c = v[i];
        if (!c.is_object()) {
          problems.push_back({record, name, "第" + std::to_string(i + 1) + "条应为对象 {id, article, summary}"});
          good = false;
          break;
        }
        core::Clause cl;
        std::vector<Problem> sub;
        const bool hasRetired = c.contains("retired");
        good = readString(c, "id", cl.id, record, sub, true) && isValidId(cl.id) &&
               readString(c, "article", cl.article, record, sub) && readString(c, "summary", cl.summary, record, sub) &&
               (!hasRetired || c["retired"].is_boolean()) && c.size() <= (hasRetired ? 4u : 3u);
        if (good && hasRetired) cl.retired = c["retired"].get<bool>();
        if (!good)
          problems.push_back(
              {record, name,
               "第" + std::to_string(i + 1) +
                   "条应为 {id, article, summary[, retired]}，id 必填，均为字符串（retired 为 true/false）"});
        s.clauses.push_back(std::move(cl));
      }
      if (good) fields.emplace_back(name, core::fieldValue(core::toFields(s), "clauses"));
      break;
    }
    }
  }
  for (auto& p : normalize(kind, fields, out)) {
    // fromFields reports enum values that are not allowed: say which values are.
    p.record = record;
    std::string allowed;
    if (p.field == "level")
      allowed = "（允许：一般隐患、重大隐患）";
    else if (p.field == "status")
      allowed = "（允许：待整改、整改中、待验收、已销号）";
    else if (p.field == "kind")
      allowed = "（允许：企业、个体工商户、渔业船舶、建设项目、其他）";
    else if (p.field == "review")
      allowed = "（允许：未上报、待审核、审核通过、退回）";
    else if (p.field == "supervision")
      allowed = "（允许：无、县、市、省）";
    p.message += allowed;
    problems.push_back(std::move(p));
  }
  return problems.size() == before;
}

bool eventFromJson(const Json& j, const std::string& where, core::HistoryEvent& out, std::vector<Problem>& problems,
                   bool hashRequired) {
  if (!j.is_object()) {
    problems.push_back({where, "", std::string("历史记录应为 JSON 对象，实际为") + jsonTypeName(j)});
    return false;
  }
  const size_t before = problems.size();
  std::string record = where;
  if (auto it = j.find("id"); it != j.end() && it->is_string() && isValidId(it->get_ref<const std::string&>())) {
    record = it->get_ref<const std::string&>();
  }
  out = core::HistoryEvent{};
  struct Member {
    const char* name;
    std::string* target;
    bool required;
  };
  const Member members[] = {
      {"id", &out.id, true},         {"record_kind", &out.recordKind, true}, {"record_id", &out.recordId, true},
      {"action", &out.action, true}, {"actor", &out.actor, false},           {"at", &out.at, true},
      {"origin", &out.origin, true}, {"prev_rev", &out.prevRev, false},      {"new_rev", &out.newRev, false},
      {"note", &out.note, false},    {"prev_hash", &out.prevHash, false},    {"hash", &out.hash, hashRequired}};
  for (const auto& m : members) (void)readString(j, m.name, *m.target, record, problems, m.required);
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool isKnown = it.key() == "changes";
    for (const auto& m : members) isKnown = isKnown || it.key() == m.name;
    if (!isKnown) problems.push_back({record, it.key(), "未知字段（历史记录中没有这个字段）"});
  }
  if (!out.id.empty() && !isValidId(out.id))
    problems.push_back({record, "id", "ID只能由1-100个字母、数字和 _ . : - 组成"});
  if (!out.at.empty() && !core::parseTimestamp(out.at)) {
    problems.push_back({record, "at", "时间“" + out.at + "”格式错误，应为如 2026-11-29T13:45:07.123Z"});
  }
  if (auto it = j.find("changes"); it != j.end()) {
    bool good = it->is_array();
    for (size_t i = 0; good && i < it->size(); ++i) {
      const Json& c = (*it)[i];
      good = c.is_array() && c.size() == 3 && c[0].is_string() && c[1].is_string() && c[2].is_string();
      if (good) out.changes.push_back({c[0].get<std::string>(), c[1].get<std::string>(), c[2].get<std::string>()});
    }
    if (!good) problems.push_back({record, "changes", "应为数组，每项为 [字段名, 原值, 新值] 三个字符串"});
  }
  return problems.size() == before;
}

bool conflictFromJson(const Json& j, const std::string& where, Conflict& out, std::vector<Problem>& problems) {
  if (!j.is_object()) {
    problems.push_back({where, "", std::string("冲突记录应为 JSON 对象，实际为") + jsonTypeName(j)});
    return false;
  }
  const size_t before = problems.size();
  out = Conflict{};
  std::string kind;
  (void)readString(j, "id", out.id, where, problems, true);
  (void)readString(j, "record_kind", kind, where, problems, true);
  (void)readString(j, "record_id", out.recordId, where, problems, true);
  (void)readString(j, "winner_rev", out.winnerRev, where, problems, true);
  (void)readString(j, "loser_rev", out.loserRev, where, problems, true);
  (void)readString(j, "resolved_at", out.resolvedAt, where, problems);
  (void)readString(j, "resolved_by", out.resolvedBy, where, problems);
  (void)readString(j, "resolution", out.resolution, where, problems);
  if (!kind.empty() && !kindFromName(kind, out.kind)) {
    problems.push_back({where, "record_kind", "记录类型“" + kind + "”无效"});
  }
  auto it = j.find("loser");
  if (it == j.end())
    problems.push_back({where, "loser", "缺少必填字段"});
  else if (problems.size() == before)
    (void)recordFromJson(out.kind, *it, where, out.loser, problems);
  if (problems.size() == before) {
    if (out.loser.meta.id != out.recordId || out.loser.meta.rev != out.loserRev) {
      problems.push_back({where, "loser", "落选版本的 id/rev 与 record_id/loser_rev 不一致"});
    } else if (out.id != conflictId(out.kind, out.recordId, out.loserRev)) {
      problems.push_back({where, "id", "冲突ID应为“" + conflictId(out.kind, out.recordId, out.loserRev) + "”"});
    }
  }
  return problems.size() == before;
}

bool officeFromJson(const Json& j, core::Office& out, std::vector<Problem>& problems) {
  if (!j.is_object()) {
    problems.push_back({"", "office", std::string("类型错误：应为对象，实际为") + jsonTypeName(j)});
    return false;
  }
  const size_t before = problems.size();
  std::string level;
  (void)readString(j, "id", out.id, "", problems, true);
  (void)readString(j, "name", out.name, "", problems);
  (void)readString(j, "division_code", out.divisionCode, "", problems);
  (void)readString(j, "level", level, "", problems);
  for (size_t i = before; i < problems.size(); ++i) {
    Problem& p = problems[i];
    if (p.field == "id" || p.field == "name" || p.field == "division_code" || p.field == "level")
      p.field = "office." + p.field;
  }
  if (!out.id.empty() && !isValidId(out.id))
    problems.push_back({"", "office.id", "单位ID只能由字母、数字和 _ . : - 组成"});
  if (!level.empty() && !core::fromChinese(level, out.level)) {
    problems.push_back({"", "office.level", "单位层级“" + level + "”无效（允许：乡镇、县区、市）"});
  }
  return problems.size() == before;
}

Json scopeToJson(const std::string& scope, const std::string& since, const ChangeScope& changes) {
  if (scope == "since") return Json{{"type", "since"}, {"since", since}};
  if (scope != "changes") return Json{{"type", "full"}};
  Json j{{"type", "changes"}};
  if (!changes.to.empty()) j["to"] = changes.to;
  if (changes.number > 0) {
    j["number"] = changes.number;
    j["after"] = changes.after;
  }
  return j;
}

bool scopeFromJson(const Json& s, Ledger& out, std::vector<Problem>& problems) {
  const Json* type = s.is_object() && s.contains("type") ? &s["type"] : nullptr;
  if (!type || !type->is_string() || (*type != "full" && *type != "since" && *type != "changes")) {
    problems.push_back({"", "scope",
                        "范围应为 {\"type\": \"full\"}、{\"type\": \"since\", \"since\": \"YYYY-MM-DD\"} 或 "
                        "{\"type\": \"changes\", …}"});
    return false;
  }
  if (*type == "full") {
    out.scope = "full";
    return true;
  }
  if (*type == "since") {
    const Json* since = s.contains("since") ? &s["since"] : nullptr;
    if (!since || !since->is_string() || !core::Date::parse(since->get<std::string>())) {
      problems.push_back({"", "scope.since", "起始日期无效，应为 YYYY-MM-DD"});
      return false;
    }
    out.scope = "since";
    out.since = since->get<std::string>();
    return true;
  }
  ChangeScope c;
  if (auto it = s.find("to"); it != s.end()) {
    if (!it->is_string() || it->get_ref<const std::string&>().size() > 200) {
      problems.push_back({"", "scope.to", "接收单位应为不超过200字节的字符串"});
      return false;
    }
    c.to = it->get<std::string>();
  }
  const bool hasNumber = s.contains("number"), hasAfter = s.contains("after");
  if (hasNumber != hasAfter) {
    problems.push_back({"", hasNumber ? "scope.after" : "scope.number", "number 与 after 应同时给出"});
    return false;
  }
  if (hasNumber) {
    const Json& n = s["number"];
    const Json& a = s["after"];
    if (!n.is_number_integer() || n.get<int64_t>() < 1 || n.get<int64_t>() > 1000000000) {
      problems.push_back({"", "scope.number", "变更文件序号应为正整数"});
      return false;
    }
    if (!a.is_number_integer() || a.get<int64_t>() < 0 || a.get<int64_t>() >= n.get<int64_t>()) {
      problems.push_back({"", "scope.after", "上一个变更文件的序号应为小于本文件序号的非负整数"});
      return false;
    }
    c.number = n.get<int64_t>();
    c.after = a.get<int64_t>();
  }
  out.scope = "changes";
  out.changes = std::move(c);
  return true;
}

} // namespace hz::ledger
