// Tests of the rectification/review state machine: every status × action, required fields per
// step, 五落实 for major hazards, verifier ≠ rectifier, reasons, reopen, overdue.
#include "core/record_fields.hpp"
#include "core/workflow.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace hz::core;
using hz::ErrorCode;

namespace {

const Date kToday{2026, 3, 20};
const WorkflowAction kAllActions[] = {
    WorkflowAction::Start,   WorkflowAction::Submit,
    WorkflowAction::Verify,  WorkflowAction::Reject,
    WorkflowAction::Reopen,  WorkflowAction::SubmitForReview,
    WorkflowAction::Approve, WorkflowAction::ReturnForCorrection,
};
const HazardStatus kAllStatuses[] = {HazardStatus::Pending, HazardStatus::InProgress,
                                     HazardStatus::AwaitingVerification, HazardStatus::Closed};
const ReviewState kAllReviews[] = {ReviewState::NotSubmitted, ReviewState::Pending, ReviewState::Approved,
                                   ReviewState::Returned};

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// A major hazard with everything a step could ask for.
Hazard completeHazard(HazardStatus status) {
  Hazard h;
  h.meta.id = "01JWORKFLOWHAZARD000000000";
  h.number = "320102001-2026-0042";
  h.enterpriseId = "01JENTERPRISE0000000000000";
  h.divisionCode = "320102001";
  h.industry = "工贸";
  h.description = "液氨制冷车间未设置氨气浓度监测报警装置";
  h.source = "部门检查";
  h.level = HazardLevel::Major;
  h.foundDate = "2026-03-01";
  h.deadline = "2026-03-31";
  h.measures = "加装氨气浓度监测报警并与事故排风联锁";
  h.responsibleDepartment = "应急管理";
  h.responsiblePerson = "赵六";
  h.five = {true, true, true, true, true};
  h.status = status;
  if (status == HazardStatus::AwaitingVerification || status == HazardStatus::Closed) {
    h.completedDate = "2026-03-10";
    h.completionNote = "已加装报警装置";
    h.rectifiedBy = "李四";
  }
  if (status == HazardStatus::Closed) {
    h.verifier = "王五";
    h.verifiedDate = "2026-03-12";
    h.verifyOpinion = "整改到位，同意销号";
    h.closedDate = "2026-03-12";
  }
  return h;
}

WorkflowInput goodInput(WorkflowAction a) {
  switch (a) {
  case WorkflowAction::Submit:
    return {"2026-03-15", "已加装报警装置并联锁", "李四"};
  case WorkflowAction::Verify:
    return {"2026-03-18", "现场复核，整改到位", "王五"};
  case WorkflowAction::Reject:
  case WorkflowAction::Reopen:
  case WorkflowAction::ReturnForCorrection:
    return {"", "联锁未调试", ""};
  default:
    return {};
  }
}

bool legalFor(HazardStatus s, ReviewState r, WorkflowAction a) {
  switch (a) {
  case WorkflowAction::Start:
    return s == HazardStatus::Pending;
  case WorkflowAction::Submit:
    return s == HazardStatus::InProgress;
  case WorkflowAction::Verify:
  case WorkflowAction::Reject:
    return s == HazardStatus::AwaitingVerification;
  case WorkflowAction::Reopen:
    return s == HazardStatus::Closed;
  case WorkflowAction::SubmitForReview:
    return r == ReviewState::NotSubmitted || r == ReviewState::Returned;
  default:
    return r == ReviewState::Pending;
  }
}

HazardStatus statusAfter(HazardStatus s, WorkflowAction a) {
  switch (a) {
  case WorkflowAction::Start:
  case WorkflowAction::Reject:
  case WorkflowAction::Reopen:
    return HazardStatus::InProgress;
  case WorkflowAction::Submit:
    return HazardStatus::AwaitingVerification;
  case WorkflowAction::Verify:
    return HazardStatus::Closed;
  default:
    return s;
  }
}

bool isReview(WorkflowAction a) {
  return a == WorkflowAction::SubmitForReview || a == WorkflowAction::Approve ||
         a == WorkflowAction::ReturnForCorrection;
}

std::string problemFields(const hz::Error& e) {
  std::string s;
  for (const auto& p : e.problems) s += p.field + " ";
  return s;
}

bool hasProblem(const hz::Error& e, const std::string& field, const std::string& words = "") {
  for (const auto& p : e.problems) {
    if (p.field == field && contains(p.message, words)) return true;
  }
  return false;
}

} // namespace

