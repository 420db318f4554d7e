// Weekly change files (docs/ledger-format.md, *Change files*): what an office sent to each
// recipient, what it received from each sender, and the gaps an out-of-order file leaves in the
// history, named by the file that is missing. Kept in the database's settings, in the same
// transaction as the import that they describe.
#pragma once
#include "ledger/exchange.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace hz::ledger {

// The last change file sent to a recipient.
struct SentChanges {
  std::string recipient;
  int64_t number = 0;     // of the last file (0: none yet)
  int64_t seq = 0;        // local history sequence it covered (0 after a reset: the next holds everything)
  std::string exportedAt; // of the last file
  std::string file;       // its name
};

Result<std::vector<SentChanges>> sentChanges(store::Store& db); // by recipient
// Export options for the next change file to `recipient` (everything when none was sent or after a
// reset), and the history mark to record once the file is written.
struct NextChangeFile {
  ExportOptions options;
  int64_t markSeq = 0;
};
Result<NextChangeFile> nextChangeFile(store::Store& db, const std::string& recipient);
// Remembers a written change file (call only when the file is complete).
Status recordSent(store::Store& db, const NextChangeFile& next, const std::string& exportedAt, const std::string& file);
// The next file to `recipient` holds everything again (its number continues).
Status resetRecipient(store::Store& db, const std::string& recipient);

// Change-file numbers received from a sender office (by office id), ascending.
Result<std::vector<int64_t>> receivedChanges(store::Store& db, const std::string& senderId);

// Where each chain (origin) of a file starts: the prev_hash of its first event in the file.
struct ChainStarts {
  const LedgerInput* input = nullptr;
  std::vector<std::pair<std::string, std::string>> starts; // (origin, prev_hash), prev_hash not empty
};
// Inside the import's transaction, once every file's history is in: the chains that continue
// from an event the database does not hold, each as a Chinese warning naming the missing change
// file(s) when the numbering tells (else asking for a full file). Call before recordReceived().
Result<std::vector<std::string>> historyGaps(store::Store& db, const std::vector<ChainStarts>& files);
// Inside the import's transaction: notes the numbers of the change files imported.
Status recordReceived(store::Store& db, const std::vector<const LedgerInput*>& inputs);

} // namespace hz::ledger
