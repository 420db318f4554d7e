// Tests of enum names, record field tables (toFields/fromFields/diffFields), labels and the seed
// dictionaries file.
#include "core/embedded.hpp"
#include "core/record_fields.hpp"
#include "core/text.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

using namespace hz::core;

namespace {

template <typename E>
void checkEnumRoundTrip(std::initializer_list<E> values, std::initializer_list<const char*> names) {
  auto n = names.begin();
  for (E v : values) {
    CHECK(std::string(toChinese(v)) == *n);
    E back{};
    CHECK(fromChinese(*n, back));
    CHECK(back == v);
    ++n;
  }
  E dummy{};
  CHECK_FALSE(fromChinese("不存在", dummy));
  CHECK_FALSE(fromChinese("", dummy));
}

Hazard sampleHazard() {
  Hazard h;
  h.meta.id = "01JFIELDS00000000000000000";
  h.number = "320102001-2026-0042";
  h.enterpriseId = "01JENT";
  h.divisionCode = "320102001";
  h.industry = "工贸/冶金";
  h.category = "专项类";
  h.description = "多行\n描述\t含制表符";
  h.level = HazardLevel::Major;
  h.source = "群众举报(12350)";
  h.foundDate = "2026-03-01";
  h.deadline = "2026-04-01";
  h.fundsWan = 12.5;
  h.five = {true, false, true, false, true};
  h.supervision = SupervisionLevel::City;
  h.stopProduction = true;
  h.status = HazardStatus::AwaitingVerification;
  h.review = ReviewState::Returned;
  h.reviewNote = "请补充照片";
  return h;
}

} // namespace

TEST_CASE("every enum has its Chinese name and parses back") {
  checkEnumRoundTrip({OfficeLevel::Township, OfficeLevel::County, OfficeLevel::City}, {"乡镇", "县区", "市"});
  checkEnumRoundTrip({EnterpriseKind::Firm, EnterpriseKind::IndividualBusiness, EnterpriseKind::FishingVessel,
                      EnterpriseKind::ConstructionProject, EnterpriseKind::Other},
                     {"企业", "个体工商户", "渔业船舶", "建设项目", "其他"});
  checkEnumRoundTrip({HazardLevel::General, HazardLevel::Major}, {"一般隐患", "重大隐患"});
  checkEnumRoundTrip(
      {HazardStatus::Pending, HazardStatus::InProgress, HazardStatus::AwaitingVerification, HazardStatus::Closed},
      {"待整改", "整改中", "待验收", "已销号"});
  checkEnumRoundTrip({ReviewState::NotSubmitted, ReviewState::Pending, ReviewState::Approved, ReviewState::Returned},
                     {"未上报", "待审核", "审核通过", "退回"});
  checkEnumRoundTrip(
      {SupervisionLevel::None, SupervisionLevel::County, SupervisionLevel::City, SupervisionLevel::Province},
      {"无", "县", "市", "省"});
}

TEST_CASE("hazard fields: names, order, text forms") {
  const FieldList f = toFields(sampleHazard());
  CHECK(f.size() == 43);
  CHECK(f.front().first == "number");
  CHECK(f.back().first == "remarks");
  CHECK(fieldValue(f, "enterprise_id") == "01JENT");
  CHECK(fieldValue(f, "level") == "重大隐患");
  CHECK(fieldValue(f, "status") == "待验收");
  CHECK(fieldValue(f, "review") == "退回");
  CHECK(fieldValue(f, "supervision") == "市");
  CHECK(fieldValue(f, "funds_wan") == "12.5");
  CHECK(fieldValue(f, "five_target") == "true");
  CHECK(fieldValue(f, "five_organization") == "false");
  CHECK(fieldValue(f, "stop_production") == "true");
  CHECK(fieldValue(f, "id").empty()); // meta is not a field
  std::set<std::string> names;
  for (const auto& [name, value] : f) {
    CHECK(names.insert(name).second);
    CHECK(std::string(fieldLabel(name)) != name); // every field has a Chinese label
  }
  CHECK(toFields(sampleHazard()) == f); // deterministic
}

