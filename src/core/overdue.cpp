// 逾期 (overdue): the C++ predicate and its SQL twin (see overdue.hpp).
#include "core/overdue.hpp"

namespace hz::core {

bool isOverdue(HazardStatus status, std::string_view deadline, const Date& today) {
  return status != HazardStatus::Closed && !deadline.empty() && deadline < std::string_view(today.toString());
}

bool isOverdue(const Hazard& h, const Date& today) { return isOverdue(h.status, h.deadline, today); }

std::string overdueSql(std::string_view alias, int todayParam) {
  const std::string a(alias);
  return "(" + a + ".deadline <> '' AND " + a + ".deadline < ?" + std::to_string(todayParam) + " AND " + a +
         ".status <> '" + toChinese(HazardStatus::Closed) + "')";
}

} // namespace hz::core
