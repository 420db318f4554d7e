// Field tables of every record kind: JSON name + getter/setter as text. toFields(), fromFields(),
// diffFields() and the Chinese field labels all come from these tables, so they cannot disagree.
//
// [SECTION] Text conversions   [SECTION] Field tables   [SECTION] Public API   [SECTION] Labels
#include "core/record_fields.hpp"

#include "core/record_kinds.hpp"
#include "core/text.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>

namespace hz::core {

// [SECTION] Text conversions ------------------------------------------------------------------

std::string formatNumber(double v) {
  if (v == 0) return "0";               // also -0
  if (v != v || v - v != 0) return "0"; // NaN and infinities are not amounts
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision - 1, v);
    if (precision < 17 && std::strtod(buf, nullptr) != v) continue;
    // Fewest significant digits found; write them without exponent for everyday magnitudes.
    const int exp10 = std::atoi(std::strchr(buf, 'e') + 1);
    if (exp10 >= -5 && exp10 < 15) {
      const int decimals = precision - 1 - exp10 > 0 ? precision - 1 - exp10 : 0;
      std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    } else {
      std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    }
    break;
  }
  return buf;
}

bool parseNumber(std::string_view text, double& out) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text) { // no locale surprises, no hex floats, no inf/nan
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return false;
  }
  const std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return false;
  out = v;
  return true;
}

namespace {

std::string boolText(bool b) { return b ? "true" : "false"; }

bool parseBool(std::string_view v, bool& out) {
  if (v == "true" || v == "1")
    out = true;
  else if (v == "false" || v == "0" || v.empty())
    out = false;
  else
    return false;
  return true;
}

bool parseInt(std::string_view v, int& out) {
  if (v.empty()) {
    out = 0;
    return true;
  }
  size_t i = v[0] == '-' ? 1 : 0;
  if (i == v.size() || v.size() > 10) return false;
  long long n = 0;
  for (; i < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') return false;
    n = n * 10 + (v[i] - '0');
  }
  out = static_cast<int>(v[0] == '-' ? -n : n);
  return true;
}

bool parseDouble(std::string_view v, double& out) {
  if (v.empty()) {
    out = 0;
    return true;
  }
  return parseNumber(v, out);
}

void escapeInto(std::string& s, const std::string& v) {
  for (char c : v) {
    if (c == '\\')
      s += "\\\\";
    else if (c == '\t')
      s += "\\t";
    else if (c == '\n')
      s += "\\n";
    else
      s += c;
  }
}

std::string clausesText(const std::vector<Clause>& clauses) {
  std::string s;
  for (size_t i = 0; i < clauses.size(); ++i) {
    if (i) s += '\n';
    escapeInto(s, clauses[i].id);
    s += '\t';
    escapeInto(s, clauses[i].article);
    s += '\t';
    escapeInto(s, clauses[i].summary);
    if (clauses[i].retired) s += "\t1"; // a fourth part only when retired: older texts read the same
  }
  return s;
}

bool parseClauses(std::string_view text, std::vector<Clause>& out) {
  std::vector<Clause> result;
  if (text.empty()) {
    out.clear();
    return true;
  }
  std::vector<std::string> parts(1);
  auto finishLine = [&]() {
    if (parts.size() == 4 && parts[3] != "1" && parts[3] != "0") return false;
    if (parts.size() != 3 && parts.size() != 4) return false;
    result.push_back(Clause{parts[0], parts[1], parts[2], parts.size() == 4 && parts[3] == "1"});
    parts.assign(1, std::string());
    return true;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\') {
      if (++i == text.size()) return false;
      const char e = text[i];
      if (e == '\\')
        parts.back() += '\\';
      else if (e == 't')
        parts.back() += '\t';
      else if (e == 'n')
        parts.back() += '\n';
      else
        return false;
    } else if (c == '\t') {
      parts.emplace_back();
    } else if (c == '\n') {
      if (!finishLine()) return false;
    } else {
      parts.back() += c;
    }
  }
  if (!finishLine()) return false;
  out = std::move(result);
  return true;
}

// [SECTION] Field tables ----------------------------------------------------------------------

template <typename R> struct FieldDef {
  const char* name;
  JsonType type; // in ledger files
  std::string (*get)(const R&);
  bool (*set)(R&, std::string_view); // false when the text is not an allowed value
};

