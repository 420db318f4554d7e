// Determination standards (判定标准) and their clauses: a standard row plus ordered clause rows,
// changed together with one history event (the clause list is one field of the diff).
#include "store/store_internal.hpp"

namespace hz::store {

Status Store::saveClauses(const core::Standard& s) {
  auto del = m_db.cached("DELETE FROM clause WHERE standard_id = ?1");
  if (!del) return del.error();
  (*del)->bind(1, s.meta.id);
  if (auto st = (*del)->exec(); !st) return st;
  auto ins = m_db.cached(
      "INSERT INTO clause (id, standard_id, ord, article, summary, retired) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!ins) return ins.error();
  int ord = 0;
  for (const auto& c : s.clauses) {
    (*ins)->reset();
    (*ins)->bind(1, c.id).bind(2, s.meta.id).bind(3, ord++).bind(4, c.article).bind(5, c.summary).bind(6, c.retired);
    if (auto st = (*ins)->exec(); !st) {
      if (st.error().code == ErrorCode::Conflict) {
        return Error::make(ErrorCode::Conflict, "条款ID重复: " + c.id + "（" + c.article + "）");
      }
      return st;
    }
  }
  return ok();
}

Result<core::Standard> Store::loadClauses(core::Standard s) {
  auto st = m_db.cached("SELECT id, article, summary, retired FROM clause WHERE standard_id = ?1 ORDER BY ord");
  if (!st) return st.error();
  (*st)->bind(1, s.meta.id);
  s.clauses.clear();
  for (;;) {
    auto r = (*st)->step();
    if (!r) return r.error();
    if (!r.value()) break;
    s.clauses.push_back({(*st)->getText(0), (*st)->getText(1), (*st)->getText(2), (*st)->getInt(3) != 0});
  }
  return s;
}

Result<std::vector<Store::Citation>> Store::standardCitations() {
  auto st = m_db.prepare("SELECT standard_id, clause_ref, count(*) FROM hazard WHERE standard_id <> '' "
                         "GROUP BY standard_id, clause_ref");
  if (!st) return st.error();
  std::vector<Citation> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.push_back({st->getText(0), st->getText(1), st->getInt(2)});
  }
  return out;
}

Result<core::Standard> Store::createStandard(core::Standard s, const std::string& actor, const std::string& note) {
  for (auto& c : s.clauses) {
    if (c.id.empty()) c.id = m_ids->next();
  }
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  auto r = createRecord(std::move(s), actor, note);
  if (!r) return r.error();
  if (auto st = saveClauses(*r); !st) return st.error();
  if (auto st = tx->commit(); !st) return st.error();
  return r;
}

Result<core::Standard> Store::updateStandard(core::Standard s, const std::string& actor, const std::string& note) {
  for (auto& c : s.clauses) {
    if (c.id.empty()) c.id = m_ids->next();
  }
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  auto r = updateRecord(std::move(s), actor, note);
  if (!r) return r.error();
  if (auto st = saveClauses(*r); !st) return st.error();
  if (auto st = tx->commit(); !st) return st.error();
  return r;
}

Result<core::Standard> Store::getStandard(const std::string& id) {
  auto r = getRecord<core::Standard>(id);
  if (!r) return r.error();
  return loadClauses(std::move(r.value()));
}

Result<std::vector<core::Standard>> Store::listStandards(bool includeRetired) {
  return withClauses(listRecords<core::Standard>(includeRetired ? "" : "retired = 0", "industry, year DESC, id", {}));
}

Result<std::vector<core::Standard>> Store::withClauses(Result<std::vector<core::Standard>> list) {
  if (!list) return list.error();
  for (auto& s : *list) {
    auto full = loadClauses(std::move(s));
    if (!full) return full.error();
    s = std::move(full.value());
  }
  return list;
}

} // namespace hz::store
