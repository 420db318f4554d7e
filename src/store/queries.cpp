// Hazard list queries (filter → WHERE with bound values; sort by whitelisted columns only),
// full-text search (FTS5 trigram for ≥3 characters, escaped LIKE below) and the dossier.
// Statistics over the same filter are in src/report/.
#include "store/queries.hpp"

#include "core/hazard_number.hpp"
#include "core/overdue.hpp"
#include "core/validation.hpp"
#include "core/workflow.hpp"
#include "store/queries_internal.hpp"

#include <set>

namespace hz::store {

std::string trigramQuery(std::string_view text) {
  std::vector<size_t> starts; // byte offset of each code point
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(text.size());
  const size_t n = starts.size() - 1; // code points (>= 3)
  std::string q;
  auto add = [&](size_t k) {
    q += q.empty() ? "\"" : " \"";
    for (size_t i = starts[k]; i < starts[k + 3]; ++i)
      q += text[i] == '"' ? std::string("\"\"") : std::string(1, text[i]);
    q += '"';
  };
  // Non-overlapping trigrams cover the text; the last one reaches its end.
  for (size_t k = 0; k + 3 <= n; k += 3) add(k);
  if (n % 3 != 0) add(n - 3);
  return q;
}

int Where::arg(std::string value) {
  args.push_back(std::move(value));
  return static_cast<int>(args.size());
}

std::string Where::p(std::string value) { return "?" + std::to_string(arg(std::move(value))); }

void Where::bindAll(Statement& st) const {
  for (size_t i = 0; i < args.size(); ++i) st.bind(static_cast<int>(i + 1), args[i]);
}

std::string Where::clause() const {
  std::string s;
  for (const auto& c : conds) s += (s.empty() ? " WHERE " : " AND ") + c;
  return s;
}

Result<std::string> industryCondition(Store& store, const std::string& column, const std::string& industry, Where& w) {
  auto names = store.dictionaryEquivalents("industry", industry);
  if (!names) return names.error();
  std::string c;
  for (const auto& n : *names) {
    if (!c.empty()) c += " OR ";
    c += column + " = " + w.p(n) + " OR " + column + " LIKE " + w.p(escapeLike(n) + "/%") + " ESCAPE '\\'";
  }
  return "(" + c + ")";
}

Result<Where> buildWhere(Store& store, const HazardFilter& f, const core::Date& today) {
  Where w;
  if (!f.divisionPrefix.empty()) {
    // A range on the indexed column; "\xFF" never occurs in UTF-8, so it bounds every extension.
    const std::string lo = w.p(f.divisionPrefix);
    w.conds.push_back("h.division_code >= " + lo + " AND h.division_code < " + w.p(f.divisionPrefix + "\xFF"));
  }
  if (!f.industry.empty()) {
    auto c = industryCondition(store, "h.industry", f.industry, w);
    if (!c) return c.error();
    w.conds.push_back(std::move(c.value()));
  }
  if (!f.department.empty()) w.conds.push_back("h.responsible_department = " + w.p(f.department));
  if (f.level) w.conds.push_back("h.level = " + w.p(core::toChinese(*f.level)));
  if (f.review) w.conds.push_back("h.review = " + w.p(core::toChinese(*f.review)));
  if (f.foreignOnly) w.conds.push_back("h.origin <> " + w.p(store.office().id));
  if (!f.statuses.empty()) {
    std::string c;
    for (auto s : f.statuses) c += (c.empty() ? "" : ", ") + w.p(core::toChinese(s));
    w.conds.push_back("h.status IN (" + c + ")");
  }
  if (!f.source.empty()) {
    auto names = store.dictionaryEquivalents("source", f.source);
    if (!names) return names.error();
    std::string c;
    for (const auto& n : *names) c += (c.empty() ? "" : ", ") + w.p(n);
    w.conds.push_back("h.source IN (" + c + ")");
  }
  if (f.overdue) {
    const std::string e = core::overdueSql("h", w.arg(today.toString()));
    w.conds.push_back(*f.overdue ? e : "NOT " + e);
  }
  if (!f.foundFrom.empty()) w.conds.push_back("h.found_date >= " + w.p(f.foundFrom));
  if (!f.foundTo.empty()) w.conds.push_back("h.found_date <= " + w.p(f.foundTo));
  if (!f.enterpriseId.empty()) w.conds.push_back("h.enterprise_id = " + w.p(f.enterpriseId));
  if (!f.text.empty()) {
    // Substring match (LIKE, ASCII case folded) over the hazard's text, or its enterprise's name
    // (5k names: scanned). From 3 characters the trigram index first narrows the candidates:
    // with detail=none it cannot check adjacency, so a row must hold the chosen trigrams and
    // then pass the LIKE (the index folds case at least as widely as LIKE: never a miss).
    const std::string p = w.p("%" + escapeLike(f.text) + "%");
    const std::string like = " LIKE " + p + " ESCAPE '\\'";
    const std::string own = "(h.description" + like + " OR h.location" + like + " OR h.measures" + like + ")";
    // A code as people paste it (spaces, full-width characters, lower case) — a hazard number,
    // whole or its tail ("0023", "KQTM-0023"), read from the covering index; or the firm's USCC.
    std::string firmCond = "name" + like;
    std::string number;
    if (const std::string code = core::normalizeUscc(f.text); core::looksLikeNumberQuery(code)) {
      number = "h.number LIKE " + w.p("%" + escapeLike(code)) + " ESCAPE '\\' OR ";
      firmCond += " OR uscc LIKE " + w.p("%" + escapeLike(code) + "%") + " ESCAPE '\\'";
    }
    const std::string firm = "h.enterprise_id IN (SELECT id FROM enterprise WHERE " + firmCond + ")";
    if (utf8Length(f.text) >= 3) {
      w.conds.push_back("(" + number + firm + " OR (h.rid IN (SELECT rowid FROM hazard_fts WHERE hazard_fts MATCH " +
                        w.p(trigramQuery(f.text)) + ") AND " + own + "))");
    } else {
      w.conds.push_back("(" + number + firm + " OR " + own + ")"); // the cheap test first
    }
  }
  return w;
}

namespace {

// Columns of the covering index hazard_list (migration v4).
bool inListIndex(const std::string& column) {
  static const std::set<std::string> kColumns = {"level",         "status", "deadline",    "division_code",
                                                 "industry",      "source", "found_date",  "review",
                                                 "enterprise_id", "number", "closed_date", "responsible_department"};
  return kColumns.count(column) != 0;
}

} // namespace

// A scan of the 150-byte entries costs ~10 ms at 100k hazards; left to itself the planner
// sometimes walks a single-column index in sort order and visits the table for every row it then
// rejects (10x slower). For an unfiltered page that walk is right (it stops after one page).
// Text, origin and single-enterprise filters keep the planner's choice: FTS and hazard_enterprise
// are better there.
std::string listIndexHint(const HazardFilter& f, const Where& w, Scan scan, const std::string& sortColumn) {
  if (scan == Scan::Page && w.conds.empty()) return {};
  const bool covered = f.text.empty() && !f.foreignOnly && f.enterpriseId.empty() &&
                       (sortColumn.empty() || sortColumn == "enterprise_name" || inListIndex(sortColumn));
  return covered ? " INDEXED BY hazard_list" : "";
}

std::vector<std::string> sortableHazardColumns(Store& store) {
  std::vector<std::string> out;
  for (const auto& f : fieldNames<core::Hazard>()) {
    if (QueryAccess::hazards(store).hasColumn(f)) out.push_back(f);
  }
  for (const char* m : {"created_at", "updated_at", "enterprise_name"}) out.push_back(m);
  return out;
}

namespace {

// The ORDER BY expression of a sort column, or "" when the name is not allowed.
std::string sortExpr(Store& store, const std::string& column) {
  if (column == "status") {
    return "CASE h.status WHEN '待整改' THEN 0 WHEN '整改中' THEN 1 WHEN '待验收' THEN 2 WHEN '已销号' THEN 3 ELSE 4 "
           "END";
  }
  if (column == "level") return "CASE h.level WHEN '一般隐患' THEN 0 WHEN '重大隐患' THEN 1 ELSE 2 END";
  if (column == "supervision")
    return "CASE h.supervision WHEN '无' THEN 0 WHEN '县' THEN 1 WHEN '市' THEN 2 WHEN '省' THEN 3 ELSE 4 END";
  if (column == "review")
    return "CASE h.review WHEN '未上报' THEN 0 WHEN '待审核' THEN 1 WHEN '审核通过' THEN 2 WHEN '退回' THEN 3 ELSE 4 "
           "END";
  if (column == "enterprise_name") return "coalesce(e.name, '')";
  for (const auto& c : sortableHazardColumns(store)) {
    if (c == column) return "h." + c; // a name from our own list, not the caller's text
  }
  return {};
}

} // namespace

std::optional<int64_t> QueryAccess::recalledCount(Store& s, const std::string& key, int64_t stamp) {
  for (const auto& m : s.m_countMemo) {
    if (m.stamp == stamp && m.key == key) return m.count;
  }
  return std::nullopt;
}

void QueryAccess::rememberCount(Store& s, const std::string& key, int64_t stamp, int64_t count) {
  auto& slot = s.m_countMemo[s.m_countMemoNext++ % s.m_countMemo.size()];
  slot = {key, stamp, count};
}

namespace {

// The count statement of a filter and its memo key (the SQL and every bound value).
struct CountQuery {
  std::string sql, key;
};

CountQuery countQuery(const HazardFilter& filter, const Where& w) {
  CountQuery q;
  q.sql = "SELECT count(*) FROM hazard h" + listIndexHint(filter, w, Scan::Page) + w.clause();
  q.key = q.sql;
  for (const auto& a : w.args) q.key += '\x1f' + a;
  return q;
}

Result<int64_t> runCount(Store& store, const CountQuery& q, const Where& w, int64_t stamp) {
  auto st = QueryAccess::db(store).cached(q.sql);
  if (!st) return st.error();
  w.bindAll(**st);
  auto r = (*st)->step();
  if (!r) return r.error();
  const int64_t n = (*st)->getInt(0);
  QueryAccess::rememberCount(store, q.key, stamp, n);
  return n;
}

} // namespace

Result<int64_t> countHazards(Store& store, const HazardFilter& filter, const core::Date& today) {
  auto w = buildWhere(store, filter, today);
  if (!w) return w.error();
  auto stamp = QueryAccess::db(store).dataStamp();
  if (!stamp) return stamp.error();
  const CountQuery q = countQuery(filter, *w);
  if (auto n = QueryAccess::recalledCount(store, q.key, *stamp)) return *n;
  return runCount(store, q, *w, *stamp);
}

Result<HazardPage> queryHazards(Store& store, const HazardFilter& filter, const HazardSort& sort, int64_t offset,
                                int64_t limit, const core::Date& today) {
  const std::string order = sortExpr(store, sort.column);
  if (order.empty()) return Error::invalid("不支持按“" + sort.column + "”排序");
  auto w = buildWhere(store, filter, today);
  if (!w) return w.error();
  auto stamp = QueryAccess::db(store).dataStamp();
  if (!stamp) return stamp.error();
  const CountQuery countQ = countQuery(filter, *w);
  std::optional<int64_t> total = QueryAccess::recalledCount(store, countQ.key, *stamp);
  // A text filter reads every candidate row anyway: count them in the same pass as the page
  // (a window over the matches) instead of a second scan.
  const bool countInPage = !total && !filter.text.empty() && limit > 0;
  if (!total && !countInPage) {
    auto n = runCount(store, countQ, *w, *stamp);
    if (!n) return n.error();
    total = *n;
  }
  Where pw = *w; // the page statement binds more values after the filter's
  HazardPage page;
  const RecordTable& t = QueryAccess::hazards(store);
  const int todayParam = pw.arg(today.toString());
  const int limitParam = pw.arg(std::to_string(limit < 0 ? 0 : limit));
  const int offsetParam = pw.arg(std::to_string(offset < 0 ? 0 : offset));
  // Ties fall back to storage order (rid), which every index carries: the page stays covered.
  const std::string orderBy = " ORDER BY " + order + (sort.descending ? " DESC" : " ASC") + ", h.rid";
  // Sort and page over narrow rows (rid + sort key), then read the page's full rows.
  const bool byFirm = sort.column == "enterprise_name";
  const std::string pageSql = "SELECT h.rid" + std::string(countInPage ? ", count(*) OVER () AS matches" : "") +
                              " FROM hazard h" + listIndexHint(filter, pw, Scan::Page, sort.column) +
                              std::string(byFirm ? " LEFT JOIN enterprise e ON e.id = h.enterprise_id" : "") +
                              pw.clause() + orderBy + " LIMIT CAST(?" + std::to_string(limitParam) +
                              " AS INTEGER) OFFSET CAST(?" + std::to_string(offsetParam) + " AS INTEGER)";
  const std::string sql = "SELECT " + t.selectList("h") + ", coalesce(e.name, ''), " +
                          core::overdueSql("h", todayParam) + (countInPage ? ", p.matches" : "") + " FROM (" + pageSql +
                          ") p JOIN hazard h ON h.rid = p.rid LEFT JOIN enterprise e ON e.id = h.enterprise_id" +
                          orderBy;
  auto st = QueryAccess::db(store).cached(sql);
  if (!st) return st.error();
  pw.bindAll(**st);
  for (;;) {
    auto r = (*st)->step();
    if (!r) return r.error();
    if (!r.value()) break;
    auto h = readRecord<core::Hazard>(t, **st, 0);
    if (!h) return h.error();
    HazardRow row;
    row.hazard = std::move(h.value());
    row.enterpriseName = (*st)->getText(t.width());
    row.overdue = (*st)->getInt(t.width() + 1) != 0;
    if (countInPage && !total) total = (*st)->getInt(t.width() + 2);
    page.rows.push_back(std::move(row));
  }
  if (countInPage) {
    if (total) {
      QueryAccess::rememberCount(store, countQ.key, *stamp, *total);
    } else if (offset <= 0) {
      total = 0; // no rows at all
      QueryAccess::rememberCount(store, countQ.key, *stamp, 0);
    } else {
      auto n = runCount(store, countQ, *w, *stamp); // a page past the end says nothing of the count
      if (!n) return n.error();
      total = *n;
    }
  }
  page.total = *total;
  return page;
}

Result<EnterpriseDossier> enterpriseDossier(Store& store, const std::string& enterpriseId, const core::Date& today) {
  EnterpriseDossier d;
  auto e = store.getEnterprise(enterpriseId);
  if (!e) return e.error();
  d.enterprise = std::move(e.value());
  auto hs = store.listHazardsOfEnterprise(enterpriseId);
  if (!hs) return hs.error();
  d.hazards = std::move(hs.value());
  for (const auto& h : d.hazards) {
    d.openHazards += h.status != core::HazardStatus::Closed;
    d.overdueHazards += core::isOverdue(h, today);
  }
  auto ins = store.listInspections(enterpriseId);
  if (!ins) return ins.error();
  d.inspections = std::move(ins.value());
  auto hist = store.historyOfEnterprise(enterpriseId);
  if (!hist) return hist.error();
  d.history = std::move(hist.value());
  return d;
}

} // namespace hz::store
