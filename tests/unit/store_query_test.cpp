// Queries checked against an independent computation in C++ on generated data: list pages and
// totals for many filter/sort combinations, FTS and the short-query fallback vs a naive substring
// search, dashboard aggregates (report::hazardStats), the enterprise dossier.
#include "core/hazard_number.hpp"
#include "core/record_fields.hpp"
#include "core/validation.hpp"
#include "core/workflow.hpp"
#include "report/stats.hpp"
#include "store/queries.hpp"
#include "store/sample_data.hpp"
#include "store_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>

using namespace hz;
using namespace hz::store;
using hz::test::must;

namespace {

struct Fixture {
  Store store = hz::test::openMemory(7);
  SampleSummary sample;
  std::vector<core::Hazard> all;
  std::map<std::string, std::string> firmName; // enterprise id -> name
  std::map<std::string, std::string> firmUscc; // enterprise id -> USCC
  std::map<std::string, int64_t> storageOrder; // hazard id -> rid (ties in a sort keep storage order)
  Fixture() {
    sample = must(generateSample(store, 2026, 8, 60, 500, hz::test::kToday));
    all = must(store.listAllHazards());
    for (const auto& e : must(store.listEnterprises())) {
      firmName[e.meta.id] = e.name;
      firmUscc[e.meta.id] = e.uscc;
    }
    auto st = must(store.db().prepare("SELECT id, rid FROM hazard"));
    while (must(st.step())) storageOrder[st.getText(0)] = st.getInt(1);
  }
};

Fixture& fixture() {
  static Fixture f; // generated once for all cases of this file
  return f;
}

// Search is case-insensitive for ASCII letters (FTS5 trigram and LIKE both fold A-Z).
std::string asciiLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool contains(const std::string& hay, const std::string& needle) {
  return asciiLower(hay).find(asciiLower(needle)) != std::string::npos;
}

// Text in the hazard's own fields or its firm's name; a code (as pasted: spaces, full-width, lower
// case) also matches the end of the hazard number or any part of the firm's USCC.
bool naiveText(const core::Hazard& h, const std::string& firm, const std::string& q) {
  if (contains(h.description, q) || contains(h.location, q) || contains(h.measures, q) || contains(firm, q))
    return true;
  const std::string code = core::normalizeUscc(q);
  if (!core::looksLikeNumberQuery(code)) return false;
  const std::string number = asciiLower(h.number), tail = asciiLower(code);
  const bool numberTail =
      number.size() >= tail.size() && number.compare(number.size() - tail.size(), tail.size(), tail) == 0;
  return numberTail || contains(fixture().firmUscc[h.enterpriseId], code);
}

bool matches(const core::Hazard& h, const std::string& firm, const HazardFilter& f, const core::Date& today) {
  if (!f.divisionPrefix.empty() && h.divisionCode.rfind(f.divisionPrefix, 0) != 0) return false;
  if (!f.industry.empty() && h.industry != f.industry && h.industry.rfind(f.industry + "/", 0) != 0) return false;
  if (!f.department.empty() && h.responsibleDepartment != f.department) return false;
  if (f.level && h.level != *f.level) return false;
  if (!f.statuses.empty() && std::find(f.statuses.begin(), f.statuses.end(), h.status) == f.statuses.end())
    return false;
  if (!f.source.empty() && h.source != f.source) return false;
  if (f.overdue && core::isOverdue(h, today) != *f.overdue) return false;
  if (!f.foundFrom.empty() && h.foundDate < f.foundFrom) return false;
  if (!f.foundTo.empty() && h.foundDate > f.foundTo) return false;
  if (!f.enterpriseId.empty() && h.enterpriseId != f.enterpriseId) return false;
  if (!f.text.empty() && !naiveText(h, firm, f.text)) return false;
  return true;
}

// Sort key comparison as the UI promises: workflow order for enums, numbers as numbers, text
// by bytes; ties in storage order.
int compareBy(const std::string& col, const core::Hazard& a, const core::Hazard& b, const std::string& na,
              const std::string& nb) {
  auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : y < x ? 1 : 0; };
  if (col == "status") return cmp(static_cast<int>(a.status), static_cast<int>(b.status));
  if (col == "level") return cmp(static_cast<int>(a.level), static_cast<int>(b.level));
  if (col == "supervision") return cmp(static_cast<int>(a.supervision), static_cast<int>(b.supervision));
  if (col == "review") return cmp(static_cast<int>(a.review), static_cast<int>(b.review));
  if (col == "funds_wan") return cmp(a.fundsWan, b.fundsWan);
  if (col == "enterprise_name") return cmp(na, nb);
  if (col == "created_at") return cmp(a.meta.createdAt, b.meta.createdAt);
  if (col == "updated_at") return cmp(a.meta.updatedAt, b.meta.updatedAt);
  const auto fa = core::toFields(a), fb = core::toFields(b);
  const std::string va = core::fieldValue(fa, col), vb = core::fieldValue(fb, col);
  if (va == "true" || va == "false") return cmp(va == "true", vb == "true"); // 0/1 in SQL
  return cmp(va, vb);
}

