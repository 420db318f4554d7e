// The closed-loop rectification workflow and the review of reported hazards, as pure functions:
// (hazard, action, input, actor, today) -> new hazard + history event, or an error that lists
// every missing or invalid field in Chinese.
//
// Rectification: 待整改 -start-> 整改中 -submit-> 待验收 -verify-> 已销号
//                待验收 -reject(驳回, reason)-> 整改中;  已销号 -reopen(重新打开, reason)-> 整改中
// Review (independent): 未上报/退回 -submitForReview-> 待审核 -approve-> 审核通过
//                                                 待审核 -returnForCorrection(reason)-> 退回
// 逾期 (overdue) is computed by isOverdue() (core/overdue.hpp), never stored.
#pragma once
#include "core/date.hpp"
#include "core/model.hpp"
#include "core/overdue.hpp"
#include "core/result.hpp"

#include <string>
#include <vector>

namespace hz::core {

enum class WorkflowAction {
  Start,  // 开始整改: 待整改 -> 整改中 (major: needs responsible party, deadline, measures, 五落实)
  Submit, // 提交验收: 整改中 -> 待验收 (needs completion date, what was done, who reports it)
  Verify, // 验收销号: 待验收 -> 已销号 (needs verifier, date, opinion; verifier != rectifiedBy)
  Reject, // 驳回: 待验收 -> 整改中 (reason)
  Reopen, // 重新打开: 已销号 -> 整改中 (reason)
  SubmitForReview,     // 上报审核: 未上报/退回 -> 待审核
  Approve,             // 审核通过: 待审核 -> 审核通过
  ReturnForCorrection, // 退回: 待审核 -> 退回 (reason)
};

const char* toChinese(WorkflowAction a); // 开始整改, 提交验收, 验收销号, 驳回, 重新打开, 上报审核, 审核通过, 退回
const char* actionName(
    WorkflowAction a); // history action names: start, submit, verify, reject, reopen, submit_review, approve, return

// What the user typed for the step; which fields matter depends on the action.
struct WorkflowInput {
  std::string date;   // Submit: completion date; Verify: verification date; review date
  std::string note;   // Submit: what was done; Verify: opinion; Reject/Reopen/Return: reason
  std::string person; // Submit: who reports the rectification; Verify: verifier; review: reviewer
};

struct Transition {
  Hazard hazard;      // the hazard after the action (status/review fields updated)
  HistoryEvent event; // recordKind kKindHazard, recordId, action, actor, changes, note filled in;
                      // id, at, origin, revisions and hashes are left for the store
};

// Actions legal from the hazard's current state (for showing only legal buttons).
std::vector<WorkflowAction> legalActions(const Hazard& h);

Result<Transition> applyAction(const Hazard& h, WorkflowAction action, const WorkflowInput& input,
                               const std::string& actor, const Date& today);

} // namespace hz::core