TEST_CASE("every status × action: legal ones succeed, others are Forbidden with a clear message") {
  int succeeded = 0, refused = 0;
  for (HazardStatus s : kAllStatuses) {
    for (ReviewState r : kAllReviews) {
      for (WorkflowAction a : kAllActions) {
        Hazard h = completeHazard(s);
        h.review = r;
        CAPTURE(toChinese(s));
        CAPTURE(toChinese(r));
        CAPTURE(toChinese(a));
        const auto res = applyAction(h, a, goodInput(a), "操作员甲", kToday);
        if (legalFor(s, r, a)) {
          REQUIRE_MESSAGE(res.ok(), res.error().describe());
          ++succeeded;
          CHECK(res->hazard.status == statusAfter(s, a));
          CHECK(res->event.recordKind == "hazard");
          CHECK(res->event.recordId == h.meta.id);
          CHECK(res->event.action == actionName(a));
          CHECK(res->event.actor == "操作员甲");
          CHECK(res->event.note == goodInput(a).note);
          CHECK(res->event.changes == diffFields(toFields(h), toFields(res->hazard)));
          CHECK_FALSE(res->event.changes.empty());
        } else {
          REQUIRE_FALSE(res.ok());
          ++refused;
          CHECK(res.error().code == ErrorCode::Forbidden);
          const std::string& m = res.error().message;
          CHECK(contains(m, std::string("不能") + toChinese(a)));
          if (isReview(a))
            CHECK(contains(m, std::string("当前审核状态为") + toChinese(r)));
          else
            CHECK(contains(m, std::string("当前状态为") + toChinese(s)));
        }
        // legalActions agrees with applyAction
        bool listed = false;
        for (WorkflowAction x : legalActions(h)) listed = listed || x == a;
        CHECK(listed == legalFor(s, r, a));
      }
    }
  }
  // per review state: Start, Submit, Verify, Reject, Reopen (5 over the 4 statuses);
  // per status: SubmitForReview ×2 (未上报, 退回), Approve, ReturnForCorrection (待审核).
  CHECK(succeeded == 5 * 4 + 4 * 4);
  CHECK(succeeded + refused == 4 * 4 * 8);
}

TEST_CASE("the message for a closed hazard reads naturally") {
  const auto res = applyAction(completeHazard(HazardStatus::Closed), WorkflowAction::Submit,
                               goodInput(WorkflowAction::Submit), "甲", kToday);
  REQUIRE_FALSE(res.ok());
  CHECK(contains(res.error().message, "当前状态为已销号，不能提交验收"));
  CHECK(contains(res.error().message, "重新打开"));
}

