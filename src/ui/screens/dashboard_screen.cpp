// DashboardScreen: metric cards and ImDrawList charts over report::hazardStats(), the one statistics engine.
#include "ui/screens/dashboard_screen.hpp"

#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/format.hpp"
#include "ui/navigation.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/badges.hpp"
#include "ui/widgets/fields.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace hz::ui {

void DashboardScreen::draw(AppContext& ctx) {
  if (m_watch.changed(ctx.model) | (m_today != ctx.today.toString())) {
    m_today = ctx.today.toString();
    auto d = report::hazardStats(ctx.store, {}, ctx.today, 12);
    m_error = d ? std::string() : d.error().describe();
    if (d) m_data = std::move(d.value());
  }
  theme::heading("总览");
  if (!m_error.empty()) {
    fields::error(m_error);
    return;
  }
  if (m_data.total == 0) {
    fields::help("还没有隐患记录。可在“隐患台账”中新增隐患，或在“数据交换”中导入下级单位的台账文件。");
    return;
  }
  drawCards(ctx);
  ImGui::Spacing();
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  const float h = std::max(ImGui::GetContentRegionAvail().y * 0.5f, ctx.em() * 14);
  ImGui::BeginChild("##by_town", ImVec2(half, h), ImGuiChildFlags_Borders);
  drawBars(ctx, "按乡镇街道（点击查看）", m_data.byTownship, true);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##by_industry", ImVec2(0, h), ImGuiChildFlags_Borders);
  drawBars(ctx, "按行业领域（点击查看）", m_data.byIndustry, false);
  ImGui::EndChild();
  ImGui::BeginChild("##trend", ImVec2(0, 0), ImGuiChildFlags_Borders);
  drawTrend(ctx);
  ImGui::EndChild();
}

void DashboardScreen::drawCards(AppContext& ctx) {
  struct Card {
    std::string label, value;
    ImVec4 colour;
    store::HazardFilter filter;
  };
  std::vector<Card> cards;
  cards.push_back({"隐患总数", std::to_string(m_data.total), theme::accent(), {}});
  store::HazardFilter major;
  major.level = core::HazardLevel::Major;
  cards.push_back({"重大隐患", std::to_string(m_data.major), theme::danger(), major});
  store::HazardFilter overdue;
  overdue.overdue = true;
  cards.push_back({"逾期未销号", std::to_string(m_data.overdue), theme::danger(), overdue});
  for (const auto& s : m_data.byStatus) {
    store::HazardFilter f;
    core::HazardStatus st;
    if (core::fromChinese(s.key, st)) f.statuses = {st};
    cards.push_back({s.key, std::to_string(s.count), badges::statusColour(st), f});
  }
  cards.push_back({"整改率", percent(m_data.rectifiedRate), theme::success(), {}});
  cards.push_back({"销号率", percent(m_data.closedRate), theme::success(), {}});

  const float em = ctx.em();
  const float w = em * 7.2f, h = em * 3.6f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (size_t i = 0; i < cards.size(); ++i) {
    if (i && ImGui::GetContentRegionAvail().x > w) ImGui::SameLine();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(i));
    TestProbe::instance().setNextLabel(cards[i].label.c_str());
    const bool clicked = ImGui::InvisibleButton("##card", ImVec2(w, h));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h),
                      hovered ? IM_COL32(235, 242, 252, 255) : IM_COL32(255, 255, 255, 255), 6);
    dl->AddRect(p, ImVec2(p.x + w, p.y + h), IM_COL32(210, 216, 226, 255), 6);
    dl->AddRectFilled(p, ImVec2(p.x + em * 0.3f, p.y + h), ImGui::GetColorU32(cards[i].colour), 6,
                      ImDrawFlags_RoundCornersLeft);
    dl->AddText(ImVec2(p.x + em * 0.8f, p.y + em * 0.45f), ImGui::GetColorU32(theme::mutedText()),
                cards[i].label.c_str());
    ImGui::PushFont(nullptr, theme::kBaseFontSize * 1.5f);
    dl->AddText(ImVec2(p.x + em * 0.8f, p.y + em * 1.6f), ImGui::GetColorU32(ImGuiCol_Text), cards[i].value.c_str());
    ImGui::PopFont();
    const bool drillable = cards[i].label != "整改率" && cards[i].label != "销号率";
    if (clicked && drillable) ctx.nav.showLedger(cards[i].filter, "总览：" + cards[i].label);
  }
}

