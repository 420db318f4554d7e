// Generic mapping between records (core::toFields/fromFields, JSON field names) and table rows:
// the column list comes from the record's field table and is checked against the real schema
// (PRAGMA table_info) when the store opens, so SQL is built only from known column names.
#pragma once
#include "core/model.hpp"
#include "core/record_fields.hpp"
#include "core/record_kinds.hpp"
#include "core/result.hpp"
#include "store/sqlite.hpp"

#include <set>
#include <string>
#include <vector>

namespace hz::store {

class RecordTable {
public:
  // `fields`: the record's JSON field names in toFields() order; `notColumns`: fields stored
  // elsewhere (e.g. a standard's clauses). Fails when a field has no column (schema too old).
  static Result<RecordTable> load(Database& db, const std::string& table, const std::vector<std::string>& fields,
                                  const std::set<std::string>& notColumns = {});
  // The table of a record kind, as the registry (core/record_kinds.hpp) describes it.
  static Result<RecordTable> load(Database& db, core::RecordKind kind);

  const std::string& table() const { return m_table; }
  // "a.id, a.origin, a.rev, a.created_at, a.updated_at, a.<field>..." (alias may be empty).
  std::string selectList(const std::string& alias) const;
  int width() const { return 5 + static_cast<int>(m_fields.size()); }
  // "SELECT <selectList> FROM <table> WHERE id = ?1" (built once: the hot read of every edit).
  const std::string& selectByIdSql() const { return m_selectByIdSql; }
  bool hasColumn(const std::string& name) const;

  Status insert(Database& db, const core::RecordMeta& meta, const core::FieldList& fields) const;
  // Updates the row with meta.id; NotFound when there is none.
  Status update(Database& db, const core::RecordMeta& meta, const core::FieldList& fields) const;
  // Reads a row selected with selectList(), starting at column `first`.
  void read(const Statement& st, int first, core::RecordMeta& meta, core::FieldList& fields) const;

private:
  Status bindFields(Statement& st, int first, const core::FieldList& fields) const;

  std::string m_table;
  std::vector<std::string> m_fields; // stored fields, in toFields order
  std::vector<bool> m_integer;       // declared INTEGER (bools are written as 0/1)
  std::set<std::string> m_notColumns;
  std::set<std::string> m_allColumns;
  std::string m_insertSql, m_updateSql, m_selectByIdSql;
};

// Field names of a record kind, in toFields() order.
template <typename T> std::vector<std::string> fieldNames() {
  std::vector<std::string> out;
  for (const auto& f : core::toFields(T{})) out.push_back(f.first);
  return out;
}

// Reads a whole record of type T from a row selected with RecordTable::selectList().
template <typename T> Result<T> readRecord(const RecordTable& t, const Statement& st, int first) {
  T r{};
  core::FieldList fields;
  t.read(st, first, r.meta, fields);
  auto problems = core::fromFields(fields, r);
  if (!problems.empty()) {
    Error e = Error::make(ErrorCode::Format, "数据库中的记录 " + r.meta.id + " 含有无法识别的值");
    e.problems = std::move(problems);
    return e;
  }
  return r;
}

} // namespace hz::store
