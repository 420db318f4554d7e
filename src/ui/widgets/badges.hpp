// Small coloured tags for workflow status, hazard level, overdue and review state. Colour always
// comes with text (never colour alone), so the meaning survives print-outs and colour blindness.
#pragma once
#include "core/model.hpp"

#include <imgui.h>

namespace hz::ui::badges {

void tag(const char* text, ImVec4 colour); // filled rounded tag, white or dark text
void status(core::HazardStatus s);
void level(core::HazardLevel l);  // 重大隐患 in red; 一般隐患 plain
void overdue(bool isOverdue);     // 逾期 in red; nothing when not overdue
void review(core::ReviewState r); // nothing for 未上报
ImVec4 statusColour(core::HazardStatus s);

} // namespace hz::ui::badges
