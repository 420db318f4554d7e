// Reading a ledger file as a stream: bytes go in piece by piece (plain or gzip, recognised by the
// first bytes), a scanner checks them as the byte guard does (UTF-8, string length, nesting) and
// cuts the top-level object into single values (a header member or one array element), each
// parsed on its own and handed to a sink. Memory stays proportional to one element; the reader
// can stop after any piece and resume with the next (the browser imports a frame at a time).
// Structure and types are checked here; cross-record rules are in validate.hpp.
#pragma once
#include "ledger/ledger.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hz::ledger {

struct ReadResult {
  Ledger ledger;
  std::vector<Problem> problems; // record "" = the file itself
  bool fatal = false;            // nothing usable was read (not JSON, wrong format or version, …)
  std::string computedChecksum;  // over the canonical content as read
  // Signed files (version 3): offices whose events or records the file carries without their own
  // signature (history made before they had keys, forwarded by the signer), with how many events.
  // Not a problem by itself; the importer refuses them for an office whose key it holds.
  std::map<std::string, int64_t> unsignedOrigins;
};

// Receives what the parser reads, one element at a time in file order. readLedger() collects them
// into ReadResult::ledger; the importer applies them as they come (exchange.hpp).
class ReadSink {
public:
  virtual ~ReadSink() = default;
  virtual void record(Kind kind, Record&& r) = 0;
  // hashComputed: the file left the event's `hash` out (version 2) and the reader computed it from
  // the content, so there is nothing to check it against.
  virtual void event(core::HistoryEvent&& e, bool hashComputed) = 0;
  virtual void conflict(Conflict&& c) = 0;
};

// A ledger file read piece by piece. Header values go to out.ledger as soon as they are read
// (office and scope are known before the first record in files this program writes); records,
// events and conflicts go to the sink; problems to out.problems.
class LedgerParser {
public:
  LedgerParser(ReadResult& out, ReadSink& sink);
  ~LedgerParser();
  LedgerParser(const LedgerParser&) = delete;
  LedgerParser& operator=(const LedgerParser&) = delete;
  // The next bytes of the file as stored. False once the file is known to be unusable
  // (out.fatal): the rest need not be read.
  bool feed(std::string_view bytes);
  // The end of the file: a cut file, missing header members, the computed checksum.
  void finish();
  uint64_t bytesFed() const;    // as stored
  uint64_t bytesParsed() const; // of JSON text (inflated)

private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

// `bytes`: the file as stored, plain or gzip-compressed (recognised by its magic bytes).
ReadResult readLedger(std::string_view bytes);

// Whole file into memory, refusing files above kMaxFileBytes before reading them.
Result<std::string> readFileBytes(const std::string& path, size_t maxBytes = kMaxFileBytes);

} // namespace hz::ledger
