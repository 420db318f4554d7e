// ReportsScreen (统计通报): draws what model::ReportsModel computes with src/report/ and calls it
// for every change; no figure is computed here.
//
// Index: [SECTION] Frame and selection · [SECTION] 统计 · [SECTION] 考评 · [SECTION] 倒查 ·
//        [SECTION] 排查精度 · [SECTION] 工伤 · [SECTION] 通报 · [SECTION] Tables
#include "ui/screens/reports_screen.hpp"

#include "report/report_tables.hpp"
#include "ui/catalog.hpp"
#include "ui/format.hpp"
#include "ui/navigation.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"
#include "ui/widgets/lists.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hz::ui {

namespace {

using report::PeriodPreset;
using report::UnitKind;

std::string n(int64_t v) { return std::to_string(v); }

ImVec4 zoneColour(report::Zone z) {
  switch (z) {
  case report::Zone::Red:
    return theme::danger();
  case report::Zone::Yellow:
    return theme::warning();
  case report::Zone::Blue:
    return theme::accent();
  }
  return theme::mutedText();
}

} // namespace

// [SECTION] Frame and selection

void ReportsScreen::draw(AppContext& ctx) {
  theme::heading("统计通报");
  drawSelection(ctx);
  m_feedback.message();
  if (!ImGui::BeginTabBar("##report_tabs")) return;
  struct Tab {
    const char* label;
    void (ReportsScreen::*draw)(AppContext&);
  };
  const Tab tabs[] = {{"统计", &ReportsScreen::drawFigures},      {"考评排名", &ReportsScreen::drawAssessment},
                      {"倒查", &ReportsScreen::drawLookback},     {"排查精度", &ReportsScreen::drawPrecision},
                      {"工伤同比", &ReportsScreen::drawInjuries}, {"通报", &ReportsScreen::drawBulletin}};
  for (const auto& t : tabs) {
    if (ImGui::BeginTabItem(t.label)) {
      (this->*t.draw)(ctx);
      ImGui::EndTabItem();
    }
  }
  ImGui::EndTabBar();
}

void ReportsScreen::drawSelection(AppContext& ctx) {
  model::ReportsModel& r = ctx.model.reports();
  const auto& sel = r.selection();
  for (PeriodPreset p : report::kAllPresets) {
    const bool on = sel.preset && *sel.preset == p;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(report::presetName(p))) {
      if (auto s = r.choosePreset(p); !s)
        m_feedback.fail(s.error().message);
      else
        m_feedback.clear();
      m_from.clear();
      m_to.clear();
    }
    if (on) ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  if (m_from.empty() && m_to.empty()) { // after a preset: its dates (resolved again by selection())
    m_from = r.selection().period.from;
    m_to = r.selection().period.to;
  }
  const float w = ctx.em() * 6.6f;
  ImGui::SetNextItemWidth(w);
  TestProbe::instance().setNextLabel("开始日期");
  ImGui::InputTextWithHint("##from", "开始日期", &m_from);
  ImGui::SameLine();
  ImGui::TextUnformatted("至");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(w);
  TestProbe::instance().setNextLabel("结束日期");
  ImGui::InputTextWithHint("##to", "结束日期", &m_to);
  ImGui::SameLine();
  if (ImGui::Button("按日期统计")) {
    if (auto s = r.choosePeriod({m_from, m_to}); !s)
      m_feedback.fail(s.error().message);
    else
      m_feedback.clear();
  }
  ImGui::SameLine();
  lists::FilterRow scope;
  scope.choice("乡镇街道", m_scopeTownship, ctx.catalog.townshipLabels(), 10);
  scope.choice("责任部门", m_scopeDepartment, ctx.catalog.values("department"), 9);
  scope.choice("行业领域", m_scopeIndustry, ctx.catalog.values("industry"), 9);
  if (scope.changed()) {
    report::Scope s;
    s.division = m_scopeTownship.empty() ? "" : ctx.catalog.codeOfTownshipLabel(m_scopeTownship);
    s.department = m_scopeDepartment;
    s.industry = m_scopeIndustry;
    std::string label;
    for (const std::string* part : {&m_scopeTownship, &m_scopeDepartment, &m_scopeIndustry})
      if (!part->empty()) label += (label.empty() ? "" : "、") + *part;
    r.chooseScope(s, label);
  }
  const auto& now = r.selection();
  ImGui::TextColored(theme::accent(), "统计期间：%s（%s 至 %s）%s%s", report::periodText(now.period).c_str(),
                     now.period.from.c_str(), now.period.to.c_str(), now.scopeLabel.empty() ? "" : "，范围：",
                     now.scopeLabel.c_str());
}

