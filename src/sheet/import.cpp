#include "sheet/import.hpp"

#include "core/record_fields.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "store/sqlite.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

namespace hz::sheet {

namespace {

using store::Store;

constexpr const char* kSettingPrefix = "sheet.mapping.";

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

bool isDateField(std::string_view k) {
  return k == "found_date" || k == "deadline" || k == "completed_date" || k == "reported_date" ||
         k == "verified_date" || k == "closed_date";
}

bool isYesNoField(std::string_view k) { return k == "stop_production" || k.substr(0, 5) == "five_"; }

// Dictionary values as records store them ("工贸/冶金"), found by the value, a sub-item's own
// name, a former name, or with the separator written another way ("工贸(冶金)", "工贸-冶金").
class DictionaryMatcher {
public:
  DictionaryMatcher(Store& store, const std::string& kind, std::map<std::string, std::string> synonyms = {}) {
    auto entries = store.dictionary(kind, true);
    if (!entries) return;
    for (const auto& e : entries.value()) {
      // A sub-item is stored as "上级/下级"; its own part alone finds it too ("轻工" -> "工贸/轻工").
      const std::string full = e.value;
      add(full, full);
      if (const size_t slash = full.rfind('/'); slash != std::string::npos) add(full.substr(slash + 1), full);
      for (const auto& a : e.aliases) add(a, full);
      if (!e.code.empty()) m_codes[e.code] = full;
      m_values.push_back(full);
      m_codeOf[full] = e.code;
    }
    for (const auto& [from, to] : synonyms) {
      if (m_map.count(normaliseHeader(to))) add(from, m_map[normaliseHeader(to)]);
    }
  }
  // The dictionary value for a text, or nullopt.
  std::optional<std::string> find(std::string_view text) const {
    std::string t = normaliseHeader(text);
    if (auto it = m_map.find(t); it != m_map.end()) return it->second;
    for (const char* sep : {"-", "·", "—", "\\"}) {
      core::replaceAll(t, sep, "/");
    }
    if (t.size() > 2 && t.back() == ')' && t.find('(') != std::string::npos) {
      const size_t open = t.find('(');
      t = t.substr(0, open) + "/" + t.substr(open + 1, t.size() - open - 2);
    }
    if (auto it = m_map.find(t); it != m_map.end()) return it->second;
    // A value that starts the same way ("群众举报" -> "群众举报(12350)").
    std::optional<std::string> only;
    for (const auto& v : m_values) {
      if (normaliseHeader(v).rfind(t, 0) == 0 && t.size() >= 6) {
        if (only) return std::nullopt;
        only = v;
      }
    }
    return only;
  }
  std::optional<std::string> byCode(const std::string& code) const {
    auto it = m_codes.find(code);
    return it == m_codes.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  std::string codeOf(const std::string& value) const {
    auto it = m_codeOf.find(value);
    return it == m_codeOf.end() ? std::string() : it->second;
  }

private:
  void add(const std::string& key, const std::string& full) { m_map.emplace(normaliseHeader(key), full); }
  std::map<std::string, std::string> m_map, m_codes, m_codeOf;
  std::vector<std::string> m_values;
};

// What a row needs from the database, loaded once per preview.
struct Context {
  Store& store;
  DictionaryMatcher townships, industries, sources, methods, placeTypes;
  std::vector<core::Standard> standards;
  std::vector<core::Enterprise> enterprises;
  std::unordered_map<std::string, size_t> byUscc;                      // -> enterprises index
  std::unordered_map<std::string, std::vector<size_t>> byTownshipName; // division|normalised name
  explicit Context(Store& s)
      : store(s), townships(s, store::kDictTownship), industries(s, "industry",
                                                                 {{"危化", "危险化学品"},
                                                                  {"危化品", "危险化学品"},
                                                                  {"危险化学品企业", "危险化学品"},
                                                                  {"建筑", "建筑施工"},
                                                                  {"建筑业", "建筑施工"},
                                                                  {"燃气", "城镇燃气"},
                                                                  {"非煤", "非煤矿山"},
                                                                  {"工贸行业", "工贸"}}),
        sources(s, "source",
                {{"举报", "群众举报(12350)"},
                 {"12350", "群众举报(12350)"},
                 {"企业自查", "企业自查上报"},
                 {"自查", "企业自查上报"}}),
        methods(s, "method"), placeTypes(s, "place_type") {
    if (auto list = s.listStandards(true)) standards = std::move(list.value());
    if (auto list = s.listEnterprises(true)) enterprises = std::move(list.value());
    for (size_t i = 0; i < enterprises.size(); ++i) {
      const auto& e = enterprises[i];
      if (!e.uscc.empty()) byUscc.emplace(e.uscc, i);
      byTownshipName[townshipOf(e.divisionCode) + "|" + core::normalizeEnterpriseName(e.name)].push_back(i);
    }
  }
  static std::string townshipOf(const std::string& code) { return code.substr(0, 9); }
};

// 上报单位 as a township division code: a code, a township name (or former name), or the name
// with 办事处/人民政府 written out.
std::optional<std::string> resolveTownship(const Context& ctx, std::string_view text) {
  std::string t = normaliseHeader(text);
  bool digits = !t.empty();
  for (char c : t) digits = digits && c >= '0' && c <= '9';
  if (digits && (t.size() == 9 || t.size() == 12)) {
    if (core::checkDivisionCode(t).level != core::DivisionLevel::Invalid) return t.substr(0, 9);
  }
  if (auto v = ctx.townships.find(t)) return ctx.townships.codeOf(*v);
  // A township office's own name ("城南街道" in "城南街道安委办").
  const auto& office = ctx.store.office();
  if (office.level == core::OfficeLevel::Township && office.divisionCode.size() >= 9 && t.size() >= 6 &&
      office.name.find(t) != std::string::npos) {
    return office.divisionCode.substr(0, 9);
  }
  for (std::string_view suffix : {"办事处", "人民政府", "政府", "安委办", "应急办"}) {
    if (t.size() > suffix.size() && std::string_view(t).substr(t.size() - suffix.size()) == suffix) {
      if (auto v = ctx.townships.find(t.substr(0, t.size() - suffix.size()))) return ctx.townships.codeOf(*v);
    }
  }
  return std::nullopt;
}

// 判定依据 as a standard of the library: the cell names its whole title or its 文号 (as in
// "《工贸企业重大事故隐患判定标准》第十一条"), or is part of exactly one title ("工贸企业重大事故
// 隐患判定标准(2023)" without the year is fine; "判定标准" alone fits many and matches none).
std::optional<std::string> resolveStandard(const Context& ctx, std::string_view text) {
  const std::string t = normaliseHeader(text);
  if (t.size() < 6) return std::nullopt;
  std::optional<std::string> partOf;
  int partOfCount = 0;
  for (const auto& s : ctx.standards) {
    const std::string title = normaliseHeader(s.title);
    if (title.empty()) continue;
    if (t.find(title) != std::string::npos) return s.meta.id;
    if (!s.docNumber.empty() && t.find(normaliseHeader(s.docNumber)) != std::string::npos) return s.meta.id;
    if (title.find(t) != std::string::npos) {
      partOf = s.meta.id;
      ++partOfCount;
    }
  }
  return partOfCount == 1 ? partOf : std::nullopt;
}

std::string quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

void note(PreviewRow& row, int column, std::string message, bool refusing = true) {
  row.notes.push_back({column, std::move(message), refusing});
  if (refusing) row.action = RowAction::Refused;
}

int columnOf(const Layout& l, std::string_view key) {
  for (size_t c = 0; c < l.columns.size(); ++c) {
    if (l.columns[c] == key) return static_cast<int>(c);
  }
  return -1;
}

std::map<std::string, std::string> guessDefaults(const Store& store, const Layout& l) {
  std::map<std::string, std::string> d;
  std::string all = l.title;
  for (const auto& h : l.headers) all += h;
  if (columnOf(l, "level") < 0) d["level"] = all.find("重大") != std::string::npos ? "重大隐患" : "一般隐患";
  // A sheet of public reports names its description column so (举报问题描述) or says so in its title.
  const int description = columnOf(l, "description");
  const bool reports = l.title.find("举报") != std::string::npos ||
                       (description >= 0 && l.headers[description].find("举报") != std::string::npos);
  if (columnOf(l, "source") < 0) d["source"] = reports ? "群众举报(12350)" : "部门检查";
  if (columnOf(l, kTownship) < 0 && store.office().level == core::OfficeLevel::Township &&
      store.office().divisionCode.size() >= 9) {
    d[kTownship] = store.office().divisionCode.substr(0, 9);
  }
  return d;
}

// [SECTION] One row
void readRow(const Context& ctx, const Layout& layout, const std::map<std::string, std::string>& defaults,
             const std::vector<Cell>& cells, PreviewRow& row, core::Enterprise& firm) {
  core::Hazard& h = row.hazard;
  std::string extra; // cells of columns not imported: kept in 备注
  std::string standardText;
  core::FieldList fields;
  auto hasColumn = [&](std::string_view key) { return columnOf(layout, key) >= 0; };
  for (size_t c = 0; c < cells.size(); ++c) {
    const Cell& cell = cells[c];
    if (cell.empty()) continue;
    const std::string text = trimText(cellText(cell));
    if (text.empty()) continue;
    const std::string key = c < layout.columns.size() ? layout.columns[c] : "";
    const int col = static_cast<int>(c);
    const std::string label = columnLabel(layout, c);
    if (key.empty()) {
      extra += (extra.empty() ? "" : "；") + label + "：" + text;
      continue;
    }
    if (key == kEnterpriseName) {
      firm.name = text;
    } else if (key == kEnterpriseUscc) {
      const std::string u = core::normalizeUscc(text);
      const auto check = core::checkUscc(u);
      if (!check.valid) {
        note(row, col, "统一社会信用代码" + quoted(text) + "有误：" + check.error);
      } else {
        firm.uscc = u;
      }
    } else if (key == kEnterpriseAddress) {
      firm.address = text;
    } else if (key == kEnterprisePrincipal) {
      firm.principal = text;
    } else if (key == kEnterpriseContact) {
      firm.contact = text;
    } else if (key == kEnterprisePlaceType) {
      if (auto v = ctx.placeTypes.find(text)) {
        firm.placeType = *v;
      } else {
        firm.placeType = text;
        note(row, col, "企业类型" + quoted(text) + "不在场所类型字典中，将按原文导入", false);
      }
    } else if (key == kTownship) {
      if (auto code = resolveTownship(ctx, text)) {
        h.divisionCode = *code;
      } else {
        note(row, col,
             "上报单位" + quoted(text) + "不是已知的街道/乡镇，请在 设置 → 字典 中添加或改为 9 位行政区划代码");
      }
    } else if (key == "industry") {
      if (auto v = ctx.industries.find(text)) {
        h.industry = *v;
      } else {
        h.industry = text;
        note(row, col, "行业领域" + quoted(text) + "不在字典中，将按原文导入", false);
      }
    } else if (key == "source") {
      if (auto v = ctx.sources.find(text)) {
        h.source = *v;
      } else {
        h.source = text;
        note(row, col, "隐患来源" + quoted(text) + "不在字典中，将按原文导入", false);
      }
    } else if (key == "inspection_method") {
      h.inspectionMethod = ctx.methods.find(text).value_or(text);
    } else if (key == kStandardTitle) {
      standardText = text;
      if (auto id = resolveStandard(ctx, text)) {
        h.standardId = *id;
      } else {
        note(row, col, "判定依据" + quoted(text) + "不在判定标准库中，原文记入备注", false);
      }
    } else if (isDateField(key)) {
      if (auto d = parseDate(cell)) {
        fields.push_back({key, *d});
      } else {
        note(row, col,
             label + quoted(text) + "不是可识别的日期，应写作 2026-03-05、2026/3/5、2026.3.5 或 2026年3月5日");
      }
    } else if (key == "status") {
      if (auto s = parseStatus(text)) {
        h.status = *s;
      } else {
        note(row, col, "整改状态" + quoted(text) + "无法识别，可写 未整改、整改中、已整改、已销号");
      }
    } else if (key == "level") {
      if (auto v = parseLevel(text)) {
        h.level = *v;
      } else {
        note(row, col, "隐患等级" + quoted(text) + "无法识别，应为 一般隐患 或 重大隐患");
      }
    } else if (key == "review") {
      if (auto v = parseReview(text)) {
        h.review = *v;
      } else {
        note(row, col, "审核状态" + quoted(text) + "无法识别，可写 待审核、审核通过、退回");
      }
    } else if (key == "supervision") {
      if (auto v = parseSupervision(text)) {
        h.supervision = *v;
      } else {
        note(row, col, "挂牌督办" + quoted(text) + "无法识别，可写 省、市、县 或 无");
      }
    } else if (isYesNoField(key)) {
      if (auto v = parseYesNo(text)) {
        fields.push_back({key, *v ? "true" : "false"});
      } else {
        note(row, col, label + quoted(text) + "应为 是 或 否");
      }
    } else if (key == "funds_wan") {
      if (auto v = parseWan(cell)) {
        h.fundsWan = *v;
      } else {
        note(row, col, "治理经费" + quoted(text) + "不是金额，应写作 5、5万元 或 50000元");
      }
    } else {
      fields.push_back({key, text});
    }
  }
  for (const auto& p : core::fromFields(fields, h)) {
    note(row, columnOf(layout, p.field), p.message);
  }
  // Defaults: for a field no column gives, and for an empty cell of a column that does (the
  // level only when there is no column: an empty 隐患等级 cell is a 一般隐患).
  auto fallback = [&](const char* key, std::string& target, const DictionaryMatcher& dict) {
    auto it = defaults.find(key);
    if (target.empty() && it != defaults.end() && !it->second.empty())
      target = dict.find(it->second).value_or(it->second);
  };
  fallback("source", h.source, ctx.sources);
  fallback("industry", h.industry, ctx.industries);
  fallback("inspection_method", h.inspectionMethod, ctx.methods);
  if (auto it = defaults.find(kTownship); h.divisionCode.empty() && it != defaults.end() && !it->second.empty()) {
    if (auto code = resolveTownship(ctx, it->second)) h.divisionCode = *code;
  }
  if (auto it = defaults.find("level"); !hasColumn("level") && it != defaults.end()) {
    if (auto v = parseLevel(it->second)) h.level = *v;
  }
  if (!standardText.empty() && h.standardId.empty())
    extra = "判定依据：" + standardText + (extra.empty() ? "" : "；" + extra);
  if (!extra.empty()) h.remarks = h.remarks.empty() ? extra : h.remarks + "；" + extra;
  firm.divisionCode = h.divisionCode;
  firm.industry = h.industry;
}

void checkRequired(const Layout& layout, PreviewRow& row, const core::Enterprise& firm) {
  const auto& h = row.hazard;
  auto missing = [&](const char* key, const char* what) {
    const int col = columnOf(layout, key);
    for (const auto& n : row.notes) {
      if (col >= 0 && n.column == col && n.refusing) return; // already said what is wrong with it
    }
    note(row, col, col >= 0 ? std::string(what) + "为空" : std::string("表中没有“") + what + "”列，也未设默认值");
  };
  if (firm.name.empty()) missing(kEnterpriseName, "企业名称");
  if (h.description.empty()) missing("description", "隐患描述");
  if (h.foundDate.empty()) missing("found_date", "检查时间");
  if (h.divisionCode.empty()) missing(kTownship, "上报单位(街道/乡镇)");
  if (h.source.empty()) missing("source", "隐患来源");
}

std::string rowKey(const PreviewRow& row, const core::Enterprise& firm) {
  if (!row.hazard.number.empty()) return "no:" + row.hazard.number;
  std::string basis = firm.uscc.empty() ? core::normalizeEnterpriseName(firm.name) : firm.uscc;
  basis +=
      "|" + row.hazard.divisionCode + "|" + row.hazard.foundDate + "|" + core::descriptionKey(row.hazard.description);
  return "row:" + hex64(fnv1a(basis)) + hex64(fnv1a(basis, 0x84222325cbf29ce4ULL));
}

// [SECTION] Firms
void groupFirms(const Context& ctx, Preview& p, std::vector<core::Enterprise>& firmOfRow) {
  std::map<std::string, size_t> groupOf; // identity -> firms index
  for (size_t i = 0; i < p.rows.size(); ++i) {
    auto& row = p.rows[i];
    if (row.action != RowAction::Create) continue;
    const auto& f = firmOfRow[i];
    const std::string normName = core::normalizeEnterpriseName(f.name);
    const std::string id = f.uscc.empty() ? "n:" + Context::townshipOf(f.divisionCode) + "|" + normName : "u:" + f.uscc;
    auto [it, fresh] = groupOf.emplace(id, p.firms.size());
    if (fresh) {
      FirmGroup g;
      g.firm = f;
      p.firms.push_back(std::move(g));
    }
    auto& g = p.firms[it->second];
    g.rows.push_back(i);
    if (std::find(g.spellings.begin(), g.spellings.end(), f.name) == g.spellings.end()) g.spellings.push_back(f.name);
    row.firm = static_cast<int>(it->second);
    row.firmName = f.name;
    if (!fresh && f.name != g.firm.name) {
      const std::string first = std::to_string(p.rows[g.rows.front()].sheetRow);
      note(row, columnOf(p.layout, kEnterpriseName),
           f.uscc.empty() ? "企业名称与第 " + first + " 行的" + quoted(g.firm.name) + "相近，请确认是否为同一企业"
                          : "统一社会信用代码与第 " + first + " 行相同，企业名称写作" + quoted(f.name) +
                                "，按同一企业" + quoted(g.firm.name) + "导入",
           false);
    }
  }
  for (auto& g : p.firms) {
    const auto& f = g.firm;
    if (!f.uscc.empty()) {
      if (auto it = ctx.byUscc.find(f.uscc); it != ctx.byUscc.end()) {
        const auto& e = ctx.enterprises[it->second];
        g.match = FirmGroup::Match::Existing;
        g.existingId = e.meta.id;
        g.existingName = e.name;
        g.matchedBy = "统一社会信用代码";
        continue;
      }
    }
    auto it =
        ctx.byTownshipName.find(Context::townshipOf(f.divisionCode) + "|" + core::normalizeEnterpriseName(f.name));
    if (it == ctx.byTownshipName.end()) continue;
    for (size_t idx : it->second) {
      const auto& e = ctx.enterprises[idx];
      if (!f.uscc.empty() && !e.uscc.empty()) continue; // both have codes, and they differ: another firm
      g.existingId = e.meta.id;
      g.existingName = e.name;
      if (e.name == f.name && f.uscc.empty()) {
        g.match = FirmGroup::Match::Existing;
        g.matchedBy = "企业名称";
        break;
      }
      g.match = FirmGroup::Match::Similar;
      g.matchedBy = "名称相近";
    }
  }
}

std::string settingKey(const std::string& signature) { return kSettingPrefix + hex64(fnv1a(signature)); }

Result<bool> keyImported(Store& store, const std::string& key, std::string& hazardNumber) {
  auto st = store.db().cached("SELECT coalesce(h.number, '') FROM sheet_row s LEFT JOIN hazard h ON h.id = s.hazard_id "
                              "WHERE s.key = ?1");
  if (!st) return st.error();
  (*st)->bind(1, key);
  auto r = (*st)->step();
  if (!r) return r.error();
  if (r.value()) hazardNumber = (*st)->getText(0);
  return r.value();
}

Result<Preview> check(Store& store, const Book& book, Preview p) {
  const Sheet& sheet = book.sheets[p.sheetIndex];
  Context ctx(store);
  std::vector<core::Enterprise> firmOfRow;
  std::map<std::string, size_t> seenKeys; // key -> sheet row
  for (size_t r = p.layout.firstDataRow; r < sheet.rows.size(); ++r) {
    const auto& cells = sheet.rows[r];
    int filled = 0;
    for (const auto& c : cells) filled += !c.empty() && !trimText(cellText(c)).empty();
    if (filled == 0) continue;
    PreviewRow row;
    row.sheetRow = r + 1;
    for (const auto& c : cells) row.cells.push_back(cellText(c));
    row.cells.resize(std::max(row.cells.size(), p.layout.headers.size()));
    core::Enterprise firm;
    firm.kind = core::EnterpriseKind::Firm;
    if (filled == 1) {
      // One lone cell under the table: a note (填表说明, 合计). Shown, never imported.
      row.notes.push_back({-1, "只有一个单元格有内容，像是说明或合计行，不导入", false});
      row.action = RowAction::Skipped;
      firmOfRow.push_back(firm);
      p.rows.push_back(std::move(row));
      continue;
    }
    readRow(ctx, p.layout, p.defaults, cells, row, firm);
    checkRequired(p.layout, row, firm);
    if (row.action != RowAction::Refused) {
      core::Hazard probe = row.hazard;
      probe.enterpriseId = "pending";
      for (const auto& problem : core::validate(probe)) {
        note(row, columnOf(p.layout, problem.field),
             std::string(core::fieldLabel("hazard", problem.field)) + "：" + problem.message);
      }
    }
    if (row.action != RowAction::Refused) {
      row.key = rowKey(row, firm);
      std::string number;
      auto imported = keyImported(store, row.key, number);
      if (!imported) return imported.error();
      if (imported.value()) {
        row.action = RowAction::Duplicate;
        row.duplicateOf = number.empty() ? "已导入过" : "已导入为 " + number;
      } else if (!row.hazard.number.empty()) {
        auto hazards = store.hazardsByNumber(row.hazard.number);
        if (!hazards) return hazards.error();
        if (!hazards->empty()) {
          row.action = RowAction::Duplicate;
          row.duplicateOf = "隐患编号 " + row.hazard.number + " 已在台账中";
        }
      }
      if (row.action == RowAction::Create) {
        auto [it, fresh] = seenKeys.emplace(row.key, row.sheetRow);
        if (!fresh) {
          row.action = RowAction::Duplicate;
          row.duplicateOf = "与第 " + std::to_string(it->second) + " 行相同";
        }
      }
      if (firm.uscc.empty() && row.action == RowAction::Create) firm.kind = core::EnterpriseKind::Other;
    }
    firmOfRow.push_back(firm);
    p.rows.push_back(std::move(row));
  }
  groupFirms(ctx, p, firmOfRow);
  for (auto& g : p.firms) {
    if (g.match == FirmGroup::Match::New && g.firm.kind == core::EnterpriseKind::Other) {
      g.firm.notes = "从表格导入，表中无统一社会信用代码，请补录后改为“企业”";
    }
    if (g.match == FirmGroup::Match::Similar) {
      for (size_t i : g.rows) {
        note(p.rows[i], columnOf(p.layout, kEnterpriseName),
             "企业名称与库中" + quoted(g.existingName) + "相近，请确认是否为同一企业", false);
      }
    }
    if (g.match == FirmGroup::Match::Existing && g.firm.name != g.existingName) {
      for (size_t i : g.rows) {
        note(p.rows[i], columnOf(p.layout, kEnterpriseName),
             "按" + g.matchedBy + "对应库中企业" + quoted(g.existingName), false);
      }
    }
  }
  // Industry from the firm already in the database when the row has none.
  for (auto& g : p.firms) {
    if (g.existingId.empty()) continue;
    for (const auto& e : ctx.enterprises) {
      if (e.meta.id != g.existingId) continue;
      for (size_t i : g.rows) {
        if (p.rows[i].hazard.industry.empty()) p.rows[i].hazard.industry = e.industry;
      }
    }
  }
  for (auto& row : p.rows) {
    if (row.action == RowAction::Create && row.hazard.industry.empty()) {
      const int col = columnOf(p.layout, "industry");
      note(row, col, col >= 0 ? "行业领域为空" : "表中没有“行业领域”列，也未设默认值");
    }
  }
  // Refused after grouping: drop from their firm groups (and their spellings with them).
  for (auto& g : p.firms) {
    g.rows.erase(std::remove_if(g.rows.begin(), g.rows.end(), [&](size_t i) { return p.rows[i].refused(); }),
                 g.rows.end());
    g.spellings.clear();
    for (size_t i : g.rows) {
      if (std::find(g.spellings.begin(), g.spellings.end(), p.rows[i].firmName) == g.spellings.end())
        g.spellings.push_back(p.rows[i].firmName);
    }
  }
  for (const auto& row : p.rows) ++p.counts[static_cast<size_t>(row.action)];
  if (p.rows.empty()) {
    return Error::make(ErrorCode::Invalid, p.fileName + "：工作表“" + sheet.name + "”在表头（第 " +
                                               std::to_string(p.layout.headerRow + 1) + " 行）之下没有数据");
  }
  return p;
}

} // namespace

std::string firmQuestion(const Preview& p, const FirmGroup& g) {
  std::string names;
  for (const auto& n : g.spellings) names += (names.empty() ? "" : "、") + quoted(n);
  const std::string rows =
      "（第 " + std::to_string(p.rows[g.rows.front()].sheetRow) + " 行起 " + std::to_string(g.rows.size()) + " 行）";
  if (g.match == FirmGroup::Match::New) return "表中" + names + "写法相近" + rows + "，是否为同一企业";
  return "表中" + names + rows + "与库中" + quoted(g.existingName) + "名称相近，是否为同一企业";
}

std::string PreviewRow::reason() const {
  std::string s;
  for (const auto& n : notes) {
    if (!n.refusing) continue;
    if (!s.empty()) s += "；";
    s += n.message;
  }
  return s;
}

size_t FirmGroup::firmsToCreate() const {
  if (rows.empty()) return 0;
  if (sameFirm != false) return match == Match::New ? 1 : 0;
  // One per spelling; the database's own spelling stays with the firm there.
  const bool kept =
      match == Match::Existing && std::find(spellings.begin(), spellings.end(), existingName) != spellings.end();
  return spellings.size() - (kept ? 1 : 0);
}

size_t Preview::newFirms() const {
  size_t n = 0;
  for (const auto& g : firms) n += g.firmsToCreate();
  return n;
}

size_t Preview::firmsToConfirm() const {
  size_t n = 0;
  for (const auto& g : firms) n += !g.rows.empty() && g.needsAnswer();
  return n;
}

bool Preview::canApply(bool skipBad) const {
  return firmsToConfirm() == 0 && (skipBad || count(RowAction::Refused) == 0) && count(RowAction::Create) > 0;
}

Result<Preview> buildPreview(Store& store, const Book& book, const ImportOptions& options) {
  if (book.sheets.empty()) return Error::make(ErrorCode::Format, options.fileName + "：没有工作表");
  Preview p;
  p.fileName = options.fileName;
  p.format = book.format;
  p.encoding = book.encoding;
  for (const auto& s : book.sheets) p.sheetNames.push_back(s.name);
  if (options.sheetIndex) {
    if (*options.sheetIndex >= book.sheets.size()) {
      return Error::make(ErrorCode::Invalid, options.fileName + "：没有第 " + std::to_string(*options.sheetIndex + 1) +
                                                 " 个工作表（共 " + std::to_string(book.sheets.size()) + " 个）");
    }
    p.sheetIndex = *options.sheetIndex;
  } else {
    int best = -1;
    for (size_t i = 0; i < book.sheets.size(); ++i) {
      const int known = knownColumns(detectLayout(book.sheets[i]));
      if (known > best) best = known, p.sheetIndex = i;
    }
  }
  p.layout = detectLayout(book.sheets[p.sheetIndex]);
  std::optional<Mapping> mapping = options.mapping;
  if (!mapping) {
    mapping = rememberedMapping(store, p.layout.signature);
    p.mappingRemembered = mapping.has_value();
  }
  p.defaults = guessDefaults(store, p.layout);
  if (mapping) {
    applyMapping(p.layout, *mapping);
    for (const auto& [k, v] : mapping->defaults) p.defaults[k] = v;
  }
  return check(store, book, std::move(p));
}

Result<Preview> rebuildPreview(Store& store, const Book& book, const Preview& previous) {
  Preview p;
  p.fileName = previous.fileName;
  p.format = previous.format;
  p.encoding = previous.encoding;
  p.sheetNames = previous.sheetNames;
  p.sheetIndex = previous.sheetIndex;
  p.layout = previous.layout;
  p.defaults = previous.defaults;
  p.mappingRemembered = previous.mappingRemembered;
  auto next = check(store, book, std::move(p));
  if (!next) return next;
  for (auto& g : next->firms) {
    for (const auto& old : previous.firms) {
      if (old.sameFirm && old.existingId == g.existingId && old.firm.name == g.firm.name) g.sameFirm = old.sameFirm;
    }
  }
  return next;
}

Result<ImportSummary> applyPreview(Store& store, const Preview& p, const std::string& actor, bool skipBad) {
  ImportSummary sum;
  sum.refused = p.count(RowAction::Refused);
  sum.duplicates = p.count(RowAction::Duplicate);
  if (sum.refused > 0 && !skipBad) {
    return Error::make(ErrorCode::Invalid, p.fileName + "：有 " + std::to_string(sum.refused) +
                                               " 行不能导入；改正后重试，或只导入可以导入的行");
  }
  if (p.firmsToConfirm() > 0) {
    return Error::make(ErrorCode::Invalid, p.fileName + "：还有 " + std::to_string(p.firmsToConfirm()) +
                                               " 家企业名称写法相近，尚未确认是否为同一企业");
  }
  auto tx = store::Transaction::begin(store.db());
  if (!tx) return tx.error();
  const std::string now = store.nowTimestamp();
  auto mark = store.db().cached(
      "INSERT INTO sheet_row (key, hazard_id, file, sheet_row, imported_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!mark) return mark.error();
  for (const auto& g : p.firms) {
    if (g.rows.empty()) continue;
    // The firm of each spelling: all one (the database's, or one new) unless the person said the
    // names are different firms; then one per spelling, the database's own spelling kept there.
    std::map<std::string, std::string> idOfSpelling;
    const bool oneFirm = g.sameFirm != false;
    for (const auto& spelling : oneFirm ? std::vector<std::string>{g.firm.name} : g.spellings) {
      const bool inDatabase = g.match != FirmGroup::Match::New &&
                              (oneFirm || (g.match == FirmGroup::Match::Existing && spelling == g.existingName));
      if (inDatabase) {
        idOfSpelling[spelling] = g.existingId;
        ++sum.enterprisesMatched;
        continue;
      }
      core::Enterprise firm = g.firm;
      firm.name = spelling;
      size_t firstRow = p.rows[g.rows.front()].sheetRow;
      for (size_t i : g.rows) {
        if (p.rows[i].firmName == spelling) {
          firstRow = p.rows[i].sheetRow;
          break;
        }
      }
      auto e =
          store.createEnterprise(firm, actor, "从表格导入：" + p.fileName + " 第 " + std::to_string(firstRow) + " 行");
      if (!e) {
        Error err = e.error();
        err.message =
            p.fileName + " 第 " + std::to_string(firstRow) + " 行，企业" + quoted(spelling) + "：" + err.message;
        return err;
      }
      idOfSpelling[spelling] = e->meta.id;
      ++sum.enterprisesCreated;
    }
    for (size_t i : g.rows) {
      const auto& row = p.rows[i];
      if (row.action != RowAction::Create) continue;
      core::Hazard h = row.hazard;
      h.enterpriseId = idOfSpelling.at(oneFirm ? g.firm.name : row.firmName);
      auto created = store.importHazard(std::move(h), actor,
                                        "从表格导入：" + p.fileName + " 第 " + std::to_string(row.sheetRow) + " 行");
      if (!created) {
        Error err = created.error();
        err.message = p.fileName + " 第 " + std::to_string(row.sheetRow) + " 行：" + err.message;
        return err;
      }
      (*mark)->reset();
      (*mark)
          ->bind(1, row.key)
          .bind(2, created->meta.id)
          .bind(3, p.fileName)
          .bind(4, static_cast<int64_t>(row.sheetRow))
          .bind(5, now);
      if (auto s = (*mark)->exec(); !s) return s.error();
      ++sum.hazardsCreated;
    }
  }
  if (auto s = rememberMapping(store, p.layout, p.defaults); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return sum;
}

report::Table refusedRowsTable(const Preview& p) {
  report::Table t;
  t.title = "未导入的行";
  t.columns.push_back({"原表行号", 8});
  for (size_t c = 0; c < p.layout.headers.size(); ++c) t.columns.push_back({columnLabel(p.layout, c), 0});
  t.columns.push_back({"不能导入的原因", 50});
  for (const auto& row : p.rows) {
    if (!row.refused()) continue;
    std::vector<report::Cell> cells;
    cells.push_back(report::integer(static_cast<int64_t>(row.sheetRow)));
    for (size_t c = 0; c < p.layout.headers.size(); ++c)
      cells.push_back(report::text(c < row.cells.size() ? row.cells[c] : ""));
    cells.push_back(report::text(row.reason()));
    t.rows.push_back(std::move(cells));
  }
  return t;
}

std::string previewText(const Preview& p, size_t maxRows) {
  std::string s;
  s += p.fileName + "：" + formatName(p.format);
  if (!p.encoding.empty()) s += "，编码 " + p.encoding;
  s += "，工作表“" + p.sheetNames[p.sheetIndex] + "”（共 " + std::to_string(p.sheetNames.size()) + " 个）\n";
  if (!p.layout.title.empty()) s += "标题：" + p.layout.title + "\n";
  s += "表头在第 " + std::to_string(p.layout.headerRow + 1) + " 行" +
       (p.mappingRemembered ? "（沿用上次的列对应）" : "") + "：\n";
  for (size_t c = 0; c < p.layout.headers.size(); ++c) {
    const auto* f = targetField(p.layout.columns[c]);
    s += "  " + columnLabel(p.layout, c) + " → " + (f ? f->label : kNotImportedLabel) + "\n";
  }
  for (const auto& [k, v] : p.defaults) {
    const auto* f = targetField(k);
    s += "  默认 " + std::string(f ? f->label : k.c_str()) + "：" + v + "\n";
  }
  s += "可导入 " + std::to_string(p.count(RowAction::Create)) + " 行，已导入过 " +
       std::to_string(p.count(RowAction::Duplicate)) + " 行，不能导入 " + std::to_string(p.count(RowAction::Refused)) +
       " 行";
  if (p.count(RowAction::Skipped) > 0) s += "，跳过 " + std::to_string(p.count(RowAction::Skipped)) + " 行";
  s += "；新建企业 " + std::to_string(p.newFirms()) + " 家";
  if (p.firmsToConfirm() > 0) s += "，待确认 " + std::to_string(p.firmsToConfirm()) + " 家";
  s += "\n";
  for (const auto& g : p.firms) {
    if (g.rows.empty() || !(g.match == FirmGroup::Match::Similar || g.variantNames())) continue;
    s += "  待确认：" + firmQuestion(p, g);
    if (g.sameFirm) s += *g.sameFirm ? "：按同一企业" : "：按不同企业";
    s += "\n";
  }
  size_t shown = 0;
  for (const auto& row : p.rows) {
    // Refused and skipped rows are always listed; the others up to maxRows.
    const bool always = row.refused() || row.action == RowAction::Skipped;
    if (!always && shown >= maxRows) continue;
    if (!always) ++shown;
    s += "第 " + std::to_string(row.sheetRow) + " 行：";
    switch (row.action) {
    case RowAction::Create:
      s += "导入 " + row.hazard.foundDate + " " + core::shortText(row.hazard.description, 24);
      break;
    case RowAction::Duplicate:
      s += "已导入过（" + row.duplicateOf + "）";
      break;
    case RowAction::Refused:
      s += "不能导入";
      break;
    case RowAction::Skipped:
      s += "跳过";
      break;
    }
    s += "\n";
    for (const auto& n : row.notes) {
      s += "    ";
      if (n.column >= 0) s += "[" + columnLabel(p.layout, static_cast<size_t>(n.column)) + "] ";
      s += (n.refusing ? "" : "提示：") + n.message + "\n";
    }
  }
  return s;
}

std::optional<Mapping> rememberedMapping(Store& store, const std::string& signature) {
  auto text = store.setting(settingKey(signature));
  if (!text || text->empty()) return std::nullopt;
  auto m = mappingFromJson(text.value());
  if (!m) return std::nullopt;
  return m.value();
}

Status rememberMapping(Store& store, const Layout& layout, const std::map<std::string, std::string>& defaults) {
  return store.setSetting(settingKey(layout.signature), mappingToJson(mappingOf(layout, defaults)));
}

} // namespace hz::sheet
