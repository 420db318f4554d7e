// The rules of 设置's dictionaries, enforced by the store (the screen only trims and composes
// "上级/下级"): names, a township's code, one township per code.
#include "store_test_support.hpp"

#include "core/validation.hpp"

using namespace hz;

TEST_CASE("dictionary rules: names and township codes are checked by the store") {
  auto s = test::openMemory();
  CHECK(core::checkDictionaryName("危化品").empty());
  CHECK_FALSE(core::checkDictionaryName("  ").empty());
  CHECK_FALSE(core::checkDictionaryName("工贸/机械").empty());
  CHECK(core::checkTownshipCode("320102003").empty());
  CHECK_FALSE(core::checkTownshipCode("320102").empty());

  CHECK_FALSE(s.addDictionaryEntry("industry", " ", "", "", "王伟").ok());
  CHECK_FALSE(s.addDictionaryEntry("industry", "工贸/机械/车床", "工贸", "", "王伟").ok()); // own part has "/"
  auto child = s.addDictionaryEntry("industry", "工贸/测试子类", "工贸", "", "王伟");
  REQUIRE_MESSAGE(child.ok(), (child.ok() ? std::string() : child.error().describe()));

  CHECK_FALSE(s.renameDictionaryEntry(child->id, "工贸/", "王伟").ok());
  CHECK_FALSE(s.renameDictionaryEntry(child->id, "其他/测试子类", "王伟").ok()); // leaves its parent
  CHECK(s.renameDictionaryEntry(child->id, "工贸/测试子类二", "王伟").ok());

  auto town = s.addDictionaryEntry(store::kDictTownship, "东湖街道", "", "320102001", "王伟");
  REQUIRE(town.ok());
  CHECK_FALSE(s.addDictionaryEntry(store::kDictTownship, "西湖街道", "", "320102", "王伟").ok());
  auto same = s.addDictionaryEntry(store::kDictTownship, "西湖街道", "", "320102001", "王伟");
  REQUIRE_FALSE(same.ok());
  CHECK(same.error().message.find("东湖街道") != std::string::npos);
  CHECK(s.addDictionaryEntry(store::kDictTownship, "西湖街道", "", "320102002", "王伟").ok());
}
