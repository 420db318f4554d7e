// The in-memory form of a ledger file (format "hazard-ledger", versions 1 and 2; see
// docs/ledger-format.md): records of every kind as (meta, fields) in the store's field order,
// history events, open/resolved conflicts, and the file's header. Pure data, no I/O.
#pragma once
#include "core/model.hpp"
#include "core/record_fields.hpp"
#include "core/record_kinds.hpp"
#include "core/result.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hz::ledger {

inline constexpr const char* kFormatName = "hazard-ledger";
// Writers write kFormatVersion; readers read every version from kOldestFormatVersion on. Version 2
// leaves out of each event what a reader recomputes (its hash, and a link to the previous event of
// its origin in the file); in memory both are always filled.
inline constexpr int kFormatVersion = 2;
inline constexpr int kOldestFormatVersion = 1;
// Version 3 = version 2 + signatures (signing.hpp): written when the exporting office has a key.
inline constexpr int kSignedFormatVersion = 3;
inline constexpr int kNewestFormatVersion = kSignedFormatVersion;

// Limits enforced before and while parsing (see json_guard.hpp, reader.cpp).
inline constexpr size_t kMaxFileBytes = size_t{1} << 30;   // 1 GiB
inline constexpr size_t kMaxStringBytes = size_t{1} << 20; // 1 MiB per JSON string
inline constexpr int kMaxDepth = 8;                        // deepest legal nesting is 5
inline constexpr size_t kMaxHeaderValues = 1000;           // values inside office/scope
inline constexpr size_t kMaxProblems = 1000;               // reported per file, then "…"

// Record kinds exchanged as arrays, in a fixed order: the registry of core/record_kinds.hpp.
using Kind = core::RecordKind;
inline constexpr size_t kKindCount = core::kRecordKindCount;
inline constexpr const auto& kKinds = core::kRecordKinds;
const char* kindName(Kind k);                             // as in history events (core::kindInfo(k).name)
const char* arrayName(Kind k);                            // the file's member names (core::kindInfo(k).array)
const char* kindLabel(Kind k);                            // for people (core::kindInfo(k).label)
bool kindFromName(std::string_view name, Kind& out);      // kind name -> Kind
bool kindFromArrayName(std::string_view name, Kind& out); // array name -> Kind

// One record: meta + every field of its kind, normalized text as core::toFields() writes it.
struct Record {
  core::RecordMeta meta;
  core::FieldList fields;
};

// A version of a record that lost a merge (two offices changed it since they last exchanged).
struct Conflict {
  std::string id; // "<kind>:<record id>:<loser rev>" — the same everywhere
  Kind kind = Kind::Hazard;
  std::string recordId;
  std::string winnerRev; // the version kept (recomputed on every merge)
  std::string loserRev;
  Record loser;           // the whole losing version
  std::string resolvedAt; // "" while open
  std::string resolvedBy;
  std::string resolution; // e.g. "confirmed"
};
std::string conflictId(Kind kind, const std::string& recordId, const std::string& loserRev);

// A change file: what changed in the sender's database since its previous change file to the same
// recipient (scope "changes"). Files of one sender to one recipient are numbered 1, 2, 3…; `after`
// is the number of the file this one continues (0: it holds everything, e.g. after a reset).
// Merge output of partial files is a change file without a number (number 0).
struct ChangeScope {
  std::string to;     // the recipient as the sender named it
  int64_t number = 0; // 1, 2, … (0 = unnumbered)
  int64_t after = 0;  // the previous file's number (0 = none: complete)
};

// Signatures (version 3; signing.hpp). An office's signature over its history chain up to one of
// its events: it vouches for that event and, through the prev_hash links, for every earlier one.
struct ChainHead {
  std::string office;    // the origin whose chain it is
  std::string publicKey; // hex, 32 bytes (Ed25519)
  std::string headId;    // the event signed
  std::string headHash;
  std::string signature; // hex, 64 bytes
};
// The exporting office's signature over the file's checksum.
struct FileSignature {
  std::string office, publicKey, signature;
};

struct Ledger {
  std::string exportedAt;     // timestamp
  core::Office office;        // exporting office (id, name, division_code, level)
  std::string scope = "full"; // "full", "since" or "changes"
  std::string since;          // YYYY-MM-DD when scope == "since"
  ChangeScope changes;        // when scope == "changes"
  std::array<std::vector<Record>, kKindCount> records;
  std::vector<core::HistoryEvent> events;
  std::vector<Conflict> conflicts;
  std::vector<ChainHead> signers;         // version 3: by office id
  std::optional<FileSignature> signature; // version 3: as read ("" for ledgers built in memory)
  std::string checksum;                   // as read from a file ("" for ledgers built in memory)
  int version = kFormatVersion;           // as read from a file; writeLedger writes this version

  std::vector<Record>& of(Kind k) { return records[static_cast<size_t>(k)]; }
  const std::vector<Record>& of(Kind k) const { return records[static_cast<size_t>(k)]; }
};

// Typed views of a record (fields applied with core::fromFields; meta copied).
core::Enterprise toEnterprise(const Record& r);
core::Inspection toInspection(const Record& r);
core::Hazard toHazard(const Record& r);
core::WorkInjury toWorkInjury(const Record& r);
core::Standard toStandard(const Record& r);
// And back (fields normalized by core::toFields).
template <typename T> Record toRecord(const T& typed) { return Record{typed.meta, core::toFields(typed)}; }

// A problem in a file, located: record id (or "" for the file itself), field (JSON name), message.
using Problem = hz::Problem;

} // namespace hz::ledger
