// History through the store: create/update events carry the right changes and revisions; the
// hash chain detects an edited, a deleted and a relinked event, and a truncated chain.
#include "store_test_support.hpp"

#include <doctest/doctest.h>

using namespace hz;
using namespace hz::store;
using hz::test::must;

namespace {

void sql(Store& s, const std::string& text, const std::string& arg) {
  auto st = must(s.db().prepare(text));
  st.bind(1, arg);
  REQUIRE(st.exec().ok());
}

// A store with a few events of our own after the seed chain; returns the enterprise id.
std::string withSomeHistory(Store& s) {
  hz::test::setTownOffice(s);
  auto e = must(s.createEnterprise(hz::test::sampleEnterprise(), "王伟"));
  for (int i = 0; i < 3; ++i) {
    e.contact = "1380000000" + std::to_string(i);
    e = must(s.updateEnterprise(e, "王伟"));
  }
  must(s.createHazard(hz::test::sampleHazard(e.meta.id), "王伟"));
  return e.meta.id;
}

} // namespace

TEST_CASE("store/history: create and update append events with field changes and revisions") {
  auto s = hz::test::openMemory();
  hz::test::setTownOffice(s);
  auto e = must(s.createEnterprise(hz::test::sampleEnterprise(), "王伟", "首次登记"));
  CHECK(core::isValidUlid(e.meta.id));
  CHECK(e.meta.origin == s.office().id);
  auto events = must(s.history("enterprise", e.meta.id));
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == "create");
  CHECK(events[0].actor == "王伟");
  CHECK(events[0].note == "首次登记");
  CHECK(events[0].prevRev.empty());
  CHECK(events[0].newRev == e.meta.rev);
  CHECK(events[0].origin == s.office().id);
  CHECK(std::find(events[0].changes.begin(), events[0].changes.end(),
                  core::FieldChange{"name", "", "东湖恒达机械制造有限公司"}) != events[0].changes.end());

  auto changed = e;
  changed.address = "东湖路99号";
  changed.principal = "赵敏";
  auto u = must(s.updateEnterprise(changed, "李娜", "地址变更"));
  CHECK(u.meta.rev != e.meta.rev);
  CHECK(core::Revision::parse(e.meta.rev).value() < core::Revision::parse(u.meta.rev).value());
  CHECK(u.meta.createdAt == e.meta.createdAt);
  events = must(s.history("enterprise", e.meta.id));
  REQUIRE(events.size() == 2);
  CHECK(events[1].action == "update");
  CHECK(events[1].prevRev == e.meta.rev);
  CHECK(events[1].newRev == u.meta.rev);
  CHECK(events[1].changes ==
        std::vector<core::FieldChange>{{"address", "东湖路1号", "东湖路99号"}, {"principal", "", "赵敏"}});
  CHECK(events[1].prevHash == events[0].hash);

  // Saving without changes makes no revision and no event.
  auto same = must(s.updateEnterprise(u, "李娜"));
  CHECK(same.meta.rev == u.meta.rev);
  CHECK(must(s.history("enterprise", e.meta.id)).size() == 2);

  // A stale revision is refused (edited elsewhere in the meantime).
  auto stale = e;
  stale.notes = "旧页面上的修改";
  auto r = s.updateEnterprise(stale, "王伟");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::Conflict);

  // Invalid records are refused with field-level problems, and nothing is written.
  auto bad = hz::test::sampleEnterprise("");
  auto b = s.createEnterprise(bad, "王伟");
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().code == ErrorCode::Invalid);
  CHECK(must(s.listEnterprises()).size() == 1);
  CHECK(must(s.verifyHistory()).ok);
}

TEST_CASE("store/history: verifyHistory passes an untouched history") {
  auto s = hz::test::openMemory();
  withSomeHistory(s);
  auto c = must(s.verifyHistory());
  CHECK_MESSAGE(c.ok, c.problem);
  CHECK(c.checked == static_cast<int64_t>(must(s.allHistory()).size()));
}

