// Database <-> ledger: export (full or since a date) and the all-or-nothing import that applies
// validated ledgers in one transaction with the merge model of merge.hpp.
#pragma once
#include "ledger/ledger.hpp"
#include "ledger/validate.hpp"
#include "store/import_apply.hpp"
#include "store/store.hpp"

#include <array>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace hz::ledger {

struct ExportOptions {
  std::string since;      // YYYY-MM-DD (China date) — records and events changed since then; "" = full
  std::string exportedAt; // "" = the time of the newest change in the database (deterministic)
  // A change file (streaming export only): the events after local sequence afterSeq (the order in
  // which this database received or made them) and the current version of every record they
  // touched, with the records those refer to (so that the file imports in any order); header
  // scope "changes" with `changes`. afterSeq 0 = everything.
  bool changeFile = false;
  int64_t afterSeq = 0;
  ChangeScope changes;
  int formatVersion = kFormatVersion; // kOldestFormatVersion for tools that read only version 1
  // Signed (version 3, signing.hpp) when the database holds this office's key and formatVersion is
  // the current one; false: unsigned, as before keys existed.
  bool sign = true;
};
// In memory (tests, merge oracles); change files are written by the streaming exporter only.
Result<Ledger> exportLedger(store::Store& db, const ExportOptions& options = {});

// A record as the database holds it now (ErrorCode::NotFound when it has none with this id).
Result<Record> storedRecord(store::Store& db, Kind kind, const std::string& id);

// The whole losing version kept with a stored conflict (Format error when it cannot be read).
Result<Record> conflictLoser(const store::StoredConflict& sc);
// A stored conflict as a file carries it; winner_rev is the record's current revision (local
// edits after the merge descend from the winner). Format error for an unreadable one.
Result<Conflict> fileConflict(const store::StoredConflict& sc, const std::string& currentRev);

// Everything the validator needs from the database (read-only queries).
Lookup storeLookup(store::Store& db);

// What a signed file asks of the person importing it (trust on first use, then pinned;
// signing.hpp): a key the trust list does not hold (an office's first file, or another key than
// the one pinned), or history of another office that the file forwards without that office's
// signature (unsignedEvents > 0: made before that office had a key, or forged), or an unsigned file
// (version 1 or 2) with history of an office whose files are signed (fileUnsigned).
struct KeyQuestion {
  std::string file, officeId, officeName;
  std::string publicKey, fingerprint; // as the file has them ("" for unsigned history)
  std::string pinnedFingerprint;      // "" for an office seen for the first time
  std::string signer;                 // who signed the file: "名称（ID）" (for unsigned history)
  int64_t unsignedEvents = 0;         // > 0: history of officeId without its signature
  bool fileUnsigned = false;          // ... in a file without any signature (version 1 or 2)
  bool change() const { return !pinnedFingerprint.empty(); }
  bool unsignedHistory() const { return unsignedEvents > 0; }
  std::string describe() const; // Chinese, with both fingerprints
};
struct TrustOptions {
  bool trustNew = false;                // pin first-seen keys (CLI --trust-new; the UI after the user confirms)
  std::set<std::string> acceptChanges;  // offices whose new key the user accepted (logged as key changes)
  std::set<std::string> acceptUnsigned; // offices whose forwarded unsigned history the user accepted
  bool acceptAllUnsigned = false;       // the same for every office (CLI --accept-unsigned)
  std::string actor;                    // who decided, for the key change log
};

struct KindCounts {
  int64_t added = 0, updated = 0, unchanged = 0, conflicts = 0;
};
struct ImportReport {
  std::array<KindCounts, kKindCount> kinds{};
  int64_t eventsAdded = 0, eventsUnchanged = 0;
  std::vector<std::string> newConflicts; // conflict ids
  std::vector<std::string> gaps;         // history gaps left by out-of-order files (change_files.hpp)
  std::vector<std::string> skipped;      // files imported before, byte for byte (nothing to do)
  std::vector<std::string> signatures;   // per file: "NAME：已签名（…）" or "NAME：未签名（…）"
  std::vector<std::string> keys;         // keys pinned by this import: first seen, or a change accepted
  std::string describe() const;          // Chinese summary, one line per kind
  // A file skipped as imported before: its records and events count as unchanged.
  void addSkipped(const std::string& name, const struct PriorImport& prior);
};

