// Editable dictionaries (industries, townships, sources, methods, ...): add, rename (the former
// text stays as an alias so records keep matching), retire (hidden from pickers, records kept).
#include "store/store_internal.hpp"

#include <algorithm>

namespace hz::store {

namespace {
const char* const kEntryColumns = "id, kind, value, parent, code, sort, retired";
std::string dictRecordId(const DictionaryEntry& d) { return d.kind + ":" + std::to_string(d.id); }
} // namespace

Result<DictionaryEntry> Store::getDictionaryEntry(int64_t id) {
  auto st = m_db.cached(std::string("SELECT ") + kEntryColumns + " FROM dictionary WHERE id = ?1");
  if (!st) return st.error();
  (*st)->bind(1, id);
  auto r = (*st)->step();
  if (!r) return r.error();
  if (!r.value()) return Error::make(ErrorCode::NotFound, "找不到该字典项");
  DictionaryEntry d{(*st)->getInt(0),      (*st)->getText(1),
                    (*st)->getText(2),     (*st)->getText(3),
                    (*st)->getText(4),     static_cast<int>((*st)->getInt(5)),
                    (*st)->getInt(6) != 0, {}};
  (*st)->reset();
  auto al = m_db.cached("SELECT alias FROM dictionary_alias WHERE dictionary_id = ?1 ORDER BY alias");
  if (!al) return al.error();
  (*al)->bind(1, id);
  for (;;) {
    auto a = (*al)->step();
    if (!a) return a.error();
    if (!a.value()) break;
    d.aliases.push_back((*al)->getText(0));
  }
  return d;
}

Result<std::vector<DictionaryEntry>> Store::dictionary(const std::string& kind, bool includeRetired) {
  auto st = m_db.prepare(std::string("SELECT id FROM dictionary WHERE kind = ?1") +
                         (includeRetired ? "" : " AND retired = 0") + " ORDER BY sort, id");
  if (!st) return st.error();
  st->bind(1, kind);
  std::vector<int64_t> ids;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    ids.push_back(st->getInt(0));
  }
  std::vector<DictionaryEntry> out;
  for (int64_t id : ids) {
    auto d = getDictionaryEntry(id);
    if (!d) return d.error();
    out.push_back(std::move(d.value()));
  }
  return out;
}

Result<std::vector<std::string>> Store::dictionaryKinds() {
  auto st = m_db.prepare("SELECT DISTINCT kind FROM dictionary ORDER BY kind");
  if (!st) return st.error();
  std::vector<std::string> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.push_back(st->getText(0));
  }
  return out;
}

Result<std::vector<std::string>> Store::dictionaryEquivalents(const std::string& kind, const std::string& value) {
  auto st = m_db.cached("SELECT id FROM dictionary WHERE kind = ?1 AND value = ?2 UNION ALL "
                        "SELECT dictionary_id FROM dictionary_alias WHERE kind = ?1 AND alias = ?2 LIMIT 1");
  if (!st) return st.error();
  (*st)->bind(1, kind).bind(2, value);
  auto r = (*st)->step();
  if (!r) return r.error();
  if (!r.value()) return std::vector<std::string>{value};
  const int64_t id = (*st)->getInt(0);
  (*st)->reset();
  auto d = getDictionaryEntry(id);
  if (!d) return d.error();
  std::vector<std::string> out{d->value};
  out.insert(out.end(), d->aliases.begin(), d->aliases.end());
  return out;
}

Result<DictionaryEntry> Store::addDictionaryEntry(const std::string& kind, const std::string& value,
                                                  const std::string& parent, const std::string& code,
                                                  const std::string& actor) {
  if (kind.empty()) return Error::invalid("字典类别不能为空");
  // A child is stored as "上级/下级": the rules are for its own part.
  const std::string prefix = parent.empty() ? std::string() : parent + "/";
  const std::string own = !prefix.empty() && value.rfind(prefix, 0) == 0 ? value.substr(prefix.size()) : value;
  if (auto why = core::checkDictionaryName(own); !why.empty()) return Error::invalid(why);
  const bool township = kind == kDictTownship;
  if (township) {
    if (auto why = core::checkTownshipCode(code); !why.empty()) return Error::invalid(why);
  }
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  if (township) {
    auto holder = m_db.cached("SELECT value FROM dictionary WHERE kind = ?1 AND code = ?2");
    if (!holder) return holder.error();
    (*holder)->bind(1, kind).bind(2, code);
    auto row = (*holder)->step();
    if (!row) return row.error();
    if (row.value())
      return Error::make(ErrorCode::Conflict, "区划代码 " + code + " 已属于“" + (*holder)->getText(0) + "”");
  }
  auto same = dictionaryEquivalents(kind, value);
  if (!same) return same.error();
  if (same->size() > 1 || same->front() != value) {
    return Error::make(ErrorCode::Conflict, "“" + value + "”是已有字典项“" + same->front() + "”的曾用名");
  }
  auto st = m_db.cached("INSERT INTO dictionary (kind, value, parent, code, sort) VALUES (?1, ?2, ?3, ?4, "
                        "coalesce((SELECT max(sort) FROM dictionary WHERE kind = ?1), 0) + 1)");
  if (!st) return st.error();
  (*st)->bind(1, kind).bind(2, value).bind(3, parent).bind(4, code);
  if (auto s = (*st)->exec(); !s) {
    if (s.error().code == ErrorCode::Conflict) return Error::make(ErrorCode::Conflict, "字典项“" + value + "”已存在");
    return s.error();
  }
  auto d = getDictionaryEntry(m_db.lastInsertRowid());
  if (!d) return d.error();
  core::HistoryEvent e;
  e.recordKind = core::kKindDictionary;
  e.recordId = dictRecordId(*d);
  e.action = "create";
  e.actor = actor;
  e.changes = {{"kind", "", kind}, {"value", "", value}};
  if (!parent.empty()) e.changes.push_back({"parent", "", parent});
  if (!code.empty()) e.changes.push_back({"code", "", code});
  if (auto ev = appendEvent(std::move(e)); !ev) return ev.error();
  if (auto s = tx->commit(); !s) return s.error();
  return d;
}

