// Tests of identifier checks (USCC GB 32100 + GB 11714, division codes) and record validators.
#include "core/validation.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

using namespace hz::core;

namespace {

const std::string kValid = "91350100M000100Y43";
const std::string kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

bool hasProblem(const std::vector<hz::Problem>& ps, const std::string& field, const std::string& words = "") {
  for (const auto& p : ps) {
    if (p.field == field && contains(p.message, words)) return true;
  }
  return false;
}

std::string allMessages(const std::vector<hz::Problem>& ps) {
  std::string s;
  for (const auto& p : ps) s += p.field + ": " + p.message + "\n";
  return s;
}

Hazard validHazard() {
  Hazard h;
  h.meta.id = "01JTESTHAZARD0000000000000";
  h.enterpriseId = "01JTESTENTERPRISE000000000";
  h.divisionCode = "320102001";
  h.industry = "工贸/冶金";
  h.description = "粉尘涉爆区域设置在非框架结构多层建筑内";
  h.source = "部门检查";
  h.foundDate = "2026-03-01";
  h.deadline = "2026-04-01";
  return h;
}

} // namespace

TEST_CASE("USCC: the known valid code passes without warnings") {
  const UsccCheck c = checkUscc(kValid);
  CHECK(c.valid);
  CHECK(c.error.empty());
  CHECK(c.orgCodeWarning.empty());
  CHECK(usccCheckChar(kValid.substr(0, 17)) == '3');
  CHECK(orgCodeCheckChar("M000100Y") == '4');
}

TEST_CASE("USCC: a wrong check character names the expected one") {
  const UsccCheck c = checkUscc("91350100M000100Y44");
  CHECK_FALSE(c.valid);
  CHECK(contains(c.error, "校验位"));
  CHECK(contains(c.error, "“3”"));
  CHECK(contains(c.error, "“4”"));
}

TEST_CASE("USCC: forbidden letters I O S V Z are refused one by one") {
  for (char bad : std::string("IOSVZ")) {
    CAPTURE(bad);
    std::string code = kValid;
    code[8] = bad;
    const UsccCheck c = checkUscc(code);
    CHECK_FALSE(c.valid);
    CHECK(contains(c.error, std::string("“") + bad + "”"));
    CHECK(contains(c.error, "第9位"));
    CHECK(contains(c.error, "I、O、S、V、Z"));
    CHECK(usccCheckChar(code.substr(0, 17)) == '\0');
  }
}

TEST_CASE("USCC: wrong lengths say how many characters there are") {
  CHECK(contains(checkUscc(kValid.substr(0, 17)).error, "应为18位，当前为17位"));
  CHECK(contains(checkUscc(kValid + "0").error, "应为18位，当前为19位"));
  CHECK_FALSE(checkUscc("").valid);
  CHECK(contains(checkUscc("").error, "不能为空"));
  CHECK(usccCheckChar("123") == '\0');
}

TEST_CASE("USCC: lowercase is an error that asks for uppercase; normalizeUscc fixes it") {
  const UsccCheck c = checkUscc("91350100m000100y43");
  CHECK_FALSE(c.valid);
  CHECK(contains(c.error, "小写"));
  CHECK(contains(c.error, "大写"));
  CHECK(normalizeUscc("91350100m000100y43") == kValid);
  CHECK(normalizeUscc("  9135 0100 M000 100Y 43\t") == kValid);
  // full-width digits/letters and the ideographic space, as pasted from Word documents
  CHECK(normalizeUscc("\xE3\x80\x80９１３５０１００Ｍ０００１００Ｙ４３") == kValid);
  CHECK(checkUscc(normalizeUscc("９１３５０１００ｍ０００１００ｙ４３")).valid);
}

TEST_CASE("USCC: full-width and punctuation characters are named") {
  const UsccCheck c = checkUscc("９1350100M000100Y43");
  CHECK_FALSE(c.valid);
  CHECK(contains(c.error, "“９”"));
  CHECK(contains(c.error, "半角"));
  CHECK(contains(checkUscc("91350100-000100Y43").error, "“-”"));
}

