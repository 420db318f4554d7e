// 倒查 and 排查精度 (see lookback.hpp).
//
// Index: [SECTION] Hazard rows · [SECTION] 该发现而未发现 · [SECTION] 该盯住整改而未盯住 ·
//        [SECTION] 排查精度 · [SECTION] JSON
#include "report/lookback.hpp"

#include "core/overdue.hpp"
#include "core/text.hpp"
#include "report/report_internal.hpp"

#include <algorithm>
#include <map>

namespace hz::report {

const char* precisionIssueName(PrecisionIssue i) {
  switch (i) {
  case PrecisionIssue::NoClause:
    return "无判定依据";
  case PrecisionIssue::ShortDescription:
    return "描述过于简单";
  case PrecisionIssue::LikelyDuplicate:
    return "疑似重复";
  }
  return "";
}

// [SECTION] Hazard rows

const char* const kHazardRefColumns =
    "h.id, h.number, h.enterprise_id, coalesce(e.name, ''), substr(h.division_code, 1, 9), h.found_date, h.level, "
    "h.status, h.source, h.category, h.description, h.responsible_department, h.responsible_person, h.deadline, "
    "h.supervision";
const char* const kHazardRefFrom = " FROM hazard h LEFT JOIN enterprise e ON e.id = h.enterprise_id";

HazardRef readHazardRef(const store::Statement& row) {
  HazardRef r;
  std::string* fields[kHazardRefCount] = {&r.id,
                                          &r.number,
                                          &r.enterpriseId,
                                          &r.enterpriseName,
                                          &r.township,
                                          &r.foundDate,
                                          &r.level,
                                          &r.status,
                                          &r.source,
                                          &r.category,
                                          &r.description,
                                          &r.responsibleDepartment,
                                          &r.responsiblePerson,
                                          &r.deadline,
                                          &r.supervision};
  for (int i = 0; i < kHazardRefCount; ++i) *fields[i] = row.getText(i);
  return r;
}

namespace {

bool byNumber(const HazardRef& a, const HazardRef& b) { return a.number < b.number; }

// [SECTION] 该发现而未发现

bool triggered(const std::string& source, const ReportConfig& config) {
  return std::any_of(config.triggerWords.begin(), config.triggerWords.end(),
                     [&](const std::string& w) { return !w.empty() && source.find(w) != std::string::npos; });
}

Status findMissed(store::Store& store, const Period& period, const ReportConfig& config, Lookback& out) {
  store::Database& db = store::QueryAccess::db(store);
  auto offices = store.knownOffices();
  if (!offices) return offices.error();
  const std::string major = core::toChinese(core::HazardLevel::Major);
  std::vector<std::pair<HazardRef, std::string>> candidates; // with the inspection that found it
  {
    auto st = db.cached(std::string("SELECT ") + kHazardRefColumns + ", h.inspection_id" + kHazardRefFrom +
                        " WHERE h.level = ?1 AND h.found_date >= ?2 AND h.found_date <= ?3");
    if (!st) return st.error();
    (*st)->bind(1, major).bind(2, period.from).bind(3, period.to);
    auto s = store::forEachRow(**st, [&](const store::Statement& row) {
      HazardRef r = readHazardRef(row);
      if (!r.enterpriseId.empty() && triggered(r.source, config))
        candidates.emplace_back(std::move(r), row.getText(kHazardRefCount));
    });
    if (!s) return s;
  }
  std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
    return a.first.foundDate != b.first.foundDate ? a.first.foundDate < b.first.foundDate : byNumber(a.first, b.first);
  });
  // Earlier inspections of the firm in the window whose hazards include none of the kind.
  auto st = db.cached("SELECT i.id, i.date, i.department, i.inspectors, i.origin FROM inspection i "
                      "WHERE i.enterprise_id = ?1 AND i.date >= ?2 AND i.date < ?3 AND i.id <> ?4 AND NOT EXISTS ("
                      "SELECT 1 FROM hazard x WHERE x.inspection_id = i.id AND "
                      "(CASE WHEN ?5 <> '' THEN x.category = ?5 ELSE x.level = ?6 END)) ORDER BY i.date, i.id");
  if (!st) return st.error();
  for (auto& [ref, foundBy] : candidates) {
    const auto found = core::Date::parse(ref.foundDate);
    if (!found) continue;
    (*st)->reset();
    (*st)
        ->bind(1, ref.enterpriseId)
        .bind(2, found->addDays(-config.lookbackDays).toString())
        .bind(3, ref.foundDate)
        .bind(4, foundBy)
        .bind(5, ref.category)
        .bind(6, major);
    MissedCase c;
    auto s = store::forEachRow(**st, [&](const store::Statement& row) {
      MissedInspection m{row.getText(0), row.getText(1), row.getText(2), row.getText(3), row.getText(4)};
      if (auto it = offices->find(m.office); it != offices->end() && !it->second.name.empty())
        m.office = it->second.name;
      c.inspections.push_back(std::move(m));
    });
    if (!s) return s;
    if (c.inspections.empty()) continue;
    c.hazard = std::move(ref);
    out.missed.push_back(std::move(c));
  }
  return ok();
}

