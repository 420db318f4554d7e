// The periodic bulletin (see bulletin.hpp): drafts and issued bulletins, the figures, the text
// and the document layout shared by the .docx and the printable HTML.
//
// Index: [SECTION] Drafts · [SECTION] Issued bulletins · [SECTION] Figures · [SECTION] Text ·
//        [SECTION] Document
#include "report/bulletin.hpp"

#include "core/overdue.hpp"
#include "report/report_internal.hpp"
#include "report/report_tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hz::report {

// [SECTION] Drafts

std::string defaultBulletinTitle(const Period& p) {
  return "关于" + periodText(p) + "重大事故隐患专项排查整治情况的通报";
}

std::string defaultNextSteps() {
  return "（一）加快重大事故隐患整改。对逾期未整改的重大事故隐患，属地和行业部门要逐项明确责任人和整改时限，"
         "实行挂牌督办，确保按期整改销号。\n"
         "（二）提升排查质量。对照重大事故隐患判定标准开展排查，每处隐患写明判定依据条款，杜绝“走过场”式检查。\n"
         "（三）压实闭环管理。整改完成后须经验收人现场复核、签署意见后方可销号，严禁代签、补签。";
}

Result<BulletinDraft> loadBulletinDraft(store::Store& store) {
  auto text = store.setting(kBulletinDraftKey);
  if (!text) return text.error();
  BulletinDraft d;
  if (text->empty()) return d;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return d; // a damaged draft is started afresh
  auto get = [&](const char* key, std::string& out) {
    if (j.contains(key) && j[key].is_string()) out = j[key].get<std::string>();
  };
  get("from", d.period.from);
  get("to", d.period.to);
  get("title", d.title);
  get("number", d.number);
  get("date", d.date);
  get("next_steps", d.nextSteps);
  return d;
}

Status saveBulletinDraft(store::Store& store, const BulletinDraft& d) {
  const nlohmann::json j = {{"from", d.period.from}, {"to", d.period.to}, {"title", d.title},
                            {"number", d.number},    {"date", d.date},    {"next_steps", d.nextSteps}};
  return store.setSetting(kBulletinDraftKey, j.dump());
}

// [SECTION] Issued bulletins

namespace {

Result<std::vector<IssuedBulletin>> readBulletins(store::Store& store, const std::string& where,
                                                  const std::string& arg) {
  auto st = store::QueryAccess::db(store).cached(
      "SELECT id, issued_at, number, title, next_steps, period_from, period_to, figures FROM bulletin" + where +
      " ORDER BY period_to DESC, issued_at DESC, id DESC");
  if (!st) return st.error();
  if (!arg.empty()) (*st)->bind(1, arg);
  std::vector<IssuedBulletin> out;
  auto s = store::forEachRow(**st, [&](const store::Statement& row) {
    IssuedBulletin b{row.getText(0),
                     row.getText(1),
                     row.getText(2),
                     row.getText(3),
                     row.getText(4),
                     Period{row.getText(5), row.getText(6)},
                     nlohmann::json::parse(row.getText(7), nullptr, false)};
    if (b.figures.is_discarded()) b.figures = nlohmann::json::object();
    out.push_back(std::move(b));
  });
  if (!s) return s.error();
  return out;
}

} // namespace

Result<std::vector<IssuedBulletin>> listBulletins(store::Store& store) { return readBulletins(store, "", ""); }

Result<std::optional<IssuedBulletin>> previousBulletin(store::Store& store, const Period& p) {
  auto list = readBulletins(store, " WHERE period_to < ?1", p.to);
  if (!list) return list.error();
  if (list->empty()) return std::optional<IssuedBulletin>();
  return std::optional<IssuedBulletin>(std::move(list->front()));
}

