// Globally unique record ids (ULID: 48-bit time + 80-bit randomness, Crockford base32) and the
// hybrid logical clock that stamps revisions so edits made in different offices can be ordered.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace hz::core {

// Creates ULIDs. Time and randomness are injectable so generated test data is deterministic.
class IdGenerator {
public:
  using Clock = std::function<int64_t()>;  // milliseconds since the epoch
  IdGenerator();                           // wall clock + std::random_device
  IdGenerator(Clock clock, uint64_t seed); // deterministic
  std::string next();

private:
  Clock m_clock;
  std::mt19937_64 m_rng;
  int64_t m_lastMs = -1;
  uint64_t m_hi = 0, m_lo = 0; // 80 random bits: hi holds 16, lo holds 64
};

bool isValidUlid(std::string_view id);
std::optional<int64_t> ulidTimeMillis(std::string_view id);

// A revision stamp: physical milliseconds, a logical counter, and the office that made it.
// Text form "<13-digit ms>-<4-digit hex counter>-<office id>" sorts in stamp order.
struct Revision {
  int64_t millis = 0;
  uint32_t counter = 0;
  std::string office;

  std::string toString() const;
  static std::optional<Revision> parse(std::string_view text);
  // Stamp order: time, then counter, then office id (ties between offices are deterministic).
  bool operator==(const Revision& o) const { return millis == o.millis && counter == o.counter && office == o.office; }
  bool operator<(const Revision& o) const {
    if (millis != o.millis) return millis < o.millis;
    if (counter != o.counter) return counter < o.counter;
    return office < o.office;
  }
  bool operator>(const Revision& o) const { return o < *this; }
};

// Hybrid logical clock (Kulkarni et al.): stamps never go backwards and always exceed every
// stamp this office has seen, even when the wall clocks of offices disagree.
class HybridClock {
public:
  HybridClock(std::string office, IdGenerator::Clock clock = {});
  Revision tick();                      // a local change
  void observe(const Revision& remote); // a stamp received in an imported ledger
  const std::string& office() const { return m_office; }
  void setOffice(std::string office) { m_office = std::move(office); }

private:
  std::string m_office;
  IdGenerator::Clock m_clock;
  int64_t m_millis = 0;
  uint32_t m_counter = 0;
};

} // namespace hz::core