// [SECTION] 统计

void ReportsScreen::drawFigures(AppContext& ctx) {
  model::ReportsModel& r = ctx.model.reports();
  const report::PeriodComparison* c = r.stats();
  if (!c) {
    fields::error(r.error());
    return;
  }
  const report::HazardStats& h = c->current.hazards;
  const report::RecordTotals& t = c->current.records;
  const store::HazardFilter base = r.filter();
  const std::string period = report::periodText(c->current.period);

  // 总体情况 in the words of the bulletin.
  ImGui::PushTextWrapPos(0.0f);
  ImGui::Text(
      "检查企业 %lld 家（%lld 家次），排查整治问题隐患 %lld 处，其中重大事故隐患 %lld 处；已整改 %lld 处，整改率 %s；"
      "已销号 %lld 处，销号率 %s；逾期未整改 %lld 处（重大 %lld 处）。",
      static_cast<long long>(t.enterprisesInspected), static_cast<long long>(t.inspections),
      static_cast<long long>(h.total), static_cast<long long>(h.major), static_cast<long long>(h.rectified),
      percent(h.rectifiedRate).c_str(), static_cast<long long>(h.closed), percent(h.closedRate).c_str(),
      static_cast<long long>(h.overdue), static_cast<long long>(h.overdueMajor));
  ImGui::PopTextWrapPos();

  // The figures with 环比 and 同比: a click opens the hazards behind a figure.
  struct Figure {
    const char* label;
    int64_t now, prev, last;
    std::function<void(store::HazardFilter&)> narrow; // empty: no hazard list behind it
  };
  auto prev = [&](auto f) { return c->previous ? f(*c->previous) : 0; };
  auto last = [&](auto f) { return c->lastYear ? f(*c->lastYear) : 0; };
  using S = report::Stats;
  const Figure figures[] = {
      {"排查隐患", h.total, prev([](const S& s) { return s.hazards.total; }),
       last([](const S& s) { return s.hazards.total; }), [](store::HazardFilter&) {}},
      {"重大隐患", h.major, prev([](const S& s) { return s.hazards.major; }),
       last([](const S& s) { return s.hazards.major; }),
       [](store::HazardFilter& f) { f.level = core::HazardLevel::Major; }},
      {"逾期未整改", h.overdue, prev([](const S& s) { return s.hazards.overdue; }),
       last([](const S& s) { return s.hazards.overdue; }), [](store::HazardFilter& f) { f.overdue = true; }},
      {"已整改", h.rectified, prev([](const S& s) { return s.hazards.rectified; }),
       last([](const S& s) { return s.hazards.rectified; }),
       [](store::HazardFilter& f) {
         f.statuses = {core::HazardStatus::AwaitingVerification, core::HazardStatus::Closed};
       }},
      {"已销号", h.closed, prev([](const S& s) { return s.hazards.closed; }),
       last([](const S& s) { return s.hazards.closed; }),
       [](store::HazardFilter& f) { f.statuses = {core::HazardStatus::Closed}; }},
      {"检查企业（家）",
       t.enterprisesInspected,
       prev([](const S& s) { return s.records.enterprisesInspected; }),
       last([](const S& s) { return s.records.enterprisesInspected; }),
       {}},
      {"检查（家次）",
       t.inspections,
       prev([](const S& s) { return s.records.inspections; }),
       last([](const S& s) { return s.records.inspections; }),
       {}},
  };
  const float em = ctx.em();
  if (lists::beginTable("##figures",
                        {lists::stretch("指标", 1.4f), lists::fixed("本期", 5.0f), lists::fixed("上期", 5.0f),
                         lists::stretch("环比", 1.2f), lists::fixed("去年同期", 5.0f), lists::stretch("同比", 1.2f)},
                        false, em * 1.75f * 8.6f)) {
    for (const auto& f : figures) {
      const std::string probe = std::string(f.label) + " " + n(f.now);
      if (lists::selectableRow(f.label, f.label, false, probe.c_str()) && f.narrow) {
        store::HazardFilter filter = base;
        f.narrow(filter);
        ctx.nav.showLedger(filter, "统计通报：" + period + f.label);
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip(f.narrow ? "点击查看这些隐患" : "检查记录见“检查记录”");
      lists::cell(n(f.now));
      lists::cell(c->previous ? n(f.prev) : "—");
      lists::cell(c->previous ? report::changeText(f.now, f.prev) : "—");
      lists::cell(c->lastYear ? n(f.last) : "—");
      lists::cell(c->lastYear ? report::changeText(f.now, f.last) : "—");
    }
    ImGui::EndTable();
  }

  // The groupings, each row opening its hazards.
  struct Group {
    const char* title;
    const std::vector<report::CountBy>* counts;
    void (*narrow)(store::HazardFilter&, const std::string&);
    bool township;
  };
  const Group groups[] = {
      {"按乡镇街道", &h.byTownship, [](store::HazardFilter& f, const std::string& k) { f.divisionPrefix = k; }, true},
      {"按行业领域", &h.byIndustry, [](store::HazardFilter& f, const std::string& k) { f.industry = k; }, false},
      {"按隐患来源", &h.bySource, [](store::HazardFilter& f, const std::string& k) { f.source = k; }, false},
      {"按责任部门", &h.byDepartment, [](store::HazardFilter& f, const std::string& k) { f.department = k; }, false},
  };
  const float colW = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x * 3) / 4;
  for (size_t g = 0; g < 4; ++g) {
    if (g) ImGui::SameLine();
    ImGui::BeginChild(groups[g].title, ImVec2(colW, 0), ImGuiChildFlags_Borders);
    ImGui::TextUnformatted(groups[g].title);
    report::Table tab{groups[g].title, {{groups[g].title + 3}, {"隐患（处）"}}, {}};
    for (const auto& k : *groups[g].counts) {
      const std::string name = groups[g].township ? ctx.catalog.townshipName(k.key)
                               : k.key.empty()    ? "（未填）"
                                                  : k.key;
      tab.rows.push_back({report::text(name), report::integer(k.count)});
    }
    table(ctx, groups[g].title, tab, std::string("统计") + groups[g].title, [&](size_t i) {
      const auto& k = (*groups[g].counts)[i];
      if (k.key.empty() && !groups[g].township) return; // the ledger cannot filter on "unset"
      store::HazardFilter filter = base;
      groups[g].narrow(filter, k.key);
      ctx.nav.showLedger(filter, "统计通报：" + period + groups[g].title + "：" + report::displayText(tab.rows[i][0]));
    });
    ImGui::EndChild();
  }
}