TEST_CASE("every field of every record kind has a label") {
  Standard s;
  Office o;
  const FieldList lists[] = {toFields(Enterprise{}),
                             toFields(Inspection{}),
                             toFields(Hazard{}),
                             toFields(WorkInjury{}),
                             toFields(s),
                             toFields(o)};
  for (const auto& list : lists) {
    for (const auto& field : list) {
      const std::string& name = field.first; // not a structured binding: CAPTURE is a lambda
      CAPTURE(name);
      CHECK(std::string(fieldLabel(name)) != name);
    }
  }
  CHECK(std::string(fieldLabel("responsible_person")) == "责任人");
  CHECK(std::string(fieldLabel("deadline")) == "整改期限");
  CHECK(std::string(fieldLabel("inspection", "date")) == "检查时间");
  CHECK(std::string(fieldLabel("work_injury", "date")) == "事故日期");
  CHECK(std::string(fieldLabel("hazard", "deadline")) == "整改期限");
  CHECK(std::string(fieldLabel("no_such_field")) == "no_such_field");
  const std::string longer = "abc_def";
  CHECK(std::string(fieldLabel(std::string_view(longer).substr(0, 3))) == "abc");
}

TEST_CASE("toFields -> fromFields round-trips every record kind") {
  const Hazard h = sampleHazard();
  Hazard h2;
  CHECK(fromFields(toFields(h), h2).empty());
  CHECK(toFields(h2) == toFields(h));

  Enterprise e;
  e.kind = EnterpriseKind::FishingVessel;
  e.name = "闽连渔01234";
  e.vesselPort = "连江";
  e.retired = true;
  Enterprise e2;
  CHECK(fromFields(toFields(e), e2).empty());
  CHECK(toFields(e2) == toFields(e));

  Standard s;
  s.title = "工贸企业重大事故隐患判定标准";
  s.year = 2023;
  s.clauses = {{"c1", "第四条(一)", "含\\反斜杠\t制表\n换行"}, {"c2", "第五条", ""}, {"c3", "", ""}};
  Standard s2;
  CHECK(fromFields(toFields(s), s2).empty());
  REQUIRE(s2.clauses.size() == 3);
  CHECK(s2.clauses[0].summary == "含\\反斜杠\t制表\n换行");
  CHECK(s2.clauses[2].id == "c3");
  CHECK(toFields(s2) == toFields(s));

  WorkInjury w;
  w.deaths = 2;
  w.injuries = -1;
  WorkInjury w2;
  CHECK(fromFields(toFields(w), w2).empty());
  CHECK(w2.deaths == 2);
  CHECK(w2.injuries == -1);

  Office o;
  o.name = "某街道安委办";
  o.level = OfficeLevel::City;
  o.operators = {"张三", "李四"};
  CHECK(fieldValue(toFields(o), "operators") == "张三、李四");
  Office o2;
  CHECK(fromFields(toFields(o), o2).empty());
  CHECK(o2.operators == o.operators);
  CHECK(o2.level == OfficeLevel::City);

  Inspection i;
  i.date = "2026-03-01";
  i.method = "四不两直";
  Inspection i2;
  CHECK(fromFields(toFields(i), i2).empty());
  CHECK(toFields(i2) == toFields(i));
}

TEST_CASE("fromFields reports unknown names and values that are not allowed") {
  Hazard h;
  const auto ps = fromFields(
      {{"level", "特大隐患"}, {"funds_wan", "abc"}, {"five_funds", "yes"}, {"colour", "red"}, {"description", "保留"}},
      h);
  REQUIRE(ps.size() == 4);
  CHECK(ps[0].field == "level");
  CHECK(ps[0].message.find("隐患等级") == 0);
  CHECK(ps[1].field == "funds_wan");
  CHECK(ps[2].field == "five_funds");
  CHECK(ps[3].field == "colour");
  CHECK(h.description == "保留");
  Standard s;
  CHECK(fromFields({{"clauses", "only-one-part"}}, s).size() == 1);
}

