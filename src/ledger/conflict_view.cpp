// Merge conflicts described for people (see conflict_view.hpp).
#include "ledger/conflict_view.hpp"

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/record_fields.hpp"
#include "core/text.hpp"
#include "ledger/exchange.hpp"
#include "ledger/record_json.hpp"
#include "ledger/resolve.hpp"

#include <map>

namespace hz::ledger {

namespace {

std::string chinaTime(const std::string& utc) {
  auto ms = core::parseTimestamp(utc);
  if (!ms) return utc;
  const std::string t = core::formatTimestamp(*ms + 8 * 3600000LL);
  return t.substr(0, 10) + " " + t.substr(11, 8);
}

class Describer {
public:
  explicit Describer(store::Store& db) : m_db(db) {}

  Status init() {
    auto offices = m_db.knownOffices();
    if (!offices) return offices.error();
    m_offices = std::move(offices.value());
    auto st = m_db.db().prepare("SELECT actor, at, origin FROM history_event WHERE record_id = ?1 AND "
                                "record_kind = ?2 AND new_rev = ?3 ORDER BY seq LIMIT 1");
    if (!st) return st.error();
    m_maker = std::move(st.value());
    return ok();
  }

  std::string officeName(const std::string& id) const {
    auto it = m_offices.find(id);
    return it != m_offices.end() && !it->second.name.empty() ? it->second.name : id;
  }

  // Who made a version: its history event, or (when the event did not travel here) the stamp.
  Result<ConflictVersion> version(Kind kind, Record record) {
    ConflictVersion v;
    v.rev = record.meta.rev;
    m_maker.reset();
    m_maker.bind(1, record.meta.id).bind(2, std::string(kindName(kind))).bind(3, v.rev);
    auto r = m_maker.step();
    if (!r) return r.error();
    if (r.value()) {
      v.actor = m_maker.getText(0);
      v.at = chinaTime(m_maker.getText(1));
      v.officeId = m_maker.getText(2);
    } else if (auto rev = core::Revision::parse(v.rev)) {
      v.at = chinaTime(core::formatTimestamp(rev->millis));
      v.officeId = rev->office;
    }
    m_maker.reset();
    v.officeName = officeName(v.officeId);
    v.record = std::move(record);
    return v;
  }

  std::string enterpriseLabel(const std::string& id) {
    if (id.empty()) return {};
    auto e = m_db.getEnterprise(id);
    return e ? e->name : std::string();
  }

  std::string title(Kind kind, const Record& r) {
    auto f = [&](const char* name) { return core::fieldValue(r.fields, name); };
    auto join = [](std::initializer_list<std::string> parts) {
      std::string out;
      for (const auto& p : parts) {
        if (p.empty()) continue;
        out += (out.empty() ? "" : " · ") + p;
      }
      return out;
    };
    switch (kind) {
    case Kind::Hazard:
      return join({f("number"), enterpriseLabel(f("enterprise_id")), core::shortText(f("description"), 20)});
    case Kind::Enterprise:
      return join({f("name"), f("uscc")});
    case Kind::Inspection:
      return join({f("date"), enterpriseLabel(f("enterprise_id"))});
    case Kind::WorkInjury:
      return join({f("date"), f("enterprise_name"), core::shortText(f("description"), 20)});
    case Kind::Standard:
      return join({f("doc_number"), f("title")});
    }
    return r.meta.id;
  }

private:
  store::Store& m_db;
  std::map<std::string, store::KnownOffice> m_offices;
  store::Statement m_maker;
};

} // namespace

std::string displayValue(const std::string& value) {
  if (value.empty()) return "（空）";
  if (value == "true") return "是";
  if (value == "false") return "否";
  return value;
}

Result<std::vector<ConflictView>> describeConflicts(store::Store& db, bool openOnly) {
  auto stored = store::listConflicts(db, openOnly);
  if (!stored) return stored.error();
  Describer d(db);
  if (auto s = d.init(); !s) return s.error();
  std::vector<ConflictView> out;
  out.reserve(stored->size());
  for (auto& sc : stored.value()) {
    ConflictView v;
    if (!kindFromName(sc.recordKind, v.kind))
      return Error::make(ErrorCode::Format, "冲突的记录类型无效：" + sc.recordKind);
    auto cur = storedRecord(db, v.kind, sc.recordId);
    if (!cur) return cur.error();
    auto loserVersion = conflictLoser(sc);
    if (!loserVersion) return loserVersion.error();
    Record loser = std::move(loserVersion.value());
    const std::string kind = kindName(v.kind);
    for (const auto& c : core::diffFields(cur->fields, loser.fields)) {
      v.fields.push_back({c.field, core::fieldLabel(kind, c.field), c.oldValue, c.newValue});
    }
    v.title = d.title(v.kind, cur.value());
    auto current = d.version(v.kind, std::move(cur.value()));
    if (!current) return current.error();
    v.current = std::move(current.value());
    auto other = d.version(v.kind, std::move(loser));
    if (!other) return other.error();
    v.other = std::move(other.value());
    v.sourceOffice = d.officeName(sc.source);
    v.sourceFile = sc.sourceFile;
    v.stored = std::move(sc);
    out.push_back(std::move(v));
  }
  return out;
}

std::string conflictText(const ConflictView& v) {
  auto who = [](const ConflictVersion& c) {
    std::string s = c.at + "，" + c.officeName;
    if (!c.actor.empty()) s += "，" + c.actor;
    return s;
  };
  std::string s = std::string(kindLabel(v.kind)) + " " + v.title + "\n";
  s += "  当前版本（保留）：" + who(v.current) + "\n";
  s += "  另一版本：" + who(v.other) + "\n";
  for (const auto& f : v.fields) {
    s += "  " + f.label + "：" + displayValue(f.current) + " ｜ 另一版本：" + displayValue(f.other) + "\n";
  }
  if (v.fields.empty()) s += "  两个版本的内容相同（只有修改时间不同）\n";
  s += "  来源：" + v.sourceOffice + (v.sourceFile.empty() ? std::string() : "，文件 " + v.sourceFile) + "\n";
  if (!v.stored.resolvedAt.empty()) {
    s += std::string("  已处理：") + (v.stored.resolution == "reversed" ? "改用另一版本" : "确认保留当前版本") + "（" +
         v.stored.resolvedBy + "，" + chinaTime(v.stored.resolvedAt) + "）\n";
  }
  s += "  冲突ID：" + v.stored.id + "\n";
  return s;
}

} // namespace hz::ledger