// [SECTION] 考评

void ReportsScreen::drawAssessment(AppContext& ctx) {
  model::ReportsModel& r = ctx.model.reports();
  ImGui::RadioButton("乡镇（街道）", &m_assessKind, 0);
  ImGui::SameLine();
  ImGui::RadioButton("责任部门", &m_assessKind, 1);
  ImGui::SameLine();
  fields::help("指标、权重和分区规则在“设置 → 统计与考评”中调整。");
  const report::Assessment* a = r.assessment(m_assessKind == 0 ? UnitKind::Township : UnitKind::Department);
  if (!a) {
    fields::error(r.error());
    return;
  }
  const float em = ctx.em();
  const float breakdownH = em * 9.5f;
  const report::Table& t = cached(ctx, m_assessKind == 0 ? "assess_towns" : "assess_departments",
                                  [&] { return report::assessmentTable("考评排名", *a); });
  table(
      ctx, "##assess", t, "考评排名", [&](size_t i) { m_selectedUnit = static_cast<int>(i); },
      std::max(em * 6, ImGui::GetContentRegionAvail().y - breakdownH));
  if (m_selectedUnit < 0 || m_selectedUnit >= static_cast<int>(a->units.size())) {
    fields::help("点击一行，查看该单位各项指标的得分明细。");
    return;
  }
  const auto& u = a->units[static_cast<size_t>(m_selectedUnit)];
  ImGui::TextColored(zoneColour(u.zone), "%s：总分 %.1f，%s（%s）", u.figures.name.c_str(), u.total,
                     report::zoneName(u.zone), u.zoneReason.c_str());
  if (lists::beginTable("##breakdown",
                        {lists::stretch("指标", 1.3f), lists::stretch("数值", 1.2f), lists::stretch("计分方法", 1.6f),
                         lists::fixed("得分", 4.0f), lists::fixed("权重", 4.0f), lists::fixed("计入总分", 4.5f),
                         lists::stretch("说明", 1.2f)},
                        false, 0)) {
    for (const auto& s : u.indicators) {
      lists::selectableRow(report::indicatorKey(s.id), report::indicatorName(s.id));
      char value[96];
      if (s.id == report::IndicatorId::MajorPer100)
        std::snprintf(value, sizeof value, "%.1f（%lld/%lld家）", s.value, static_cast<long long>(s.numerator),
                      static_cast<long long>(s.denominator));
      else if (s.denominator > 0)
        std::snprintf(value, sizeof value, "%s（%lld/%lld）", percent(s.value).c_str(),
                      static_cast<long long>(s.numerator), static_cast<long long>(s.denominator));
      else
        std::snprintf(value, sizeof value, "%lld", static_cast<long long>(s.numerator));
      lists::cell(value);
      lists::cell(report::indicatorRule(s.id));
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f", s.score);
      lists::cell(buf);
      std::snprintf(buf, sizeof buf, "%g", s.weight);
      lists::cell(buf);
      std::snprintf(buf, sizeof buf, "%.2f", s.weighted);
      lists::cell(buf);
      lists::cell(s.note);
    }
    ImGui::EndTable();
  }
}