void DashboardScreen::drawBars(AppContext& ctx, const char* title, const std::vector<report::CountBy>& data,
                               bool township) {
  ImGui::TextUnformatted(title);
  if (data.empty()) {
    fields::help("暂无数据");
    return;
  }
  const float em = ctx.em();
  const float labelW = em * 7.5f, countW = em * 3.5f;
  const float barH = em * 1.25f;
  const int64_t maxCount =
      std::max_element(data.begin(), data.end(), [](auto& a, auto& b) { return a.count < b.count; })->count;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const size_t shown = std::min<size_t>(data.size(), 12);
  for (size_t i = 0; i < shown; ++i) {
    const std::string label = township ? ctx.catalog.townshipName(data[i].key) : data[i].key;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float avail = ImGui::GetContentRegionAvail().x - labelW - countW;
    ImGui::PushID(static_cast<int>(i));
    TestProbe::instance().setNextLabel(label.c_str());
    const bool clicked = ImGui::InvisibleButton("##bar", ImVec2(labelW + avail + countW, barH));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    const float len = maxCount > 0 ? avail * float(data[i].count) / float(maxCount) : 0;
    dl->PushClipRect(p, ImVec2(p.x + labelW - em * 0.3f, p.y + barH), true);
    dl->AddText(ImVec2(p.x, p.y + em * 0.1f), ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
    dl->PopClipRect();
    dl->AddRectFilled(ImVec2(p.x + labelW, p.y + em * 0.15f),
                      ImVec2(p.x + labelW + std::max(len, 2.0f), p.y + barH - em * 0.15f),
                      hovered ? IM_COL32(20, 90, 200, 255) : IM_COL32(60, 130, 220, 255), 3);
    char n[32];
    std::snprintf(n, sizeof n, "%lld", static_cast<long long>(data[i].count));
    dl->AddText(ImVec2(p.x + labelW + len + em * 0.3f, p.y + em * 0.1f), ImGui::GetColorU32(ImGuiCol_Text), n);
    if (clicked) {
      store::HazardFilter f;
      if (township)
        f.divisionPrefix = data[i].key;
      else
        f.industry = data[i].key;
      ctx.nav.showLedger(f, std::string(township ? "乡镇街道：" : "行业领域：") + label);
    }
  }
  if (data.size() > shown) fields::help(("另有 " + std::to_string(data.size() - shown) + " 项未显示").c_str());
}

void DashboardScreen::drawTrend(AppContext& ctx) {
  ImGui::TextUnformatted("近 12 周新发现与销号");
  ImGui::SameLine();
  ImGui::TextColored(ImVec4(0.90f, 0.45f, 0.10f, 1), "■ 新发现");
  ImGui::SameLine();
  ImGui::TextColored(theme::success(), "■ 销号");
  const auto& w = m_data.weekly;
  if (w.empty()) return;
  const float em = ctx.em();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, std::max(ImGui::GetContentRegionAvail().y, em * 8));
  ImGui::Dummy(size);
  int64_t maxV = 1;
  for (const auto& pt : w) maxV = std::max({maxV, pt.found, pt.closed});
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float bottom = p.y + size.y - em * 1.4f, top = p.y + em * 0.8f;
  const float slot = size.x / float(w.size());
  const float bw = std::min(slot * 0.35f, em * 1.5f);
  dl->AddLine(ImVec2(p.x, bottom), ImVec2(p.x + size.x, bottom), IM_COL32(180, 186, 196, 255));
  for (size_t i = 0; i < w.size(); ++i) {
    const float x = p.x + slot * float(i) + slot * 0.5f;
    const float hf = (bottom - top) * float(w[i].found) / float(maxV);
    const float hc = (bottom - top) * float(w[i].closed) / float(maxV);
    dl->AddRectFilled(ImVec2(x - bw, bottom - hf), ImVec2(x, bottom), IM_COL32(230, 115, 25, 255), 2);
    dl->AddRectFilled(ImVec2(x, bottom - hc), ImVec2(x + bw, bottom), IM_COL32(30, 140, 65, 255), 2);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld/%lld", static_cast<long long>(w[i].found),
                  static_cast<long long>(w[i].closed));
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(x - ts.x * 0.5f, bottom - std::max(hf, hc) - ts.y), ImGui::GetColorU32(theme::mutedText()), buf);
    const std::string label = w[i].weekStart.substr(5);
    const ImVec2 ls = ImGui::CalcTextSize(label.c_str());
    dl->AddText(ImVec2(x - ls.x * 0.5f, bottom + em * 0.2f), ImGui::GetColorU32(theme::mutedText()), label.c_str());
  }
}

} // namespace hz::ui