Result<IssuedBulletin> issueBulletin(store::Store& store, const Bulletin& b, const std::string& now) {
  store::Database& db = store::QueryAccess::db(store);
  auto count = db.cached("SELECT count(*) FROM bulletin");
  if (!count) return count.error();
  auto r = (*count)->step();
  if (!r) return r.error();
  IssuedBulletin out;
  out.id = "bulletin-" + std::to_string((*count)->getInt(0) + 1) + "-" + now;
  out.issuedAt = now;
  out.number = b.draft.number;
  out.title = b.draft.title.empty() ? defaultBulletinTitle(b.draft.period) : b.draft.title;
  out.nextSteps = b.draft.nextSteps;
  out.period = b.draft.period;
  out.figures = bulletinFigures(b);
  auto st =
      db.cached("INSERT INTO bulletin (id, issued_at, number, title, period_from, period_to, next_steps, figures) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!st) return st.error();
  (*st)->bind(1, out.id).bind(2, out.issuedAt).bind(3, out.number).bind(4, out.title);
  (*st)->bind(5, out.period.from).bind(6, out.period.to).bind(7, out.nextSteps).bind(8, out.figures.dump());
  if (auto s = (*st)->exec(); !s) return s.error();
  return out;
}

// [SECTION] Figures

namespace {

std::string areaOf(const core::Office& office) {
  switch (office.level) {
  case core::OfficeLevel::City:
    return "全市";
  case core::OfficeLevel::County:
    return "全区";
  case core::OfficeLevel::Township:
    return "辖区";
  }
  return "辖区";
}

Result<std::vector<HazardRef>> majorHazards(store::Store& store, const std::string& condition, const Period& p,
                                            const core::Date& today) {
  auto st = store::QueryAccess::db(store).cached(std::string("SELECT ") + kHazardRefColumns + kHazardRefFrom +
                                                 " WHERE h.level = ?1 AND h.found_date <= ?2 AND " + condition +
                                                 " ORDER BY h.deadline, h.number");
  if (!st) return st.error();
  (*st)->bind(1, core::toChinese(core::HazardLevel::Major)).bind(2, p.to).bind(3, today.toString());
  (*st)->bind(4, core::toChinese(core::HazardStatus::Closed));
  std::vector<HazardRef> out;
  auto s = store::forEachRow(**st, [&](const store::Statement& row) { out.push_back(readHazardRef(row)); });
  if (!s) return s.error();
  return out;
}

} // namespace

Result<Bulletin> buildBulletin(store::Store& store, const BulletinDraft& draft, const core::Date& today,
                               const ReportConfig& config) {
  if (auto p = checkPeriod(draft.period); !p.empty()) return Error::invalid(p);
  Bulletin b;
  b.draft = draft;
  if (b.draft.title.empty()) b.draft.title = defaultBulletinTitle(draft.period);
  if (b.draft.date.empty()) b.draft.date = today.toString();
  b.issuer = store.office().name;
  b.area = areaOf(store.office());
  b.today = today;
  const Period& p = draft.period;
  auto stats = compareStats(store, {}, p, today);
  if (!stats) return stats.error();
  b.stats = std::move(stats.value());
  auto towns = unitFigures(store, UnitKind::Township, p, today, config.timelyDays);
  if (!towns) return towns.error();
  b.townships = std::move(towns.value());
  auto departments = unitFigures(store, UnitKind::Department, p, today, config.timelyDays);
  if (!departments) return departments.error();
  b.departments = std::move(departments.value());
  if (auto problem = checkReportConfig(config); !problem.empty()) return Error::invalid(problem);
  b.assessment = assessFigures(UnitKind::Township, p, today, config, b.townships);
  auto l = lookback(store, p, today, config, false);
  if (!l) return l.error();
  b.lookback = std::move(l.value());
  auto inj = injuryComparison(store, {}, p);
  if (!inj) return inj.error();
  b.injuries = std::move(inj.value());
  auto overdue = majorHazards(store, core::overdueSql("h", 3) + " AND ?4 <> ''", p, today);
  if (!overdue) return overdue.error();
  b.overdueMajor = std::move(overdue.value());
  auto supervised = majorHazards(store, "h.supervision NOT IN ('', '无') AND h.status <> ?4 AND ?3 <> ''", p, today);
  if (!supervised) return supervised.error();
  b.supervised = std::move(supervised.value());
  auto prev = previousBulletin(store, p);
  if (!prev) return prev.error();
  b.previous = std::move(prev.value());
  return b;
}

nlohmann::json bulletinFigures(const Bulletin& b) {
  const HazardStats& h = b.stats.current.hazards;
  const RecordTotals& r = b.stats.current.records;
  return {{"period", {{"from", b.draft.period.from}, {"to", b.draft.period.to}}},
          {"today", b.today.toString()},
          {"enterprises_inspected", r.enterprisesInspected},
          {"inspections", r.inspections},
          {"hazards", h.total},
          {"major", h.major},
          {"rectified", h.rectified},
          {"closed", h.closed},
          {"overdue", h.overdue},
          {"overdue_major", h.overdueMajor},
          {"rectified_rate", std::round(h.rectifiedRate * 10000) / 10000},
          {"work_injuries", b.injuries.total.events},
          {"red_zone", [&] {
             nlohmann::json red = nlohmann::json::array();
             for (const auto& u : b.assessment.units)
               if (u.zone == Zone::Red) red.push_back(u.figures.name);
             return red;
           }()}};
}

// [SECTION] Text

namespace {

std::string pct(double ratio) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", ratio * 100);
  return buf;
}

std::string n(int64_t v) { return std::to_string(v); }

std::string dateText(const std::string& ymd) {
  const auto d = core::Date::parse(ymd);
  return d ? std::to_string(d->year) + "年" + std::to_string(d->month) + "月" + std::to_string(d->day) + "日" : ymd;
}

std::string joinWith(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

} // namespace

std::string overviewText(const Bulletin& b) {
  const HazardStats& h = b.stats.current.hazards;
  const RecordTotals& r = b.stats.current.records;
  std::string s = periodText(b.draft.period) + "，" + b.area + "共检查企业" + n(r.enterprisesInspected) + "家（" +
                  n(r.inspections) + "家次），排查整治问题隐患" + n(h.total) + "处，其中重大事故隐患" + n(h.major) +
                  "处；已整改" + n(h.rectified) + "处，整改率" + pct(h.rectifiedRate) + "；已销号" + n(h.closed) +
                  "处。";
  if (r.inspections > 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(h.total) / static_cast<double>(r.inspections));
    s += "平均每家次检查发现隐患" + std::string(buf) + "处。";
  }
  s += "截至" + dateText(b.today.toString()) + "，逾期未整改隐患" + n(h.overdue) + "处，其中重大事故隐患" +
       n(h.overdueMajor) + "处。";
  if (b.stats.previous)
    s += "与上一周期（" + periodText(b.stats.previous->period) + "）相比，排查隐患" +
         changeText(h.total, b.stats.previous->hazards.total) + "处，重大事故隐患" +
         changeText(h.major, b.stats.previous->hazards.major) + "处";
  if (b.stats.lastYear)
    s += std::string(b.stats.previous ? "；" : "") + "与去年同期相比，排查隐患" +
         changeText(h.total, b.stats.lastYear->hazards.total) + "处，重大事故隐患" +
         changeText(h.major, b.stats.lastYear->hazards.major) + "处";
  if (b.stats.previous || b.stats.lastYear) s += "。";
  if (b.previous) {
    const auto& f = b.previous->figures;
    const std::string label = b.previous->number.empty() ? periodText(b.previous->period) : b.previous->number;
    if (f.contains("rectified_rate") && f.contains("overdue_major"))
      s += "上期通报（" + label + "）整改率为" + pct(f["rectified_rate"].get<double>()) + "、逾期重大事故隐患" +
           n(f["overdue_major"].get<int64_t>()) + "处，本期分别为" + pct(h.rectifiedRate) + "和" + n(h.overdueMajor) +
           "处。";
  }
  return s;
}