struct LedgerInput {
  std::string name; // file name for messages
  ReadResult read;  // after readLedger()
};

// The import as a stream: files are fed piece by piece as stored (plain or compressed) into one
// open transaction. Each element is checked as it is read (validate.hpp) and, while every file so
// far is clean, applied at once: a new record inserted, an unchanged one skipped, a changed one
// merged when its file's history is in (merge.hpp). Memory stays proportional to one element
// plus the ids of the files and the records that need a merge. Nothing is kept unless commit()
// finds every file clean; otherwise, and on cancel() or destruction, the transaction is rolled
// back and the database is exactly as it was.
class LedgerImport {
public:
  static Result<std::unique_ptr<LedgerImport>> begin(store::Store& db);
  ~LedgerImport();
  LedgerImport(const LedgerImport&) = delete;
  LedgerImport& operator=(const LedgerImport&) = delete;

  // digest: fileDigest() of the file as stored; remembered when the import commits, so that the
  // same file imported again is known without reading it (priorImport()).
  void startFile(const std::string& name, const std::string& digest = {});
  bool feed(std::string_view bytes); // false once the file is known to be unusable: end it
  void endFile();
  // The current file could not be read to its end (a disk or network error): it is refused with
  // this reason first, not reported as a cut file.
  void failFile(const std::string& message);
  // A ledger already in memory (tests, merge oracles, readLedger() results).
  void addLedger(const std::string& name, ReadResult read);

  // Names, headers and problems of the files (their records are not kept).
  std::vector<const LedgerInput*> files() const;
  std::vector<LedgerInput> takeFiles(); // after commit(): the same, moved out
  bool clean() const;                   // no problem so far
  uint64_t bytesFed() const;            // of every file, as stored
  // An Invalid error (and a rollback) when any file has a problem. A Forbidden error when a signed
  // file's key is not pinned yet, or is not the one pinned: keyQuestions() lists them and the
  // transaction stays open, for setTrust() and commit() again, or cancel().
  Result<ImportReport> commit();
  void setTrust(TrustOptions trust);
  const std::vector<KeyQuestion>& keyQuestions() const;
  void cancel();

private:
  LedgerImport() = default;
  struct Impl;
  std::unique_ptr<Impl> m;
};

// SHA3-256 of a file as stored (hex), fed in pieces.
class FileDigest {
public:
  void update(std::string_view bytes);
  std::string finish();

private:
  std::shared_ptr<void> m_state;
};
std::string fileDigest(std::string_view bytes);
// A file imported into the database before, byte for byte. Importing it again would change
// nothing: the database holds every version and event it carries, or newer ones descending from them.
struct PriorImport {
  std::string description; // Chinese: when, and under which name
  std::array<int64_t, kKindCount> records{};
  int64_t events = 0;
};
Result<std::optional<PriorImport>> priorImport(store::Store& db, const std::string& digest);

// Validates every input against the database and each other; when any problem exists nothing is
// written and the problems are in inputs[i].read.problems (returns an Invalid error). Otherwise
// applies all inputs in one transaction (a LedgerImport over the ledgers in memory).
// Signed files: `trust` decides keys not pinned yet; a question left is a Forbidden error naming
// each key with its fingerprint (nothing is imported).
Result<ImportReport> importLedgers(store::Store& db, std::vector<LedgerInput>& inputs, const TrustOptions& trust = {});

// Reads the files at `paths` in pieces (never whole) and imports them with a LedgerImport; the
// problems, per file, are in `files` afterwards.
Result<ImportReport> importLedgerFiles(store::Store& db, const std::vector<std::string>& paths,
                                       std::vector<LedgerInput>& files, const TrustOptions& trust = {});

} // namespace hz::ledger