// One macro per kind of field: how it reads and writes as text, and its JSON type.
#define HZ_FIELD(R, json, type, getExpr, setExpr)                                                                      \
  FieldDef<R> {                                                                                                        \
    json, JsonType::type, [](const R& r) -> std::string { return getExpr; },                                           \
        [](R& r, std::string_view v) { return setExpr; }                                                               \
  }
#define HZ_TEXT(R, json, m) HZ_FIELD(R, json, String, r.m, (r.m = std::string(v), true))
#define HZ_TEXT_OR_NULL(R, json, m) HZ_FIELD(R, json, StringOrNull, r.m, (r.m = std::string(v), true))
#define HZ_BOOL(R, json, m) HZ_FIELD(R, json, Boolean, boolText(r.m), parseBool(v, r.m))
#define HZ_ENUM(R, json, m) HZ_FIELD(R, json, String, toChinese(r.m), fromChinese(v, r.m))
#define HZ_INT(R, json, m) HZ_FIELD(R, json, Integer, std::to_string(r.m), parseInt(v, r.m))
#define HZ_DOUBLE(R, json, m) HZ_FIELD(R, json, Number, formatNumber(r.m), parseDouble(v, r.m))

const FieldDef<Enterprise> kEnterpriseFields[] = {
    HZ_ENUM(Enterprise, "kind", kind),
    HZ_TEXT_OR_NULL(Enterprise, "uscc", uscc),
    HZ_TEXT(Enterprise, "name", name),
    HZ_TEXT(Enterprise, "division_code", divisionCode),
    HZ_TEXT(Enterprise, "address", address),
    HZ_TEXT(Enterprise, "industry", industry),
    HZ_TEXT(Enterprise, "place_type", placeType),
    HZ_TEXT(Enterprise, "principal", principal),
    HZ_TEXT(Enterprise, "contact", contact),
    HZ_TEXT(Enterprise, "vessel_port", vesselPort),
    HZ_TEXT(Enterprise, "vessel_reg_no", vesselRegNo),
    HZ_TEXT(Enterprise, "notes", notes),
    HZ_BOOL(Enterprise, "retired", retired),
};

const FieldDef<Inspection> kInspectionFields[] = {
    HZ_TEXT(Inspection, "date", date),
    HZ_TEXT(Inspection, "method", method),
    HZ_TEXT(Inspection, "department", department),
    HZ_TEXT(Inspection, "inspectors", inspectors),
    HZ_TEXT(Inspection, "enterprise_id", enterpriseId),
    HZ_TEXT(Inspection, "notes", notes),
};

const FieldDef<Hazard> kHazardFields[] = {
    HZ_TEXT(Hazard, "number", number),
    HZ_TEXT(Hazard, "enterprise_id", enterpriseId),
    HZ_TEXT(Hazard, "division_code", divisionCode),
    HZ_TEXT(Hazard, "industry", industry),
    HZ_TEXT(Hazard, "category", category),
    HZ_TEXT(Hazard, "location", location),
    HZ_TEXT(Hazard, "description", description),
    HZ_ENUM(Hazard, "level", level),
    HZ_TEXT(Hazard, "source", source),
    HZ_TEXT(Hazard, "standard_id", standardId),
    HZ_TEXT(Hazard, "clause_ref", clauseRef),
    HZ_TEXT(Hazard, "inspection_id", inspectionId),
    HZ_TEXT(Hazard, "inspection_method", inspectionMethod),
    HZ_TEXT(Hazard, "inspectors", inspectors),
    HZ_TEXT(Hazard, "found_date", foundDate),
    HZ_TEXT(Hazard, "reporter", reporter),
    HZ_TEXT(Hazard, "reported_date", reportedDate),
    HZ_TEXT(Hazard, "measures", measures),
    HZ_TEXT(Hazard, "responsible_department", responsibleDepartment),
    HZ_TEXT(Hazard, "responsible_unit", responsibleUnit),
    HZ_TEXT(Hazard, "responsible_person", responsiblePerson),
    HZ_TEXT(Hazard, "deadline", deadline),
    HZ_DOUBLE(Hazard, "funds_wan", fundsWan),
    HZ_BOOL(Hazard, "five_target", five.target),
    HZ_BOOL(Hazard, "five_organization", five.organization),
    HZ_BOOL(Hazard, "five_safety_measures", five.safetyMeasures),
    HZ_BOOL(Hazard, "five_funds", five.funds),
    HZ_BOOL(Hazard, "five_time_limit", five.timeLimit),
    HZ_ENUM(Hazard, "supervision", supervision),
    HZ_BOOL(Hazard, "stop_production", stopProduction),
    HZ_ENUM(Hazard, "status", status),
    HZ_TEXT(Hazard, "completed_date", completedDate),
    HZ_TEXT(Hazard, "completion_note", completionNote),
    HZ_TEXT(Hazard, "rectified_by", rectifiedBy),
    HZ_TEXT(Hazard, "verifier", verifier),
    HZ_TEXT(Hazard, "verified_date", verifiedDate),
    HZ_TEXT(Hazard, "verify_opinion", verifyOpinion),
    HZ_TEXT(Hazard, "closed_date", closedDate),
    HZ_ENUM(Hazard, "review", review),
    HZ_TEXT(Hazard, "reviewer", reviewer),
    HZ_TEXT(Hazard, "review_date", reviewDate),
    HZ_TEXT(Hazard, "review_note", reviewNote),
    HZ_TEXT(Hazard, "remarks", remarks),
};