std::vector<std::string> expectedIds(Fixture& fx, const HazardFilter& f, const HazardSort& s, const core::Date& today,
                                     int64_t& total) {
  std::vector<const core::Hazard*> rows;
  for (const auto& h : fx.all) {
    if (matches(h, fx.firmName[h.enterpriseId], f, today)) rows.push_back(&h);
  }
  total = static_cast<int64_t>(rows.size());
  std::sort(rows.begin(), rows.end(), [&](const core::Hazard* a, const core::Hazard* b) {
    int c = compareBy(s.column, *a, *b, fx.firmName[a->enterpriseId], fx.firmName[b->enterpriseId]);
    if (s.descending) c = -c;
    return c != 0 ? c < 0 : fx.storageOrder[a->meta.id] < fx.storageOrder[b->meta.id];
  });
  std::vector<std::string> ids;
  for (auto* h : rows) ids.push_back(h->meta.id);
  return ids;
}

} // namespace

TEST_CASE("store/queries: generated data covers every status, level, overdue and review state") {
  auto& fx = fixture();
  REQUIRE(fx.all.size() == 500);
  std::map<core::HazardStatus, int> status;
  std::map<core::ReviewState, int> review;
  int major = 0, overdue = 0;
  for (const auto& h : fx.all) {
    ++status[h.status];
    ++review[h.review];
    major += h.level == core::HazardLevel::Major;
    overdue += core::isOverdue(h, hz::test::kToday);
  }
  CHECK(status.size() == 4);
  CHECK(review.size() == 4);
  CHECK(major > 20);
  CHECK(major < 250);
  CHECK(overdue > 10);
  auto check = must(fx.store.verifyHistory());
  CHECK_MESSAGE(check.ok, check.problem);
}

