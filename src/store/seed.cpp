// Seed data compiled into the binary (assets/seed): national determination standards with
// clause summaries, and the dictionaries. Standards get fixed ids, origin "seed" and a
// deterministic "seed" history chain, so every office holds identical seed records.
#include "core/embedded.hpp"
#include "store/store_internal.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace hz::store {

namespace {

constexpr int64_t kSeedMillis = 1767225600000; // 2026-01-01T00:00:00Z: stamp of all seed records
const char* const kSeedOrigin = "seed";

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Standards from standards.json: {"standards": [{id, title, issuer, doc_number, year, industry,
// retired, clauses: [{id, article, summary}]}]}.
Result<std::vector<core::Standard>> parseStandards(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("standards") || !j["standards"].is_array()) {
    return Error::make(ErrorCode::Format, "内置判定标准数据格式错误");
  }
  std::vector<core::Standard> out;
  for (const auto& s : j["standards"]) {
    core::Standard st;
    st.meta.id = str(s, "id");
    st.title = str(s, "title");
    st.issuer = str(s, "issuer");
    st.docNumber = str(s, "doc_number");
    st.year = s.value("year", 0);
    st.industry = str(s, "industry");
    st.retired = s.value("retired", false);
    if (auto c = s.find("clauses"); c != s.end() && c->is_array()) {
      for (const auto& cl : *c) st.clauses.push_back({str(cl, "id"), str(cl, "article"), str(cl, "summary")});
    }
    if (st.meta.id.empty()) return Error::make(ErrorCode::Format, "内置判定标准缺少 id: " + st.title);
    out.push_back(std::move(st));
  }
  return out;
}

} // namespace

Status Store::loadSeedData() {
  // [SECTION] Standards: once per database.
  auto done = setting("seed_standards");
  if (!done) return done.error();
  const std::string_view standardsJson = generated::seedAsset("standards.json");
  if (done->empty() && !standardsJson.empty()) {
    auto list = parseStandards(standardsJson);
    if (!list) return list.error();
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    core::IdGenerator eventIds([] { return kSeedMillis; }, 20260101);
    uint32_t counter = 0;
    const std::string at = core::formatTimestamp(kSeedMillis);
    for (auto& s : *list) {
      s.meta.origin = kSeedOrigin;
      s.meta.rev = core::Revision{kSeedMillis, counter++, kSeedOrigin}.toString();
      s.meta.createdAt = at;
      s.meta.updatedAt = at;
      const std::string eventId = eventIds.next();        // drawn even when skipped: ids stay stable
      if (getRecord<core::Standard>(s.meta.id)) continue; // e.g. arrived by import
      if (auto problems = core::validate(s); !problems.empty()) return invalidRecord(std::move(problems));
      if (auto st = table(core::RecordKind::Standard).insert(m_db, s.meta, core::toFields(s)); !st) return st;
      if (auto st = saveClauses(s); !st) return st;
      core::HistoryEvent e;
      e.id = eventId;
      e.recordKind = core::kKindStandard;
      e.recordId = s.meta.id;
      e.action = "create";
      e.actor = "系统";
      e.at = at;
      e.origin = kSeedOrigin;
      e.newRev = s.meta.rev;
      e.changes = core::diffFields(core::toFields(core::Standard{}), core::toFields(s));
      e.note = "内置判定标准";
      if (auto ev = appendEvent(std::move(e)); !ev) return ev.error();
    }
    if (auto st = setSetting("seed_standards", "1"); !st) return st;
    if (auto st = tx->commit(); !st) return st;
  }

  // [SECTION] Dictionaries: values added in newer seed versions are added on upgrade; entries
  // the user renamed (the seed text is now an alias) or retired are left as they are.
  const std::string_view dictJson = generated::seedAsset("dictionaries.json");
  if (dictJson.empty()) return ok();
  auto j = nlohmann::json::parse(dictJson, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error::make(ErrorCode::Format, "内置字典数据格式错误");
  const int version = j.value("version", 1);
  auto have = setting("seed_dictionaries");
  if (!have) return have.error();
  if (!have->empty() && std::atoi(have->c_str()) >= version) return ok();
  const nlohmann::json& dicts = j.contains("dictionaries") ? j["dictionaries"] : j;
  if (!dicts.is_object()) return Error::make(ErrorCode::Format, "内置字典数据格式错误");
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  auto ins = m_db.prepare("INSERT INTO dictionary (kind, value, parent, code, sort) SELECT ?1, ?2, ?3, ?4, ?5 "
                          "WHERE NOT EXISTS (SELECT 1 FROM dictionary_alias WHERE kind = ?1 AND alias = ?2) "
                          "ON CONFLICT(kind, value) DO NOTHING");
  if (!ins) return ins.error();
  for (const auto& entry : dicts.items()) {
    // Plain names, not a structured binding: clang 14 (emscripten) cannot capture bindings in lambdas.
    const std::string kind = entry.key();
    const nlohmann::json& items = entry.value();
    if (!items.is_array()) continue;
    int sort = 0;
    auto add = [&](const std::string& value, const std::string& parent, const std::string& code) -> Status {
      ins->reset();
      ins->bind(1, kind).bind(2, value).bind(3, parent).bind(4, code).bind(5, ++sort);
      return ins->exec();
    };
    for (const auto& item : items) {
      const std::string value = item.is_string() ? item.get<std::string>() : str(item, "value");
      if (value.empty()) continue;
      if (auto s = add(value, item.is_object() ? str(item, "parent") : "", item.is_object() ? str(item, "code") : "");
          !s) {
        return s;
      }
      if (!item.is_object() || !item.contains("children") || !item["children"].is_array()) continue;
      for (const auto& child : item["children"]) {
        const std::string cv = child.is_string() ? child.get<std::string>() : str(child, "value");
        if (cv.empty()) continue;
        if (auto s = add(value + "/" + cv, value, child.is_object() ? str(child, "code") : ""); !s) return s;
      }
    }
  }
  if (auto s = setSetting("seed_dictionaries", std::to_string(version)); !s) return s;
  return tx->commit();
}

} // namespace hz::store
