// Text helpers for display: local (China) time of a stored UTC timestamp, history action names.
#pragma once
#include <string>

namespace hz::ui {

std::string localTime(const std::string& utcTimestamp);    // "2026-11-29 21:45" (UTC+8)
const char* historyActionLabel(const std::string& action); // "create" -> "新建", …
std::string percent(double ratio);                         // 0.4567 -> "45.7%"

} // namespace hz::ui
