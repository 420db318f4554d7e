// Record forms' feedback, body and footer, and the enterprise choice.
#include "ui/widgets/forms.hpp"

#include "ui/catalog.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"

#include <imgui.h>

#include <algorithm>

namespace hz::ui::forms {

// [SECTION] Feedback

bool Feedback::accept(const std::vector<Problem>& problems, bool otherProblem) {
  m_fields.clear();
  for (const auto& p : problems) m_fields.emplace_back(p.field, p.message);
  if (problems.empty() && !otherProblem) return true;
  const size_t n = std::max<size_t>(problems.size(), 1);
  fail("有 " + std::to_string(n) + " 处需要修改，见各字段下方的红字说明，未保存。");
  return false;
}

bool Feedback::refuse(const Error& error) {
  m_fields.clear();
  for (const auto& p : error.problems) m_fields.emplace_back(p.field, p.message);
  fail(error.message);
  return false;
}

void Feedback::fail(std::string message) {
  m_message = std::move(message);
  m_isError = true;
}

void Feedback::succeed(std::string message) {
  m_message = std::move(message);
  m_isError = false;
}

void Feedback::clearField(const char* field) {
  std::erase_if(m_fields, [&](const auto& f) { return f.first == field; });
}

void Feedback::fieldError(const char* field) const {
  for (const auto& [f, msg] : m_fields)
    if (f == field) fields::notice(msg, theme::danger());
}

void Feedback::message() const { fields::notice(m_message, m_isError ? theme::danger() : theme::success()); }

// [SECTION] Body and footer

void beginBody(const char* id, float maxWidthEm) {
  const float footer = ImGui::GetFrameHeightWithSpacing() * 2.4f;
  const float width =
      maxWidthEm > 0 ? std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * maxWidthEm) : 0.0f;
  ImGui::BeginChild(id, ImVec2(width, -footer));
}

Action endBody(Feedback& feedback, const char* saveLabel, bool canSave) {
  ImGui::EndChild();
  ImGui::Separator();
  feedback.message();
  Action action = Action::None;
  ImGui::BeginDisabled(!canSave);
  if (ImGui::Button(saveLabel)) action = Action::Save;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("取消")) {
    action = Action::Cancel;
    feedback.clearMessage();
  }
  return action;
}

// [SECTION] Enterprise choice

namespace {
std::string enterpriseLabel(const EnterpriseInfo& e) {
  return e.name + "（" + (e.uscc.empty() ? e.divisionCode : e.uscc) + "）";
}
} // namespace

bool enterprise(const char* label, std::string& enterpriseId, const Catalog& catalog, bool required) {
  std::vector<std::string> labels;
  std::vector<const EnterpriseInfo*> infos;
  for (const auto& e : catalog.enterprises()) {
    if (e.retired && e.id != enterpriseId) continue;
    labels.push_back(enterpriseLabel(e));
    infos.push_back(&e);
  }
  const EnterpriseInfo* current = catalog.enterprise(enterpriseId);
  std::string chosen = current ? enterpriseLabel(*current) : std::string();
  if (!fields::combo(label, chosen, labels, required)) return false;
  enterpriseId.clear();
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] == chosen) enterpriseId = infos[i]->id;
  return true;
}

} // namespace hz::ui::forms
