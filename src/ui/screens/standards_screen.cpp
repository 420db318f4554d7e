// StandardsScreen: standards list (left) filtered by industry and search text over titles,
// numbers and clause summaries; the selected standard with its clauses (right); the edit form.
#include "ui/screens/standards_screen.hpp"

#include "core/validation.hpp"
#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/badges.hpp"
#include "ui/widgets/fields.hpp"
#include "ui/widgets/lists.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace hz::ui {

void StandardsScreen::draw(AppContext& ctx) {
  if (m_watch.changed(ctx.model)) reload(ctx);
  if (m_editing) {
    drawForm(ctx);
    return;
  }
  const float em = ctx.em();
  theme::heading("重大事故隐患判定标准");
  std::vector<std::string> industries; // those of the standards, in list order
  for (const auto& s : m_all)
    if (!s.industry.empty() && std::find(industries.begin(), industries.end(), s.industry) == industries.end())
      industries.push_back(s.industry);
  lists::FilterRow filters; // matches() reads the filters every frame
  filters.search("搜索标准", "搜索：标题、文号、条款内容", m_search, 16);
  filters.choice("行业领域", m_industryFilter, industries, 9);
  filters.check("含已废止", m_showRetired);
  if (filters.addButton("新增标准", ctx.model.readOnly())) startForm(nullptr);
  m_feedback.message();

  const float leftW = std::max(em * 20, ImGui::GetContentRegionAvail().x * 0.42f);
  ImGui::BeginChild("##std_list", ImVec2(leftW, 0), ImGuiChildFlags_Borders);
  drawList(ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##std_detail", ImVec2(0, 0), ImGuiChildFlags_Borders);
  drawDetail(ctx);
  ImGui::EndChild();
}

void StandardsScreen::reload(AppContext& ctx) {
  if (auto list = ctx.store.listStandards(true)) m_all = std::move(list.value());
  m_citations.clear();
  if (auto cites = ctx.store.standardCitations()) {
    for (const auto& c : cites.value()) {
      m_citations[c.standardId] += c.hazards;
      m_citations[c.standardId + '\x1f' + c.clauseRef] += c.hazards;
    }
  }
  std::stable_sort(m_all.begin(), m_all.end(), [](const auto& a, const auto& b) {
    if (a.industry != b.industry) return a.industry < b.industry;
    if (a.retired != b.retired) return !a.retired;
    return a.year > b.year;
  });
}

int64_t StandardsScreen::citations(const std::string& standardId, const std::string& article, bool anyClause) const {
  auto it = m_citations.find(anyClause ? standardId : standardId + '\x1f' + article);
  return it == m_citations.end() ? 0 : it->second;
}

bool StandardsScreen::matches(const core::Standard& s) const {
  if (s.retired && !m_showRetired) return false;
  if (!m_industryFilter.empty() && s.industry != m_industryFilter) return false;
  if (m_search.empty()) return true;
  if (fields::containsText(s.title, m_search) || fields::containsText(s.docNumber, m_search) ||
      fields::containsText(s.issuer, m_search))
    return true;
  for (const auto& c : s.clauses)
    if (fields::containsText(c.summary, m_search) || fields::containsText(c.article, m_search)) return true;
  return false;
}

void StandardsScreen::drawList(AppContext& ctx) {
  int shown = 0;
  std::string lastIndustry = "\x01";
  for (const auto& s : m_all) {
    if (!matches(s)) continue;
    ++shown;
    if (s.industry != lastIndustry) {
      lastIndustry = s.industry;
      ImGui::SeparatorText(s.industry.empty() ? "未分行业" : s.industry.c_str());
    }
    ImGui::PushID(s.meta.id.c_str());
    if (s.retired) ImGui::PushStyleColor(ImGuiCol_Text, theme::mutedText());
    const float wrap = ImGui::GetContentRegionAvail().x;
    const std::string label = s.title + (s.retired ? "（已废止）" : "");
    const ImVec2 size(0, ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap).y);
    // A selectable as tall as the wrapped title; the title is drawn over it.
    TestProbe::instance().setNextLabel(s.title.c_str());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    if (ImGui::Selectable("##std", s.meta.id == m_selectedId, 0, size)) m_selectedId = s.meta.id;
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopTextWrapPos();
    const int64_t cited = citations(s.meta.id);
    std::string meta = s.docNumber;
    if (s.year) meta += (meta.empty() ? "" : " ") + std::to_string(s.year);
    meta += (meta.empty() ? "" : " · ") + std::to_string(s.clauses.size()) + " 条";
    if (cited) meta += " · 引用 " + std::to_string(cited) + " 次";
    ImGui::TextColored(theme::mutedText(), "%s", meta.c_str());
    if (s.retired) ImGui::PopStyleColor();
    ImGui::PopID();
  }
  if (shown == 0) fields::help(m_all.empty() ? "标准库为空。点“新增标准”录入。" : "没有符合条件的标准。");
  (void)ctx;
}

