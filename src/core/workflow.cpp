// The rectification workflow (待整改 → 整改中 → 待验收 → 已销号, 驳回, 重新打开) and the review of
// reported hazards (上报审核, 审核通过, 退回) as pure functions over plain structs.
#include "core/workflow.hpp"

#include "core/record_fields.hpp"
#include "core/validation.hpp"

#include <iterator>
#include <optional>
#include <utility>

namespace hz::core {

namespace {

const char* const kActionZh[] = {"开始整改", "提交验收", "验收销号", "驳回",
                                 "重新打开", "上报审核", "审核通过", "退回"};
const char* const kActionName[] = {"start",  "submit",        "verify",  "reject",
                                   "reopen", "submit_review", "approve", "return"};

bool isReviewAction(WorkflowAction a) {
  return a == WorkflowAction::SubmitForReview || a == WorkflowAction::Approve ||
         a == WorkflowAction::ReturnForCorrection;
}

bool isBlank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

bool isLegal(const Hazard& h, WorkflowAction a) {
  switch (a) {
  case WorkflowAction::Start:
    return h.status == HazardStatus::Pending;
  case WorkflowAction::Submit:
    return h.status == HazardStatus::InProgress;
  case WorkflowAction::Verify:
  case WorkflowAction::Reject:
    return h.status == HazardStatus::AwaitingVerification;
  case WorkflowAction::Reopen:
    return h.status == HazardStatus::Closed;
  case WorkflowAction::SubmitForReview:
    return h.review == ReviewState::NotSubmitted || h.review == ReviewState::Returned;
  case WorkflowAction::Approve:
  case WorkflowAction::ReturnForCorrection:
    return h.review == ReviewState::Pending;
  }
  return false;
}

// Problems of one step; messages start with the Chinese label of the field.
class StepChecker {
public:
  explicit StepChecker(const Hazard& h) : m_record(h.number.empty() ? h.meta.id : h.number) {}
  void add(const char* field, const std::string& what) {
    m_problems.push_back({m_record, field, std::string(fieldLabel(kKindHazard, field)) + ": " + what});
  }
  void required(const char* field, const std::string& value, const char* what = "必填，不能为空") {
    if (isBlank(value)) add(field, what);
  }
  // A required date that is valid, not after today and not before `notBefore` (when that parses).
  std::optional<Date> date(const char* field, const std::string& value, const Date& today, const char* beforeField,
                           const std::string& beforeValue) {
    if (value.empty()) {
      add(field, "必填，应为 YYYY-MM-DD，如 2026-03-15");
      return std::nullopt;
    }
    auto d = Date::parse(value);
    if (!d) {
      add(field, "日期无效“" + value + "”，应为 YYYY-MM-DD，如 2026-03-15");
      return std::nullopt;
    }
    if (today < *d) {
      add(field, "不能晚于今天(" + today.toString() + ")");
    }
    const auto before = Date::parse(beforeValue);
    if (before && *d < *before) {
      add(field, "不能早于" + std::string(fieldLabel(kKindHazard, beforeField)) + "(" + before->toString() + ")");
    }
    return d;
  }
  std::vector<Problem>& problems() { return m_problems; }

private:
  std::string m_record;
  std::vector<Problem> m_problems;
};

// 重大隐患 before leaving 待整改: responsible person and department/unit, deadline, measures, 五落实.
void checkMajorPlan(const Hazard& h, StepChecker& c) {
  c.required("responsible_person", h.responsiblePerson, "重大隐患须明确整改责任人");
  if (isBlank(h.responsibleDepartment) && isBlank(h.responsibleUnit)) {
    c.add("responsible_department", "重大隐患须明确整改责任部门或责任单位");
  }
  if (h.deadline.empty()) {
    c.add("deadline", "重大隐患须明确整改期限(YYYY-MM-DD，如 2026-03-15)");
  } else if (auto d = Date::parse(h.deadline); !d) {
    c.add("deadline", "日期无效“" + h.deadline + "”，应为 YYYY-MM-DD，如 2026-03-15");
  } else if (auto f = Date::parse(h.foundDate); f && *d < *f) {
    c.add("deadline", "不能早于发现日期(" + f->toString() + ")");
  }
  c.required("measures", h.measures, "重大隐患须明确整改措施");
  const std::pair<bool, const char*> five[] = {
      {h.five.target, "five_target"},
      {h.five.organization, "five_organization"},
      {h.five.safetyMeasures, "five_safety_measures"},
      {h.five.funds, "five_funds"},
      {h.five.timeLimit, "five_time_limit"},
  };
  for (const auto& [done, field] : five) {
    if (!done) c.add(field, std::string("重大隐患须落实五落实之“") + fieldLabel(kKindHazard, field) + "”，尚未落实");
  }
}

std::string forbiddenMessage(const Hazard& h, WorkflowAction a) {
  std::string s = isReviewAction(a) ? std::string("当前审核状态为") + toChinese(h.review)
                                    : std::string("当前状态为") + toChinese(h.status);
  s += "，不能";
  s += toChinese(a);
  std::string legal;
  for (WorkflowAction x : legalActions(h)) {
    if (isReviewAction(x) != isReviewAction(a)) continue;
    if (!legal.empty()) legal += "、";
    legal += toChinese(x);
  }
  s += legal.empty() ? std::string("(此状态下没有可执行的操作)") : "(可执行：" + legal + ")";
  return s;
}

// Review date: the given one (valid, not in the future) or today.
void reviewDate(const WorkflowInput& in, const Date& today, StepChecker& c, Hazard& h) {
  if (in.date.empty()) {
    h.reviewDate = today.toString();
  } else if (auto d = c.date("review_date", in.date, today, "", ""); d) {
    h.reviewDate = d->toString();
  }
}

} // namespace

const char* toChinese(WorkflowAction a) {
  const auto i = static_cast<size_t>(a);
  return i < std::size(kActionZh) ? kActionZh[i] : "";
}

const char* actionName(WorkflowAction a) {
  const auto i = static_cast<size_t>(a);
  return i < std::size(kActionName) ? kActionName[i] : "";
}

std::vector<WorkflowAction> legalActions(const Hazard& h) {
  static const WorkflowAction kAll[] = {
      WorkflowAction::Start,   WorkflowAction::Submit,
      WorkflowAction::Verify,  WorkflowAction::Reject,
      WorkflowAction::Reopen,  WorkflowAction::SubmitForReview,
      WorkflowAction::Approve, WorkflowAction::ReturnForCorrection,
  };
  std::vector<WorkflowAction> out;
  for (WorkflowAction a : kAll) {
    if (isLegal(h, a)) out.push_back(a);
  }
  return out;
}

Result<Transition> applyAction(const Hazard& h, WorkflowAction action, const WorkflowInput& in,
                               const std::string& actor, const Date& today) {
  if (!isLegal(h, action)) return Error::make(ErrorCode::Forbidden, forbiddenMessage(h, action));

  StepChecker c(h);
  if (isBlank(actor)) c.add("actor", "必须注明操作人");
  Hazard n = h;
  switch (action) {
  case WorkflowAction::Start:
    if (h.level == HazardLevel::Major) checkMajorPlan(h, c);
    n.status = HazardStatus::InProgress;
    break;
  case WorkflowAction::Submit:
    c.date("completed_date", in.date, today, "found_date", h.foundDate);
    c.required("completion_note", in.note, "必填，请说明整改做了什么");
    c.required("rectified_by", in.person, "必填，请填写整改上报人");
    n.status = HazardStatus::AwaitingVerification;
    n.completedDate = in.date;
    n.completionNote = trim(in.note);
    n.rectifiedBy = trim(in.person);
    break;
  case WorkflowAction::Verify:
    if (isBlank(in.person)) {
      c.add("verifier", "必填，请填写验收人");
    } else if (trim(in.person) == trim(h.rectifiedBy)) {
      c.add("verifier", "验收人不能与整改上报人为同一人(" + in.person + ")，请由其他人验收");
    }
    c.date("verified_date", in.date, today, "completed_date", h.completedDate);
    c.required("verify_opinion", in.note, "必填，请填写验收意见");
    n.status = HazardStatus::Closed;
    n.verifier = trim(in.person);
    n.verifiedDate = in.date;
    n.verifyOpinion = trim(in.note);
    n.closedDate = in.date;
    break;
  case WorkflowAction::Reject: // completion fields stay (prefilled for the next submission)
    c.required("reason", in.note, "驳回时必须说明原因(整改哪里不到位)");
    n.status = HazardStatus::InProgress;
    break;
  case WorkflowAction::Reopen:
    c.required("reason", in.note, "重新打开已销号的隐患必须说明原因");
    n.status = HazardStatus::InProgress;
    n.verifier.clear();
    n.verifiedDate.clear();
    n.verifyOpinion.clear();
    n.closedDate.clear();
    break;
  case WorkflowAction::SubmitForReview:
    for (Problem& p : validate(h)) {
      p.record = h.number.empty() ? h.meta.id : h.number;
      c.problems().push_back(std::move(p));
    }
    n.review = ReviewState::Pending;
    n.reviewer.clear();
    n.reviewDate.clear();
    n.reviewNote.clear();
    break;
  case WorkflowAction::Approve:
    n.review = ReviewState::Approved;
    n.reviewer = isBlank(in.person) ? trim(actor) : trim(in.person);
    reviewDate(in, today, c, n);
    n.reviewNote = trim(in.note);
    break;
  case WorkflowAction::ReturnForCorrection:
    c.required("review_note", in.note, "退回时必须说明退回原因");
    n.review = ReviewState::Returned;
    n.reviewer = isBlank(in.person) ? trim(actor) : trim(in.person);
    reviewDate(in, today, c, n);
    n.reviewNote = trim(in.note);
    break;
  }

  if (!c.problems().empty()) {
    const size_t count = c.problems().size();
    return Error::invalid(std::string("不能") + toChinese(action) + "：有" + std::to_string(count) + "项未填写或有误",
                          std::move(c.problems()));
  }

  Transition t;
  t.event.recordKind = kKindHazard;
  t.event.recordId = h.meta.id;
  t.event.action = actionName(action);
  t.event.actor = actor;
  t.event.note = trim(in.note);
  t.event.changes = diffFields(toFields(h), toFields(n));
  t.hazard = std::move(n);
  return t;
}

} // namespace hz::core