const FieldDef<WorkInjury> kWorkInjuryFields[] = {
    HZ_TEXT(WorkInjury, "date", date),
    HZ_TEXT(WorkInjury, "enterprise_id", enterpriseId),
    HZ_TEXT(WorkInjury, "enterprise_name", enterpriseName),
    HZ_TEXT(WorkInjury, "division_code", divisionCode),
    HZ_TEXT(WorkInjury, "industry", industry),
    HZ_INT(WorkInjury, "deaths", deaths),
    HZ_INT(WorkInjury, "injuries", injuries),
    HZ_TEXT(WorkInjury, "description", description),
};

const FieldDef<Standard> kStandardFields[] = {
    HZ_TEXT(Standard, "title", title),
    HZ_TEXT(Standard, "issuer", issuer),
    HZ_TEXT(Standard, "doc_number", docNumber),
    HZ_INT(Standard, "year", year),
    HZ_TEXT(Standard, "industry", industry),
    FieldDef<Standard>{"clauses", JsonType::ClauseArray,
                       [](const Standard& r) -> std::string { return clausesText(r.clauses); },
                       [](Standard& r, std::string_view v) { return parseClauses(v, r.clauses); }},
    HZ_BOOL(Standard, "retired", retired),
};

const FieldDef<Office> kOfficeFields[] = {
    HZ_TEXT(Office, "name", name),
    HZ_TEXT(Office, "division_code", divisionCode),
    HZ_ENUM(Office, "level", level),
    FieldDef<Office>{"operators", JsonType::String,
                     [](const Office& r) -> std::string { return joinNames(r.operators); },
                     [](Office& r, std::string_view v) {
                       r.operators = splitNames(v);
                       return true;
                     }},
};

#undef HZ_FIELD
#undef HZ_TEXT
#undef HZ_TEXT_OR_NULL
#undef HZ_BOOL
#undef HZ_ENUM
#undef HZ_INT
#undef HZ_DOUBLE

template <typename R, size_t N> FieldList fieldsOf(const FieldDef<R> (&defs)[N], const R& r) {
  FieldList out;
  out.reserve(N);
  for (const auto& d : defs) out.emplace_back(d.name, d.get(r));
  return out;
}

template <typename R, size_t N>
std::vector<Problem> applyFields(const FieldDef<R> (&defs)[N], const char* kind, const FieldList& fields, R& r) {
  // Each kind's table by name, built once (a linear search per field was 7 % of a large import).
  static const auto byName = [&defs] {
    std::unordered_map<std::string_view, const FieldDef<R>*> m;
    for (const auto& d : defs) m[d.name] = &d;
    return m;
  }();
  std::vector<Problem> problems;
  for (const auto& [name, value] : fields) {
    const auto it = byName.find(name);
    const FieldDef<R>* def = it == byName.end() ? nullptr : it->second;
    if (!def) {
      problems.push_back({"", name, name + ": 未知字段"});
    } else if (!def->set(r, value)) {
      problems.push_back({"", name, std::string(fieldLabel(kind, name)) + ": 值“" + value + "”不是允许的取值"});
    }
  }
  return problems;
}

