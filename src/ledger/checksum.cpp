// SHA3 (SQLite's shathree.c, through SQL and incrementally) and the ledger checksum builder (see checksum.hpp).
#include "ledger/checksum.hpp"

#include <algorithm>
#include <cstring>

namespace hz::ledger {

// [SECTION] Incremental SHA3-256 -----------------------------------------------------------------

Sha3Stream::Sha3Stream() { hz_sha3_256_init(m_context); }

void Sha3Stream::update(std::string_view data) { hz_sha3_update(m_context, data.data(), data.size()); }

Sha3Stream::Digest Sha3Stream::finish() {
  Digest d;
  hz_sha3_final(m_context, d.data());
  hz_sha3_256_init(m_context);
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