TEST_CASE("store/queries: pages and totals equal an independent filter+sort in C++") {
  auto& fx = fixture();
  const auto columns = sortableHazardColumns(fx.store);
  CHECK(columns.size() > 40);
  std::mt19937_64 rng(99);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  const std::vector<std::string> industries = {"工贸", "工贸/机械", "危险化学品", "消防", "城镇燃气", "渔业船舶"};
  const std::vector<std::string> sources = {"部门检查", "企业自查上报", "群众举报(12350)"};
  const std::vector<std::string> texts = {"除尘", "泄爆", "有限公司", "车间",       "12",
                                          "%",    "_",    "\"",       "地下室使用", "无此内容的文本"};
  for (int round = 0; round < 160; ++round) {
    HazardFilter f;
    if (pick(4) == 0)
      f.divisionPrefix = pick(2) ? "320102" : fx.sample.townCodes[pick(static_cast<int>(fx.sample.townCodes.size()))];
    if (pick(4) == 0) f.industry = industries[pick(static_cast<int>(industries.size()))];
    if (pick(4) == 0) f.level = pick(2) ? core::HazardLevel::Major : core::HazardLevel::General;
    if (pick(3) == 0) {
      f.statuses.push_back(static_cast<core::HazardStatus>(pick(4)));
      if (pick(2)) f.statuses.push_back(static_cast<core::HazardStatus>(pick(4)));
    }
    if (pick(5) == 0) f.source = sources[pick(static_cast<int>(sources.size()))];
    if (pick(4) == 0) f.overdue = pick(2) == 0;
    if (pick(4) == 0) f.foundFrom = hz::test::kToday.addDays(-pick(300)).toString();
    if (pick(5) == 0) f.foundTo = hz::test::kToday.addDays(-pick(200)).toString();
    if (pick(8) == 0) f.enterpriseId = fx.sample.enterpriseIds[pick(static_cast<int>(fx.sample.enterpriseIds.size()))];
    if (pick(4) == 0) f.text = texts[pick(static_cast<int>(texts.size()))];
    HazardSort s{columns[pick(static_cast<int>(columns.size()))], pick(2) == 0};
    const int64_t offset = pick(3) == 0 ? pick(120) : 0;
    const int64_t limit = 1 + pick(60);
    CAPTURE(round);
    CAPTURE(s.column);
    CAPTURE(f.text);
    int64_t total = 0;
    const auto ids = expectedIds(fx, f, s, hz::test::kToday, total);
    auto page = must(queryHazards(fx.store, f, s, offset, limit, hz::test::kToday));
    CHECK(page.total == total);
    std::vector<std::string> got, want;
    for (const auto& r : page.rows) got.push_back(r.hazard.meta.id);
    for (int64_t i = offset; i < std::min<int64_t>(offset + limit, total); ++i) want.push_back(ids[i]);
    CHECK(got == want);
    for (const auto& r : page.rows) {
      CHECK(r.overdue == core::isOverdue(r.hazard, hz::test::kToday));
      CHECK(r.enterpriseName == fx.firmName[r.hazard.enterpriseId]);
    }
  }
}

TEST_CASE("store/queries: full-text search and the short-query fallback agree with substring search") {
  auto& fx = fixture();
  std::vector<std::string> queries = {"除",
                                      "尘",
                                      "车间",
                                      "东湖",
                                      "有",
                                      "%",
                                      "_",
                                      "\\",
                                      "\"",
                                      "a",
                                      "ais",
                                      "AIS防",
                                      "'",
                                      "12",
                                      "除尘系统",
                                      "有限公司",
                                      "一号车间",
                                      "粉尘爆炸危险场所",
                                      "液化石油气钢瓶",
                                      "泄爆、隔爆",
                                      "\"引号\"",
                                      "OR",
                                      "NEAR(",
                                      "50%",
                                      "a_b",
                                      "不存在的三字"};
  // Substrings cut from real rows (3..6 characters, on character boundaries).
  std::mt19937_64 rng(5);
  for (int i = 0; i < 40; ++i) {
    const auto& h = fx.all[rng() % fx.all.size()];
    const std::string& src = (i % 3 == 0) ? fx.firmName[h.enterpriseId] : (i % 3 == 1 ? h.description : h.measures);
    std::vector<size_t> starts;
    for (size_t b = 0; b < src.size(); ++b) {
      if ((static_cast<unsigned char>(src[b]) & 0xC0) != 0x80) starts.push_back(b);
    }
    if (starts.size() < 7) continue;
    const size_t from = rng() % (starts.size() - 6), len = 1 + rng() % 6;
    queries.push_back(src.substr(starts[from], starts[from + len] - starts[from]));
  }
  // Hazard numbers as people quote them (whole, the tail, lower case, full-width) and USCCs.
  const core::Hazard& some = fx.all[fx.all.size() / 2];
  queries.push_back(some.number);
  queries.push_back(some.number.substr(some.number.size() - 4));
  queries.push_back(some.number.substr(some.number.size() - 9));
  queries.push_back(" " + asciiLower(some.number.substr(some.number.size() - 9)) + " ");
  queries.push_back("\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x93"); // ００２３ (full-width)
  queries.push_back(fx.firmUscc[some.enterpriseId]);
  queries.push_back(fx.firmUscc[some.enterpriseId].substr(0, 10));
  queries.push_back("2026-");
  for (const auto& q : queries) {
    CAPTURE(q);
    HazardFilter f;
    f.text = q;
    int64_t naive = 0;
    for (const auto& h : fx.all) naive += naiveText(h, fx.firmName[h.enterpriseId], q);
    CHECK(must(countHazards(fx.store, f, hz::test::kToday)) == naive);
  }
  // The number people quote finds its hazard, whole or by its tail.
  for (const std::string q : {some.number, some.number.substr(some.number.size() - 9)}) {
    HazardFilter f;
    f.text = q;
    auto page = must(queryHazards(fx.store, f, {}, 0, 50, hz::test::kToday));
    CHECK(std::any_of(page.rows.begin(), page.rows.end(),
                      [&](const auto& r) { return r.hazard.meta.id == some.meta.id; }));
  }
  CHECK(utf8Length("除尘a") == 3);
}

