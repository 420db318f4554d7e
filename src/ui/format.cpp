// Display formatting shared by the screens.
#include "ui/format.hpp"

#include "core/date.hpp"

#include <cstdio>
#include <cstring>

namespace hz::ui {

std::string localTime(const std::string& utc) {
  auto ms = core::parseTimestamp(utc);
  if (!ms) return utc;
  std::string t = core::formatTimestamp(*ms + 8 * 3600000);
  return t.substr(0, 10) + " " + t.substr(11, 5);
}

const char* historyActionLabel(const std::string& a) {
  static const struct {
    const char* key;
    const char* label;
  } kMap[] = {
      {"create", "新建"},      {"update", "修改"},   {"start", "开始整改"},    {"submit", "提交验收"},
      {"verify", "验收销号"},  {"reject", "驳回"},   {"reopen", "重新打开"},   {"submit_review", "上报审核"},
      {"approve", "审核通过"}, {"return", "退回"},   {"conflict", "合并冲突"}, {"import", "导入"},
      {"merge", "合并"},       {"seed", "内置数据"}, {"retire", "停用"},       {"rename", "改名"},
  };
  for (const auto& m : kMap)
    if (a == m.key) return m.label;
  return a.c_str();
}

std::string percent(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", r * 100.0);
  return buf;
}

} // namespace hz::ui
