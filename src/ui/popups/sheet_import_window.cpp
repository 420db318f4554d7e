#include "ui/popups/sheet_import_window.hpp"

#include "core/text.hpp"
#include "model/sheet_import.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace hz::ui {

namespace {

// BeginCombo reports no label to test mode: name it for the probe (as fields::combo does).
bool beginNamedCombo(const std::string& name, const char* id, const char* preview) {
  TestProbe::instance().setNextLabel(name.c_str());
  const bool open = ImGui::BeginCombo(id, preview, ImGuiComboFlags_HeightLarge);
  TestProbe::instance().clearNextLabel();
  return open;
}

constexpr const char* kTitle = "###sheet-import"; // the popup's id; its title names the file
const char* fieldLabel(const std::string& key) {
  if (key.empty()) return sheet::kNotImportedLabel;
  const auto* f = sheet::targetField(key);
  return f ? f->label : key.c_str();
}

const char* actionText(sheet::RowAction a) {
  switch (a) {
  case sheet::RowAction::Create:
    return "导入";
  case sheet::RowAction::Duplicate:
    return "已导入过";
  case sheet::RowAction::Refused:
    return "不能导入";
  case sheet::RowAction::Skipped:
    return "跳过";
  }
  return "";
}

} // namespace

void SheetImportWindow::draw(AppContext& ctx) {
  model::SheetImportModel& si = ctx.model.sheetImport();
  if (!si.active()) {
    m_open = false;
    return;
  }
  if (!m_open) {
    ImGui::OpenPopup(kTitle);
    m_open = true;
    m_error.clear();
    m_onlyProblems = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x * 0.94f, vp->WorkSize.y * 0.92f), ImGuiCond_Always);
  const std::string title = "导入表格：" + si.preview()->fileName + kTitle;
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
    // Closed by the platform (Esc): end the session as 取消 would.
    si.close();
    m_open = false;
    return;
  }
  drawHeader(ctx);
  if (!si.active()) { // the sheet choice failed badly and closed the session
    ImGui::EndPopup();
    return;
  }
  refreshCache(si);
  // Everything above the button row scrolls when the screen is small; the buttons stay in view.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float buttonRow = ImGui::GetFrameHeight() + style.ItemSpacing.y * 2 + 2;
  ImGui::BeginChild("##body", ImVec2(0, -buttonRow));
  ImGui::BeginDisabled(si.applyPending()); // nothing changes while the import runs
  ImGui::SeparatorText("列对应（表中每一列导入为哪一项）");
  drawMapping(ctx);
  drawDefaults(ctx);
  drawFirms(ctx);
  if (!m_error.empty()) fields::error(m_error);
  drawRows(ctx, 0);
  ImGui::EndDisabled();
  ImGui::EndChild();
  drawButtons(ctx);
  ImGui::EndPopup();
}

// What the window derives from the preview (the rows shown, an example value per column) is kept
// until the preview is rebuilt or the filter changes, not worked out again every frame.
void SheetImportWindow::refreshCache(const model::SheetImportModel& si) {
  if (m_cachedVersion == si.version() && m_cachedFilter == m_onlyProblems) return;
  m_cachedVersion = si.version();
  m_cachedFilter = m_onlyProblems;
  const sheet::Preview& p = *si.preview();
  m_shown.clear();
  for (size_t i = 0; i < p.rows.size(); ++i) {
    const sheet::PreviewRow& r = p.rows[i];
    if (!m_onlyProblems || r.refused() || !r.notes.empty()) m_shown.push_back(i);
  }
  m_samples.assign(p.layout.headers.size(), std::string());
  for (size_t c = 0; c < m_samples.size(); ++c) {
    for (const auto& r : p.rows) {
      if (c < r.cells.size() && !r.cells[c].empty()) {
        m_samples[c] = core::shortText(r.cells[c], 16);
        break;
      }
    }
  }
}

