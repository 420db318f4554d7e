// Generic record <-> row mapping (see record_rows.hpp).
#include "store/record_rows.hpp"

#include <algorithm>
#include <cctype>

namespace hz::store {

namespace {
const char* const kMetaColumns[] = {"id", "origin", "rev", "created_at", "updated_at"};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
} // namespace

Result<RecordTable> RecordTable::load(Database& db, core::RecordKind kind) {
  const core::RecordKindInfo& k = core::kindInfo(kind);
  std::vector<std::string> fields;
  for (const auto& f : k.fields()) fields.emplace_back(f.name);
  return load(db, k.table, fields, std::set<std::string>(k.storedApart.begin(), k.storedApart.end()));
}

Result<RecordTable> RecordTable::load(Database& db, const std::string& table, const std::vector<std::string>& fields,
                                      const std::set<std::string>& notColumns) {
  RecordTable t;
  t.m_table = table;
  t.m_notColumns = notColumns;
  // table_info takes the table name as an argument of the table-valued function: bound.
  auto st = db.prepare("SELECT name, type FROM pragma_table_info(?1)");
  if (!st) return st.error();
  st->bind(1, table);
  std::vector<std::pair<std::string, std::string>> cols;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    cols.emplace_back(st->getText(0), upper(st->getText(1)));
  }
  for (const auto& c : cols) t.m_allColumns.insert(c.first);
  for (const char* m : kMetaColumns) {
    if (!t.m_allColumns.count(m)) return Error::make(ErrorCode::Internal, "数据表 " + table + " 缺少列 " + m);
  }
  for (const auto& f : fields) {
    if (notColumns.count(f)) continue;
    auto it = std::find_if(cols.begin(), cols.end(), [&](const auto& c) { return c.first == f; });
    if (it == cols.end()) return Error::make(ErrorCode::Internal, "数据表 " + table + " 缺少列 " + f);
    t.m_fields.push_back(f);
    t.m_integer.push_back(it->second.find("INT") != std::string::npos);
  }
  // Column names come from the checked lists above, never from user input.
  std::string cols1 = "id, origin, rev, created_at, updated_at", params = "?1, ?2, ?3, ?4, ?5";
  std::string sets = "origin = ?2, rev = ?3, created_at = ?4, updated_at = ?5";
  for (size_t i = 0; i < t.m_fields.size(); ++i) {
    std::string p = "?"; // (not "?" + ...: GCC 12 -Wrestrict false positive)
    p += std::to_string(i + 6);
    cols1 += ", " + t.m_fields[i];
    params += ", " + p;
    sets += ", " + t.m_fields[i] + " = " + p;
  }
  t.m_insertSql = "INSERT INTO " + table + " (" + cols1 + ") VALUES (" + params + ")";
  t.m_updateSql = "UPDATE " + table + " SET " + sets + " WHERE id = ?1";
  t.m_selectByIdSql = "SELECT " + t.selectList("") + " FROM " + table + " WHERE id = ?1";
  return t;
}

std::string RecordTable::selectList(const std::string& alias) const {
  const std::string p = alias.empty() ? "" : alias + ".";
  std::string s;
  for (const char* m : kMetaColumns) s += (s.empty() ? "" : ", ") + p + m;
  for (const auto& f : m_fields) s += ", " + p + f;
  return s;
}

bool RecordTable::hasColumn(const std::string& name) const { return m_allColumns.count(name) > 0; }

Status RecordTable::bindFields(Statement& st, int first, const core::FieldList& fields) const {
  if (fields.size() -
          std::count_if(fields.begin(), fields.end(), [&](const auto& f) { return m_notColumns.count(f.first) > 0; }) !=
      m_fields.size()) {
    return Error::make(ErrorCode::Internal, "记录字段与数据表 " + m_table + " 不一致");
  }
  size_t i = 0;
  for (const auto& [name, value] : fields) {
    if (m_notColumns.count(name)) continue;
    if (name != m_fields[i]) return Error::make(ErrorCode::Internal, "字段顺序与数据表不一致: " + name);
    const int p = first + static_cast<int>(i);
    if (m_integer[i] && (value == "true" || value == "false"))
      st.bind(p, value == "true");
    else
      st.bind(p, value); // column affinity turns numeric text into INTEGER/REAL
    ++i;
  }
  return ok();
}

Status RecordTable::insert(Database& db, const core::RecordMeta& m, const core::FieldList& fields) const {
  auto st = db.cached(m_insertSql);
  if (!st) return st.error();
  (*st)->bind(1, m.id).bind(2, m.origin).bind(3, m.rev).bind(4, m.createdAt).bind(5, m.updatedAt);
  if (auto s = bindFields(**st, 6, fields); !s) return s;
  return (*st)->exec();
}

Status RecordTable::update(Database& db, const core::RecordMeta& m, const core::FieldList& fields) const {
  auto st = db.cached(m_updateSql);
  if (!st) return st.error();
  (*st)->bind(1, m.id).bind(2, m.origin).bind(3, m.rev).bind(4, m.createdAt).bind(5, m.updatedAt);
  if (auto s = bindFields(**st, 6, fields); !s) return s;
  if (auto s = (*st)->exec(); !s) return s;
  if (db.changes() == 0) return Error::make(ErrorCode::NotFound, "记录不存在: " + m.id);
  return ok();
}

void RecordTable::read(const Statement& st, int first, core::RecordMeta& m, core::FieldList& fields) const {
  m.id = st.getText(first);
  m.origin = st.getText(first + 1);
  m.rev = st.getText(first + 2);
  m.createdAt = st.getText(first + 3);
  m.updatedAt = st.getText(first + 4);
  fields.clear();
  fields.reserve(m_fields.size());
  for (size_t i = 0; i < m_fields.size(); ++i) {
    const int c = first + 5 + static_cast<int>(i);
    if (st.type(c) == ValueType::Real)
      fields.emplace_back(m_fields[i], core::formatNumber(st.getDouble(c)));
    else
      fields.emplace_back(m_fields[i], st.getText(c));
  }
}

} // namespace hz::store