// [SECTION] 倒查

void ReportsScreen::drawLookback(AppContext& ctx) {
  model::ReportsModel& r = ctx.model.reports();
  const report::Lookback* l = r.lookback();
  if (!l) {
    fields::error(r.error());
    return;
  }
  const float half = std::max(ctx.em() * 8, (ImGui::GetContentRegionAvail().y - ctx.em() * 4.5f) / 2);
  ImGui::Text(
      "该发现而未发现：%zu 处重大隐患（由上级检查、群众举报或事故发现，此前 %d 天内检查过该企业但未记录同类隐患）",
      l->missed.size(), r.config().lookbackDays);
  const report::Table& missed = cached(ctx, "missed", [&] { return report::missedTable("该发现而未发现", l->missed); });
  // A row per earlier inspection: row i belongs to the case whose inspections cover it.
  auto openMissed = [&](size_t row) {
    for (const auto& c : l->missed) {
      if (row < c.inspections.size()) return ctx.nav.openHazard(c.hazard.id);
      row -= c.inspections.size();
    }
  };
  table(ctx, "##missed", missed, "倒查-该发现而未发现", openMissed, half);
  ImGui::Text("该盯住整改而未盯住：%zu 处重大隐患（逾期、曾重新打开、销号无验收信息或逾期未挂牌督办）",
              l->unwatched.size());
  const report::Table& unwatched =
      cached(ctx, "unwatched", [&] { return report::unwatchedTable("该盯住整改而未盯住", l->unwatched); });
  table(ctx, "##unwatched", unwatched, "倒查-该盯住整改而未盯住",
        [&](size_t i) { ctx.nav.openHazard(l->unwatched[i].hazard.id); });
}

// [SECTION] 排查精度

