// SHA3-256 (SQLite's ext/misc/shathree.c, the code behind SQL's sha3()) and the
// ledger checksum: a hash over the canonical content, computed section by section so that a
// reader can check it while streaming (definition in docs/ledger-format.md).
#pragma once
#include "core/result.hpp"
#include "store/shathree_glue.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace hz::ledger {

// Incremental SHA3-256 (SQLite's shathree.c through store/shathree_glue.h: the same digests as
// sha3(X, 256)): for texts too large to hold at once, e.g. the checksum text of a city ledger, and
// for hashing without SQLite calls.
class Sha3Stream {
public:
  using Digest = std::array<uint8_t, 32>;
  Sha3Stream();
  void update(std::string_view data);
  Digest finish(); // the stream starts over afterwards
  std::string finishHex();
  static Digest of(std::string_view data);
  static std::string hex(const Digest& d);

private:
  alignas(8) unsigned char m_context[HZ_SHA3_CONTEXT_BYTES];
};

// Hex SHA3-256 of byte strings.
class Sha3 {
public:
  std::string hex(std::string_view data) { return Sha3Stream::hex(Sha3Stream::of(data)); }
};

// One Sha3 per thread (it once held an SQLite connection; callers keep this one name).
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
