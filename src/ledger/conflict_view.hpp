// Merge conflicts as people read them: the record as they know it (隐患编号 + 企业 + description,
// or the firm's name and USCC), each differing field with both values side by side, and for both
// versions who made it, when (to the second, China time) and in which office (by name), plus the
// file that brought the conflict. Shared by 数据交换 and `hazard-ledger conflicts`.
#pragma once
#include "ledger/ledger.hpp"
#include "store/import_apply.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace hz::ledger {

struct ConflictVersion {
  std::string rev;
  std::string actor; // who made this version ("" when its event did not reach this office)
  std::string at;    // "2026-12-01 14:58:07" (China time)
  std::string officeId;
  std::string officeName; // the office id when its name is unknown
  Record record;          // the whole version
};

struct ConflictField {
  std::string field;   // JSON name
  std::string label;   // 整改措施
  std::string current; // value in the version kept now ("" shown as （空）)
  std::string other;   // value in the other version
};

struct ConflictView {
  store::StoredConflict stored;
  Kind kind = Kind::Hazard;
  std::string title; // e.g. 320102003-2026-KQTM-0042 · 南京某某机械有限公司 · 二车间动火作业未办理…
  ConflictVersion current;           // the record as it is now (the merge's winner, or a later edit)
  ConflictVersion other;             // the version that lost the merge
  std::vector<ConflictField> fields; // fields whose values differ, in field order
  std::string sourceOffice;          // name of the office whose file brought the conflict
  std::string sourceFile;            // that file's name ("" for conflicts stored before schema v5)
};

// Every stored conflict (open first), described. `openOnly` leaves out resolved ones.
Result<std::vector<ConflictView>> describeConflicts(store::Store& db, bool openOnly);

// A field value for people: 是/否 for booleans, （空） for empty text.
std::string displayValue(const std::string& value);

// Several lines of plain text for one conflict (the CLI's `conflicts` output).
std::string conflictText(const ConflictView& v);

} // namespace hz::ledger
