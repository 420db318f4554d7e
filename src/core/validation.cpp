// Identifier checks (USCC per GB 32100-2015 with the GB 11714 organisation-code check, division
// codes per GB/T 2260 / GB/T 10114) and record validators that list every problem in Chinese.
//
// [SECTION] Helpers   [SECTION] USCC   [SECTION] Division codes   [SECTION] Records
#include "core/validation.hpp"

#include "core/date.hpp"
#include "core/record_fields.hpp"

#include <algorithm>
#include <cstring>

namespace hz::core {

// [SECTION] Helpers ---------------------------------------------------------------------------

namespace {

// Length in bytes of the UTF-8 sequence starting with byte c (1 for stray bytes).
size_t utf8Len(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

std::vector<std::string_view> utf8Chars(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8Len(static_cast<unsigned char>(s[i]));
    if (i + n > s.size()) n = s.size() - i;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

bool isBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true; // full-width spaces alone are rare enough to count as text
}

std::string quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

// Collects problems of one record; messages start with the Chinese label of the field.
class Checker {
public:
  Checker(const char* kind, std::string record) : m_kind(kind), m_record(std::move(record)) {}

  void add(const char* field, const std::string& what) {
    m_problems.push_back({m_record, field, std::string(fieldLabel(m_kind, field)) + ": " + what});
  }
  bool required(const char* field, std::string_view value) {
    if (!isBlank(value)) return true;
    add(field, "必填，不能为空");
    return false;
  }
  // Valid date when set (or required); returns the parsed date.
  std::optional<Date> date(const char* field, std::string_view value, bool isRequired) {
    if (value.empty()) {
      if (isRequired) add(field, "必填，应为 YYYY-MM-DD，如 2026-03-15");
      return std::nullopt;
    }
    auto d = Date::parse(value);
    if (!d)
      add(field, "日期无效" + (isBlank(value) ? std::string() : quoted(value)) + "，应为 YYYY-MM-DD，如 2026-03-15");
    return d;
  }
  void division(const char* field, std::string_view value, bool isRequired) {
    if (value.empty()) {
      if (isRequired) add(field, "必填，应为6、9或12位行政区划代码");
      return;
    }
    const DivisionCheck c = checkDivisionCode(value);
    if (c.level == DivisionLevel::Invalid) add(field, c.error);
  }
  // a must not be before b (both valid dates); message names both fields.
  void notBefore(const char* fa, const std::optional<Date>& a, const char* fb, const std::optional<Date>& b) {
    if (a && b && *a < *b) {
      add(fa, "不能早于" + std::string(fieldLabel(m_kind, fb)) + "(" + b->toString() + ")");
    }
  }
  std::vector<Problem> take() { return std::move(m_problems); }

private:
  const char* m_kind;
  std::string m_record;
  std::vector<Problem> m_problems;
};

const char kUsccAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY"; // 31 symbols, GB 32100

int usccValue(char c) {
  const char* p = c ? std::strchr(kUsccAlphabet, c) : nullptr;
  return p ? static_cast<int>(p - kUsccAlphabet) : -1;
}

} // namespace

// [SECTION] USCC ------------------------------------------------------------------------------

char usccCheckChar(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0, weight = 1; // Wi = 3^(i-1) mod 31
  for (char c : first17) {
    const int v = usccValue(c);
    if (v < 0) return '\0';
    sum += v * weight;
    weight = weight * 3 % 31;
  }
  return kUsccAlphabet[(31 - sum % 31) % 31];
}

char orgCodeCheckChar(std::string_view first8) {
  static const int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  if (first8.size() != 8) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    const char c = first8[i];
    int v;
    if (c >= '0' && c <= '9')
      v = c - '0';
    else if (c >= 'A' && c <= 'Z')
      v = c - 'A' + 10;
    else
      return '\0';
    sum += v * kWeights[i];
  }
  const int c9 = 11 - sum % 11;
  return c9 == 10 ? 'X' : c9 == 11 ? '0' : static_cast<char>('0' + c9);
}

std::string normalizeUscc(std::string_view text) {
  std::string out;
  for (std::string_view ch : utf8Chars(text)) {
    if (ch == " " || ch == "\t" || ch == "\r" || ch == "\n" || ch == "\xE3\x80\x80") continue;
    if (ch.size() == 3 && static_cast<unsigned char>(ch[0]) == 0xEF) {
      // Full-width forms U+FF01..U+FF5E map to ASCII 0x21..0x7E.
      const unsigned b1 = static_cast<unsigned char>(ch[1]), b2 = static_cast<unsigned char>(ch[2]);
      const unsigned cp = 0xF000u | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out += static_cast<char>(cp - 0xFF01 + 0x21);
        continue;
      }
    }
    out += ch;
  }
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

UsccCheck checkUscc(std::string_view code) {
  UsccCheck r;
  if (code.empty()) {
    r.error = "不能为空，应为18位数字和大写字母";
    return r;
  }
  const auto chars = utf8Chars(code);
  std::vector<std::string> issues;
  std::string lower, forbidden, other;
  for (size_t i = 0; i < chars.size(); ++i) {
    const std::string_view ch = chars[i];
    const std::string pos = "第" + std::to_string(i + 1) + "位" + quoted(ch);
    if (ch.size() == 1 && ch[0] >= 'a' && ch[0] <= 'z') {
      if (lower.empty()) lower = pos;
    } else if (ch == "I" || ch == "O" || ch == "S" || ch == "V" || ch == "Z") {
      if (!forbidden.empty()) forbidden += "、";
      forbidden += pos;
    } else if (ch.size() != 1 || usccValue(ch[0]) < 0) {
      if (!other.empty()) other += "、";
      other += pos;
    }
  }
  if (!lower.empty()) issues.push_back("含有小写字母(" + lower + ")，请使用大写字母");
  if (chars.size() != 18) issues.push_back("应为18位，当前为" + std::to_string(chars.size()) + "位");
  if (!forbidden.empty()) issues.push_back(forbidden + "不允许：统一社会信用代码不使用字母 I、O、S、V、Z");
  if (!other.empty())
    issues.push_back(other + "不是允许的字符，只能是数字和大写字母(不含 I、O、S、V、Z)，全角字符请改为半角");
  if (!issues.empty()) {
    for (size_t i = 0; i < issues.size(); ++i) r.error += (i ? "；" : "") + issues[i];
    return r;
  }
  const char expected = usccCheckChar(code.substr(0, 17));
  if (expected != code[17]) {
    r.error = "校验位错误：第18位应为" + quoted(std::string(1, expected)) + "，实际为" + quoted(code.substr(17, 1)) +
              "，请核对代码是否抄错";
    return r;
  }
  r.valid = true;
  const char org = orgCodeCheckChar(code.substr(8, 8));
  if (org != code[16]) {
    r.orgCodeWarning = "第9-17位组织机构代码的校验位应为" +
                       (org ? quoted(std::string(1, org)) : std::string("数字或X")) + "，实际为" +
                       quoted(code.substr(16, 1)) + "(GB 11714，仅提示，请核对)";
  }
  return r;
}

// [SECTION] Division codes --------------------------------------------------------------------

DivisionCheck checkDivisionCode(std::string_view code) {
  DivisionCheck r;
  if (code.empty()) {
    r.error = "不能为空，应为6位(县区)、9位(乡镇街道)或12位(村居)数字";
    return r;
  }
  const auto chars = utf8Chars(code);
  for (size_t i = 0; i < chars.size(); ++i) {
    if (chars[i].size() != 1 || chars[i][0] < '0' || chars[i][0] > '9') {
      r.error = "只能包含数字，第" + std::to_string(i + 1) + "位" + quoted(chars[i]) + "不是数字";
      return r;
    }
  }
  if (code.size() != 6 && code.size() != 9 && code.size() != 12) {
    r.error = "应为6位(县区)、9位(乡镇街道)或12位(村居)数字，当前为" + std::to_string(code.size()) + "位";
    return r;
  }
  auto num = [&](size_t from, size_t n) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) v = v * 10 + (code[i] - '0');
    return v;
  };
  // GB/T 2260 province-level codes.
  static const int kProvinces[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
                                   43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
  const int province = num(0, 2);
  bool known = false;
  for (int p : kProvinces) known = known || p == province;
  if (!known) {
    r.error = "前2位省级代码" + quoted(code.substr(0, 2)) + "不存在(应为11北京…65新疆、71台湾、81香港、82澳门)";
    return r;
  }
  if (code.size() >= 9) {
    const int town = num(6, 3);
    if (town < 1 || town > 599) {
      r.error = "第7-9位乡镇街道代码" + quoted(code.substr(6, 3)) +
                "无效，应为001-599(001-099街道、100-199镇、200-399乡、400-599其他)";
      return r;
    }
  }
  if (code.size() == 12) {
    const int village = num(9, 3);
    if (village < 1 || village > 399) {
      r.error = "第10-12位村居代码" + quoted(code.substr(9, 3)) + "无效，应为001-399(001-199居委会、200-399村委会)";
      return r;
    }
  }
  r.level = code.size() == 6   ? DivisionLevel::County
            : code.size() == 9 ? DivisionLevel::Township
                               : DivisionLevel::Village;
  return r;
}