Result<DictionaryEntry> Store::renameDictionaryEntry(int64_t id, const std::string& newValue,
                                                     const std::string& actor) {
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  auto d = getDictionaryEntry(id);
  if (!d) return d.error();
  const std::string prefix = d->parent.empty() ? std::string() : d->parent + "/";
  if (!prefix.empty() && newValue.rfind(prefix, 0) != 0)
    return Error::invalid("下级字典项改名后仍应以“" + prefix + "”开头");
  if (auto why = core::checkDictionaryName(newValue.substr(prefix.size())); !why.empty()) return Error::invalid(why);
  if (d->value == newValue) return d;
  auto same = dictionaryEquivalents(d->kind, newValue);
  if (!same) return same.error();
  const bool formerName = std::find(d->aliases.begin(), d->aliases.end(), newValue) != d->aliases.end();
  if (!formerName && (same->size() > 1 || same->front() != newValue)) {
    return Error::make(ErrorCode::Conflict, "“" + newValue + "”已被字典项“" + same->front() + "”使用");
  }
  auto del = m_db.cached("DELETE FROM dictionary_alias WHERE kind = ?1 AND alias = ?2");
  if (!del) return del.error();
  (*del)->bind(1, d->kind).bind(2, newValue);
  if (auto s = (*del)->exec(); !s) return s.error();
  auto alias = m_db.cached("INSERT OR IGNORE INTO dictionary_alias (kind, alias, dictionary_id) VALUES (?1, ?2, ?3)");
  if (!alias) return alias.error();
  (*alias)->bind(1, d->kind).bind(2, d->value).bind(3, id);
  if (auto s = (*alias)->exec(); !s) return s.error();
  auto up = m_db.cached("UPDATE dictionary SET value = ?2 WHERE id = ?1");
  if (!up) return up.error();
  (*up)->bind(1, id).bind(2, newValue);
  if (auto s = (*up)->exec(); !s) {
    if (s.error().code == ErrorCode::Conflict)
      return Error::make(ErrorCode::Conflict, "字典项“" + newValue + "”已存在");
    return s.error();
  }
  core::HistoryEvent e;
  e.recordKind = core::kKindDictionary;
  e.recordId = dictRecordId(*d);
  e.action = "rename";
  e.actor = actor;
  e.changes = {{"value", d->value, newValue}};
  if (auto ev = appendEvent(std::move(e)); !ev) return ev.error();
  if (auto s = tx->commit(); !s) return s.error();
  return getDictionaryEntry(id);
}

Result<DictionaryEntry> Store::retireDictionaryEntry(int64_t id, bool retired, const std::string& actor) {
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  auto d = getDictionaryEntry(id);
  if (!d) return d.error();
  if (d->retired == retired) return d;
  auto up = m_db.cached("UPDATE dictionary SET retired = ?2 WHERE id = ?1");
  if (!up) return up.error();
  (*up)->bind(1, id).bind(2, retired);
  if (auto s = (*up)->exec(); !s) return s.error();
  core::HistoryEvent e;
  e.recordKind = core::kKindDictionary;
  e.recordId = dictRecordId(*d);
  e.action = retired ? "retire" : "restore";
  e.actor = actor;
  e.changes = {{"retired", d->retired ? "true" : "false", retired ? "true" : "false"}};
  if (auto ev = appendEvent(std::move(e)); !ev) return ev.error();
  if (auto s = tx->commit(); !s) return s.error();
  d->retired = retired;
  return d;
}

} // namespace hz::store
