// Shared pieces of the hazard-ledger commands: argument parsing (usage errors exit 2), output of
// problems as "FILE: RECORD-ID: FIELD: message", and the command entry points.
#pragma once
#include "core/date.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

#include <map>
#include <string>
#include <vector>

namespace hz::cli {

enum Exit { kOk = 0, kInvalid = 1, kUsage = 2 };

struct Args {
  std::map<std::string, std::string> options; // "--db" -> value; flags -> "1"
  std::vector<std::string> positional;
  bool has(const std::string& o) const { return options.count(o) > 0; }
  std::string get(const std::string& o) const {
    auto it = options.find(o);
    return it == options.end() ? std::string() : it->second;
  }
};

// Parses argv[first..]: `valued` options take the next argument, `flags` take none. Prints a
// usage error (Chinese + English) and returns false for anything else.
bool parseArgs(int argc, char** argv, int first, const std::vector<std::string>& valued,
               const std::vector<std::string>& flags, Args& out);
int usageError(const std::string& zh, const std::string& en);
bool endsWith(const std::string& s, const std::string& suffix);
// Opens an existing database (never creates one by accident).
Result<store::Store> openExisting(const std::string& path);
// --today (default: today in China); false after printing a usage error.
bool todayOption(const Args& a, core::Date& out);

int cmdInit(const Args& a);
int cmdGenerate(const Args& a);
int cmdValidate(const Args& a);
int cmdImport(const Args& a);
// Sheet import (commands_sheet.cpp): is the file a spreadsheet, and import one.
bool isSheetFile(const std::string& path);
int importSheet(const Args& a, store::Store& db, const std::string& path);
int cmdExport(const Args& a);
int cmdMerge(const Args& a);
int cmdConflicts(const Args& a);
// verify --db DB: Store::verifyHistory (hash chains of every office); exit 1 when it fails.
int cmdVerify(const Args& a);
int cmdApply(const Args& a);
int cmdStats(const Args& a);
int cmdBulletin(const Args& a);
int cmdReport(const Args& a);
int cmdAssess(const Args& a);
// keys show|export|import|trust (commands_keys.cpp): this office's key and the trust list.
int cmdKeys(const Args& a);
// export -o FILE.xlsx|FILE.csv: the 明细表 (called by cmdExport).
int exportSheet(const Args& a);

} // namespace hz::cli