TEST_CASE("a major hazard without plan and 五落实 cannot start; every missing item is listed") {
  Hazard h = completeHazard(HazardStatus::Pending);
  h.responsiblePerson.clear();
  h.responsibleDepartment.clear();
  h.deadline.clear();
  h.measures.clear();
  h.five = {};
  const auto res = applyAction(h, WorkflowAction::Start, {}, "甲", kToday);
  REQUIRE_FALSE(res.ok());
  CHECK(res.error().code == ErrorCode::Invalid);
  CHECK(contains(res.error().message, "不能开始整改"));
  CAPTURE(problemFields(res.error()));
  CHECK(res.error().problems.size() == 9);
  CHECK(hasProblem(res.error(), "responsible_person", "责任人"));
  CHECK(hasProblem(res.error(), "responsible_department", "责任部门或责任单位"));
  CHECK(hasProblem(res.error(), "deadline", "整改期限"));
  CHECK(hasProblem(res.error(), "measures", "整改措施"));
  CHECK(hasProblem(res.error(), "five_target", "治理目标"));
  CHECK(hasProblem(res.error(), "five_organization", "机构人员"));
  CHECK(hasProblem(res.error(), "five_safety_measures", "安全措施及应急预案"));
  CHECK(hasProblem(res.error(), "five_funds", "经费物资"));
  CHECK(hasProblem(res.error(), "five_time_limit", "时限"));
  for (const auto& p : res.error().problems) CHECK(p.record == "320102001-2026-0042");

  // One item missing: only that one is listed; a unit instead of a department is enough.
  h = completeHazard(HazardStatus::Pending);
  h.five.funds = false;
  h.responsibleDepartment.clear();
  h.responsibleUnit = "某某公司设备部";
  const auto one = applyAction(h, WorkflowAction::Start, {}, "甲", kToday);
  REQUIRE_FALSE(one.ok());
  REQUIRE(one.error().problems.size() == 1);
  CHECK(one.error().problems[0].field == "five_funds");

  // Invalid deadline / deadline before found date.
  h = completeHazard(HazardStatus::Pending);
  h.deadline = "2026-02-28";
  CHECK(hasProblem(applyAction(h, WorkflowAction::Start, {}, "甲", kToday).error(), "deadline", "不能早于发现日期"));
  h.deadline = "2026/03/31";
  CHECK(hasProblem(applyAction(h, WorkflowAction::Start, {}, "甲", kToday).error(), "deadline", "日期无效"));

  // A general hazard needs none of it.
  Hazard g;
  g.level = HazardLevel::General;
  CHECK(applyAction(g, WorkflowAction::Start, {}, "甲", kToday).ok());
}

TEST_CASE("submit needs date (valid, not future, not before found), what was done and who") {
  const Hazard h = completeHazard(HazardStatus::InProgress);
  auto res = applyAction(h, WorkflowAction::Submit, {}, "甲", kToday);
  REQUIRE_FALSE(res.ok());
  CHECK(res.error().problems.size() == 3);
  CHECK(hasProblem(res.error(), "completed_date", "实际整改完成时间: 必填"));
  CHECK(hasProblem(res.error(), "completion_note", "整改情况: 必填"));
  CHECK(hasProblem(res.error(), "rectified_by", "整改上报人: 必填"));

  CHECK(hasProblem(applyAction(h, WorkflowAction::Submit, {"2026-03-21", "x", "李四"}, "甲", kToday).error(),
                   "completed_date", "不能晚于今天(2026-03-20)"));
  CHECK(hasProblem(applyAction(h, WorkflowAction::Submit, {"2026-02-27", "x", "李四"}, "甲", kToday).error(),
                   "completed_date", "不能早于发现日期(2026-03-01)"));
  CHECK(hasProblem(applyAction(h, WorkflowAction::Submit, {"2026-3-5", "x", "李四"}, "甲", kToday).error(),
                   "completed_date", "日期无效"));
  CHECK(applyAction(h, WorkflowAction::Submit, {"2026-03-20", "x", "李四"}, "甲", kToday).ok()); // today is fine

  res = applyAction(h, WorkflowAction::Submit, goodInput(WorkflowAction::Submit), "甲", kToday);
  REQUIRE(res.ok());
  CHECK(res->hazard.completedDate == "2026-03-15");
  CHECK(res->hazard.rectifiedBy == "李四");
  CHECK(res->hazard.completionNote == "已加装报警装置并联锁");
}