TEST_CASE("diffFields lists changed fields in order; identical lists give nothing") {
  const Hazard a = sampleHazard();
  CHECK(diffFields(toFields(a), toFields(a)).empty());
  Hazard b = a;
  b.status = HazardStatus::Closed;
  b.fundsWan = 0.1;
  b.five.organization = true;
  const auto d = diffFields(toFields(a), toFields(b));
  REQUIRE(d.size() == 3);
  CHECK(d[0] == FieldChange{"funds_wan", "12.5", "0.1"});
  CHECK(d[1] == FieldChange{"five_organization", "false", "true"});
  CHECK(d[2] == FieldChange{"status", "待验收", "已销号"});
  // lists with different fields: removed then added
  const auto d2 = diffFields({{"x", "1"}, {"y", "2"}}, {{"y", "2"}, {"z", "3"}});
  REQUIRE(d2.size() == 2);
  CHECK(d2[0] == FieldChange{"x", "1", ""});
  CHECK(d2[1] == FieldChange{"z", "", "3"});
}

TEST_CASE("numbers are written in the shortest form that reads back exactly") {
  CHECK(formatNumber(0) == "0");
  CHECK(formatNumber(-0.0) == "0");
  CHECK(formatNumber(12.5) == "12.5");
  CHECK(formatNumber(0.1) == "0.1");
  CHECK(formatNumber(100000) == "100000");
  CHECK(formatNumber(1.0 / 3) == "0.3333333333333333");
  CHECK(formatNumber(1e20) == "1e+20");
  for (double v : {0.1, 0.2, 0.3, 1e-7, 123456.789, 5e-324, 1.7976931348623157e308, -42.25}) {
    double back = 0;
    CHECK(parseNumber(formatNumber(v), back));
    CHECK(back == v);
  }
  double x = 0;
  CHECK_FALSE(parseNumber("", x));
  CHECK_FALSE(parseNumber("1,5", x));
  CHECK_FALSE(parseNumber("0x10", x));
  CHECK_FALSE(parseNumber("inf", x));
}

TEST_CASE("seed dictionaries parse and hold the DOMAIN.md lists") {
  const std::string_view text = hz::generated::seedAsset("dictionaries.json");
  REQUIRE_FALSE(text.empty());
  const auto j = nlohmann::json::parse(text);
  CHECK(j.at("version") == 1);
  const auto& d = j.at("dictionaries");
  for (const char* key :
       {"industry", "place_type", "source", "method", "hazard_category", "department", "supervision_level"}) {
    CAPTURE(key);
    REQUIRE(d.contains(key));
    std::set<std::string> values;
    for (const auto& item : d.at(key)) {
      CHECK(values.insert(item.at("value").get<std::string>()).second);
      if (item.contains("children")) {
        for (const auto& c : item.at("children")) CHECK(c.is_string());
      }
    }
  }
  CHECK(d.at("industry").size() == 13);
  CHECK(d.at("source").size() == 7);
  CHECK(d.at("method").size() == 7);
  CHECK(d.at("place_type").size() == 13);
  for (const auto& item : d.at("supervision_level")) {
    SupervisionLevel s{};
    CHECK(fromChinese(item.at("value").get<std::string>(), s));
  }
}

TEST_CASE("shortText cuts UTF-8 on character boundaries") {
  CHECK(hz::core::shortText("二车间动火作业", 3) == "二车间…");
  CHECK(hz::core::shortText("二车间", 3) == "二车间");
  CHECK(hz::core::shortText("ab动火", 3) == "ab动…");
  CHECK(hz::core::shortText("", 2).empty());
}