void ReportsScreen::drawPrecision(AppContext& ctx) {
  model::ReportsModel& r = ctx.model.reports();
  const report::Lookback* l = r.lookback();
  if (!l) {
    fields::error(r.error());
    return;
  }
  const auto& cfg = r.config();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("无判定依据：未引用条款或标准；描述过简：少于 %d 字；疑似重复：同一企业、相同描述、%d 天内；"
                      "“隐患多而无重大隐患”：%d 处及以上且无一处重大隐患。",
                      cfg.minDescriptionChars, cfg.duplicateWindowDays, cfg.manyHazardsNoMajor);
  ImGui::PopTextWrapPos();
  const float top = std::max(ctx.em() * 8, ImGui::GetContentRegionAvail().y * 0.4f);
  const report::Table& towns =
      cached(ctx, "precision", [&] { return report::precisionTable("排查精度", l->precision); });
  table(ctx, "##precision", towns, "排查精度", {}, top);
  ImGui::TextUnformatted("需退回补正的隐患（点击打开）");
  const report::Table& rows =
      cached(ctx, "precision_rows", [&] { return report::precisionRowsTable("排查精度明细", l->precisionRows); });
  table(ctx, "##precision_rows", rows, "排查精度明细",
        [&](size_t i) { ctx.nav.openHazard(l->precisionRows[i].hazard.id); });
}

// [SECTION] 工伤

void ReportsScreen::drawInjuries(AppContext& ctx) {
  model::ReportsModel& r = ctx.model.reports();
  const report::InjuryComparison* c = r.injuries();
  if (!c) {
    fields::error(r.error());
    return;
  }
  const auto& sel = r.selection();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(report::injurySentence(*c, sel.scopeLabel.empty() ? "辖区" : sel.scopeLabel).c_str());
  ImGui::PopTextWrapPos();
  ImGui::TextDisabled("去年同期：%s 至 %s", c->lastYearPeriod.from.c_str(), c->lastYearPeriod.to.c_str());
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  ImGui::BeginChild("##inj_town", ImVec2(half, 0));
  table(ctx, "##inj_by_town", report::injuryTable("工伤同比-按乡镇", c->byTownship, "乡镇（街道）"), "工伤同比-按乡镇");
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##inj_industry", ImVec2(0, 0));
  table(ctx, "##inj_by_industry", report::injuryTable("工伤同比-按行业", c->byIndustry, "行业领域"), "工伤同比-按行业");
  ImGui::EndChild();
}

// [SECTION] 通报