// [SECTION] 该盯住整改而未盯住

Status findUnwatched(store::Store& store, const Period& period, const core::Date& today, Lookback& out) {
  const std::string closed = core::toChinese(core::HazardStatus::Closed);
  auto st = store::QueryAccess::db(store).cached(
      std::string("SELECT ") + kHazardRefColumns + ", " + core::overdueSql("h", 3) +
      ", EXISTS (SELECT 1 FROM history_event v WHERE v.record_kind = ?4 AND v.record_id = h.id AND v.action = 'reopen')"
      ", h.status = ?5 AND (h.verifier = '' OR h.verified_date = '' OR h.verify_opinion = '')"
      ", h.deadline <> '' AND h.deadline < ?3 AND h.status <> ?5 AND h.supervision IN ('', '无')" +
      kHazardRefFrom + " WHERE h.level = ?1 AND h.found_date <= ?2");
  if (!st) return st.error();
  (*st)
      ->bind(1, core::toChinese(core::HazardLevel::Major))
      .bind(2, period.to)
      .bind(3, today.toString())
      .bind(4, core::kKindHazard)
      .bind(5, closed);
  static const char* const kReasons[] = {"逾期未整改", "曾重新打开", "销号无验收信息", "逾期未挂牌督办"};
  auto s = store::forEachRow(**st, [&](const store::Statement& row) {
    UnwatchedCase c;
    for (int i = 0; i < 4; ++i)
      if (row.getInt(kHazardRefCount + i) != 0) c.reasons.push_back(kReasons[i]);
    if (c.reasons.empty()) return;
    c.hazard = readHazardRef(row);
    out.unwatched.push_back(std::move(c));
  });
  if (!s) return s;
  std::sort(out.unwatched.begin(), out.unwatched.end(), [](const UnwatchedCase& a, const UnwatchedCase& b) {
    return a.hazard.deadline != b.hazard.deadline ? a.hazard.deadline < b.hazard.deadline
                                                  : byNumber(a.hazard, b.hazard);
  });
  return ok();
}

// [SECTION] 排查精度

Status findPrecision(store::Store& store, const Period& period, const ReportConfig& config, bool withRows,
                     Lookback& out) {
  auto towns = store.dictionary(store::kDictTownship);
  if (!towns) return towns.error();
  std::map<std::string, TownshipPrecision> byTown;
  auto st = store::QueryAccess::db(store).cached(std::string("SELECT ") + kHazardRefColumns +
                                                 ", h.clause_ref = '' AND h.standard_id = ''" + kHazardRefFrom +
                                                 " WHERE h.found_date >= ?1 AND h.found_date <= ?2");
  if (!st) return st.error();
  (*st)->bind(1, period.from).bind(2, period.to);
  const std::string major = core::toChinese(core::HazardLevel::Major);
  std::vector<HazardRef> all;
  auto s = store::forEachRow(**st, [&](const store::Statement& row) {
    HazardRef r = readHazardRef(row);
    TownshipPrecision& t = byTown[r.township];
    ++t.hazards;
    t.major += r.level == major;
    if (row.getInt(kHazardRefCount) != 0) {
      ++t.noClause;
      if (withRows) out.precisionRows.push_back({r, PrecisionIssue::NoClause, "未引用判定依据条款或标准"});
    }
    if (const size_t n = core::utf8Length(r.description); n < static_cast<size_t>(config.minDescriptionChars)) {
      ++t.shortDescription;
      if (withRows)
        out.precisionRows.push_back({r, PrecisionIssue::ShortDescription, "描述仅" + std::to_string(n) + "字"});
    }
    all.push_back(std::move(r));
  });
  if (!s) return s;
  // Likely duplicates: the same firm and description key, found within the window of an earlier one.
  std::map<std::pair<std::string, std::string>, std::vector<const HazardRef*>> groups;
  for (const auto& r : all) {
    std::string key = core::descriptionKey(r.description);
    if (!r.enterpriseId.empty() && !key.empty()) groups[{r.enterpriseId, std::move(key)}].push_back(&r);
  }
  for (auto& [key, list] : groups) {
    if (list.size() < 2) continue;
    std::sort(list.begin(), list.end(), [](const HazardRef* a, const HazardRef* b) {
      return a->foundDate != b->foundDate ? a->foundDate < b->foundDate : a->number < b->number;
    });
    for (size_t i = 1; i < list.size(); ++i) {
      const auto a = core::Date::parse(list[i - 1]->foundDate), b = core::Date::parse(list[i]->foundDate);
      if (!a || !b || b->toDays() - a->toDays() > config.duplicateWindowDays) continue;
      ++byTown[list[i]->township].duplicates;
      if (withRows)
        out.precisionRows.push_back({*list[i], PrecisionIssue::LikelyDuplicate, "与 " + list[i - 1]->number + " 重复"});
    }
  }
  std::map<std::string, std::string> names;
  for (const auto& e : towns.value()) names[e.code] = e.value;
  for (auto& [code, t] : byTown) {
    t.code = code;
    t.name = names.count(code) ? names[code] : code;
    t.manyNoMajor = t.hazards >= config.manyHazardsNoMajor && t.major == 0;
    out.precision.push_back(t);
  }
  std::stable_sort(out.precisionRows.begin(), out.precisionRows.end(),
                   [](const PrecisionRow& a, const PrecisionRow& b) {
                     if (a.hazard.township != b.hazard.township) return a.hazard.township < b.hazard.township;
                     if (a.issue != b.issue) return a.issue < b.issue;
                     return a.hazard.number < b.hazard.number;
                   });
  return ok();
}

