// libFuzzer target: read + validate arbitrary bytes as a ledger file (no database). Any crash,
// sanitizer report, hang or out-of-memory is a bug: every input must end in problems or a ledger.
#include "ledger/validate.hpp"
#include "ledger/writer.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  hz::ledger::ReadResult r = hz::ledger::checkLedger(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!r.fatal && r.problems.empty()) {
    // A valid ledger must survive a write/read round trip unchanged.
    std::string text = hz::ledger::writeLedger(r.ledger);
    hz::ledger::ReadResult again = hz::ledger::checkLedger(text);
    if (again.fatal || !again.problems.empty() || hz::ledger::writeLedger(again.ledger) != text) __builtin_trap();
  }
  return 0;
}
