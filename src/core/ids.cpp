// ULID generation and the hybrid logical clock.
#include "core/ids.hpp"

#include "core/date.hpp"

#include <cstdio>

namespace hz::core {

static constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

IdGenerator::IdGenerator() : m_clock(nowMillis) {
  std::random_device rd;
  m_rng.seed((uint64_t(rd()) << 32) ^ rd() ^ uint64_t(nowMillis()));
}

IdGenerator::IdGenerator(Clock clock, uint64_t seed) : m_clock(std::move(clock)), m_rng(seed) {}

std::string IdGenerator::next() {
  int64_t ms = m_clock();
  if (ms <= m_lastMs) {
    // Same millisecond (or a clock step back): keep ids monotonic by incrementing the randomness.
    ms = m_lastMs;
    if (++m_lo == 0) m_hi = (m_hi + 1) & 0xFFFF;
  } else {
    m_lastMs = ms;
    m_hi = m_rng() & 0xFFFF;
    m_lo = m_rng();
  }
  std::string out(26, '0');
  uint64_t t = static_cast<uint64_t>(ms) & ((uint64_t(1) << 48) - 1);
  for (int i = 9; i >= 0; --i) {
    out[i] = kCrockford[t & 31];
    t >>= 5;
  }
  // 80 bits of randomness = 16 characters: take 5 bits at a time from (hi:lo).
  uint64_t hi = m_hi, lo = m_lo;
  for (int i = 25; i >= 10; --i) {
    out[i] = kCrockford[lo & 31];
    lo = (lo >> 5) | ((hi & 31) << 59);
    hi >>= 5;
  }
  return out;
}

static int crockfordValue(char c) {
  for (int i = 0; i < 32; ++i)
    if (kCrockford[i] == c) return i;
  return -1;
}

bool isValidUlid(std::string_view id) {
  if (id.size() != 26 || crockfordValue(id[0]) > 7) return false;
  for (char c : id)
    if (crockfordValue(c) < 0) return false;
  return true;
}

std::optional<int64_t> ulidTimeMillis(std::string_view id) {
  if (!isValidUlid(id)) return std::nullopt;
  int64_t t = 0;
  for (int i = 0; i < 10; ++i) t = t * 32 + crockfordValue(id[i]);
  return t;
}

std::string Revision::toString() const {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%013lld-%04x-", static_cast<long long>(millis), counter & 0xFFFF);
  return buf + office;
}

std::optional<Revision> Revision::parse(std::string_view s) {
  if (s.size() < 20 || s[13] != '-' || s[18] != '-') return std::nullopt;
  Revision r;
  for (int i = 0; i < 13; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    r.millis = r.millis * 10 + (s[i] - '0');
  }
  for (int i = 14; i < 18; ++i) {
    char c = s[i];
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (v < 0) return std::nullopt;
    r.counter = r.counter * 16 + v;
  }
  r.office = std::string(s.substr(19));
  if (r.office.empty()) return std::nullopt;
  return r;
}

HybridClock::HybridClock(std::string office, IdGenerator::Clock clock)
    : m_office(std::move(office)), m_clock(clock ? std::move(clock) : IdGenerator::Clock(nowMillis)) {}

Revision HybridClock::tick() {
  const int64_t wall = m_clock();
  if (wall > m_millis) {
    m_millis = wall;
    m_counter = 0;
  } else {
    ++m_counter;
    if (m_counter > 0xFFFF) {
      ++m_millis;
      m_counter = 0;
    }
  }
  return Revision{m_millis, m_counter, m_office};
}

void HybridClock::observe(const Revision& remote) {
  if (remote.millis > m_millis || (remote.millis == m_millis && remote.counter > m_counter)) {
    m_millis = remote.millis;
    m_counter = remote.counter;
  }
}

} // namespace hz::core