void ReportsScreen::drawBulletin(AppContext& ctx) {
  model::ReportsModel& r = ctx.model.reports();
  const report::BulletinDraft& d = r.draft();
  const std::string periodKey = d.period.from + "~" + d.period.to;
  if (!m_draftLoaded || m_draftPeriod != periodKey) {
    m_draftLoaded = true;
    m_draftPeriod = periodKey;
    m_title = d.title;
    m_number = d.number;
    m_date = d.date;
    m_nextSteps = d.nextSteps;
  }
  const float em = ctx.em();
  const float formW = std::min(em * 30, ImGui::GetContentRegionAvail().x * 0.42f);
  ImGui::BeginChild("##bulletin_form", ImVec2(formW, 0), ImGuiChildFlags_Borders);
  bool edited = false, left = false; // left: a field was left this frame
  if (fields::beginForm("##bulletin_fields", em * 5.5f)) {
    edited |= fields::text("通报标题", m_title);
    left |= ImGui::IsItemDeactivated();
    edited |= fields::text("文号", m_number, "如：玄安委办〔2026〕12号");
    left |= ImGui::IsItemDeactivated();
    edited |= fields::date("成文日期", m_date);
    left |= ImGui::IsItemDeactivated();
    fields::endForm();
  }
  ImGui::TextUnformatted("下步工作要求（每段一行）");
  TestProbe::instance().setNextLabel("下步工作要求");
  edited |= ImGui::InputTextMultiline("##next_steps", &m_nextSteps, ImVec2(-1, em * 9));
  left |= ImGui::IsItemDeactivated();
  // Saved when the user leaves a field (not on every keystroke: a save moves the data stamp and the
  // bulletin would be rebuilt), and before anything that uses the draft.
  if (edited) m_draftDirty = true;
  auto flush = [&]() -> bool {
    if (!m_draftDirty) return true;
    m_draftDirty = false;
    report::BulletinDraft next = d;
    next.title = m_title;
    next.number = m_number;
    next.date = m_date;
    next.nextSteps = m_nextSteps;
    if (next == d) return true;
    if (auto s = r.saveDraft(next); !s) {
      m_feedback.fail(s.error().message);
      return false;
    }
    return true;
  };
  if (left || !ImGui::IsAnyItemActive()) flush();
  const bool ro = ctx.model.readOnly();
  if (ImGui::Button("下载通报（网页版，可打印）") && flush()) {
    if (auto s = r.downloadBulletin(false); !s)
      m_feedback.fail(s.error().message);
    else
      m_feedback.succeed("已下载 " + r.lastDownload());
  }
  if (ImGui::Button("下载通报（Word 版）") && flush()) {
    if (auto s = r.downloadBulletin(true); !s)
      m_feedback.fail(s.error().message);
    else
      m_feedback.succeed("已下载 " + r.lastDownload() + "，可用 WPS 或 Word 打开修改");
  }
  ImGui::BeginDisabled(ro);
  if (ImGui::Button("登记为已印发") && flush()) {
    if (auto s = r.issueBulletin(); !s)
      m_feedback.fail(s.error().message);
    else
      m_feedback.succeed("已登记：下期通报将与本期数据比较");
  }
  ImGui::EndDisabled();
  ImGui::Separator();
  ImGui::TextUnformatted("已印发的通报");
  for (const auto& b : r.issued())
    ImGui::BulletText("%s  %s（%s 至 %s）", b.issuedAt.c_str(), b.number.empty() ? b.title.c_str() : b.number.c_str(),
                      b.period.from.c_str(), b.period.to.c_str());
  if (r.issued().empty()) fields::help("尚未登记。");
  ImGui::EndChild();
  ImGui::SameLine();

  // Preview: the document's blocks as the page shows them.
  ImGui::BeginChild("##bulletin_preview", ImVec2(0, 0), ImGuiChildFlags_Borders);
  const report::Bulletin* b = r.bulletin();
  if (!b) {
    fields::error(r.error());
    ImGui::EndChild();
    return;
  }
  dropStale(ctx); // a saved draft moves the stamp: the preview follows it
  if (!m_preview) m_preview = report::bulletinDocument(*b);
  const report::Document& doc = *m_preview;
  ImGui::PushTextWrapPos(0.0f);
  int tableNo = 0;
  for (const auto& blk : doc.blocks) {
    switch (blk.kind) {
    case report::DocBlock::Kind::Title: {
      ImGui::PushFont(nullptr, theme::kBaseFontSize * 1.35f);
      const float tw = std::min(ImGui::CalcTextSize(blk.text.c_str()).x, ImGui::GetContentRegionAvail().x);
      ImGui::SetCursorPosX(std::max(0.0f, (ImGui::GetContentRegionAvail().x - tw) / 2));
      ImGui::TextUnformatted(blk.text.c_str());
      TestProbe::instance().recordLastItem(blk.text);
      ImGui::PopFont();
      break;
    }
    case report::DocBlock::Kind::NumberLine:
      ImGui::TextDisabled("%s", blk.text.c_str());
      break;
    case report::DocBlock::Kind::Heading1:
      ImGui::TextColored(theme::accent(), "%s", blk.text.c_str());
      break;
    case report::DocBlock::Kind::Heading2:
      ImGui::TextUnformatted(blk.text.c_str());
      break;
    case report::DocBlock::Kind::Paragraph:
      ImGui::TextUnformatted(("　　" + blk.text).c_str());
      break;
    case report::DocBlock::Kind::PageBreak:
      ImGui::Separator();
      break;
    case report::DocBlock::Kind::Table: {
      const auto& t = blk.table;
      if (!t.title.empty()) ImGui::TextDisabled("%s", t.title.c_str());
      const int cols = static_cast<int>(t.columns.size());
      if (cols > 0 && ImGui::BeginTable(("##pv" + std::to_string(tableNo++)).c_str(), cols,
                                        ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
        for (const auto& c : t.columns) ImGui::TableSetupColumn(c.title.c_str());
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < t.rows.size() && i < 30; ++i) {
          ImGui::TableNextRow();
          for (const auto& cell : t.rows[i]) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(report::displayText(cell).c_str());
          }
        }
        ImGui::EndTable();
        if (t.rows.size() > 30)
          fields::help(("预览仅显示前 30 行，共 " + n(static_cast<int64_t>(t.rows.size())) + " 行").c_str());
      }
      break;
    }
    }
  }
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

