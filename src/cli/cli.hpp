// Shared pieces of the hazard-ledger commands: argument parsing (usage errors exit 2), output of
// problems as "FILE: RECORD-ID: FIELD: message", and the command entry points.
#pragma once
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

int cmdInit(const Args& a);
int cmdGenerate(const Args& a);
int cmdValidate(const Args& a);
int cmdImport(const Args& a);
int cmdExport(const Args& a);
int cmdMerge(const Args& a);
int cmdConflicts(const Args& a);
int cmdStats(const Args& a);

} // namespace hz::cli