TEST_CASE("store/history: an edited stored event is named") {
  auto s = hz::test::openMemory();
  withSomeHistory(s);
  auto all = must(s.allHistory());
  const size_t victim = all.size() - 3;
  SUBCASE("note") { sql(s, "UPDATE history_event SET note = '被改过' WHERE id = ?1", all[victim].id); }
  SUBCASE("changes") {
    sql(s, "UPDATE history_event SET changes = '[[\"contact\",\"\",\"110\"]]' WHERE id = ?1", all[victim].id);
  }
  SUBCASE("actor and hash recomputed without the chain") {
    sql(s, "UPDATE history_event SET actor = '他人', hash = lower(hex(sha3('x', 256))) WHERE id = ?1", all[victim].id);
  }
  auto c = must(s.verifyHistory());
  CHECK_FALSE(c.ok);
  CHECK(c.eventId == all[victim].id);
  CHECK(c.position == static_cast<int64_t>(victim));
  CHECK(c.problem.find(all[victim].id) != std::string::npos);
}

TEST_CASE("store/history: a deleted event breaks the link of the next one") {
  auto s = hz::test::openMemory();
  withSomeHistory(s);
  auto all = must(s.allHistory());
  const size_t victim = all.size() - 3;
  sql(s, "DELETE FROM history_event WHERE id = ?1", all[victim].id);
  auto c = must(s.verifyHistory());
  CHECK_FALSE(c.ok);
  CHECK(c.eventId == all[victim + 1].id);
  CHECK(c.position == static_cast<int64_t>(victim)); // the next event moved up into its place
}

TEST_CASE("store/history: a relinked event and a truncated chain are detected") {
  auto s = hz::test::openMemory();
  withSomeHistory(s);
  auto all = must(s.allHistory());
  SUBCASE("prev_hash pointing elsewhere, hash recomputed consistently is still a broken link") {
    const auto& ev = all[all.size() - 2];
    core::HistoryEvent forged = ev;
    forged.prevHash = all[all.size() - 4].hash; // skip one event
    auto h = must(s.db().prepare("SELECT lower(hex(sha3(?1, 256)))"));
    h.bind(1, canonicalEventText(forged));
    REQUIRE(must(h.step()));
    auto st = must(s.db().prepare("UPDATE history_event SET prev_hash = ?2, hash = ?3 WHERE id = ?1"));
    st.bind(1, ev.id).bind(2, forged.prevHash).bind(3, h.getText(0));
    REQUIRE(st.exec().ok());
    auto c = must(s.verifyHistory());
    CHECK_FALSE(c.ok);
    CHECK(c.eventId == ev.id);
  }
  SUBCASE("last event deleted") {
    sql(s, "DELETE FROM history_event WHERE id = ?1", all.back().id);
    auto c = must(s.verifyHistory());
    CHECK_FALSE(c.ok);
    CHECK(c.origin == s.office().id);
    CHECK(c.problem.find("末尾") != std::string::npos);
  }
}

TEST_CASE("store/history: seed standards are identical in every installation") {
  auto a = hz::test::openMemory(1);
  auto b = hz::test::openMemory(2);
  auto sa = must(a.listStandards());
  auto sb = must(b.listStandards());
  REQUIRE(sa.size() >= 12);
  REQUIRE(sa.size() == sb.size());
  for (size_t i = 0; i < sa.size(); ++i) {
    CHECK(sa[i].meta.id == sb[i].meta.id);
    CHECK(sa[i].meta.origin == "seed");
    CHECK(sa[i].meta.rev == sb[i].meta.rev);
  }
  auto ha = must(a.allHistory());
  auto hb = must(b.allHistory());
  REQUIRE(ha.size() == hb.size());
  REQUIRE(!ha.empty());
  CHECK(ha.back().hash == hb.back().hash);
  CHECK(ha.front().origin == "seed");
  CHECK(a.office().id != b.office().id);
}