// [SECTION] Records ---------------------------------------------------------------------------

std::vector<Problem> validate(const Office& r) {
  Checker c(kKindOffice, r.id);
  c.required("name", r.name);
  c.division("division_code", r.divisionCode, true);
  return c.take();
}

std::vector<Problem> validateOwnOffice(const Office& r) {
  std::vector<Problem> out = validate(r);
  Checker c(kKindOffice, r.id);
  const bool divisionProblem =
      std::any_of(out.begin(), out.end(), [](const Problem& p) { return p.field == "division_code"; });
  if (!divisionProblem && r.level == OfficeLevel::Township &&
      checkDivisionCode(r.divisionCode).level == DivisionLevel::County)
    c.add("division_code", "乡镇街道应填写 9 位代码（县区 6 位 + 乡镇 3 位），如 320102003");
  if (r.operators.empty()) c.add("operators", "至少填写一人（用于记录谁做了哪些修改）");
  for (auto& p : c.take()) out.push_back(std::move(p));
  return out;
}

std::string checkDictionaryName(std::string_view ownName) {
  if (isBlank(ownName)) return "名称不能为空";
  if (ownName.find('/') != std::string_view::npos) return "名称中不能含“/”（它用于分隔上级和下级）";
  return {};
}

std::string checkTownshipCode(std::string_view code) {
  const DivisionCheck dc = checkDivisionCode(code);
  if (dc.level == DivisionLevel::Township) return {};
  return "区划代码：" + (dc.error.empty() ? std::string("乡镇街道应为9位代码") : dc.error);
}

