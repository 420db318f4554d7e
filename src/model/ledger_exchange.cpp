// Ledger file import for the browser app over src/ledger: readLedger + importLedgers (validated
// against the database, all or nothing).
#include "model/ledger_exchange.hpp"

#include "ledger/exchange.hpp"
#include "ledger/reader.hpp"
#include "ledger/validate.hpp"

#include <vector>

namespace hz::model {

Result<ImportOutcome> importLedgerBytes(store::Store& store, std::string bytes, const std::string& fileName) {
  auto import = ledger::LedgerImport::begin(store);
  if (!import) return import.error();
  (*import)->startFile(fileName);
  (void)(*import)->feed(bytes); // checked and applied as read: no parsed copy of the file is held
  std::string().swap(bytes);
  auto r = (*import)->commit();
  const std::vector<ledger::LedgerInput> inputs = (*import)->takeFiles();
  if (!r) {
    std::string text = "未能导入 " + fileName + "：";
    const auto& problems = inputs[0].read.problems;
    if (problems.empty()) {
      text += r.error().describe();
    } else {
      for (size_t i = 0; i < problems.size() && i < 5; ++i) text += "\n" + ledger::problemLine(fileName, problems[i]);
      if (problems.size() > 5) text += "\n……共 " + std::to_string(problems.size()) + " 处问题";
    }
    return Error::make(ErrorCode::Invalid, text);
  }
  ImportOutcome out;
  for (const auto& k : r.value().kinds) out.records += k.added + k.updated;
  out.summary = "已导入 " + fileName + "\n" + r.value().describe();
  return out;
}

} // namespace hz::model
