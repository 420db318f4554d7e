// Ledger files for the browser app: importing ledger files over the ledger module (src/ledger) as
// a job across frames, kept here so the app's file plumbing does not depend on how the ledger
// module is organised. Export streams from the database instead: export_job.hpp.
#pragma once
#include "core/result.hpp"
#include "ledger/exchange.hpp"
#include "store/store.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hz::model {

struct ImportOutcome {
  long long records = 0; // records added or changed
  std::string summary;   // Chinese, for the notice
};

// A ledger file (as stored: plain or gzip) imported a piece at a time, so that the page stays
// responsive with a progress bar: each step checks and applies the next part of the file inside
// one open transaction (ledger::LedgerImport). finish() commits when the file is clean; cancel(),
// a problem or destruction roll back, leaving the database exactly as it was.
class LedgerImportJob {
public:
  static Result<std::unique_ptr<LedgerImportJob>> start(store::Store& store, std::string bytes, std::string fileName);
  // Works for about `millis` (or on `bytes` bytes of the file when > 0, for tests). True once
  // the whole file is read (or it is known to be unusable): then call finish().
  bool step(double millis, size_t bytes = 0);
  double progress() const { return m_size == 0 ? 1.0 : double(m_at) / double(m_size); }
  uint64_t bytesRead() const { return m_at; }
  uint64_t size() const { return m_size; }
  const std::string& fileName() const { return m_name; }
  // Commits, or names every problem (then nothing was changed). A first file of an office pins its
  // key (the summary shows the fingerprint, to check on the phone). A signed file whose key is not
  // the one pinned for its office is a Forbidden error: keyQuestions() says what changed and the
  // job waits, its transaction open, for acceptKeyChanges() and finish() again, or cancel().
  Result<ImportOutcome> finish();
  const std::vector<ledger::KeyQuestion>& keyQuestions() const { return m_questions; }
  void acceptKeyChanges(const std::string& actor);
  void cancel();

private:
  LedgerImportJob() = default;
  std::unique_ptr<ledger::LedgerImport> m_import;
  std::string m_bytes;
  std::string m_name;
  std::string m_prior; // the file was imported before (ledger::priorImport): nothing to do
  size_t m_at = 0, m_size = 0;
  bool m_done = false;
  bool m_ended = false; // the file's end was fed (finish() may run again after a key question)
  ledger::TrustOptions m_trust;
  std::vector<ledger::KeyQuestion> m_questions;
};

// The same in one go (tests, small files).
Result<ImportOutcome> importLedgerBytes(store::Store& store, std::string bytes, const std::string& fileName);

} // namespace hz::model
