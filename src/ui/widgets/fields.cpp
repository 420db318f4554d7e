// Form widgets: layout, text/number/date/check/combo fields, inline errors and notices.
#include "ui/widgets/fields.hpp"

#include "core/date.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"

#include <imgui_stdlib.h>

#include <cstdio>

namespace hz::ui::fields {

namespace {
std::string hidden(const char* label) { return std::string("##") + label; }
void publish(const char* label) { TestProbe::instance().setNextLabel(label); }
// Ends a publish(): the label was consumed by the widget, or the widget was clipped away.
template <typename T> T done(T result) {
  TestProbe::instance().clearNextLabel();
  return result;
}
} // namespace

bool beginForm(const char* id, float labelWidth) {
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp)) return false;
  const float w = labelWidth > 0 ? labelWidth : ImGui::GetFontSize() * 7.5f;
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, w);
  ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
  return true;
}

void endForm() { ImGui::EndTable(); }

void row(const char* label, bool required) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  if (required) {
    ImGui::SameLine(0, 2);
    ImGui::TextColored(theme::danger(), "*");
  }
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-FLT_MIN);
}

bool text(const char* label, std::string& value, const char* hint, bool required) {
  row(label, required);
  publish(label);
  return done(hint ? ImGui::InputTextWithHint(hidden(label).c_str(), hint, &value)
                   : ImGui::InputText(hidden(label).c_str(), &value));
}

bool password(const char* label, std::string& value, const char* hint) {
  row(label, true);
  publish(label);
  return done(ImGui::InputTextWithHint(hidden(label).c_str(), hint ? hint : "", &value, ImGuiInputTextFlags_Password));
}

bool multiline(const char* label, std::string& value, float lines, bool required) {
  row(label, required);
  publish(label);
  const float h = ImGui::GetTextLineHeight() * lines + ImGui::GetStyle().FramePadding.y * 2;
  return done(ImGui::InputTextMultiline(hidden(label).c_str(), &value, ImVec2(-FLT_MIN, h)));
}

bool number(const char* label, double& value, const char* format) {
  row(label);
  publish(label);
  return done(ImGui::InputDouble(hidden(label).c_str(), &value, 0, 0, format));
}

bool integer(const char* label, int& value) {
  row(label);
  publish(label);
  const bool changed = done(ImGui::InputInt(hidden(label).c_str(), &value, 0, 0));
  if (value < 0) value = 0;
  return changed;
}

bool check(const char* label, bool& value) {
  row(label);
  publish(label);
  return done(ImGui::Checkbox(hidden(label).c_str(), &value));
}

bool date(const char* label, std::string& value, bool required) {
  row(label, required);
  const float buttonW = ImGui::CalcTextSize("选择").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
  publish(label);
  bool changed =
      done(ImGui::InputTextWithHint(hidden(label).c_str(), "YYYY-MM-DD", &value, ImGuiInputTextFlags_CharsNoBlank));
  ImGui::SameLine();
  const std::string popup = std::string("##cal_") + label;
  ImGui::PushID(label);
  if (ImGui::Button("选择", ImVec2(buttonW, 0))) ImGui::OpenPopup(popup.c_str());
  ImGui::PopID();
  if (calendarPopup(popup.c_str(), value)) changed = true;
  if (!value.empty() && !core::isValidDateText(value)) {
    ImGui::SameLine();
    ImGui::TextColored(theme::danger(), "日期格式应为 YYYY-MM-DD");
  }
  return changed;
}

bool calendarPopup(const char* popupId, std::string& value) {
  bool picked = false;
  if (!ImGui::BeginPopup(popupId)) return false;
  ImGuiStorage* st = ImGui::GetStateStorage();
  const ImGuiID keyY = ImGui::GetID("y"), keyM = ImGui::GetID("m");
  core::Date shown = core::Date::parse(value).value_or(core::todayChina());
  int y = st->GetInt(keyY, shown.year), m = st->GetInt(keyM, shown.month);
  if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) {
    if (--m < 1) {
      m = 12;
      --y;
    }
  }
  ImGui::SameLine();
  ImGui::Text("%04d 年 %02d 月", y, m);
  ImGui::SameLine();
  if (ImGui::ArrowButton("##next", ImGuiDir_Right)) {
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("今天")) {
    value = core::todayChina().toString();
    picked = true;
  }
  st->SetInt(keyY, y);
  st->SetInt(keyM, m);
  static const char* kWeek[7] = {"一", "二", "三", "四", "五", "六", "日"};
  if (ImGui::BeginTable("##days", 7, ImGuiTableFlags_SizingFixedSame)) {
    for (const char* w : kWeek) {
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", w);
    }
    const core::Date first{y, m, 1};
    for (int i = 0; i < first.weekday(); ++i) ImGui::TableNextColumn();
    const auto current = core::Date::parse(value);
    for (int d = 1; d <= core::daysInMonth(y, m); ++d) {
      ImGui::TableNextColumn();
      char buf[16];
      std::snprintf(buf, sizeof buf, "%d", d);
      const bool sel = current && current->year == y && current->month == m && current->day == d;
      if (ImGui::Selectable(buf, sel, 0, ImVec2(ImGui::GetFontSize() * 1.6f, 0))) {
        value = core::Date{y, m, d}.toString();
        picked = true;
      }
    }
    ImGui::EndTable();
  }
  if (picked) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return picked;
}

bool containsText(const std::string& hay, const std::string& needle) {
  return needle.empty() || hay.find(needle) != std::string::npos;
}

bool combo(const char* label, std::string& value, const std::vector<std::string>& options, bool required,
           bool allowEmpty) {
  row(label, required);
  publish(label);
  bool changed = false;
  const char* preview = value.empty() ? "（未选择）" : value.c_str();
  if (done(ImGui::BeginCombo(hidden(label).c_str(), preview, ImGuiComboFlags_HeightLarge))) {
    static std::string filter; // one combo is open at a time
    if (ImGui::IsWindowAppearing()) {
      filter.clear();
      ImGui::SetKeyboardFocusHere();
    }
    ImGui::SetNextItemWidth(-FLT_MIN);
    publish("筛选");
    done(ImGui::InputTextWithHint("##filter", "输入文字筛选", &filter));
    if (allowEmpty && filter.empty() && ImGui::Selectable("（未选择）", value.empty())) {
      value.clear();
      changed = true;
    }
    for (const auto& opt : options) {
      if (!containsText(opt, filter)) continue;
      if (ImGui::Selectable(opt.c_str(), opt == value)) {
        value = opt;
        changed = true;
      }
      if (opt == value && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
    }
    ImGui::EndCombo();
  }
  return changed;
}

void error(const std::string& message) {
  if (message.empty()) return;
  TestProbe::instance().message(message);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::danger());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(message.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void notice(const std::string& text, const ImVec4& colour) {
  if (text.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  TestProbe::instance().recordLastItem(text);
}

void help(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::mutedText());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

} // namespace hz::ui::fields
