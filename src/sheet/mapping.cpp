#include "sheet/mapping.hpp"

#include "core/date.hpp"
#include "core/record_fields.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace hz::sheet {

namespace {

using namespace std::string_view_literals;

// Full-width ASCII (U+FF01..FF5E) as ASCII, the ideographic space as a space.
std::string foldWidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xEF && i + 2 < s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
      const uint32_t cp = ((c & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out += static_cast<char>(cp - 0xFF01 + 0x21);
        i += 2;
        continue;
      }
    }
    if (c == 0xE3 && s.substr(i, 3) == "\xE3\x80\x80") {
      out += ' ';
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

// [SECTION] The field catalogue: one place for the names people give columns.
const std::vector<TargetField>& catalogue() {
  static const std::vector<TargetField> fields = {
      {"number", "隐患编号", {"隐患编号"}, false},
      {kTownship,
       "上报单位(街道/乡镇)",
       {"上报单位", "所属街道", "所属乡镇", "街道(乡镇)", "乡镇(街道)", "乡镇街道", "街道乡镇", "所属镇街", "镇街",
        "隐患区域", "属地", "街道", "乡镇"},
       true},
      {"industry", "行业领域", {"行业领域", "行业类别", "所属行业", "行业分类", "行业"}, true},
      {kEnterprisePlaceType, "企业类型(场所类型)", {"企业类型", "场所类型", "单位类型"}, false},
      {kEnterpriseName,
       "企业名称",
       {"企业名称", "单位名称", "生产经营单位名称", "企业(单位)名称", "被检查单位", "检查对象"},
       true},
      {kEnterpriseUscc, "统一社会信用代码", {"统一社会信用代码", "社会信用代码", "信用代码"}, false},
      {kEnterpriseAddress, "单位地址", {"单位地址", "企业地址", "地址"}, false},
      {kEnterprisePrincipal, "单位负责人", {"单位负责人", "企业负责人", "主要负责人", "法定代表人"}, false},
      {kEnterpriseContact, "联系电话", {"联系电话", "联系方式", "电话"}, false},
      {"category", "隐患分类", {"隐患分类", "隐患类别", "隐患类型"}, false},
      {"location", "隐患部位", {"隐患部位", "隐患位置", "部位"}, false},
      {"description",
       "隐患描述",
       {"重大隐患描述", "举报问题描述", "重大事故隐患描述", "隐患描述", "存在问题", "问题描述", "隐患内容", "隐患情况",
        "主要问题", "隐患名称", "问题隐患"},
       true},
      {"level", "隐患等级", {"隐患等级", "隐患级别", "是否重大隐患", "是否重大事故隐患"}, false},
      {"source", "隐患来源", {"隐患来源", "发现途径", "来源"}, false},
      {"inspection_method", "检查方式", {"检查方式", "排查方式", "检查形式"}, false},
      {"inspectors", "检查人", {"检查人", "检查人员", "排查人"}, false},
      {"found_date", "检查时间", {"检查时间", "检查日期", "发现时间", "发现日期", "排查时间", "排查日期"}, true},
      {kStandardTitle, "判定依据", {"判定依据", "判定标准"}, false},
      {"clause_ref", "违反判定依据具体条款", {"违反判定依据具体条款", "具体条款", "判定条款", "条款"}, false},
      {"status",
       "整改状态",
       {"整改状态", "是否整改", "整改情况", "整改进度", "是否完成整改", "治理状态", "整改完成情况"},
       false},
      {"completed_date",
       "实际整改完成时间",
       {"实际整改完成时间", "整改完成时间", "整改完成日期", "实际完成时间", "完成时间"},
       false},
      {"responsible_department", "整改责任部门", {"整改责任部门", "责任部门"}, false},
      {"responsible_person", "整改责任人", {"整改责任部门/责任人", "整改责任人", "责任人"}, false},
      {"responsible_unit", "责任单位", {"整改责任单位", "责任单位"}, false},
      {"measures", "整改措施", {"整改措施", "治理措施", "整改要求"}, false},
      {"deadline",
       "计划完成治理时间",
       {"计划完成治理时间", "整改期限", "整改时限", "计划完成时间", "整改截止时间", "整改截止日期", "限期整改时间"},
       false},
      {"funds_wan", "治理经费(万元)", {"治理经费(万元)", "治理经费", "整改资金", "整改经费", "投入资金"}, false},
      {"supervision", "挂牌督办", {"挂牌督办", "督办级别", "是否挂牌督办"}, false},
      {"stop_production", "是否需停产停业", {"是否需停产停业", "是否停产停业", "停产停业"}, false},
      {"five_target", "五落实·治理目标", {"治理目标"}, false},
      {"five_organization", "五落实·机构人员", {"机构人员"}, false},
      {"five_safety_measures", "五落实·安全措施及应急预案", {"安全措施及应急预案", "应急预案"}, false},
      {"five_funds", "五落实·经费物资", {"经费物资"}, false},
      {"five_time_limit", "五落实·时限", {"时限"}, false},
      {"review", "审核状态", {"审核状态", "审核情况"}, false},
      {"reporter", "填报人", {"填报人"}, false},
      {"reported_date", "填报时间", {"填报时间", "填报日期", "上报时间", "上报日期"}, false},
      {"completion_note", "整改情况说明", {"整改结果", "整改情况说明"}, false},
      {"verifier", "验收人", {"验收人"}, false},
      {"verified_date", "验收日期", {"验收时间", "验收日期"}, false},
      {"closed_date", "销号日期", {"销号时间", "销号日期"}, false},
      {"remarks", "备注", {"举报情况备注", "备注", "说明"}, false},
  };
  return fields;
}

// Headers that are never a field (a running number is no identity: sheets get re-sorted).
bool ignoredHeader(std::string_view h) { return h == "序号" || h == "编号序号" || h == "No." || h == "NO"; }

bool hasKnownField(const std::string& header) { return !matchHeader(header).empty(); }

std::string rowText(const std::vector<Cell>& row, size_t c) { return c < row.size() ? trimText(cellText(row[c])) : ""; }

bool isDateish(const Cell& c) {
  return c.kind == Cell::Kind::Date || (c.kind == Cell::Kind::Number && c.number > 30000);
}

} // namespace

const std::vector<TargetField>& targetFields() { return catalogue(); }

const TargetField* targetField(std::string_view key) {
  for (const auto& f : catalogue()) {
    if (key == f.key) return &f;
  }
  return nullptr;
}

std::string normaliseHeader(std::string_view text) {
  std::string s = foldWidth(text);
  for (std::string_view drop : {" "sv, "\t"sv, "\r"sv, "\n"sv, "*"sv, "\xE2\x80\xBB"sv /* ※ */, "\xC2\xA0"sv}) {
    core::replaceAll(s, drop, "");
  }
  for (std::string_view suffix : {"(必填)"sv, "(选填)"sv, "(可选)"sv}) {
    if (s.size() > suffix.size() && std::string_view(s).substr(s.size() - suffix.size()) == suffix)
      s.resize(s.size() - suffix.size());
  }
  core::replaceAll(s, "\xEF\xBC\x88", "(");
  core::replaceAll(s, "\xEF\xBC\x89", ")");
  return s;
}

std::string exactHeader(std::string_view header) {
  const std::string h = normaliseHeader(header);
  if (h.empty() || ignoredHeader(h)) return {};
  for (const auto& f : catalogue()) {
    for (auto name : f.names) {
      if (h == name) return f.key;
    }
  }
  return {};
}

std::string matchHeader(std::string_view header) {
  const std::string h = normaliseHeader(header);
  if (h.empty() || ignoredHeader(h)) return {};
  if (std::string exact = exactHeader(h); !exact.empty()) return exact;
  // Contained names, the longest first ("整改完成时间" must not fall to "时限" or "完成时间" wrongly).
  const TargetField* best = nullptr;
  size_t bestLen = 0;
  for (const auto& f : catalogue()) {
    for (auto name : f.names) {
      if (name.size() > bestLen && name.size() >= 6 /* two CJK characters */ && h.find(name) != std::string::npos) {
        best = &f;
        bestLen = name.size();
      }
    }
  }
  return best ? best->key : std::string();
}

Layout detectLayout(const Sheet& sheet) {
  Layout l;
  int bestScore = 0;
  const size_t scan = std::min<size_t>(sheet.rows.size(), 30);
  for (size_t r = 0; r < scan; ++r) {
    std::vector<std::string> seen;
    for (const auto& cell : sheet.rows[r]) {
      if (cell.kind != Cell::Kind::Text) continue;
      const std::string key = matchHeader(cell.text);
      if (!key.empty() && std::find(seen.begin(), seen.end(), key) == seen.end()) seen.push_back(key);
    }
    if (static_cast<int>(seen.size()) > bestScore) {
      bestScore = static_cast<int>(seen.size());
      l.headerRow = r;
    }
  }
  if (bestScore < 2) {
    // No recognisable header: take the first row with at least two text cells.
    l.headerRow = 0;
    for (size_t r = 0; r < scan; ++r) {
      int texts = 0;
      for (const auto& cell : sheet.rows[r]) texts += cell.kind == Cell::Kind::Text;
      if (texts >= 2) {
        l.headerRow = r;
        break;
      }
    }
  }
  const std::vector<Cell> empty;
  const auto& head = l.headerRow < sheet.rows.size() ? sheet.rows[l.headerRow] : empty;
  const auto& next = l.headerRow + 1 < sheet.rows.size() ? sheet.rows[l.headerRow + 1] : empty;
  // A second header row: sub-headers under merged parents (整改责任 -> 部门 | 责任人; 五落实 -> …).
  int nextKnown = 0, nextDates = 0, childUnderEmpty = 0;
  for (size_t c = 0; c < next.size(); ++c) {
    if (next[c].empty()) continue;
    if (isDateish(next[c])) ++nextDates;
    const std::string parent = rowText(head, c);
    if (next[c].kind == Cell::Kind::Text && (hasKnownField(next[c].text) || hasKnownField(parent + next[c].text)))
      ++nextKnown;
    if (parent.empty()) ++childUnderEmpty;
  }
  const bool twoRows = nextKnown >= 2 && nextDates == 0 && childUnderEmpty > 0;
  const size_t width = std::max(head.size(), twoRows ? next.size() : size_t(0));
  std::string parent;
  for (size_t c = 0; c < width; ++c) {
    std::string top = rowText(head, c);
    std::string header = top;
    if (twoRows) {
      if (!top.empty()) parent = top;
      const std::string child = rowText(next, c);
      if (!child.empty()) {
        const std::string& p = top.empty() ? parent : top;
        header = p.empty() || p == child ? child : p + "/" + child;
      }
    }
    l.headers.push_back(header);
    std::string key = matchHeader(header);
    if (twoRows && header.find('/') != std::string::npos) {
      // Under a merged parent: the child when it names a field exactly (整改情况/完成时间), else
      // parent and child run together (整改责任/部门 -> 整改责任部门), else what the child contains.
      const std::string child = header.substr(header.rfind('/') + 1);
      std::string joined = header;
      core::replaceAll(joined, "/", "");
      for (const std::string& k : {exactHeader(child), matchHeader(joined), matchHeader(child)}) {
        if (!k.empty()) {
          key = k;
          break;
        }
      }
    }
    l.columns.push_back(key);
  }
  // The same field twice: keep the column whose header is the field's more specific name (then
  // the first); the other goes to 备注 (the user can change it).
  auto rank = [&](size_t c) {
    const auto* f = targetField(l.columns[c]);
    const std::string h = normaliseHeader(l.headers[c]);
    for (size_t i = 0; f && i < f->names.size(); ++i) {
      if (h == f->names[i]) return i;
    }
    return size_t(1000);
  };
  for (size_t c = 0; c < l.columns.size(); ++c) {
    for (size_t d = 0; d < c; ++d) {
      if (l.columns[c].empty() || l.columns[c] != l.columns[d]) continue;
      if (rank(c) < rank(d)) {
        l.columns[d].clear();
      } else {
        l.columns[c].clear();
        break;
      }
    }
  }
  l.firstDataRow = l.headerRow + (twoRows ? 2 : 1);
  for (size_t r = 0; r < l.headerRow; ++r) {
    for (const auto& cell : sheet.rows[r]) {
      if (cell.kind == Cell::Kind::Text && l.title.empty()) l.title = trimText(cell.text);
    }
  }
  for (const auto& h : l.headers) l.signature += normaliseHeader(h) + "|";
  return l;
}

int knownColumns(const Layout& layout) {
  int n = 0;
  for (const auto& k : layout.columns) n += !k.empty();
  return n;
}

void applyMapping(Layout& layout, const Mapping& mapping) {
  for (size_t c = 0; c < layout.headers.size(); ++c) {
    auto it = mapping.columns.find(normaliseHeader(layout.headers[c]));
    if (it == mapping.columns.end()) continue;
    if (!it->second.empty() && !targetField(it->second)) continue; // unknown key: keep detection
    // A field taken by this column is released from any other.
    if (!it->second.empty()) {
      for (auto& other : layout.columns)
        if (other == it->second) other.clear();
    }
    layout.columns[c] = it->second;
  }
}

std::string mappingToJson(const Mapping& m) {
  nlohmann::json j;
  j["columns"] = nlohmann::json::object();
  for (const auto& [h, k] : m.columns) j["columns"][h] = k;
  j["defaults"] = nlohmann::json::object();
  for (const auto& [k, v] : m.defaults) j["defaults"][k] = v;
  return j.dump();
}

Result<Mapping> mappingFromJson(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error::make(ErrorCode::Format, "对应关系文件不是有效的 JSON 对象");
  Mapping m;
  for (const char* part : {"columns", "defaults"}) {
    if (!j.contains(part)) continue;
    if (!j[part].is_object())
      return Error::make(ErrorCode::Format, std::string("对应关系文件的“") + part + "”应为对象");
    for (const auto& [k, v] : j[part].items()) {
      if (!v.is_string()) {
        return Error::make(ErrorCode::Format, std::string("对应关系文件的“") + part + "”中“" + k + "”的值应为文本");
      }
      const std::string value = v.get<std::string>();
      if (std::string_view(part) == "columns") {
        if (!value.empty() && !targetField(value)) {
          return Error::make(ErrorCode::Format, "对应关系文件：列“" + k + "”对应的字段“" + value + "”不存在");
        }
        m.columns[normaliseHeader(k)] = value;
      } else {
        if (!targetField(k)) return Error::make(ErrorCode::Format, "对应关系文件：默认值的字段“" + k + "”不存在");
        m.defaults[k] = value;
      }
    }
  }
  return m;
}

Mapping mappingOf(const Layout& layout, const std::map<std::string, std::string>& defaults) {
  Mapping m;
  for (size_t c = 0; c < layout.headers.size(); ++c) {
    if (layout.headers[c].empty()) continue;
    m.columns[normaliseHeader(layout.headers[c])] = c < layout.columns.size() ? layout.columns[c] : "";
  }
  m.defaults = defaults;
  return m;
}

std::string columnLabel(const Layout& layout, size_t column) {
  if (column < layout.headers.size() && !layout.headers[column].empty()) return layout.headers[column];
  return "第" + std::to_string(column + 1) + "列";
}

// [SECTION] Values
std::string cellText(const Cell& c) { return c.kind == Cell::Kind::Empty ? std::string() : c.text; }

std::string trimText(std::string_view s) { return core::trimmed(s); }

std::optional<std::string> parseDate(const Cell& c) {
  auto fromSerial = [](double serial) -> std::optional<std::string> {
    // 1900 date system; serials from 1990 to 2100 only (a bare 5 is not a date).
    if (!(serial >= 32874 && serial < 73051)) return std::nullopt;
    const int64_t days = static_cast<int64_t>(std::floor(serial));
    // Serial 25569 = 1970-01-01 (Excel counts a 1900-02-29 that never was; irrelevant after 1900-03).
    return core::Date::fromDays(days - 25569).toString();
  };
  auto ymd = [](int y, int m, int d) -> std::optional<std::string> {
    core::Date date{y, m, d};
    auto back = core::Date::parse(date.toString());
    if (!back || back->month != m || back->day != d || y < 1990 || y > 2199) return std::nullopt;
    return date.toString();
  };
  switch (c.kind) {
  case Cell::Kind::Empty:
    return std::nullopt;
  case Cell::Kind::Date: {
    auto d = core::Date::parse(std::string_view(c.text).substr(0, 10));
    if (!d) return std::nullopt;
    return d->toString();
  }
  case Cell::Kind::Number:
    if (c.number >= 19900101 && c.number <= 21991231 && c.number == std::floor(c.number)) {
      const auto n = static_cast<int>(c.number);
      return ymd(n / 10000, n / 100 % 100, n % 100);
    }
    return fromSerial(c.number);
  case Cell::Kind::Text:
    break;
  }
  std::string s = foldWidth(trimText(c.text));
  // Drop a time after the date ("2026-03-05 10:30", "2026-03-05T10:30:00").
  if (auto sp = s.find_first_of(" T"); sp != std::string::npos && sp >= 6) s.resize(sp);
  // Numbers separated by - / . 年 月 日 号.
  std::vector<int> parts;
  std::string digits;
  bool badChar = false;
  for (size_t i = 0; i < s.size();) {
    const char ch = s[i];
    if (ch >= '0' && ch <= '9') {
      digits += ch;
      ++i;
      continue;
    }
    if (!digits.empty()) {
      if (digits.size() > 8) return std::nullopt;
      parts.push_back(std::atoi(digits.c_str()));
      digits.clear();
    }
    std::string_view rest(s.data() + i, s.size() - i);
    if (ch == '-' || ch == '/' || ch == '.') {
      ++i;
    } else if (rest.substr(0, 3) == "年" || rest.substr(0, 3) == "月" || rest.substr(0, 3) == "日" ||
               rest.substr(0, 3) == "号") {
      i += 3;
    } else {
      badChar = true;
      break;
    }
  }
  if (badChar) return std::nullopt;
  if (!digits.empty()) {
    if (digits.size() > 8) return std::nullopt;
    parts.push_back(std::atoi(digits.c_str()));
    if (parts.size() == 1 && digits.size() == 8) {
      const int n = parts[0];
      return ymd(n / 10000, n / 100 % 100, n % 100);
    }
    if (parts.size() == 1 && digits.size() == 5) return fromSerial(parts[0]);
  }
  if (parts.size() != 3) return std::nullopt;
  return ymd(parts[0], parts[1], parts[2]);
}

std::optional<core::HazardStatus> parseStatus(std::string_view text) {
  using S = core::HazardStatus;
  const std::string t = normaliseHeader(text);
  if (t.empty()) return std::nullopt;
  core::HazardStatus direct;
  if (core::fromChinese(t, direct)) return direct;
  static const std::pair<std::string_view, S> words[] = {
      {"已销号", S::Closed},
      {"销号", S::Closed},
      {"已验收", S::Closed},
      {"验收通过", S::Closed},
      {"已闭环", S::Closed},
      {"闭环", S::Closed},
      {"已整改", S::AwaitingVerification},
      {"整改完成", S::AwaitingVerification},
      {"已完成整改", S::AwaitingVerification},
      {"已完成", S::AwaitingVerification},
      {"完成", S::AwaitingVerification},
      {"是", S::AwaitingVerification},
      {"已整改待验收", S::AwaitingVerification},
      {"未整改", S::Pending},
      {"否", S::Pending},
      {"未完成", S::Pending},
      {"待整改", S::Pending},
      {"未开始", S::Pending},
      {"整改中", S::InProgress},
      {"正在整改", S::InProgress},
      {"部分整改", S::InProgress},
      {"整改未完成", S::InProgress},
      {"限期整改", S::InProgress},
      {"未完成整改", S::InProgress},
  };
  for (const auto& [w, s] : words) {
    if (t == w) return s;
  }
  return std::nullopt;
}

std::optional<core::HazardLevel> parseLevel(std::string_view text) {
  const std::string t = normaliseHeader(text);
  core::HazardLevel direct;
  if (core::fromChinese(t, direct)) return direct;
  if (t == "重大" || t == "重大事故隐患" || t == "是" || t == "重大隐患(是)") return core::HazardLevel::Major;
  if (t == "一般" || t == "否" || t == "一般事故隐患") return core::HazardLevel::General;
  return std::nullopt;
}

std::optional<core::ReviewState> parseReview(std::string_view text) {
  const std::string t = normaliseHeader(text);
  core::ReviewState direct;
  if (core::fromChinese(t, direct)) return direct;
  if (t == "通过" || t == "已审核" || t == "审核通过" || t == "已通过") return core::ReviewState::Approved;
  if (t == "待审核" || t == "未审核" || t == "审核中") return core::ReviewState::Pending;
  if (t == "退回" || t == "驳回" || t == "不通过" || t == "审核不通过") return core::ReviewState::Returned;
  if (t.empty() || t == "未提交") return core::ReviewState::NotSubmitted;
  return std::nullopt;
}

std::optional<core::SupervisionLevel> parseSupervision(std::string_view text) {
  const std::string t = normaliseHeader(text);
  core::SupervisionLevel direct;
  if (core::fromChinese(t, direct)) return direct;
  if (t.empty() || t == "否" || t == "无" || t == "未挂牌") return core::SupervisionLevel::None;
  if (t.find("省") != std::string::npos) return core::SupervisionLevel::Province;
  if (t.find("市") != std::string::npos) return core::SupervisionLevel::City;
  if (t.find("县") != std::string::npos || t.find("区") != std::string::npos) return core::SupervisionLevel::County;
  return std::nullopt;
}

std::optional<bool> parseYesNo(std::string_view text) {
  const std::string t = normaliseHeader(text);
  // U+2714 and U+2717 written as bytes: the UI font has no glyph for them (they are only matched here).
  for (std::string_view y : {"是"sv, "有"sv, "√"sv, "✓"sv, "\xE2\x9C\x94"sv /* heavy check mark */, "Y"sv, "y"sv, "1"sv,
                             "已落实"sv, "落实"sv, "需要"sv}) {
    if (t == y) return true;
  }
  for (std::string_view n :
       {"否"sv, "无"sv, "×"sv, "\xE2\x9C\x97"sv /* ballot X */, "N"sv, "n"sv, "0"sv, "未落实"sv, "不需要"sv, ""sv}) {
    if (t == n) return false;
  }
  return std::nullopt;
}

std::optional<double> parseWan(const Cell& c) {
  if (c.kind == Cell::Kind::Number) return c.number >= 0 ? std::optional<double>(c.number) : std::nullopt;
  std::string t = normaliseHeader(c.text);
  core::replaceAll(t, ",", "");
  core::replaceAll(t, "\xEF\xBF\xA5", ""); // ￥
  core::replaceAll(t, "\xC2\xA5", "");     // ¥
  core::replaceAll(t, "人民币", "");
  double scale = 1;
  auto endsWith = [&](std::string_view suf) {
    return t.size() >= suf.size() && std::string_view(t).substr(t.size() - suf.size()) == suf;
  };
  if (endsWith("万元")) {
    t.resize(t.size() - 6);
  } else if (endsWith("万")) {
    t.resize(t.size() - 3);
  } else if (endsWith("元")) {
    t.resize(t.size() - 3);
    scale = 1e-4;
  }
  if (t.empty()) return std::nullopt;
  double v = 0;
  if (!core::parseNumber(t, v) || !(v >= 0)) return std::nullopt;
  return v * scale;
}

} // namespace hz::sheet
