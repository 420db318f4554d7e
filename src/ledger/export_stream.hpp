// Streaming export of a database to a canonical ledger file (docs/ledger-format.md): a resumable
// object that reads the database a page at a time and writes the file through a sink, so a city
// ledger exports with bounded memory and, in the browser, a few milliseconds of work per frame.
// The bytes are those of writeLedger(exportLedger(db)) (tests/unit/ledger_export_stream_test.cpp).
#pragma once
#include "ledger/checksum.hpp"
#include "ledger/exchange.hpp"
#include "ledger/record_json.hpp"
#include "ledger/signing.hpp"
#include "store/store.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace hz::ledger {

// Where the file goes: write() gets the file's bytes in order, in pieces of any size.
class LedgerSink {
public:
  virtual ~LedgerSink() = default;
  virtual Status write(const char* data, size_t size) = 0;
};

// The whole file in a string (tests, small ledgers).
class StringSink final : public LedgerSink {
public:
  Status write(const char* data, size_t size) override {
    text.append(data, size);
    return Ok{};
  }
  std::string text;
};

// A stdio file; a failed write or close (e.g. a full disk) is a Storage error naming the path.
class FileSink final : public LedgerSink {
public:
  static Result<std::unique_ptr<FileSink>> create(const std::string& path); // replaces the file
  ~FileSink() override;
  Status write(const char* data, size_t size) override;
  Status close(); // flushes and closes; the file is complete only when this succeeds

private:
  FileSink(std::FILE* f, std::string path) : m_file(f), m_path(std::move(path)) {}
  std::FILE* m_file = nullptr;
  std::string m_path;
};

class LedgerExportStream {
public:
  // Reads the office, the conflicts (few: each is a person's decision) and the table sizes;
  // nothing is written yet. Invalid error for a bad options.since.
  static Result<std::unique_ptr<LedgerExportStream>> open(store::Store& db, LedgerSink& sink,
                                                          const ExportOptions& options = {});
  ~LedgerExportStream();
  LedgerExportStream(const LedgerExportStream&) = delete;
  LedgerExportStream& operator=(const LedgerExportStream&) = delete;

  // Does about `budget` units of work (a record or an event read is one unit, a history link of the
  // first pass an eighth) and hands what it wrote to the sink. Returns true once the whole file,
  // checksum included, is written. An error (the sink's, the database's, out of memory) ends the
  // stream: later calls return it again. Cancelling = destroying the stream (it holds no statement
  // or transaction between calls; the database can be used as soon as step() returns).
  Result<bool> step(int64_t budget = 2000);
  double progress() const; // 0..1
  bool done() const { return m_phase == Phase::Done; }
  uint64_t bytesWritten() const { return m_bytes; }
  const std::string& checksum() const { return m_checksum; }
  const std::string& exportedAt() const { return m_exportedAt; }
  // What was written so far: records per kind, events, conflicts.
  int64_t recordsWritten(Kind k) const { return m_written[static_cast<size_t>(k)]; }
  int64_t eventsWritten() const { return m_eventsWritten; }
  // Origins whose local order is not their chain order (their events were ordered in memory).
  int fallbackOrigins() const { return m_fallbackOrigins; }
  // Bytes the stream holds besides one page of records: 32 per exported inspection, hazard, work
  // injury and standard (their checksum lines come after the events'), the conflicts, per-origin
  // state. Reported by tests; never proportional to events or to the file.
  size_t heldBytes() const;

private:
  enum class Phase { Scan, Records, Events, Conflicts, Done, Failed };
  struct Origin {
    std::string name;
    int64_t firstSeq = -1, lastSeq = 0; // of all its events
    int64_t exported = 0;               // events in scope
    int64_t lastExportedSeq = 0;
    bool linear = true;                     // local order of the exported events == chain order
    std::string lastHash, lastExportedHash; // stored forms (see store::EventLink)
  };

