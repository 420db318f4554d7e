// Calendar dates (YYYY-MM-DD, proleptic Gregorian) and UTC timestamps, without <chrono> time zones
// so that native and wasm builds agree exactly.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hz::core {

struct Date {
  int year = 0, month = 0, day = 0;

  // Strict "YYYY-MM-DD" (years 1900..2199); 2026-02-30 is rejected.
  static std::optional<Date> parse(std::string_view text);
  static Date fromDays(int64_t daysSinceEpoch); // 1970-01-01 = 0
  int64_t toDays() const;
  std::string toString() const;
  Date addDays(int64_t n) const { return fromDays(toDays() + n); }
  int weekday() const; // 0 = Monday .. 6 = Sunday (ISO)
  auto operator<=>(const Date&) const = default;
};

bool isLeapYear(int year);
int daysInMonth(int year, int month);
bool isValidDateText(std::string_view text);

// Milliseconds since the Unix epoch (UTC).
int64_t nowMillis();
// "2026-11-29T13:45:07.123Z" and back.
std::string formatTimestamp(int64_t millis);
std::optional<int64_t> parseTimestamp(std::string_view text);
// Today's date in China Standard Time (UTC+8, no DST) — the offices' calendar.
Date todayChina();
Date dateOfMillisChina(int64_t millis);

} // namespace hz::core
