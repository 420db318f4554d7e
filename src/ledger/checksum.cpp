// SHA3 (via SQLite, and an incremental Keccak) and the ledger checksum builder (see checksum.hpp).
#include "ledger/checksum.hpp"

#include <algorithm>
#include <cstring>

namespace hz::ledger {

// [SECTION] Incremental SHA3-256 -----------------------------------------------------------------
// Keccak-f[1600] after the FIPS 202 reference; rate 136 bytes, domain padding 0x06 ... 0x80.

namespace {

constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL, 0x000000000000808bULL,
    0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL, 0x000000000000008aULL, 0x0000000000000088ULL,
    0x0000000080008009ULL, 0x000000008000000aULL, 0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL,
    0x8000000000008003ULL, 0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL};
constexpr int kRotations[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                                27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
constexpr int kLanes[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};
constexpr size_t kRate = 136;

inline uint64_t rotl(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

void keccakF(uint64_t s[25]) {
  for (uint64_t rc : kRoundConstants) {
    uint64_t c[5];
    for (int i = 0; i < 5; ++i) c[i] = s[i] ^ s[i + 5] ^ s[i + 10] ^ s[i + 15] ^ s[i + 20];
    for (int i = 0; i < 5; ++i) {
      const uint64_t t = c[(i + 4) % 5] ^ rotl(c[(i + 1) % 5], 1);
      for (int j = 0; j < 25; j += 5) s[j + i] ^= t;
    }
    uint64_t t = s[1];
    for (int i = 0; i < 24; ++i) {
      const int j = kLanes[i];
      const uint64_t next = s[j];
      s[j] = rotl(t, kRotations[i]);
      t = next;
    }
    for (int j = 0; j < 25; j += 5) {
      for (int i = 0; i < 5; ++i) c[i] = s[j + i];
      for (int i = 0; i < 5; ++i) s[j + i] ^= ~c[(i + 1) % 5] & c[(i + 2) % 5];
    }
    s[0] ^= rc;
  }
}

} // namespace

void Sha3Stream::absorbBlock(const uint8_t* block) {
  for (size_t i = 0; i < kRate / 8; ++i) {
    uint64_t lane = 0;
    for (int b = 7; b >= 0; --b) lane = (lane << 8) | block[i * 8 + static_cast<size_t>(b)];
    m_state[i] ^= lane;
  }
  keccakF(m_state);
}

void Sha3Stream::update(std::string_view data) {
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  size_t n = data.size();
  if (m_used) {
    const size_t take = std::min(n, kRate - m_used);
    std::memcpy(m_buf + m_used, p, take);
    m_used += take;
    p += take;
    n -= take;
    if (m_used < kRate) return;
    absorbBlock(m_buf);
    m_used = 0;
  }
  for (; n >= kRate; p += kRate, n -= kRate) absorbBlock(p);
  std::memcpy(m_buf, p, n);
  m_used = n;
}

Sha3Stream::Digest Sha3Stream::finish() {
  std::memset(m_buf + m_used, 0, kRate - m_used);
  m_buf[m_used] ^= 0x06;
  m_buf[kRate - 1] ^= 0x80;
  absorbBlock(m_buf);
  Digest d;
  for (size_t i = 0; i < d.size(); ++i) d[i] = static_cast<uint8_t>(m_state[i / 8] >> (8 * (i % 8)));
  *this = Sha3Stream();
  return d;
}

std::string Sha3Stream::finishHex() { return hex(finish()); }

Sha3Stream::Digest Sha3Stream::of(std::string_view data) {
  Sha3Stream s;
  s.update(data);
  return s.finish();
}

std::string Sha3Stream::hex(const Digest& d) {
  static const char* const kHex = "0123456789abcdef";
  std::string out(64, '0');
  for (size_t i = 0; i < d.size(); ++i) {
    out[2 * i] = kHex[d[i] >> 4];
    out[2 * i + 1] = kHex[d[i] & 15];
  }
  return out;
}

// [SECTION] SHA3 through SQLite and the checksum builder ------------------------------------------

Sha3::Sha3() {
  auto db = store::Database::open(":memory:");
  if (!db) return;
  m_db = std::move(db.value());
  auto st = m_db.prepare("SELECT lower(hex(sha3(CAST(?1 AS BLOB), 256)))");
  if (!st) return;
  m_st = std::move(st.value());
  m_ok = true;
}

std::string Sha3::hex(std::string_view data) {
  if (!m_ok) return {};
  m_st.reset();
  m_st.bind(1, data);
  auto r = m_st.step();
  std::string out = r && r.value() ? m_st.getText(0) : std::string();
  m_st.reset();
  return out;
}

Sha3& sharedSha3() {
  thread_local Sha3 sha;
  return sha;
}

void ChecksumBuilder::addValue(const std::string& member, std::string canonicalJson) {
  m_sections[member] = std::move(canonicalJson) + "\n";
}

void ChecksumBuilder::beginArray(const std::string& member) { m_sections[member].clear(); }

void ChecksumBuilder::addElement(const std::string& member, std::string_view canonicalJson) {
  std::string& s = m_sections[member];
  s += m_sha.hex(canonicalJson);
  s += '\n';
}

std::string ChecksumBuilder::finish() {
  Sha3Stream text; // the checksum text is hashed section by section, never built whole
  for (const auto& [name, body] : m_sections) {
    text.update(name);
    text.update("\n");
    text.update(body);
  }
  return text.finishHex();
}

} // namespace hz::ledger
