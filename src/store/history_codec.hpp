// Compact, lossless storage forms of history columns (schema v3): hex hashes as 32-byte blobs,
// canonical timestamps as integer milliseconds, revision stamps of the event's own office as
// integers, and the changes JSON as a field-coded blob. A value that does not round-trip
// exactly is stored as the original text, so every stored event reads back byte for byte.
// The same codecs are SQL functions (hz_pack_*/hz_unpack_*) used by the history_event view.
#pragma once
#include "core/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace hz::store {

// 64 lowercase hex digits -> 32 bytes; anything else: nullopt (stored as text).
std::optional<std::string> packHash(std::string_view hex);
std::string unpackHash(std::string_view bytes);
// Canonical "YYYY-MM-DDTHH:MM:SS.mmmZ" -> milliseconds; anything else: nullopt.
std::optional<int64_t> packTimestamp(std::string_view text);
// "<ms>-<counter>-<origin>" of the given origin -> ms * 65536 + counter; anything else: nullopt.
std::optional<int64_t> packRevision(std::string_view rev, std::string_view origin);
std::string unpackRevision(int64_t packed, std::string_view origin);
// Changes -> field-coded bytes (always possible); decoding gives the same list back.
std::string packChanges(const std::vector<core::FieldChange>& changes);
bool unpackChanges(std::string_view bytes, std::vector<core::FieldChange>& out);

// Registers hz_pack_hash/ts/rev/changes and hz_unpack_hash/ts/rev/changes on a connection.
int registerHistoryFunctions(sqlite3* db);

} // namespace hz::store