template <typename R, size_t N> std::vector<FieldSpec> specsOf(const FieldDef<R> (&defs)[N]) {
  std::vector<FieldSpec> out;
  for (const auto& d : defs) out.push_back({d.name, d.type});
  return out;
}

} // namespace

// [SECTION] Public API ------------------------------------------------------------------------

FieldList toFields(const Enterprise& r) { return fieldsOf(kEnterpriseFields, r); }
FieldList toFields(const Inspection& r) { return fieldsOf(kInspectionFields, r); }
FieldList toFields(const Hazard& r) { return fieldsOf(kHazardFields, r); }
FieldList toFields(const WorkInjury& r) { return fieldsOf(kWorkInjuryFields, r); }
FieldList toFields(const Standard& r) { return fieldsOf(kStandardFields, r); }
FieldList toFields(const Office& r) { return fieldsOf(kOfficeFields, r); }

std::vector<Problem> fromFields(const FieldList& f, Enterprise& out) {
  return applyFields(kEnterpriseFields, kKindEnterprise, f, out);
}
std::vector<Problem> fromFields(const FieldList& f, Inspection& out) {
  return applyFields(kInspectionFields, kKindInspection, f, out);
}
std::vector<Problem> fromFields(const FieldList& f, Hazard& out) {
  return applyFields(kHazardFields, kKindHazard, f, out);
}
std::vector<Problem> fromFields(const FieldList& f, WorkInjury& out) {
  return applyFields(kWorkInjuryFields, kKindWorkInjury, f, out);
}
std::vector<Problem> fromFields(const FieldList& f, Standard& out) {
  return applyFields(kStandardFields, kKindStandard, f, out);
}
std::vector<Problem> fromFields(const FieldList& f, Office& out) {
  return applyFields(kOfficeFields, kKindOffice, f, out);
}

std::span<const FieldSpec> RecordKindInfo::fields() const {
  // Built once from the field tables above; indexed by RecordKind.
  static const std::vector<FieldSpec> specs[kRecordKindCount] = {specsOf(kEnterpriseFields), specsOf(kInspectionFields),
                                                                 specsOf(kHazardFields), specsOf(kWorkInjuryFields),
                                                                 specsOf(kStandardFields)};
  static_assert(static_cast<size_t>(RecordKind::Enterprise) == 0 && static_cast<size_t>(RecordKind::Inspection) == 1 &&
                static_cast<size_t>(RecordKind::Hazard) == 2 && static_cast<size_t>(RecordKind::WorkInjury) == 3 &&
                static_cast<size_t>(RecordKind::Standard) == 4);
  return specs[static_cast<size_t>(kind)];
}

std::string fieldValue(const FieldList& fields, std::string_view jsonName) {
  for (const auto& [name, value] : fields) {
    if (name == jsonName) return value;
  }
  return {};
}

std::vector<FieldChange> diffFields(const FieldList& a, const FieldList& b) {
  std::vector<FieldChange> out;
  // Fields of a in a's order (changed or removed), then fields only in b (added).
  for (const auto& [name, oldValue] : a) {
    bool found = false;
    for (const auto& [bn, newValue] : b) {
      if (bn == name) {
        found = true;
        if (newValue != oldValue) out.push_back({name, oldValue, newValue});
        break;
      }
    }
    if (!found) out.push_back({name, oldValue, ""});
  }
  for (const auto& [name, newValue] : b) {
    bool inA = false;
    for (const auto& p : a) inA = inA || p.first == name;
    if (!inA) out.push_back({name, "", newValue});
  }
  return out;
}

// [SECTION] Labels ----------------------------------------------------------------------------