std::vector<Problem> validate(const Enterprise& r) {
  Checker c(kKindEnterprise, r.meta.id);
  c.required("name", r.name);
  if (r.kind == EnterpriseKind::Firm && isBlank(r.uscc)) {
    c.add("uscc", "企业必须填写18位统一社会信用代码");
  } else if (!r.uscc.empty()) {
    const UsccCheck u = checkUscc(r.uscc);
    if (!u.valid) c.add("uscc", u.error);
  }
  if (r.kind == EnterpriseKind::FishingVessel && isBlank(r.vesselRegNo) && isBlank(r.vesselPort)) {
    c.add("vessel_reg_no", "渔业船舶须填写船舶登记号或船籍港");
  }
  c.division("division_code", r.divisionCode, true);
  return c.take();
}

std::vector<Problem> warnings(const Enterprise& r) {
  std::vector<Problem> out;
  if (!r.uscc.empty()) {
    const UsccCheck u = checkUscc(r.uscc);
    if (u.valid && !u.orgCodeWarning.empty()) {
      out.push_back({r.meta.id, "uscc", std::string(fieldLabel(kKindEnterprise, "uscc")) + ": " + u.orgCodeWarning});
    }
  }
  return out;
}

std::vector<Problem> validate(const Inspection& r) {
  Checker c(kKindInspection, r.meta.id);
  c.date("date", r.date, true);
  c.required("enterprise_id", r.enterpriseId);
  return c.take();
}