void SheetImportWindow::drawHeader(AppContext& ctx) {
  model::SheetImportModel& si = ctx.model.sheetImport();
  const sheet::Preview& p = *si.preview();
  if (p.sheetNames.size() > 1) {
    ImGui::AlignTextToFramePadding();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    if (beginNamedCombo("工作表", "工作表", p.sheetNames[p.sheetIndex].c_str())) {
      for (size_t i = 0; i < p.sheetNames.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(p.sheetNames[i].c_str(), i == p.sheetIndex)) {
          if (auto s = si.chooseSheet(i); !s) m_error = s.error().message;
        }
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
  }
  const sheet::Preview& q = *si.preview(); // chooseSheet rebuilt it
  std::string where = std::string(sheet::formatName(q.format)) + (q.encoding.empty() ? "" : "，编码 " + q.encoding);
  if (!q.layout.title.empty()) where += " · 标题“" + q.layout.title + "”";
  where += " · 表头在第 " + std::to_string(q.layout.headerRow + 1) + " 行";
  if (q.mappingRemembered) where += " · 已沿用上次同样格式表格的列对应";
  ImGui::TextColored(theme::mutedText(), "%s", where.c_str());
}

void SheetImportWindow::drawMapping(AppContext& ctx) {
  model::SheetImportModel& si = ctx.model.sheetImport();
  const sheet::Preview& p = *si.preview();
  const float em = ImGui::GetFontSize();
  const size_t n = p.layout.headers.size();
  const int perRow = ImGui::GetContentRegionAvail().x > em * 66 ? 3 : 2;
  const float height = std::min(em * 11.5f, (ImGui::GetFrameHeightWithSpacing() + 2) * ((n + perRow - 1) / perRow + 1));
  if (!ImGui::BeginTable("##mapping", perRow * 2,
                         ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_RowBg |
                             ImGuiTableFlags_SizingStretchProp,
                         ImVec2(0, height)))
    return;
  for (int i = 0; i < perRow; ++i) {
    ImGui::TableSetupColumn("表中列", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("导入为", ImGuiTableColumnFlags_WidthFixed, em * 12);
  }
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableHeadersRow();
  std::optional<std::pair<size_t, std::string>> change;
  for (size_t c = 0; c < n; ++c) {
    if (c % perRow == 0) ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string name = sheet::columnLabel(p.layout, c);
    const std::string& key = p.layout.columns[c];
    const std::string& sample = m_samples[c];
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(name.c_str());
    if (!sample.empty()) {
      ImGui::SameLine();
      ImGui::TextColored(theme::mutedText(), "如 %s", sample.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    ImGui::PushID(static_cast<int>(c));
    // The combo is labelled with the column's header (test mode finds it by that name).
    if (key.empty()) ImGui::PushStyleColor(ImGuiCol_Text, theme::mutedText());
    const bool open = beginNamedCombo(name, "##map", fieldLabel(key));
    if (key.empty()) ImGui::PopStyleColor();
    if (open) {
      if (ImGui::Selectable(sheet::kNotImportedLabel, key.empty())) change = std::make_pair(c, std::string());
      for (const auto& f : sheet::targetFields()) {
        if (ImGui::Selectable(f.label, key == f.key)) change = std::make_pair(c, std::string(f.key));
      }
      ImGui::EndCombo();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (change) {
    if (auto s = si.setColumn(change->first, change->second); !s) m_error = s.error().message;
  }
}

void SheetImportWindow::drawDefaults(AppContext& ctx) {
  model::SheetImportModel& si = ctx.model.sheetImport();
  const sheet::Preview& p = *si.preview();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("表中没有或为空时按：");
  const float em = ImGui::GetFontSize();
  std::optional<std::pair<std::string, std::string>> change;
  for (const char* key : {"level", "source", "industry", sheet::kTownship}) {
    const bool hasColumn = std::find(p.layout.columns.begin(), p.layout.columns.end(), key) != p.layout.columns.end();
    if (hasColumn && std::string_view(key) != "source" && std::string_view(key) != "industry") continue;
    ImGui::SameLine();
    const std::string current = si.defaultLabel(key);
    const char* name = std::string_view(key) == sheet::kTownship ? "上报单位" : fieldLabel(key);
    ImGui::SetNextItemWidth(em * 9);
    const std::string label = std::string("默认") + name;
    if (beginNamedCombo(label, label.c_str(), current.empty() ? "（不设）" : current.c_str())) {
      if (ImGui::Selectable("（不设）", current.empty())) change = std::make_pair(std::string(key), std::string());
      for (const auto& v : si.defaultChoices(key)) {
        if (ImGui::Selectable(v.c_str(), v == current)) change = std::make_pair(std::string(key), v);
      }
      ImGui::EndCombo();
    }
  }
  if (change) {
    if (auto s = si.setDefault(change->first, change->second); !s) m_error = s.error().message;
  }
}

void SheetImportWindow::drawFirms(AppContext& ctx) {
  model::SheetImportModel& si = ctx.model.sheetImport();
  const sheet::Preview& p = *si.preview();
  auto asked = [](const sheet::FirmGroup& g) {
    return !g.rows.empty() && (g.match == sheet::FirmGroup::Match::Similar || g.variantNames());
  };
  size_t questions = 0;
  for (const auto& g : p.firms) questions += asked(g);
  if (questions == 0) return;
  ImGui::SeparatorText("企业名称写法相近：请确认是否为同一企业");
  const float em = ImGui::GetFontSize();
  const float rowH = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2 + 1;
  if (ImGui::BeginTable("##firms", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                        ImVec2(0, std::min(em * 6, rowH * static_cast<float>(questions) + 2)))) {
    ImGui::TableSetupColumn("企业", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("确认", ImGuiTableColumnFlags_WidthFixed, em * 16);
    for (size_t i = 0; i < p.firms.size(); ++i) {
      const auto& g = p.firms[i];
      if (!asked(g)) continue;
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(sheet::firmQuestion(p, g).c_str());
      ImGui::TableNextColumn();
      if (ImGui::RadioButton("同一企业", g.sameFirm == true)) si.answerFirm(i, true);
      ImGui::SameLine();
      if (ImGui::RadioButton("分别建档", g.sameFirm == false)) si.answerFirm(i, false);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (questions > 1) {
    if (ImGui::SmallButton("全部按同一企业")) si.answerAllSimilar(true);
    ImGui::SameLine();
    if (ImGui::SmallButton("全部分别建档")) si.answerAllSimilar(false);
  }
}

void SheetImportWindow::drawRows(AppContext& ctx, float reserveBelow) {
  const sheet::Preview& p = *ctx.model.sheetImport().preview();
  ImGui::SeparatorText("预览（尚未写入数据库）");
  const size_t create = p.count(sheet::RowAction::Create), dup = p.count(sheet::RowAction::Duplicate),
               refused = p.count(sheet::RowAction::Refused);
  ImGui::AlignTextToFramePadding();
  ImGui::Text("共 %zu 行：", p.rows.size());
  ImGui::SameLine();
  ImGui::TextColored(theme::success(), "可导入 %zu 行", create);
  ImGui::SameLine();
  ImGui::Text("· 已导入过 %zu 行 ·", dup);
  ImGui::SameLine();
  ImGui::TextColored(refused ? theme::danger() : theme::mutedText(), "不能导入 %zu 行", refused);
  if (const size_t skipped = p.count(sheet::RowAction::Skipped)) {
    ImGui::SameLine();
    ImGui::Text("· 跳过 %zu 行", skipped);
  }
  ImGui::SameLine();
  ImGui::Text("· 新建企业 %zu 家", p.newFirms());
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
  ImGui::Checkbox("只看有问题的行", &m_onlyProblems);
  refreshCache(ctx.model.sheetImport()); // the filter, or a choice above, may have changed this frame
  const std::vector<size_t>& shown = m_shown;
  const size_t n = p.layout.headers.size();
  const int columns = static_cast<int>(std::min<size_t>(n, 250)) + 3; // ImGui's limit is 512 columns
  const float em = ImGui::GetFontSize();
  if (!ImGui::BeginTable("##rows", columns,
                         ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Borders |
                             ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit,
                         ImVec2(0, std::max(ImGui::GetContentRegionAvail().y - reserveBelow, em * 9))))
    return;
  ImGui::TableSetupColumn("行", ImGuiTableColumnFlags_WidthFixed, em * 2.5f);
  ImGui::TableSetupColumn("结果", ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
  ImGui::TableSetupColumn("说明", ImGuiTableColumnFlags_WidthFixed, em * 22);
  for (int c = 0; c + 3 < columns; ++c) {
    ImGui::TableSetupColumn(sheet::columnLabel(p.layout, static_cast<size_t>(c)).c_str(),
                            ImGuiTableColumnFlags_WidthFixed, em * 8);
  }
  ImGui::TableSetupScrollFreeze(3, 1);
  ImGui::TableHeadersRow();
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(shown.size()));
  while (clip.Step()) {
    for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
      const sheet::PreviewRow& r = p.rows[shown[k]];
      ImGui::TableNextRow();
      ImGui::PushID(k);
      ImGui::TableNextColumn();
      ImGui::Text("%zu", r.sheetRow);
      ImGui::TableNextColumn();
      const ImVec4 colour = r.refused()                               ? theme::danger()
                            : r.action == sheet::RowAction::Duplicate ? theme::mutedText()
                                                                      : theme::success();
      ImGui::TextColored(colour, "%s", actionText(r.action));
      ImGui::TableNextColumn();
      std::string notes;
      if (r.action == sheet::RowAction::Duplicate) notes = r.duplicateOf;
      for (const auto& nt : r.notes)
        notes += (notes.empty() ? "" : "；") + std::string(nt.refusing ? "" : "提示：") + nt.message;
      ImGui::TextColored(r.refused() ? theme::danger() : theme::mutedText(), "%s", core::shortText(notes, 30).c_str());
      if (r.refused()) TestProbe::instance().message("第 " + std::to_string(r.sheetRow) + " 行不能导入：" + r.reason());
      if (!notes.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", notes.c_str());
      for (int c = 0; c + 3 < columns; ++c) {
        ImGui::TableNextColumn();
        const std::string* message = nullptr;
        bool refusing = false;
        for (const auto& nt : r.notes) {
          if (nt.column == c) {
            message = &nt.message;
            refusing = refusing || nt.refusing;
          }
        }
        if (message) {
          ImGui::TableSetBgColor(
              ImGuiTableBgTarget_CellBg,
              ImGui::GetColorU32(refusing ? ImVec4(1.0f, 0.85f, 0.85f, 1) : ImVec4(1.0f, 0.95f, 0.8f, 1)));
        }
        const std::string& v = static_cast<size_t>(c) < r.cells.size() ? r.cells[c] : std::string();
        ImGui::TextUnformatted(core::shortText(v, 14).c_str());
        if (message && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", message->c_str());
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void SheetImportWindow::drawButtons(AppContext& ctx) {
  model::SheetImportModel& si = ctx.model.sheetImport();
  const sheet::Preview& p = *si.preview();
  if (si.applyPending()) {
    ImGui::Spacing();
    const model::Job* job = ctx.model.currentJob();
    ImGui::ProgressBar(-1.0f * static_cast<float>(ImGui::GetTime()), ImVec2(ImGui::GetFontSize() * 16, 0), "请稍候");
    ImGui::SameLine();
    ImGui::TextUnformatted(job ? job->title.c_str() : "正在导入……");
    return;
  }
  if (!si.lastError().empty() && m_error.empty()) m_error = si.lastError();
  const size_t create = p.count(sheet::RowAction::Create), refused = p.count(sheet::RowAction::Refused);
  const size_t toConfirm = p.firmsToConfirm();
  const bool canAll = p.canApply(false), canGood = p.canApply(true);
  const bool ro = ctx.model.readOnly();
  ImGui::Spacing();
  enum class Do { Nothing, ImportAll, ImportGood, Download, Cancel } action = Do::Nothing;
  ImGui::BeginDisabled(ro || !canAll);
  if (ImGui::Button(("导入 " + std::to_string(create) + " 行").c_str())) action = Do::ImportAll;
  ImGui::EndDisabled();
  if (refused > 0) {
    ImGui::SameLine();
    ImGui::BeginDisabled(ro || !canGood);
    if (ImGui::Button(("只导入可导入的 " + std::to_string(create) + " 行").c_str())) action = Do::ImportGood;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("下载不能导入的行（Excel）")) action = Do::Download;
  }
  ImGui::SameLine();
  if (ImGui::Button("取消")) action = Do::Cancel;
  if (toConfirm > 0) {
    ImGui::SameLine();
    ImGui::TextColored(theme::warning(), "请先确认 %zu 家名称写法相近的企业", toConfirm);
  } else if (refused > 0) {
    ImGui::SameLine();
    ImGui::TextColored(theme::mutedText(), "可改正原表后重新拖入，或只导入可导入的行");
  }
  // Acted on after drawing: importing (a job of the app model, from the next frame) or cancelling
  // ends the session (and the preview with it).
  switch (action) {
  case Do::ImportAll:
  case Do::ImportGood:
    si.requestApply(action == Do::ImportGood);
    m_error.clear();
    break;
  case Do::Download:
    if (auto s = si.downloadRefused(); !s) m_error = s.error().message;
    break;
  case Do::Cancel:
    si.close();
    break;
  case Do::Nothing:
    break;
  }
  if (!si.active()) {
    m_open = false;
    ImGui::CloseCurrentPopup();
  }
}

} // namespace hz::ui
