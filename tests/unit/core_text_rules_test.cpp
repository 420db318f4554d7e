// The domain's text rules that screens used to carry themselves: lists of people's names, the
// similarity of enterprise names, and the rules for what this office records itself.
#include "core/text.hpp"
#include "core/validation.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace hz;

namespace {
using Names = std::vector<std::string>;

bool hasField(const std::vector<Problem>& ps, const std::string& field) {
  return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) { return p.field == field; });
}
} // namespace

TEST_CASE("names: every separator people type, one parse for wizard, 设置 and the record fields") {
  CHECK(core::splitNames("张伟、李娜") == Names{"张伟", "李娜"});
  CHECK(core::splitNames("张伟，李娜；王明") == Names{"张伟", "李娜", "王明"});
  CHECK(core::splitNames("张伟,李娜;王明\n赵六\r\n") == Names{"张伟", "李娜", "王明", "赵六"});
  CHECK(core::splitNames(" 张伟 、、 李娜 ") == Names{"张伟", "李娜"});
  CHECK(core::splitNames("").empty());
  CHECK(core::splitNames(" 、 ,").empty());
}

TEST_CASE("names: a space inside a Chinese name is one person, Latin names keep theirs") {
  CHECK(core::splitNames("张 伟") == Names{"张伟"});
  CHECK(core::splitNames("张\xE3\x80\x80伟、李  娜") == Names{"张伟", "李娜"}); // U+3000
  CHECK(core::splitNames("John  Smith") == Names{"John Smith"});
  CHECK(core::splitNames("王 John") == Names{"王 John"});
}

TEST_CASE("names: repeats dropped, order kept, join round-trips") {
  const Names v = core::splitNames("李娜、张伟、李娜、张 伟");
  CHECK(v == Names{"李娜", "张伟"});
  CHECK(core::joinNames(v) == "李娜、张伟");
  CHECK(core::splitNames(core::joinNames(v)) == v);
  CHECK(core::joinNames({}) == "");
}

TEST_CASE("enterprise names: written two ways, still the same firm") {
  CHECK(core::normalizeEnterpriseName("南京（城南）化工 有限公司") == "南京城南化工");
  CHECK(core::similarEnterpriseNames("南京城南化工有限公司", "南京城南化工有限责任公司"));
  CHECK(core::similarEnterpriseNames("南京(城南)化工有限公司", "南京（城南）化工有限公司"));
  CHECK(core::similarEnterpriseNames("城南化工", "南京城南化工有限公司"));   // contained, 4 characters
  CHECK_FALSE(core::similarEnterpriseNames("化工", "南京城南化工有限公司")); // 2 characters: too short
  CHECK_FALSE(core::similarEnterpriseNames("南京城南化工有限公司", "南京城北机械有限公司"));
  CHECK_FALSE(core::similarEnterpriseNames("", "有限公司"));
  CHECK(core::utf8Length("城南化工") == 4);
}

TEST_CASE("own office: the wizard's and 设置's one rule") {
  core::Office o;
  o.name = "玄武区孝陵卫街道安委办";
  o.divisionCode = "320102003";
  o.level = core::OfficeLevel::Township;
  o.operators = {"张伟"};
  CHECK(core::validateOwnOffice(o).empty());

  core::Office noOperator = o;
  noOperator.operators.clear();
  CHECK(core::validate(noOperator).empty()); // any ledger file's office may have none
  CHECK(hasField(core::validateOwnOffice(noOperator), "operators"));

  core::Office countyCode = o;
  countyCode.divisionCode = "320102";
  CHECK(core::validate(countyCode).empty());
  const auto ps = core::validateOwnOffice(countyCode);
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].field == "division_code");
  countyCode.level = core::OfficeLevel::County;
  CHECK(core::validateOwnOffice(countyCode).empty());

  core::Office badCode = o;
  badCode.divisionCode = "32010";
  const auto bad = core::validateOwnOffice(badCode);
  CHECK(std::count_if(bad.begin(), bad.end(), [](const Problem& p) { return p.field == "division_code"; }) == 1);
  core::Office blank = o;
  blank.name = "  ";
  CHECK(hasField(core::validateOwnOffice(blank), "name"));
}

TEST_CASE("inspection entry: 检查方式 is chosen when the office records one, not demanded of files") {
  core::Inspection in;
  in.meta.id = "01JTEST0000000000000000000";
  in.date = "2026-11-20";
  in.enterpriseId = "01JENT00000000000000000000";
  CHECK(core::validate(in).empty());
  const auto ps = core::validateEntry(in);
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].field == "method");
  CHECK(ps[0].message.find("检查方式") != std::string::npos);
  in.method = "四不两直";
  CHECK(core::validateEntry(in).empty());
}

TEST_CASE("replaceAll: every occurrence, left to right, the replacement not rescanned") {
  std::string s = "工贸-冶金-机械";
  core::replaceAll(s, "-", "/");
  CHECK(s == "工贸/冶金/机械");
  std::string grow = "aaa";
  core::replaceAll(grow, "a", "aa");
  CHECK(grow == "aaaaaa");
  std::string none = "整改责任";
  core::replaceAll(none, "/", "");
  CHECK(none == "整改责任");
  std::string all = "（必填）";
  core::replaceAll(all, "（必填）", "");
  CHECK(all.empty());
}

TEST_CASE("JSON strings: written exactly as nlohmann's dump() writes them; invalid UTF-8 refused") {
  auto dumped = [](const std::string& s) { return nlohmann::json(s).dump(); };
  auto ours = [](const std::string& s) {
    std::string out = "x";
    REQUIRE(core::appendJsonString(out, s));
    return out.substr(1);
  };
  std::string all; // every ASCII byte, alone and in a row
  for (int c = 0; c < 0x80; ++c) {
    const std::string one(1, static_cast<char>(c));
    CAPTURE(c);
    CHECK(ours(one) == dumped(one));
    all += one;
  }
  CHECK(ours(all) == dumped(all));
  for (const std::string s : {"", "隐患", "a\"b\\c\n\t", "𬍛雯 吕𠮷 王䶮",
                              "\x7f\xc2\x80\xef\xbf\xbf\xf4\x8f\xbf\xbf", "消防\r\n通道\x01"}) {
    CAPTURE(s);
    CHECK(ours(s) == dumped(s));
  }
  // Not UTF-8 (nlohmann would throw): overlong, surrogate, above U+10FFFF, cut, stray continuation.
  for (const std::string bad : {"\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe4\xb8", "a\x80", "\xff"}) {
    CAPTURE(bad);
    std::string out = "x";
    CHECK_FALSE(core::appendJsonString(out, bad));
    CHECK(out == "x");
    CHECK_FALSE(core::isValidUtf8(bad));
  }
}