TEST_CASE("store/queries: renaming an enterprise updates the search index") {
  auto s = hz::test::openMemory();
  hz::test::setTownOffice(s);
  auto e = must(s.createEnterprise(hz::test::sampleEnterprise("旧名称机械有限公司"), "王伟"));
  must(s.createHazard(hz::test::sampleHazard(e.meta.id), "王伟"));
  HazardFilter f;
  f.text = "旧名称";
  CHECK(must(countHazards(s, f, hz::test::kToday)) == 1);
  e.name = "新名称精工有限公司";
  must(s.updateEnterprise(e, "王伟"));
  CHECK(must(countHazards(s, f, hz::test::kToday)) == 0);
  f.text = "新名称精工";
  CHECK(must(countHazards(s, f, hz::test::kToday)) == 1);
}

TEST_CASE("store/queries: a remembered count never outlives a change, here or from another connection") {
  hz::test::TempDbFile file("count_memo");
  auto a = must(Store::open(file.path, hz::test::testOptions(1)));
  hz::test::setTownOffice(a);
  auto e = must(a.createEnterprise(hz::test::sampleEnterprise(), "王伟"));
  must(a.createHazard(hz::test::sampleHazard(e.meta.id), "王伟"));
  HazardFilter f;
  f.statuses = {core::HazardStatus::Pending};
  HazardFilter text = f;
  text.text = "除尘"; // sampleHazard's description mentions the dust collector
  const HazardSort bySeen{"found_date", true};
  for (int round = 0; round < 2; ++round) { // the second round is answered from memory
    CHECK(must(countHazards(a, f, hz::test::kToday)) == 1);
    CHECK(must(queryHazards(a, text, bySeen, 0, 10, hz::test::kToday)).total == 1);
    CHECK(must(queryHazards(a, text, bySeen, 5, 10, hz::test::kToday)).total == 1); // a page past the end
  }
  // A write through this connection.
  must(a.createHazard(hz::test::sampleHazard(e.meta.id), "王伟"));
  CHECK(must(countHazards(a, f, hz::test::kToday)) == 2);
  CHECK(must(queryHazards(a, text, bySeen, 0, 10, hz::test::kToday)).total == 2);
  // A write through another connection (another tab, the command-line tool).
  {
    auto b = must(Store::open(file.path, hz::test::testOptions(2)));
    must(b.createHazard(hz::test::sampleHazard(e.meta.id), "李娜"));
  }
  CHECK(must(countHazards(a, f, hz::test::kToday)) == 3);
  CHECK(must(queryHazards(a, text, bySeen, 0, 10, hz::test::kToday)).total == 3);
  // A change that moves a hazard out of the filter.
  auto first = must(queryHazards(a, f, bySeen, 0, 1, hz::test::kToday)).rows.at(0).hazard;
  must(a.applyHazardAction(first.meta.id, core::WorkflowAction::Start, {}, "王伟", hz::test::kToday));
  CHECK(must(countHazards(a, f, hz::test::kToday)) == 2);
}

TEST_CASE("store/queries: sorting by an unknown column is refused") {
  auto& fx = fixture();
  for (const char* bad : {"rid", "id; DROP TABLE hazard", "found_date DESC", "", "h.number"}) {
    auto r = queryHazards(fx.store, {}, HazardSort{bad, false}, 0, 10, hz::test::kToday);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Invalid);
  }
}