// [SECTION] Document

namespace {

constexpr size_t kListLimit = 200; // rows of a named list printed in the bulletin itself

DocBlock heading1(std::string t) { return {DocBlock::Kind::Heading1, std::move(t), {}}; }
DocBlock heading2(std::string t) { return {DocBlock::Kind::Heading2, std::move(t), {}}; }
DocBlock paragraph(std::string t) { return {DocBlock::Kind::Paragraph, std::move(t), {}}; }
DocBlock tableBlock(Table t) { return {DocBlock::Kind::Table, {}, std::move(t)}; }

std::string listNote(size_t count) {
  return count > kListLimit ? "（共" + n(static_cast<int64_t>(count)) + "处，此处列出前" + n(kListLimit) +
                                  "处，完整清单见导出的附表。）"
                            : std::string();
}

} // namespace

Document bulletinDocument(const Bulletin& b) {
  Document d;
  d.title = b.draft.title;
  auto& out = d.blocks;
  out.push_back({DocBlock::Kind::Title, b.draft.title, {}});
  if (!b.draft.number.empty()) out.push_back({DocBlock::Kind::NumberLine, b.draft.number, {}});
  out.push_back(paragraph("现将" + periodText(b.draft.period) + b.area + "重大事故隐患专项排查整治工作情况通报如下："));

  out.push_back(heading1("一、总体情况"));
  out.push_back(paragraph(overviewText(b)));
  out.push_back(paragraph(injurySentence(b.injuries, b.area)));

  out.push_back(heading1("二、各乡镇（街道）和部门情况"));
  out.push_back(tableBlock(unitFiguresTable("表1 各乡镇（街道）隐患排查整治情况", UnitKind::Township, b.townships)));
  out.push_back(tableBlock(unitFiguresTable("表2 各责任部门隐患整改情况", UnitKind::Department, b.departments)));
  {
    Table t{"表3 各行业领域隐患分布", {{"行业领域"}, {"排查隐患（处）"}, {"占比"}}, {}};
    const HazardStats& h = b.stats.current.hazards;
    for (const auto& c : h.byIndustry)
      t.rows.push_back({text(c.key.empty() ? "（未填）" : c.key), integer(c.count),
                        percent(h.total ? double(c.count) / double(h.total) : 0)});
    out.push_back(tableBlock(std::move(t)));
  }

  out.push_back(heading1("三、存在问题"));
  out.push_back(heading2("（一）重大事故隐患逾期未整改"));
  out.push_back(paragraph(b.overdueMajor.empty()
                              ? "截至" + dateText(b.today.toString()) + "，无逾期未整改的重大事故隐患。"
                              : "截至" + dateText(b.today.toString()) + "，仍有" +
                                    n(static_cast<int64_t>(b.overdueMajor.size())) +
                                    "处重大事故隐患逾期未整改，清单如下。" + listNote(b.overdueMajor.size())));
  if (!b.overdueMajor.empty()) out.push_back(tableBlock(hazardListTable("", b.overdueMajor, kListLimit)));
  out.push_back(heading2("（二）挂牌督办重大事故隐患"));
  out.push_back(paragraph(b.supervised.empty()
                              ? "目前无挂牌督办且未销号的重大事故隐患。"
                              : "挂牌督办且尚未销号的重大事故隐患" + n(static_cast<int64_t>(b.supervised.size())) +
                                    "处。" + listNote(b.supervised.size())));
  if (!b.supervised.empty()) out.push_back(tableBlock(hazardListTable("", b.supervised, kListLimit)));

  out.push_back(heading2("（三）该发现而未发现"));
  const auto& missed = b.lookback.missed;
  out.push_back(paragraph(missed.empty()
                              ? "本期上级检查、群众举报及事故发现的重大事故隐患，此前均无应发现而未发现的检查记录。"
                              : "本期由上级检查、群众举报或事故发现的重大事故隐患中，有" +
                                    n(static_cast<int64_t>(missed.size())) +
                                    "处所在企业此前曾被检查但未发现同类隐患，需倒查属地和监管部门责任。"));
  if (!missed.empty()) {
    Table t = missedTable("", missed);
    if (t.rows.size() > kListLimit) {
      out.push_back(paragraph(listNote(t.rows.size())));
      t.rows.resize(kListLimit);
    }
    out.push_back(tableBlock(std::move(t)));
  }

  out.push_back(heading2("（四）该盯住整改而未盯住"));
  const auto& unwatched = b.lookback.unwatched;
  out.push_back(paragraph(unwatched.empty()
                              ? "未发现逾期、反复或销号不规范的重大事故隐患。"
                              : "逾期、曾重新打开、销号无验收信息或逾期未挂牌督办的重大事故隐患" +
                                    n(static_cast<int64_t>(unwatched.size())) + "处。" + listNote(unwatched.size())));
  if (!unwatched.empty()) out.push_back(tableBlock(unwatchedTable("", unwatched, kListLimit)));

  out.push_back(heading2("（五）排查精度"));
  {
    std::vector<std::string> shallow;
    int64_t noClause = 0, shortText = 0, dup = 0, total = 0;
    for (const auto& t : b.lookback.precision) {
      if (t.manyNoMajor) shallow.push_back(t.name + "（" + n(t.hazards) + "处）");
      noClause += t.noClause;
      shortText += t.shortDescription;
      dup += t.duplicates;
      total += t.hazards;
    }
    std::string s = "本期排查的隐患中，未写明判定依据的" + n(noClause) + "处（占" +
                    pct(total ? double(noClause) / double(total) : 0) + "），描述过于简单的" + n(shortText) +
                    "处，疑似重复录入的" + n(dup) + "处。";
    if (!shallow.empty()) s += joinWith(shallow, "、") + "排查隐患较多但未发现一处重大事故隐患，排查深度有待提高。";
    out.push_back(paragraph(s));
    out.push_back(tableBlock(precisionTable("表4 各乡镇（街道）排查精度", b.lookback.precision)));
  }

  out.push_back(heading1("四、考评结果"));
  {
    std::vector<std::string> red, blue;
    for (const auto& u : b.assessment.units) {
      if (u.zone == Zone::Red) red.push_back(u.figures.name);
      if (u.zone == Zone::Blue) blue.push_back(u.figures.name);
    }
    out.push_back(paragraph(
        "按照考评办法，" + std::string(blue.empty() ? "本期无单位进入蓝区" : "进入蓝区的有：" + joinWith(blue, "、")) +
        "；" + (red.empty() ? "本期无单位位于红区" : "位于红区的有：" + joinWith(red, "、")) + "。"));
    out.push_back(tableBlock(assessmentTable("表5 各乡镇（街道）考评排名", b.assessment)));
  }

  out.push_back(heading1("五、工伤事件情况"));
  out.push_back(paragraph(injurySentence(b.injuries, b.area)));
  out.push_back(tableBlock(injuryTable("表6 各乡镇（街道）工伤事件同比", b.injuries.byTownship, "乡镇（街道）")));

  out.push_back(heading1("六、下步工作要求"));
  size_t start = 0;
  const std::string& steps = b.draft.nextSteps.empty() ? defaultNextSteps() : b.draft.nextSteps;
  while (start <= steps.size()) {
    size_t end = steps.find('\n', start);
    if (end == std::string::npos) end = steps.size();
    if (end > start) out.push_back(paragraph(steps.substr(start, end - start)));
    start = end + 1;
  }
  out.push_back(paragraph(b.issuer + "\n" + dateText(b.draft.date)));
  return d;
}

} // namespace hz::report