nlohmann::json refJson(const HazardRef& r) {
  return {{"id", r.id},
          {"number", r.number},
          {"enterprise", r.enterpriseName},
          {"township", r.township},
          {"found_date", r.foundDate},
          {"level", r.level},
          {"status", r.status},
          {"source", r.source},
          {"category", r.category},
          {"description", r.description},
          {"responsible_department", r.responsibleDepartment},
          {"responsible_person", r.responsiblePerson},
          {"deadline", r.deadline},
          {"supervision", r.supervision}};
}

} // namespace

Result<Lookback> lookback(store::Store& store, const Period& period, const core::Date& today,
                          const ReportConfig& config, bool precisionRows) {
  if (auto p = checkPeriod(period); !p.empty()) return Error::invalid(p);
  Lookback l;
  l.period = period;
  l.today = today;
  if (auto s = findMissed(store, period, config, l); !s) return s.error();
  if (auto s = findUnwatched(store, period, today, l); !s) return s.error();
  if (auto s = findPrecision(store, period, config, precisionRows, l); !s) return s.error();
  return l;
}

// [SECTION] JSON

nlohmann::json lookbackJson(const Lookback& l) {
  nlohmann::json missed = nlohmann::json::array(), unwatched = nlohmann::json::array(),
                 precision = nlohmann::json::array(), rows = nlohmann::json::array();
  for (const auto& c : l.missed) {
    nlohmann::json j = refJson(c.hazard);
    j["inspections"] = nlohmann::json::array();
    for (const auto& i : c.inspections)
      j["inspections"].push_back({{"id", i.id},
                                  {"date", i.date},
                                  {"department", i.department},
                                  {"inspectors", i.inspectors},
                                  {"office", i.office}});
    missed.push_back(std::move(j));
  }
  for (const auto& c : l.unwatched) {
    nlohmann::json j = refJson(c.hazard);
    j["reasons"] = c.reasons;
    unwatched.push_back(std::move(j));
  }
  for (const auto& t : l.precision)
    precision.push_back({{"code", t.code},
                         {"name", t.name},
                         {"hazards", t.hazards},
                         {"major", t.major},
                         {"no_clause", t.noClause},
                         {"short_description", t.shortDescription},
                         {"duplicates", t.duplicates},
                         {"many_no_major", t.manyNoMajor}});
  for (const auto& r : l.precisionRows) {
    nlohmann::json j = refJson(r.hazard);
    j["issue"] = precisionIssueName(r.issue);
    j["detail"] = r.detail;
    rows.push_back(std::move(j));
  }
  return {{"period", {{"from", l.period.from}, {"to", l.period.to}}},
          {"today", l.today.toString()},
          {"missed", missed},
          {"unwatched", unwatched},
          {"precision", precision},
          {"precision_rows", rows}};
}

} // namespace hz::report
