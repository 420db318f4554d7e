// Domain records of the hazard ledger: office, enterprise (any supervised party), inspection,
// hazard (every column of the city sheet and the older national form), standard + clause,
// work injury, history event. Plain structs: no SQL, JSON or UI here.
// Dates are "YYYY-MM-DD" text ("" = not set); timestamps are formatTimestamp() text.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hz::core {

// ---- enums with their Chinese names (the words users and ledger files use) ------------------
enum class OfficeLevel { Township, County, City }; // 乡镇 县区 市
enum class EnterpriseKind { Firm, IndividualBusiness, FishingVessel, ConstructionProject, Other };
// 企业 个体工商户 渔业船舶 建设项目 其他
enum class HazardLevel { General, Major }; // 一般隐患 重大隐患
enum class HazardStatus { Pending, InProgress, AwaitingVerification, Closed };
// 待整改 整改中 待验收 已销号
enum class ReviewState { NotSubmitted, Pending, Approved, Returned };
// 未上报 待审核 审核通过 退回
enum class SupervisionLevel { None, County, City, Province }; // 无 县 市 省 (挂牌督办)

// Every value in workflow / display order (the order of the enums above).
inline constexpr HazardStatus kHazardStatuses[] = {HazardStatus::Pending, HazardStatus::InProgress,
                                                   HazardStatus::AwaitingVerification, HazardStatus::Closed};
inline constexpr HazardLevel kHazardLevels[] = {HazardLevel::General, HazardLevel::Major};

const char* toChinese(OfficeLevel v);
const char* toChinese(EnterpriseKind v);
const char* toChinese(HazardLevel v);
const char* toChinese(HazardStatus v);
const char* toChinese(ReviewState v);
const char* toChinese(SupervisionLevel v);
// Parse the Chinese name back; false if the text is not one of the allowed values.
bool fromChinese(std::string_view text, OfficeLevel& out);
bool fromChinese(std::string_view text, EnterpriseKind& out);
bool fromChinese(std::string_view text, HazardLevel& out);
bool fromChinese(std::string_view text, HazardStatus& out);
bool fromChinese(std::string_view text, ReviewState& out);
bool fromChinese(std::string_view text, SupervisionLevel& out);

// ---- records ---------------------------------------------------------------------------------
// Every exchanged record carries these: a global id (ULID), the office where it was born,
// and the revision stamp of its latest change (see ids.hpp Revision).
struct RecordMeta {
  std::string id;
  std::string origin;
  std::string rev;
  std::string createdAt; // timestamp
  std::string updatedAt; // timestamp
};

struct Office {
  std::string id;           // ULID, also the origin of records born here
  std::string name;         // e.g. 玄武区孝陵卫街道安委办
  std::string divisionCode; // 6, 9 or 12 digits
  OfficeLevel level = OfficeLevel::Township;
  std::vector<std::string> operators; // people who use this installation
};

struct Enterprise {
  RecordMeta meta;
  EnterpriseKind kind = EnterpriseKind::Firm;
  std::string uscc;         // 统一社会信用代码; empty for vessels and some individual businesses
  std::string name;         // 企业名称 / 船名 / 项目名称
  std::string divisionCode; // township (9 digits) or finer
  std::string address;      // 单位地址
  std::string industry;     // 行业领域 (dictionary)
  std::string placeType;    // 场所类型 (dictionary)
  std::string principal;    // 单位负责人
  std::string contact;      // 联系电话
  std::string vesselPort;   // 船籍港 (fishing vessels)
  std::string vesselRegNo;  // 船舶登记号 (fishing vessels)
  std::string notes;
  bool retired = false; // 已注销/停业: kept for history, hidden from pickers
};

struct Inspection {
  RecordMeta meta;
  std::string date;       // 检查时间
  std::string method;     // 检查方式 (dictionary: 四不两直, 明查暗访, …)
  std::string department; // 检查部门
  std::string inspectors; // 检查人, names separated by "、"
  std::string enterpriseId;
  std::string notes;
};

// 五落实: the five things a major hazard needs before it can leave 待整改.
struct FiveImplementations {
  bool target = false;         // 治理目标
  bool organization = false;   // 机构人员
  bool safetyMeasures = false; // 安全措施及应急预案
  bool funds = false;          // 经费物资
  bool timeLimit = false;      // 时限
  bool complete() const { return target && organization && safetyMeasures && funds && timeLimit; }
  auto operator<=>(const FiveImplementations&) const = default;
};