void StandardsScreen::drawDetail(AppContext& ctx) {
  auto it = std::find_if(m_all.begin(), m_all.end(), [&](auto& s) { return s.meta.id == m_selectedId; });
  if (it == m_all.end()) {
    fields::help("在左侧选择一个标准，查看其条款。");
    return;
  }
  const core::Standard& s = *it;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::PushFont(nullptr, theme::kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(s.title.c_str());
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  if (s.retired) badges::tag("已废止", theme::mutedText());
  ImGui::TextWrapped("发布机关：%s　文号：%s　年份：%s　行业领域：%s", s.issuer.empty() ? "—" : s.issuer.c_str(),
                     s.docNumber.empty() ? "—" : s.docNumber.c_str(), s.year ? std::to_string(s.year).c_str() : "—",
                     s.industry.empty() ? "—" : s.industry.c_str());
  ImGui::BeginDisabled(ctx.model.readOnly());
  if (ImGui::Button("编辑标准与条款")) startForm(&s);
  ImGui::EndDisabled();
  ImGui::SameLine();
  size_t retired = 0;
  for (const auto& c : s.clauses) retired += c.retired;
  ImGui::Text("条款 %zu 条%s，隐患引用 %lld 次", s.clauses.size(),
              retired ? ("（已废止 " + std::to_string(retired) + " 条）").c_str() : "",
              static_cast<long long>(citations(s.meta.id)));
  if (!lists::beginTable("##clauses",
                         {lists::fixed("条款", 7.5f), lists::stretch("内容摘要"), lists::fixed("引用", 3.5f)}))
    return;
  int64_t matched = 0;
  for (const auto& c : s.clauses) {
    const bool hit =
        !m_search.empty() && (fields::containsText(c.summary, m_search) || fields::containsText(c.article, m_search));
    ImGui::TableNextRow();
    if (hit) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImVec4(1.0f, 0.95f, 0.7f, 1.0f)));
    if (c.retired) ImGui::PushStyleColor(ImGuiCol_Text, theme::mutedText());
    lists::wrappedCell(c.retired ? c.article + "（已废止）" : c.article);
    lists::wrappedCell(c.summary);
    const int64_t n = c.article.empty() ? 0 : citations(s.meta.id, c.article, false);
    matched += n;
    lists::wrappedCell(n ? std::to_string(n) : std::string("—"));
    if (c.retired) ImGui::PopStyleColor();
  }
  ImGui::EndTable();
  if (const int64_t other = citations(s.meta.id) - matched; other > 0) {
    ImGui::TextColored(theme::mutedText(), "另有 %lld 条隐患引用本标准但未注明条款或条款号与上表不一致",
                       static_cast<long long>(other));
  }
}

void StandardsScreen::startForm(const core::Standard* existing) {
  m_formIsNew = existing == nullptr;
  m_form = existing ? *existing : core::Standard{};
  if (m_formIsNew && !m_industryFilter.empty()) m_form.industry = m_industryFilter;
  m_feedback.clear();
  m_clauseSheetMessage.clear();
  m_editing = true;
}