namespace {

struct Label {
  const char* name;
  const char* label;
};

const Label kLabels[] = {
    // meta
    {"id", "记录ID"},
    {"origin", "来源单位"},
    {"rev", "版本"},
    {"created_at", "创建时间"},
    {"updated_at", "修改时间"},
    // enterprise
    {"kind", "企业类型"},
    {"uscc", "统一社会信用代码"},
    {"name", "名称"},
    {"division_code", "行政区划代码"},
    {"address", "单位地址"},
    {"industry", "行业领域"},
    {"place_type", "场所类型"},
    {"principal", "单位负责人"},
    {"contact", "联系电话"},
    {"vessel_port", "船籍港"},
    {"vessel_reg_no", "船舶登记号"},
    {"notes", "备注"},
    {"retired", "已注销"},
    // inspection
    {"date", "日期"},
    {"method", "检查方式"},
    {"department", "检查部门"},
    {"inspectors", "检查人"},
    {"enterprise_id", "企业"},
    // hazard
    {"number", "隐患编号"},
    {"category", "隐患分类"},
    {"location", "隐患部位"},
    {"description", "隐患描述"},
    {"level", "隐患等级"},
    {"source", "隐患来源"},
    {"standard_id", "判定依据"},
    {"clause_ref", "违反判定依据具体条款"},
    {"inspection_id", "检查记录"},
    {"inspection_method", "检查方式"},
    {"found_date", "发现日期"},
    {"reporter", "填报人"},
    {"reported_date", "填报时间"},
    {"measures", "整改措施"},
    {"responsible_department", "整改责任部门"},
    {"responsible_unit", "责任单位"},
    {"responsible_person", "责任人"},
    {"deadline", "整改期限"},
    {"funds_wan", "治理经费(万元)"},
    {"five_target", "治理目标"},
    {"five_organization", "机构人员"},
    {"five_safety_measures", "安全措施及应急预案"},
    {"five_funds", "经费物资"},
    {"five_time_limit", "时限"},
    {"supervision", "挂牌督办"},
    {"stop_production", "是否需停产停业"},
    {"status", "整改状态"},
    {"completed_date", "实际整改完成时间"},
    {"completion_note", "整改情况"},
    {"rectified_by", "整改上报人"},
    {"verifier", "验收人"},
    {"verified_date", "验收日期"},
    {"verify_opinion", "验收意见"},
    {"closed_date", "销号日期"},
    {"review", "审核状态"},
    {"reviewer", "审核人"},
    {"review_date", "审核日期"},
    {"review_note", "审核意见"},
    {"remarks", "举报情况备注"},
    // work injury
    {"enterprise_name", "企业名称"},
    {"deaths", "死亡人数"},
    {"injuries", "受伤人数"},
    // standard
    {"title", "标准名称"},
    {"issuer", "发布机关"},
    {"doc_number", "文号"},
    {"year", "年份"},
    {"clauses", "条款"},
    // office
    {"operators", "操作员"},
    // workflow steps (not record fields)
    {"reason", "原因"},
    {"actor", "操作人"},
};

struct KindLabel {
  const char* kind;
  const char* name;
  const char* label;
};

// clang-format off
const KindLabel kKindLabels[] = {
    {kKindEnterprise, "name", "企业名称"},
    {kKindEnterprise, "division_code", "所在区划代码"},
    {kKindInspection, "date", "检查时间"},
    {kKindInspection, "notes", "检查情况"},
    {kKindWorkInjury, "date", "事故日期"},
    {kKindWorkInjury, "description", "事故经过"},
    {kKindWorkInjury, "enterprise_id", "企业"},
    {kKindStandard, "industry", "适用行业"},
    {kKindStandard, "retired", "已废止"},
    {kKindOffice, "name", "单位名称"},
    {kKindOffice, "level", "单位层级"},
    {kKindOffice, "operators", "操作人员"},
    {kKindHazard, "division_code", "上报单位区划代码"},
};
// clang-format on

} // namespace

const char* fieldLabel(std::string_view jsonName) {
  for (const auto& l : kLabels) {
    if (jsonName == l.name) return l.label;
  }
  // Unknown: the name itself, interned so that the pointer stays valid and NUL-terminated.
  static std::mutex mutex;
  static std::set<std::string, std::less<>> interned;
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = interned.find(jsonName);
  if (it == interned.end()) it = interned.emplace(jsonName).first;
  return it->c_str();
}

const char* fieldLabel(std::string_view recordKind, std::string_view jsonName) {
  for (const auto& l : kKindLabels) {
    if (recordKind == l.kind && jsonName == l.name) return l.label;
  }
  return fieldLabel(jsonName);
}

} // namespace hz::core
