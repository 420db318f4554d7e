// First run: a short wizard for the office identity (name, division code validated, level,
// operators) and an offer to load clearly marked sample data (示例数据).
#pragma once
#include "ui/app_context.hpp"
#include "ui/widgets/forms.hpp"

#include <string>

namespace hz::ui {

class FirstRunWizard {
public:
  void draw(AppContext& ctx);

private:
  bool saveIdentity(AppContext& ctx);
  void loadSample(AppContext& ctx);

  bool m_checked = false; // decided on the first frame whether to show
  bool m_active = false;
  int m_step = 0; // 0 identity, 1 sample data
  std::string m_name, m_division, m_operators;
  int m_level = 0;            // 乡镇 县区 市
  forms::Feedback m_feedback; // problems under their fields, other messages above the buttons
};

} // namespace hz::ui
