// Hazard list queries (filter → WHERE with bound values; sort by whitelisted columns only),
// full-text search (FTS5 trigram for ≥3 characters, escaped LIKE below) and the dossier.
// Dashboard aggregates are in dashboard.cpp.
#include "store/queries.hpp"

#include "core/workflow.hpp"
#include "store/queries_internal.hpp"

namespace hz::store {

size_t utf8Length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

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
    for (size_t i = starts[k]; i < starts[k + 3]; ++i) q += text[i] == '"' ? std::string("\"\"") : std::string(1, text[i]);
    q += '"';
  };
  // Non-overlapping trigrams cover the text; the last one reaches its end.
  for (size_t k = 0; k + 3 <= n; k += 3) add(k);
  if (n % 3 != 0) add(n - 3);
  return q;
}

std::string overdueExpr(int param) {
  return "(h.deadline <> '' AND h.deadline < ?" + std::to_string(param) + " AND h.status <> '已销号')";
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

Result<Where> buildWhere(Store& store, const HazardFilter& f, const core::Date& today) {
  Where w;
  if (!f.divisionPrefix.empty()) {
    // A range on the indexed column; "\xFF" never occurs in UTF-8, so it bounds every extension.
    const std::string lo = w.p(f.divisionPrefix);
    w.conds.push_back("h.division_code >= " + lo + " AND h.division_code < " + w.p(f.divisionPrefix + "\xFF"));
  }
  if (!f.industry.empty()) {
    auto names = store.dictionaryEquivalents("industry", f.industry);
    if (!names) return names.error();
    std::string c;
    for (const auto& n : *names) {
      if (!c.empty()) c += " OR ";
      c += "h.industry = " + w.p(n) + " OR h.industry LIKE " + w.p(escapeLike(n) + "/%") + " ESCAPE '\\'";
    }
    w.conds.push_back("(" + c + ")");
  }
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
    const std::string e = overdueExpr(w.arg(today.toString()));
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
    const std::string firm = "h.enterprise_id IN (SELECT id FROM enterprise WHERE name" + like + ")";
    if (utf8Length(f.text) >= 3) {
      w.conds.push_back("((h.rid IN (SELECT rowid FROM hazard_fts WHERE hazard_fts MATCH " + w.p(trigramQuery(f.text)) +
                        ") AND " + own + ") OR " + firm + ")");
    } else {
      w.conds.push_back("(" + own + " OR " + firm + ")");
    }
  }
  return w;
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
    return "CASE h.status WHEN '待整改' THEN 0 WHEN '整改中' THEN 1 WHEN '待验收' THEN 2 WHEN '已销号' THEN 3 ELSE 4 END";
  }
  if (column == "level") return "CASE h.level WHEN '一般隐患' THEN 0 WHEN '重大隐患' THEN 1 ELSE 2 END";
  if (column == "supervision") return "CASE h.supervision WHEN '无' THEN 0 WHEN '县' THEN 1 WHEN '市' THEN 2 WHEN '省' THEN 3 ELSE 4 END";
  if (column == "review") return "CASE h.review WHEN '未上报' THEN 0 WHEN '待审核' THEN 1 WHEN '审核通过' THEN 2 WHEN '退回' THEN 3 ELSE 4 END";
  if (column == "enterprise_name") return "coalesce(e.name, '')";
  for (const auto& c : sortableHazardColumns(store)) {
    if (c == column) return "h." + c; // a name from our own list, not the caller's text
  }
  return {};
}

} // namespace

Result<int64_t> countHazards(Store& store, const HazardFilter& filter, const core::Date& today) {
  auto w = buildWhere(store, filter, today);
  if (!w) return w.error();
  const std::string sql = "SELECT count(*) FROM hazard h" + w->clause();
  auto st = QueryAccess::db(store).cached(sql);
  if (!st) return st.error();
  w->bindAll(**st);
  auto r = (*st)->step();
  if (!r) return r.error();
  return (*st)->getInt(0);
}

Result<HazardPage> queryHazards(Store& store, const HazardFilter& filter, const HazardSort& sort,
                                int64_t offset, int64_t limit, const core::Date& today) {
  const std::string order = sortExpr(store, sort.column);
  if (order.empty()) return Error::invalid("不支持按“" + sort.column + "”排序");
  HazardPage page;
  auto total = countHazards(store, filter, today);
  if (!total) return total.error();
  page.total = *total;
  auto w = buildWhere(store, filter, today);
  if (!w) return w.error();
  const RecordTable& t = QueryAccess::hazards(store);
  const int todayParam = w->arg(today.toString());
  const int limitParam = w->arg(std::to_string(limit < 0 ? 0 : limit));
  const int offsetParam = w->arg(std::to_string(offset < 0 ? 0 : offset));
  const std::string orderBy = " ORDER BY " + order + (sort.descending ? " DESC" : " ASC") + ", h.id";
  // Sort and page over narrow rows (rid + sort key), then read the page's full rows.
  const bool byFirm = sort.column == "enterprise_name";
  const std::string pageSql = "SELECT h.rid FROM hazard h" +
                            std::string(byFirm ? " LEFT JOIN enterprise e ON e.id = h.enterprise_id" : "") +
                            w->clause() + orderBy + " LIMIT CAST(?" + std::to_string(limitParam) +
                            " AS INTEGER) OFFSET CAST(?" + std::to_string(offsetParam) + " AS INTEGER)";
  const std::string sql = "SELECT " + t.selectList("h") + ", coalesce(e.name, ''), " + overdueExpr(todayParam) +
                          " FROM (" + pageSql + ") p JOIN hazard h ON h.rid = p.rid"
                          " LEFT JOIN enterprise e ON e.id = h.enterprise_id" + orderBy;
  auto st = QueryAccess::db(store).cached(sql);
  if (!st) return st.error();
  w->bindAll(**st);
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
    page.rows.push_back(std::move(row));
  }
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
