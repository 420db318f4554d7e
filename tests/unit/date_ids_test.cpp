// Dates, timestamps, ULIDs and the hybrid logical clock.
#include "core/date.hpp"
#include "core/ids.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace hz::core;

TEST_CASE("dates parse strictly and reject impossible days") {
  CHECK(Date::parse("2026-11-29").has_value());
  CHECK(Date::parse("2024-02-29").has_value());
  CHECK_FALSE(Date::parse("2026-02-29").has_value());
  CHECK_FALSE(Date::parse("2026-02-30").has_value());
  CHECK_FALSE(Date::parse("1900-02-29").has_value());
  CHECK(Date::parse("2000-02-29").has_value());
  CHECK_FALSE(Date::parse("2026-13-01").has_value());
  CHECK_FALSE(Date::parse("2026-00-10").has_value());
  CHECK_FALSE(Date::parse("2026-1-5").has_value());
  CHECK_FALSE(Date::parse("2026/01/05").has_value());
  CHECK_FALSE(Date::parse("").has_value());
  CHECK_FALSE(Date::parse("２０２６-01-05").has_value());
}

TEST_CASE("day numbers round-trip over four centuries") {
  CHECK(Date{1970, 1, 1}.toDays() == 0);
  CHECK(Date{2000, 3, 1}.toDays() == 11017);
  for (int64_t d = -25000; d < 84000; d += 37) { // 1901..2199, the range parse() accepts
    Date x = Date::fromDays(d);
    CHECK(x.toDays() == d);
    CHECK(Date::parse(x.toString()).value_or(Date{}) == x);
  }
  CHECK(Date{2026, 11, 29}.weekday() == 6); // a Sunday
  CHECK(Date{2026, 12, 31}.addDays(1) == Date{2027, 1, 1});
}

TEST_CASE("timestamps format and parse in UTC; China date is UTC+8") {
  CHECK(formatTimestamp(0) == "1970-01-01T00:00:00.000Z");
  const int64_t t = Date{2026, 11, 29}.toDays() * 86400000 + 16 * 3600000 + 5;
  CHECK(formatTimestamp(t) == "2026-11-29T16:00:00.005Z");
  CHECK(parseTimestamp(formatTimestamp(t)) == t);
  CHECK(dateOfMillisChina(t) == Date{2026, 11, 30});
  CHECK_FALSE(parseTimestamp("2026-11-29 16:00:00").has_value());
}

TEST_CASE("ULIDs are valid, unique, ordered and deterministic for a seed") {
  int64_t now = 1764400000000;
  IdGenerator gen([&] { return now; }, 42);
  std::set<std::string> seen;
  std::string prev;
  for (int i = 0; i < 2000; ++i) {
    if (i % 100 == 0) ++now;
    std::string id = gen.next();
    CHECK(isValidUlid(id));
    CHECK(id > prev);
    CHECK(seen.insert(id).second);
    prev = id;
  }
  CHECK(ulidTimeMillis(prev) == now);
  IdGenerator a([] { return int64_t{5}; }, 7), b([] { return int64_t{5}; }, 7);
  CHECK(a.next() == b.next());
  CHECK_FALSE(isValidUlid("01ARZ3NDEKTSV4RRFFQ69G5FAI")); // I is not Crockford
  CHECK_FALSE(isValidUlid("short"));
}

TEST_CASE("hybrid clock never goes backwards and passes stamps it has seen") {
  int64_t wall = 1000;
  HybridClock clock("A", [&] { return wall; });
  Revision r1 = clock.tick();
  Revision r2 = clock.tick();
  CHECK(r2 > r1);
  wall = 500; // the wall clock stepped back
  Revision r3 = clock.tick();
  CHECK(r3 > r2);
  clock.observe(Revision{9000, 3, "B"});
  Revision r4 = clock.tick();
  CHECK(r4.millis == 9000);
  CHECK(r4.counter == 4);
  CHECK(Revision::parse(r4.toString()) == r4);
  CHECK(r4.toString() < Revision{10000, 0, "A"}.toString());
  CHECK_FALSE(Revision::parse("garbage").has_value());
}