TEST_CASE("store/queries: dashboard aggregates equal an independent count") {
  auto& fx = fixture();
  const core::Date today = hz::test::kToday;
  for (int variant = 0; variant < 3; ++variant) {
    HazardFilter f;
    if (variant == 1) f.divisionPrefix = fx.sample.townCodes[0];
    if (variant == 2) f.level = core::HazardLevel::Major;
    auto d = must(report::hazardStats(fx.store, f, today, 8));
    std::map<std::string, int64_t> status, source, town, industry;
    int64_t total = 0, overdue = 0, major = 0;
    std::vector<report::WeekPoint> weeks;
    const core::Date monday = today.addDays(-today.weekday());
    const core::Date start = monday.addDays(-7 * 7);
    for (int i = 0; i < 8; ++i) weeks.push_back({start.addDays(7 * i).toString(), 0, 0});
    for (const auto& h : fx.all) {
      if (!matches(h, fx.firmName[h.enterpriseId], f, today)) continue;
      ++total;
      ++status[core::toChinese(h.status)];
      ++source[h.source];
      ++town[h.divisionCode.substr(0, 9)];
      ++industry[h.industry.substr(0, h.industry.find('/'))];
      overdue += core::isOverdue(h, today);
      major += h.level == core::HazardLevel::Major;
      auto week = [&](const std::string& date) -> int64_t {
        auto dd = core::Date::parse(date);
        if (!dd || *dd < start || *dd > monday.addDays(6)) return -1;
        return (dd->toDays() - start.toDays()) / 7;
      };
      if (auto w = week(h.foundDate); w >= 0) ++weeks[w].found;
      if (h.status == core::HazardStatus::Closed) {
        if (auto w = week(h.closedDate); w >= 0) ++weeks[w].closed;
      }
    }
    CAPTURE(variant);
    CHECK(d.total == total);
    CHECK(d.overdue == overdue);
    CHECK(d.major == major);
    REQUIRE(d.byStatus.size() == 4);
    for (const auto& c : d.byStatus) CHECK(c.count == status[c.key]);
    CHECK(d.byLevel[1].count == major);
    auto sameCounts = [](const std::vector<report::CountBy>& got, const std::map<std::string, int64_t>& want) {
      std::map<std::string, int64_t> g;
      for (const auto& c : got) g[c.key] = c.count;
      CHECK(g == want);
      for (size_t i = 1; i < got.size(); ++i) CHECK(got[i - 1].count >= got[i].count);
    };
    sameCounts(d.bySource, source);
    sameCounts(d.byTownship, town);
    sameCounts(d.byIndustry, industry);
    if (total > 0) {
      CHECK(d.rectifiedRate == doctest::Approx(double(status["待验收"] + status["已销号"]) / double(total)));
      CHECK(d.closedRate == doctest::Approx(double(status["已销号"]) / double(total)));
    }
    CHECK(d.weekly == weeks);
  }
}

TEST_CASE("store/queries: the enterprise dossier holds its hazards, inspections and history") {
  auto& fx = fixture();
  std::map<std::string, int> perFirm;
  for (const auto& h : fx.all) ++perFirm[h.enterpriseId];
  auto busiest = std::max_element(perFirm.begin(), perFirm.end(),
                                  [](const auto& a, const auto& b) { return a.second < b.second; });
  auto d = must(enterpriseDossier(fx.store, busiest->first, hz::test::kToday));
  CHECK(d.enterprise.meta.id == busiest->first);
  CHECK(static_cast<int>(d.hazards.size()) == busiest->second);
  int open = 0;
  for (const auto& h : d.hazards) open += h.status != core::HazardStatus::Closed;
  CHECK(d.openHazards == open);
  for (const auto& in : d.inspections) CHECK(in.enterpriseId == busiest->first);
  size_t expectedEvents = must(fx.store.history("enterprise", busiest->first)).size();
  for (const auto& h : d.hazards) expectedEvents += must(fx.store.history("hazard", h.meta.id)).size();
  for (const auto& in : d.inspections) expectedEvents += must(fx.store.history("inspection", in.meta.id)).size();
  CHECK(d.history.size() == expectedEvents);
  REQUIRE(!d.history.empty());
  CHECK(d.history.front().recordKind == "enterprise");
}