struct Hazard {
  RecordMeta meta;
  std::string number; // 隐患编号, e.g. 320102001-2026-0042
  std::string enterpriseId;
  std::string divisionCode; // 上报单位 / township of the hazard
  std::string industry;     // 行业领域
  std::string category;     // 隐患分类 (e.g. 管理类, 设备设施, 违章典型)
  std::string location;     // 隐患部位/区域
  std::string description;  // 重大隐患描述 (举报问题描述)
  HazardLevel level = HazardLevel::General;
  std::string source;           // 隐患来源 (dictionary)
  std::string standardId;       // 判定依据 (standard record id)
  std::string clauseRef;        // 违反判定依据具体条款 (article/item, e.g. "第十一条(三)")
  std::string inspectionId;     // the inspection that found it, if any
  std::string inspectionMethod; // 检查方式 (copied when no inspection record exists)
  std::string inspectors;       // 检查人
  std::string foundDate;        // 检查时间 / 发现日期
  std::string reporter;         // 填报人
  std::string reportedDate;     // 填报时间
  // rectification plan
  std::string measures;                                  // 整改措施
  std::string responsibleDepartment;                     // 整改责任部门
  std::string responsibleUnit;                           // 责任单位
  std::string responsiblePerson;                         // 责任人
  std::string deadline;                                  // 计划完成治理时间
  double fundsWan = 0;                                   // 治理经费(万元)
  FiveImplementations five;                              // 五落实
  SupervisionLevel supervision = SupervisionLevel::None; // 挂牌督办
  bool stopProduction = false;                           // 是否需停产停业
  // workflow
  HazardStatus status = HazardStatus::Pending;
  std::string completedDate;  // 实际整改完成时间
  std::string completionNote; // 整改情况 (what was done)
  std::string rectifiedBy;    // who reported the rectification done
  std::string verifier;       // 验收人
  std::string verifiedDate;   // 验收日期
  std::string verifyOpinion;  // 验收意见
  std::string closedDate;     // 销号日期
  // review by the receiving office (independent of rectification)
  ReviewState review = ReviewState::NotSubmitted;
  std::string reviewer;
  std::string reviewDate;
  std::string reviewNote; // reason when returned
  std::string remarks;    // 举报情况备注 / other notes
};

struct Clause {
  std::string id;       // ULID
  std::string article;  // 第十一条(三)
  std::string summary;  // short summary written for this project
  bool retired = false; // 已废止: no longer offered for new hazards, still shown on hazards citing it
};

struct Standard {
  RecordMeta meta;
  std::string title;     // 工贸企业重大事故隐患判定标准
  std::string issuer;    // 应急管理部
  std::string docNumber; // 应急管理部令第10号
  int year = 0;
  std::string industry; // 行业领域
  std::vector<Clause> clauses;
  bool retired = false; // superseded (e.g. GB 35181-2017)
};

struct WorkInjury {
  RecordMeta meta;
  std::string date;
  std::string enterpriseId; // may be empty when the party is not in the enterprise list
  std::string enterpriseName;
  std::string divisionCode;
  std::string industry;
  int deaths = 0;
  int injuries = 0;
  std::string description;
};

// One changed field in a history event.
struct FieldChange {
  std::string field; // JSON/field name, e.g. "status"
  std::string oldValue;
  std::string newValue;
  bool operator==(const FieldChange&) const = default;
};

// Append-only history. Events of one installation form a hash chain (prevHash -> hash).
struct HistoryEvent {
  std::string id;         // ULID
  std::string recordKind; // a kind name (core/record_kinds.hpp), kKindOffice or kKindDictionary
  std::string recordId;
  std::string action; // e.g. "create", "update", "start", "submit", "verify", "reject", "reopen", "approve", "return",
                      // "conflict"
  std::string actor;
  std::string at;      // timestamp
  std::string origin;  // office where the event happened
  std::string prevRev; // revision this change replaced ("" for create)
  std::string newRev;  // revision after the change
  std::vector<FieldChange> changes;
  std::string note;
  std::string prevHash; // hash of the previous event in this chain
  std::string hash;     // SHA3-256 hex over the canonical event content + prevHash
};

} // namespace hz::core