TEST_CASE("USCC: a bad organisation-code check is only a warning") {
  // Same body with another org check char at pos 17, then a correct C18.
  std::string first17 = "91350100M000100Y5";
  const char c18 = usccCheckChar(first17);
  REQUIRE(c18 != '\0');
  const UsccCheck c = checkUscc(first17 + c18);
  CHECK(c.valid);
  CHECK(contains(c.orgCodeWarning, "组织机构代码"));
  CHECK(contains(c.orgCodeWarning, "“4”"));
  Enterprise e;
  e.name = "测试公司";
  e.divisionCode = "350102";
  e.uscc = first17 + c18;
  CHECK(validate(e).empty());
  const auto w = warnings(e);
  REQUIRE(w.size() == 1);
  CHECK(w[0].field == "uscc");
  CHECK(contains(w[0].message, "统一社会信用代码"));
}

TEST_CASE("USCC: generated codes round-trip and every single-character change is caught") {
  std::mt19937 rng(2026);
  std::uniform_int_distribution<size_t> pick(0, kAlphabet.size() - 1);
  for (int n = 0; n < 200; ++n) {
    std::string body = "9";
    body += "1";
    body += "320102"; // registering division
    for (int i = 0; i < 8; ++i) body += kAlphabet[pick(rng)];
    body += orgCodeCheckChar(body.substr(8, 8)); // 0-9 or X, all in the USCC alphabet
    const char check = usccCheckChar(body);
    REQUIRE(check != '\0');
    const std::string code = body + check;
    const UsccCheck c = checkUscc(code);
    CHECK(c.valid);
    CHECK(c.orgCodeWarning.empty());
    // Mod 31 with non-zero weights: any one substitution changes the check.
    const size_t pos = static_cast<size_t>(n) % 17;
    std::string changed = code;
    changed[pos] = kAlphabet[(kAlphabet.find(code[pos]) + 1 + pick(rng) % 30) % 31];
    CAPTURE(changed);
    CHECK_FALSE(checkUscc(changed).valid);
  }
}

TEST_CASE("division codes: 6, 9 and 12 digits") {
  CHECK(checkDivisionCode("320102").level == DivisionLevel::County);
  CHECK(checkDivisionCode("320102001").level == DivisionLevel::Township);
  CHECK(checkDivisionCode("320102001001").level == DivisionLevel::Village);
  CHECK(checkDivisionCode("110101599").level == DivisionLevel::Township);
  CHECK(checkDivisionCode("820000").level == DivisionLevel::County);
  CHECK(checkDivisionCode("320102001399").level == DivisionLevel::Village);
}

TEST_CASE("division codes: each error says what is wrong") {
  auto err = [](const char* code) {
    const DivisionCheck c = checkDivisionCode(code);
    CHECK(c.level == DivisionLevel::Invalid);
    return c.error;
  };
  CHECK(contains(err(""), "不能为空"));
  CHECK(contains(err("32010"), "当前为5位"));
  CHECK(contains(err("3201020011"), "当前为10位"));
  CHECK(contains(err("32010a"), "第6位“a”不是数字"));
  CHECK(contains(err("３20102"), "不是数字"));
  CHECK(contains(err("990102"), "省级代码“99”"));
  CHECK(contains(err("100102"), "省级代码“10”"));
  CHECK(contains(err("320102600"), "乡镇街道代码“600”"));
  CHECK(contains(err("320102000"), "001-599"));
  CHECK(contains(err("320102001400"), "村居代码“400”"));
  CHECK(contains(err("320102001000"), "001-399"));
}

TEST_CASE("hazard validation lists every missing field with its Chinese label") {
  Hazard h;
  const auto ps = validate(h);
  CAPTURE(allMessages(ps));
  CHECK(hasProblem(ps, "enterprise_id", "企业: 必填"));
  CHECK(hasProblem(ps, "division_code", "区划代码"));
  CHECK(hasProblem(ps, "industry", "行业领域: 必填"));
  CHECK(hasProblem(ps, "description", "隐患描述: 必填"));
  CHECK(hasProblem(ps, "source", "隐患来源: 必填"));
  CHECK(hasProblem(ps, "found_date", "发现日期: 必填"));
  CHECK(ps.size() == 6);
  CHECK(validate(validHazard()).empty());
}