  LedgerExportStream(store::Store& db, LedgerSink& sink) : m_db(db), m_sink(sink) {}
  Status prepareConflicts();
  Result<int64_t> scanPage(int64_t limit);
  void writeHeader();
  Result<int64_t> recordsPage(int64_t limit);
  Result<int64_t> eventsPage(int64_t limit);
  void writeConflictsAndChecksum();
  void emit(std::string_view text) { m_out.append(text.data(), text.size()); }
  void element(bool& any, const std::string& text);
  void writeEvent(const core::HistoryEvent& e);
  bool inScope(const std::string& updatedAtOrAt) const { return m_since.empty() || updatedAtOrAt >= m_since; }
  bool recordInScope(Kind kind, const std::string& id, const std::string& updatedAt) const;
  bool eventInScope(int64_t seq, const std::string& at) const {
    return m_options.changeFile ? seq > m_options.afterSeq : inScope(at);
  }
  Status prepareChangeFile();
  Status flush();
  Result<bool> stepUnguarded(int64_t budget);

  store::Store& m_db;
  LedgerSink& m_sink;
  ExportOptions m_options;
  std::string m_since; // UTC timestamp of 00:00 China time of options.since ("" = full)
  int64_t m_sinceMs = 0;
  std::unordered_set<std::string> m_touched; // change file: "<kind>\n<id>" of the records it holds
  Phase m_phase = Phase::Scan;
  Error m_error;

  // Pass 1 (Scan): the history links in local order.
  int64_t m_scanSeq = 0;
  std::map<int64_t, Origin> m_origins; // by interned origin id
  std::optional<int64_t> m_maxAtMs;
  std::string m_maxAtText;
  std::string m_exportedAt, m_officeJson, m_scopeJson;
  int m_version = kFormatVersion;    // written: options.formatVersion, or 3 when signed
  std::optional<SigningKeys> m_keys; // signing: this office's key and the heads it received
  std::string m_signersJson;         // signed files: the header's `signers`
  // Signed files: the heads other offices signed, by their hash (hex), and the origin (interned id)
  // of the exported event each names (-1: not in the file).
  std::unordered_map<std::string, std::vector<size_t>> m_headsByHash;
  std::vector<int64_t> m_headOrigin;

  // Pass 2: records, events, conflicts.
  size_t m_kind = 0;
  bool m_arrayOpen = false, m_any = false;
  std::string m_afterId;
  std::vector<std::pair<std::string, int64_t>> m_eventOrigins; // (name, id) in name order, in scope
  size_t m_originIndex = 0;
  int64_t m_eventSeq = 0; // cursor within the current origin
  std::string m_lastHash; // hash of the origin's event at m_eventSeq
  EventWriter m_eventWriter{kFormatVersion};
  bool m_loading = false; // a non-linear origin is being read into m_ordered
  std::vector<core::HistoryEvent> m_ordered;
  size_t m_orderedPos = 0;
  int m_fallbackOrigins = 0;
  std::array<int64_t, kKindCount> m_written{};
  int64_t m_eventsWritten = 0;
  std::vector<std::pair<std::string, std::string>> m_conflicts; // (id, canonical JSON)

  // Checksum: sections in name order — conflicts, enterprises, events stream straight into m_sum;
  // the digests of hazards, inspections, standards, work_injuries wait in m_digests.
  Sha3Stream m_sum;
  std::array<std::vector<Sha3Stream::Digest>, kKindCount> m_digests;
  std::string m_checksum;

  std::string m_out; // bytes not yet handed to the sink
  uint64_t m_bytes = 0;
  double m_units = 0, m_totalUnits = 1;
};

struct ExportSummary {
  std::array<int64_t, kKindCount> records{}; // by Kind
  int64_t events = 0;
  uint64_t bytes = 0;     // of the JSON text
  uint64_t fileBytes = 0; // as written (compressed when the file name ends with .gz)
  std::string exportedAt;
};
// Runs a stream to the end.
Result<ExportSummary> exportLedgerTo(store::Store& db, LedgerSink& sink, const ExportOptions& options = {});
// Writes the ledger to `path` through a temporary file next to it, renamed over `path` only when
// complete: a failed export (e.g. a full disk) never leaves a partial file under the real name.
// A path ending with .gz is written gzip-compressed.
Result<ExportSummary> exportLedgerToFile(store::Store& db, const std::string& path, const ExportOptions& options = {});

} // namespace hz::ledger