std::vector<Problem> validateEntry(const Inspection& r) {
  std::vector<Problem> out = validate(r);
  Checker c(kKindInspection, r.meta.id);
  if (isBlank(r.method)) c.add("method", "必填，请选择检查方式");
  for (auto& p : c.take()) out.push_back(std::move(p));
  return out;
}

std::vector<Problem> validate(const Hazard& r) {
  Checker c(kKindHazard, r.meta.id);
  c.required("enterprise_id", r.enterpriseId);
  c.division("division_code", r.divisionCode, true);
  c.required("industry", r.industry);
  c.required("description", r.description);
  c.required("source", r.source);
  const auto found = c.date("found_date", r.foundDate, true);
  const auto deadline = c.date("deadline", r.deadline, false);
  c.notBefore("deadline", deadline, "found_date", found);
  c.date("reported_date", r.reportedDate, false);
  const auto completed = c.date("completed_date", r.completedDate, false);
  c.notBefore("completed_date", completed, "found_date", found);
  const auto verified = c.date("verified_date", r.verifiedDate, false);
  c.notBefore("verified_date", verified, "completed_date", completed);
  const auto closed = c.date("closed_date", r.closedDate, false);
  c.notBefore("closed_date", closed, "found_date", found);
  c.date("review_date", r.reviewDate, false);
  if (!(r.fundsWan >= 0)) c.add("funds_wan", "不能为负数，单位为万元");
  if (!isBlank(r.verifier) && r.verifier == r.rectifiedBy) {
    c.add("verifier", "验收人不能与整改上报人为同一人(" + r.verifier + ")");
  }
  return c.take();
}

std::vector<Problem> warnings(const Hazard& r) {
  Checker c(kKindHazard, r.meta.id);
  const bool pastPending = r.status != HazardStatus::Pending;
  if (r.level == HazardLevel::Major && pastPending) {
    if (isBlank(r.responsiblePerson)) c.add("responsible_person", "重大隐患应明确整改责任人");
    if (isBlank(r.deadline)) c.add("deadline", "重大隐患应明确整改期限");
    if (isBlank(r.measures)) c.add("measures", "重大隐患应明确整改措施");
    if (!r.five.complete())
      c.add("five_target", "重大隐患应落实五落实(治理目标、机构人员、安全措施及应急预案、经费物资、时限)");
  }
  if (r.status == HazardStatus::AwaitingVerification || r.status == HazardStatus::Closed) {
    if (r.completedDate.empty()) c.add("completed_date", "已整改的隐患应填写实际整改完成时间");
    if (isBlank(r.completionNote)) c.add("completion_note", "已整改的隐患应填写整改情况");
  }
  if (r.status == HazardStatus::Closed) {
    if (isBlank(r.verifier)) c.add("verifier", "已销号的隐患应填写验收人");
    if (r.verifiedDate.empty()) c.add("verified_date", "已销号的隐患应填写验收日期");
  }
  if (r.review == ReviewState::Returned && isBlank(r.reviewNote)) c.add("review_note", "退回的隐患应说明退回原因");
  return c.take();
}

std::vector<Problem> validate(const Standard& r) {
  Checker c(kKindStandard, r.meta.id);
  c.required("title", r.title);
  if (r.year != 0 && (r.year < 1949 || r.year > 2199))
    c.add("year", "年份无效" + quoted(std::to_string(r.year)) + "，应为四位年份，如 2023");
  for (size_t i = 0; i < r.clauses.size(); ++i) {
    if (isBlank(r.clauses[i].article) && isBlank(r.clauses[i].summary)) {
      c.add("clauses", "第" + std::to_string(i + 1) + "条的条款号和摘要不能都为空");
    }
  }
  return c.take();
}

std::vector<Problem> validate(const WorkInjury& r) {
  Checker c(kKindWorkInjury, r.meta.id);
  c.date("date", r.date, true);
  if (isBlank(r.enterpriseId) && isBlank(r.enterpriseName)) c.add("enterprise_name", "必填，请选择企业或填写企业名称");
  c.division("division_code", r.divisionCode, false);
  if (r.deaths < 0) c.add("deaths", "不能为负数");
  if (r.injuries < 0) c.add("injuries", "不能为负数");
  return c.take();
}

} // namespace hz::core