TEST_CASE("hazard validation: dates, order of dates, funds, verifier") {
  Hazard h = validHazard();
  h.deadline = "2026-02-30";
  auto ps = validate(h);
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].field == "deadline");
  CHECK(ps[0].message == "整改期限: 日期无效“2026-02-30”，应为 YYYY-MM-DD，如 2026-03-15");
  CHECK(ps[0].record == h.meta.id);

  h = validHazard();
  h.deadline = "2026-02-01";
  CHECK(hasProblem(validate(h), "deadline", "整改期限: 不能早于发现日期(2026-03-01)"));
  h = validHazard();
  h.fundsWan = -1;
  CHECK(hasProblem(validate(h), "funds_wan", "治理经费(万元): 不能为负数"));
  h = validHazard();
  h.divisionCode = "990102001";
  CHECK(hasProblem(validate(h), "division_code", "省级代码"));
  h = validHazard();
  h.rectifiedBy = h.verifier = "张三";
  CHECK(hasProblem(validate(h), "verifier", "验收人不能与整改上报人为同一人"));
  h = validHazard();
  h.completedDate = "2026-02-15";
  CHECK(hasProblem(validate(h), "completed_date", "实际整改完成时间: 不能早于发现日期"));
}

TEST_CASE("hazard warnings: major hazard past 待整改 without plan, closed without evidence") {
  Hazard h = validHazard();
  h.level = HazardLevel::Major;
  CHECK(warnings(h).empty());
  h.status = HazardStatus::Closed;
  h.deadline.clear();
  const auto w = warnings(h);
  CAPTURE(allMessages(w));
  CHECK(hasProblem(w, "responsible_person", "责任人"));
  CHECK(hasProblem(w, "deadline", "整改期限"));
  CHECK(hasProblem(w, "measures", "整改措施"));
  CHECK(hasProblem(w, "five_target", "五落实"));
  CHECK(hasProblem(w, "completed_date"));
  CHECK(hasProblem(w, "verifier", "验收人"));
  CHECK(validate(h).empty()); // warnings do not block
}

TEST_CASE("enterprise validation") {
  Enterprise e;
  e.kind = EnterpriseKind::Firm;
  auto ps = validate(e);
  CAPTURE(allMessages(ps));
  CHECK(hasProblem(ps, "name", "企业名称: 必填"));
  CHECK(hasProblem(ps, "uscc", "统一社会信用代码: 企业必须填写"));
  CHECK(hasProblem(ps, "division_code"));

  e.name = "某某机械厂";
  e.divisionCode = "320102001";
  e.uscc = "91350100m000100y43";
  ps = validate(e);
  REQUIRE(ps.size() == 1);
  CHECK(contains(ps[0].message, "统一社会信用代码: 含有小写字母"));
  CHECK(contains(ps[0].message, "请使用大写字母"));
  e.uscc = kValid;
  CHECK(validate(e).empty());

  Enterprise v;
  v.kind = EnterpriseKind::FishingVessel;
  v.name = "闽连渔01234";
  v.divisionCode = "350122";
  CHECK(hasProblem(validate(v), "vessel_reg_no", "船舶登记号或船籍港"));
  v.vesselPort = "连江";
  CHECK(validate(v).empty()); // no USCC needed for vessels
  v.uscc = "123";
  CHECK(hasProblem(validate(v), "uscc", "应为18位")); // checked when present

  Enterprise ib;
  ib.kind = EnterpriseKind::IndividualBusiness;
  ib.name = "张记小吃";
  ib.divisionCode = "320102001";
  CHECK(validate(ib).empty());
}

TEST_CASE("office, inspection, standard and work injury validation") {
  Office o;
  auto ps = validate(o);
  CHECK(hasProblem(ps, "name", "单位名称: 必填"));
  CHECK(hasProblem(ps, "division_code", "行政区划代码: 必填"));
  o.name = "孝陵卫街道安委办";
  o.divisionCode = "320102007";
  CHECK(validate(o).empty());

  Inspection i;
  i.date = "2026-13-01";
  ps = validate(i);
  CHECK(hasProblem(ps, "date", "检查时间: 日期无效"));
  CHECK(hasProblem(ps, "enterprise_id", "企业: 必填"));

  Standard s;
  s.year = 20;
  s.clauses.push_back({"c1", "", " "});
  ps = validate(s);
  CHECK(hasProblem(ps, "title", "标准名称: 必填"));
  CHECK(hasProblem(ps, "year", "年份"));
  CHECK(hasProblem(ps, "clauses", "第1条"));

  WorkInjury w;
  w.date = "2026-03-01";
  w.deaths = -1;
  ps = validate(w);
  CHECK(hasProblem(ps, "enterprise_name", "企业名称"));
  CHECK(hasProblem(ps, "deaths", "死亡人数: 不能为负数"));
  w.deaths = 0;
  w.enterpriseName = "某厂";
  CHECK(validate(w).empty());
}
