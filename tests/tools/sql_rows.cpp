// sql_rows: runs one SQL statement on a database file with the project's SQLite (the system's
// may be too old for its schema) and prints the rows as a JSON array of arrays. For tests that
// check the reports against their own, straight SQL (tests/cli/cli_reports.py).
// Usage: sql_rows DB "SQL" [text parameter ?1 ?2 ...]
#include "store/sqlite.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: sql_rows DB SQL [PARAM...]\n");
    return 2;
  }
  hz::store::OpenOptions o;
  o.create = false;
  auto db = hz::store::Database::open(argv[1], o);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().describe().c_str());
    return 1;
  }
  auto st = db->prepare(argv[2]);
  if (!st) {
    std::fprintf(stderr, "%s\n", st.error().describe().c_str());
    return 1;
  }
  for (int i = 3; i < argc; ++i) st->bind(i - 2, std::string_view(argv[i]));
  nlohmann::json rows = nlohmann::json::array();
  auto s = hz::store::forEachRow(*st, [&](const hz::store::Statement& row) {
    nlohmann::json r = nlohmann::json::array();
    for (int c = 0; c < row.columnCount(); ++c) {
      switch (row.type(c)) {
      case hz::store::ValueType::Integer:
        r.push_back(row.getInt(c));
        break;
      case hz::store::ValueType::Real:
        r.push_back(row.getDouble(c));
        break;
      case hz::store::ValueType::Null:
        r.push_back(nullptr);
        break;
      default:
        r.push_back(row.getText(c));
        break;
      }
    }
    rows.push_back(std::move(r));
  });
  if (!s) {
    std::fprintf(stderr, "%s\n", s.error().describe().c_str());
    return 1;
  }
  std::printf("%s\n", rows.dump().c_str());
  return 0;
}
