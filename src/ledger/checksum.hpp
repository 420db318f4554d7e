// SHA3-256 (SQLite's sha3(), ext/misc/shathree.c, on a private in-memory connection) and the
// ledger checksum: a hash over the canonical content, computed section by section so that a
// reader can check it while streaming (definition in docs/ledger-format.md).
#pragma once
#include "core/result.hpp"
#include "store/sqlite.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace hz::ledger {

// Incremental SHA3-256 (FIPS 202; the same digests as SQLite's sha3(X, 256)): for texts too large
// to hold at once, e.g. the checksum text of a city ledger, and for hashing without SQLite calls.
class Sha3Stream {
public:
  using Digest = std::array<uint8_t, 32>;
  void update(std::string_view data);
  Digest finish(); // the stream starts over afterwards
  std::string finishHex();
  static Digest of(std::string_view data);
  static std::string hex(const Digest& d);

private:
  void absorbBlock(const uint8_t* block);
  uint64_t m_state[25] = {};
  uint8_t m_buf[136] = {};
  size_t m_used = 0;
};

// Hex SHA3-256 of byte strings. Not copyable; cheap to call many times.
class Sha3 {
public:
  Sha3();
  bool ok() const { return m_ok; }
  std::string hex(std::string_view data); // "" only when SQLite failed (out of memory)

private:
  store::Database m_db;
  store::Statement m_st;
  bool m_ok = false;
};

// One Sha3 per thread, opened on first use (opening an SQLite connection per file is costly).
Sha3& sharedSha3();

// Accumulates the checksum text: for each top-level member except "checksum", in name order,
// "<name>\n" followed by either one "<sha3 of the element's canonical JSON>\n" per array
// element, or "<canonical JSON of the value>\n". The checksum is the SHA3-256 of that text.
class ChecksumBuilder {
public:
  explicit ChecksumBuilder(Sha3& sha) : m_sha(sha) {}
  void addValue(const std::string& member, std::string canonicalJson);
  void beginArray(const std::string& member); // also for an empty array
  void addElement(const std::string& member, std::string_view canonicalJson);
  std::string finish(); // hex digest

private:
  Sha3& m_sha;
  std::map<std::string, std::string> m_sections;
};

} // namespace hz::ledger