TEST_CASE("verify needs verifier, date, opinion, and the verifier must not be the rectifier") {
  const Hazard h = completeHazard(HazardStatus::AwaitingVerification);
  auto res = applyAction(h, WorkflowAction::Verify, {}, "甲", kToday);
  REQUIRE_FALSE(res.ok());
  CHECK(res.error().problems.size() == 3);
  CHECK(hasProblem(res.error(), "verifier", "验收人: 必填"));
  CHECK(hasProblem(res.error(), "verified_date", "验收日期: 必填"));
  CHECK(hasProblem(res.error(), "verify_opinion", "验收意见: 必填"));

  res = applyAction(h, WorkflowAction::Verify, {"2026-03-18", "同意", "李四"}, "李四", kToday);
  REQUIRE_FALSE(res.ok());
  CHECK(res.error().code == ErrorCode::Invalid);
  CHECK(hasProblem(res.error(), "verifier", "验收人不能与整改上报人为同一人"));
  CHECK(hasProblem(applyAction(h, WorkflowAction::Verify, {"2026-03-18", "同意", " 李四 "}, "甲", kToday).error(),
                   "verifier", "同一人")); // surrounding spaces do not make another person

  CHECK(hasProblem(applyAction(h, WorkflowAction::Verify, {"2026-03-09", "同意", "王五"}, "甲", kToday).error(),
                   "verified_date", "不能早于实际整改完成时间"));

  res = applyAction(h, WorkflowAction::Verify, goodInput(WorkflowAction::Verify), "甲", kToday);
  REQUIRE(res.ok());
  CHECK(res->hazard.status == HazardStatus::Closed);
  CHECK(res->hazard.verifier == "王五");
  CHECK(res->hazard.verifiedDate == "2026-03-18");
  CHECK(res->hazard.closedDate == "2026-03-18");
  CHECK(res->hazard.verifyOpinion == "现场复核，整改到位");
}

TEST_CASE("reject, reopen and return need a reason") {
  struct Case {
    HazardStatus status;
    WorkflowAction action;
    const char* field;
  };
  const Case cases[] = {{HazardStatus::AwaitingVerification, WorkflowAction::Reject, "reason"},
                        {HazardStatus::Closed, WorkflowAction::Reopen, "reason"},
                        {HazardStatus::Pending, WorkflowAction::ReturnForCorrection, "review_note"}};
  for (const Case& c : cases) {
    Hazard h = completeHazard(c.status);
    h.review = ReviewState::Pending;
    CAPTURE(toChinese(c.action));
    const auto res = applyAction(h, c.action, {"", "   ", ""}, "甲", kToday);
    REQUIRE_FALSE(res.ok());
    REQUIRE(res.error().problems.size() == 1);
    CHECK(res.error().problems[0].field == c.field);
    CHECK(contains(res.error().problems[0].message, "原因"));
  }
}

TEST_CASE("reject keeps the submitted rectification; reopen clears verification and closure") {
  const Hazard awaiting = completeHazard(HazardStatus::AwaitingVerification);
  auto rejected = applyAction(awaiting, WorkflowAction::Reject, {"", "报警装置未联锁", ""}, "王五", kToday);
  REQUIRE(rejected.ok());
  CHECK(rejected->hazard.status == HazardStatus::InProgress);
  CHECK(rejected->hazard.completedDate == awaiting.completedDate);
  CHECK(rejected->hazard.rectifiedBy == "李四");
  CHECK(rejected->event.note == "报警装置未联锁");
  REQUIRE(rejected->event.changes.size() == 1);
  CHECK(rejected->event.changes[0] == FieldChange{"status", "待验收", "整改中"});

  const Hazard closed = completeHazard(HazardStatus::Closed);
  auto reopened = applyAction(closed, WorkflowAction::Reopen, {"", "复查发现问题反弹", ""}, "甲", kToday);
  REQUIRE(reopened.ok());
  const Hazard& h = reopened->hazard;
  CHECK(h.status == HazardStatus::InProgress);
  CHECK(h.verifier.empty());
  CHECK(h.verifiedDate.empty());
  CHECK(h.verifyOpinion.empty());
  CHECK(h.closedDate.empty());
  // the old values are in the event, so history keeps them
  bool sawVerifier = false;
  for (const auto& c : reopened->event.changes) {
    if (c.field == "verifier") sawVerifier = c.oldValue == "王五" && c.newValue.empty();
  }
  CHECK(sawVerifier);
  CHECK(reopened->event.action == "reopen");
}