// [SECTION] Tables

void ReportsScreen::dropStale(AppContext& ctx) {
  const auto& sel = ctx.model.reports().selection();
  const std::string generation = std::to_string(ctx.model.stamp()) + "|" + sel.period.from + "|" + sel.period.to + "|" +
                                 sel.scopeLabel + "|" + ctx.today.toString();
  if (generation == m_tablesGeneration) return;
  m_tablesGeneration = generation;
  m_tables.clear();
  m_widths.clear();
  m_preview.reset();
}

const report::Table& ReportsScreen::cached(AppContext& ctx, const std::string& key,
                                           const std::function<report::Table()>& build) {
  dropStale(ctx);
  auto it = m_tables.find(key);
  if (it == m_tables.end()) {
    it = m_tables.emplace(key, build()).first;
    m_widths[&it->second] = report::columnWidths(it->second); // a pass over every row: once
  }
  return it->second;
}

void ReportsScreen::table(AppContext& ctx, const char* id, const report::Table& t, const std::string& fileName,
                          const std::function<void(size_t)>& onRow, float height) {
  ImGui::PushID(id);
  model::ReportsModel& r = ctx.model.reports();
  if (ImGui::SmallButton("导出 Excel")) {
    if (auto s = r.downloadTable(t, fileName, true); !s) m_feedback.fail(s.error().message);
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("导出 CSV")) {
    if (auto s = r.downloadTable(t, fileName, false); !s) m_feedback.fail(s.error().message);
  }
  ImGui::SameLine();
  ImGui::TextDisabled("共 %zu 行", t.rows.size());
  const int cols = static_cast<int>(t.columns.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  if (cols > 0 && ImGui::BeginTable("##t", cols, flags, ImVec2(0, height))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    auto known = m_widths.find(&t);
    const std::vector<double> widths = known != m_widths.end() ? known->second : report::columnWidths(t);
    const float em = ctx.em();
    for (int c = 0; c < cols; ++c)
      ImGui::TableSetupColumn(t.columns[static_cast<size_t>(c)].title.c_str(), ImGuiTableColumnFlags_WidthFixed,
                              static_cast<float>(std::min(widths[static_cast<size_t>(c)], 28.0)) * em * 0.52f);
    ImGui::TableHeadersRow();
    lists::visibleRows(t.rows.size(), [&](size_t i) {
      const auto& row = t.rows[i];
      ImGui::TableNextRow();
      for (int c = 0; c < cols; ++c) {
        ImGui::TableNextColumn();
        const report::Cell empty;
        const report::Cell& cell = static_cast<size_t>(c) < row.size() ? row[static_cast<size_t>(c)] : empty;
        const std::string text = report::displayText(cell);
        if (c == 0 && onRow) {
          ImGui::PushID(static_cast<int>(i));
          if (ImGui::Selectable(text.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) onRow(i);
          ImGui::PopID();
        } else if (cell.kind == report::Cell::Kind::Text && text == "红区") {
          ImGui::TextColored(theme::danger(), "%s", text.c_str());
        } else if (cell.kind == report::Cell::Kind::Text && text == "蓝区") {
          ImGui::TextColored(theme::accent(), "%s", text.c_str());
        } else {
          ImGui::TextUnformatted(text.c_str());
        }
      }
    });
    ImGui::EndTable();
  }
  ImGui::PopID();
}

} // namespace hz::ui
