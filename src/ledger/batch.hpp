// A batch of domain commands (`hazard-ledger apply --db DB --as OPERATOR FILE.jsonl`): one JSON
// object per line, applied in order as one operator in one transaction — all of them or none.
// Scripted bulk changes and the multi-office simulation use it. Every command goes through the
// same store operations as the app (validation, workflow rules, history events).
//
//   {"op":"create","kind":"hazard","ref":"h1","record":{...fields by their ledger JSON names...}}
//   {"op":"update","kind":"hazard","id":"@h1","set":{"measures":"…"}}        (or "number":"…")
//   {"op":"action","id":"@h1","action":"start|submit|verify|reject|reopen|submit_review|approve|return",
//    "date":"2026-12-01","note":"…","person":"…"}
//
// "kind" is a record kind name (enterprise, inspection, hazard, work_injury, standard). "id" is a
// record id, or "@ref" for a record created earlier in the batch; a field value "@ref" (e.g. a
// hazard's enterprise_id) is replaced by that record's id too. Blank lines and lines starting with
// # are skipped.
#pragma once
#include "core/date.hpp"
#include "ledger/ledger.hpp"
#include "store/store.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hz::ledger {

struct BatchOptions {
  std::string actor;   // the operator the history names
  core::Date today;    // for the workflow's date rules
  bool dryRun = false; // check every command, then roll back
};

struct BatchReport {
  int64_t commands = 0, created = 0, updated = 0, unchanged = 0, actions = 0;
  std::map<std::string, std::string> refs; // ref -> record id
  std::string describe() const;            // Chinese, one line
};

// Invalid error naming the line ("第 N 行"), the field and what is wrong; the database is then
// exactly as before.
Result<BatchReport> applyBatch(store::Store& db, std::string_view text, const BatchOptions& options);

} // namespace hz::ledger
