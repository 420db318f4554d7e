// Store internals shared by the repository .cpp files: the generic create/update/get/list of a
// record kind (validate, stamp, write the row, append the history event, one transaction).
#pragma once
#include "core/record_fields.hpp"
#include "core/validation.hpp"
#include "store/store.hpp"

#include <type_traits>

namespace hz::store {

inline Error invalidRecord(std::vector<Problem> problems) {
  return Error::invalid("记录填写有误，请按提示修改", std::move(problems));
}

template <typename T> Result<T> Store::createRecord(T r, const std::string& actor, const std::string& note) {
  const RecordTable& t = table(core::kindOf<T>());
  r.meta = newMeta(r.meta.id);
  if (auto problems = core::validate(r); !problems.empty()) return invalidRecord(std::move(problems));
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  if (auto s = t.insert(m_db, r.meta, core::toFields(r)); !s) return s.error();
  core::HistoryEvent e;
  e.recordKind = core::kindInfo(core::kindOf<T>()).name;
  e.recordId = r.meta.id;
  e.action = "create";
  e.actor = actor;
  e.at = r.meta.updatedAt;
  e.newRev = r.meta.rev;
  e.changes = core::diffFields(core::toFields(T{}), core::toFields(r));
  e.note = note;
  if (auto ev = appendEvent(std::move(e)); !ev) return ev.error();
  if (auto s = tx->commit(); !s) return s.error();
  return r;
}

template <typename T> Result<T> Store::updateRecord(T r, const std::string& actor, const std::string& note) {
  const RecordTable& t = table(core::kindOf<T>());
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  auto old = getRecord<T>(r.meta.id);
  if (!old) return old.error();
  if constexpr (std::is_same_v<T, core::Standard>) {
    old = loadClauses(std::move(old.value())); // the clause list is part of the diff
    if (!old) return old.error();
  }
  if (auto s = checkRev(old->meta, r.meta.rev, r.meta.id); !s) return s.error();
  r.meta = touchedMeta(old->meta);
  if (auto problems = core::validate(r); !problems.empty()) return invalidRecord(std::move(problems));
  auto changes = core::diffFields(core::toFields(*old), core::toFields(r));
  if (changes.empty()) return *old; // nothing changed: no new revision, no event
  if (auto s = t.update(m_db, r.meta, core::toFields(r)); !s) return s.error();
  core::HistoryEvent e;
  e.recordKind = core::kindInfo(core::kindOf<T>()).name;
  e.recordId = r.meta.id;
  e.action = "update";
  e.actor = actor;
  e.at = r.meta.updatedAt;
  e.prevRev = old->meta.rev;
  e.newRev = r.meta.rev;
  e.changes = std::move(changes);
  e.note = note;
  if (auto ev = appendEvent(std::move(e)); !ev) return ev.error();
  if (auto s = tx->commit(); !s) return s.error();
  return r;
}

template <typename T> Result<T> Store::getRecord(const std::string& id) {
  const RecordTable& t = table(core::kindOf<T>());
  auto st = m_db.cached(t.selectByIdSql());
  if (!st) return st.error();
  (*st)->bind(1, id);
  auto r = (*st)->step();
  if (!r) return r.error();
  if (!r.value()) return Error::make(ErrorCode::NotFound, "找不到记录: " + id);
  return readRecord<T>(t, **st, 0);
}

// `where` and `orderBy` are fixed SQL fragments from our code; `arg` (if used) is bound as ?1.
template <typename T>
Result<std::vector<T>> Store::listRecords(const std::string& where, const std::string& orderBy,
                                          const std::string& arg) {
  const RecordTable& t = table(core::kindOf<T>());
  std::string sql = "SELECT " + t.selectList("") + " FROM " + t.table();
  if (!where.empty()) sql += " WHERE " + where;
  if (!orderBy.empty()) sql += " ORDER BY " + orderBy;
  auto st = m_db.prepare(sql);
  if (!st) return st.error();
  if (sql.find("?1") != std::string::npos) st->bind(1, arg);
  std::vector<T> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    auto rec = readRecord<T>(t, *st, 0);
    if (!rec) return rec.error();
    out.push_back(std::move(rec.value()));
  }
  return out;
}

} // namespace hz::store