TEST_CASE("review flow: submit for review, return with reason, resubmit, approve") {
  Hazard h = completeHazard(HazardStatus::Pending);
  auto sub = applyAction(h, WorkflowAction::SubmitForReview, {}, "街道填报员", kToday);
  REQUIRE(sub.ok());
  CHECK(sub->hazard.review == ReviewState::Pending);
  CHECK(sub->hazard.status == HazardStatus::Pending); // independent of rectification

  auto ret =
      applyAction(sub->hazard, WorkflowAction::ReturnForCorrection, {"", "隐患描述不具体", ""}, "市安委办", kToday);
  REQUIRE(ret.ok());
  CHECK(ret->hazard.review == ReviewState::Returned);
  CHECK(ret->hazard.reviewNote == "隐患描述不具体");
  CHECK(ret->hazard.reviewer == "市安委办");
  CHECK(ret->hazard.reviewDate == "2026-03-20");

  auto again = applyAction(ret->hazard, WorkflowAction::SubmitForReview, {}, "街道填报员", kToday);
  REQUIRE(again.ok());
  CHECK(again->hazard.review == ReviewState::Pending);
  CHECK(again->hazard.reviewNote.empty());

  auto ok = applyAction(again->hazard, WorkflowAction::Approve, {"2026-03-19", "", "钱七"}, "钱七", kToday);
  REQUIRE(ok.ok());
  CHECK(ok->hazard.review == ReviewState::Approved);
  CHECK(ok->hazard.reviewer == "钱七");
  CHECK(ok->hazard.reviewDate == "2026-03-19");
  CHECK(legalActions(ok->hazard) == std::vector<WorkflowAction>{WorkflowAction::Start});

  CHECK(hasProblem(applyAction(again->hazard, WorkflowAction::Approve, {"2026-04-01", "", ""}, "钱七", kToday).error(),
                   "review_date", "不能晚于今天"));

  // An incomplete record cannot be submitted for review; its problems are listed.
  Hazard bad = completeHazard(HazardStatus::Pending);
  bad.description.clear();
  bad.source.clear();
  const auto refused = applyAction(bad, WorkflowAction::SubmitForReview, {}, "甲", kToday);
  REQUIRE_FALSE(refused.ok());
  CHECK(hasProblem(refused.error(), "description", "隐患描述"));
  CHECK(hasProblem(refused.error(), "source", "隐患来源"));
}

TEST_CASE("an actor is required") {
  const auto res = applyAction(completeHazard(HazardStatus::Pending), WorkflowAction::Start, {}, " ", kToday);
  REQUIRE_FALSE(res.ok());
  CHECK(hasProblem(res.error(), "actor", "操作人"));
}

TEST_CASE("isOverdue: the deadline day itself is not overdue; closed never is") {
  Hazard h = completeHazard(HazardStatus::InProgress);
  h.deadline = "2026-03-20";
  CHECK_FALSE(isOverdue(h, Date{2026, 3, 20}));
  CHECK(isOverdue(h, Date{2026, 3, 21}));
  CHECK_FALSE(isOverdue(h, Date{2026, 3, 19}));
  h.status = HazardStatus::AwaitingVerification;
  CHECK(isOverdue(h, Date{2026, 3, 21}));
  h.status = HazardStatus::Closed;
  CHECK_FALSE(isOverdue(h, Date{2026, 3, 21}));
  h.status = HazardStatus::Pending;
  h.deadline.clear();
  CHECK_FALSE(isOverdue(h, Date{2030, 1, 1}));
  h.deadline = "bad";
  CHECK_FALSE(isOverdue(h, Date{2030, 1, 1}));
}

TEST_CASE("action names") {
  CHECK(std::string(toChinese(WorkflowAction::Verify)) == "验收销号");
  CHECK(std::string(toChinese(WorkflowAction::ReturnForCorrection)) == "退回");
  CHECK(std::string(actionName(WorkflowAction::SubmitForReview)) == "submit_review");
  CHECK(std::string(actionName(WorkflowAction::ReturnForCorrection)) == "return");
}