void StandardsScreen::drawForm(AppContext& ctx) {
  const float em = ctx.em();
  theme::heading(m_formIsNew ? "新增判定标准" : "编辑判定标准");
  forms::beginBody("##std_form");
  if (fields::beginForm("##std_fields", em * 6.0f)) {
    fields::text("标准名称", m_form.title, "如：工贸企业重大事故隐患判定标准", true);
    m_feedback.fieldError("title");
    fields::text("发布机关", m_form.issuer);
    fields::text("文号", m_form.docNumber, "如：应急管理部令第10号");
    fields::integer("年份", m_form.year);
    m_feedback.fieldError("year");
    std::vector<std::string> industries = ctx.catalog.values("industry");
    fields::combo("行业领域", m_form.industry, industries);
    fields::check("已废止（被新标准替代）", m_form.retired);
    fields::endForm();
  }
  ImGui::SeparatorText("条款");
  m_feedback.fieldError("clauses");
  // A clause list read from a sheet (从表格导入条款) is added below the existing clauses.
  if (auto read = ctx.model.takeClauseSheet()) {
    if (!read->ok()) {
      m_clauseSheetMessage = read->error().message;
    } else {
      for (auto& c : read->value()) m_form.clauses.push_back(std::move(c));
      m_clauseSheetMessage = "已从表格加入 " + std::to_string(read->value().size()) + " 条条款，请核对后保存。";
    }
  }
  if (!m_clauseSheetMessage.empty()) fields::help(m_clauseSheetMessage.c_str());
  int removeAt = -1, moveUp = -1;
  if (ImGui::BeginTable("##clause_edit", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("条款号", ImGuiTableColumnFlags_WidthFixed, em * 8.0f);
    ImGui::TableSetupColumn("内容摘要", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("操作", ImGuiTableColumnFlags_WidthFixed, em * 7.5f);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < m_form.clauses.size(); ++i) {
      core::Clause& c = m_form.clauses[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      const std::string n = std::to_string(i + 1);
      TestProbe::instance().setNextLabel(("第" + n + "行条款号").c_str());
      ImGui::InputTextWithHint("##article", "第十一条(三)", &c.article);
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      TestProbe::instance().setNextLabel(("第" + n + "行内容摘要").c_str());
      ImGui::InputTextMultiline("##summary", &c.summary, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 2.3f));
      ImGui::TableNextColumn();
      if (i > 0 && ImGui::SmallButton("上移")) moveUp = static_cast<int>(i);
      // A clause hazards cite is retired, not deleted: they keep showing it.
      const int64_t cited = m_formIsNew || c.article.empty() ? 0 : citations(m_form.meta.id, c.article, false);
      if (ImGui::SmallButton(c.retired ? "恢复" : "废止")) c.retired = !c.retired;
      if (c.retired) {
        ImGui::SameLine();
        ImGui::TextColored(theme::mutedText(), "已废止");
      }
      if (cited == 0) {
        if (ImGui::SmallButton("删除")) removeAt = static_cast<int>(i);
      } else {
        ImGui::TextColored(theme::mutedText(), "引用 %lld 次", static_cast<long long>(cited));
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (moveUp > 0)
    std::swap(m_form.clauses[static_cast<size_t>(moveUp)], m_form.clauses[static_cast<size_t>(moveUp) - 1]);
  if (removeAt >= 0) m_form.clauses.erase(m_form.clauses.begin() + removeAt);
  if (ImGui::Button("添加条款")) m_form.clauses.push_back(core::Clause{});
  ImGui::SameLine();
  ImGui::BeginDisabled(ctx.model.readOnly());
  if (ImGui::Button("从表格导入条款…")) ctx.model.requestClauseSheet();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextColored(theme::mutedText(), "（Excel/WPS/CSV：一列条款号、一列内容）");
  const forms::Action action = forms::endBody(m_feedback, m_formIsNew ? "保存标准" : "保存修改", !ctx.model.readOnly());
  if (action == forms::Action::Save) saveForm(ctx);
  if (action == forms::Action::Cancel) {
    m_editing = false;
    ctx.model.cancelClauseSheet();
  }
}

bool StandardsScreen::saveForm(AppContext& ctx) {
  // Drop rows left completely empty.
  std::erase_if(m_form.clauses, [](const core::Clause& c) { return c.article.empty() && c.summary.empty(); });
  if (!m_feedback.accept(core::validate(m_form))) return false;
  auto r = m_formIsNew ? ctx.store.createStandard(m_form, ctx.model.operatorName())
                       : ctx.store.updateStandard(m_form, ctx.model.operatorName());
  if (!r) return m_feedback.refuse(r.error());
  m_selectedId = r.value().meta.id;
  m_editing = false;
  ctx.model.cancelClauseSheet();
  m_feedback.succeed("已保存“" + r.value().title + "”。");
  return true;
}

} // namespace hz::ui
