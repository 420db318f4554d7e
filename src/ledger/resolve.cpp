// resolveConflict(): marks a conflict resolved, restoring the losing version when asked.
#include "ledger/resolve.hpp"

#include "core/record_fields.hpp"
#include "ledger/exchange.hpp"
#include "ledger/record_json.hpp"
#include "store/import_apply.hpp"

namespace hz::ledger {

std::string loserRev(const store::StoredConflict& c) { return c.winnerRev == c.localRev ? c.incomingRev : c.localRev; }

Status resolveConflict(store::Store& s, const std::string& conflictId, ConflictChoice choice,
                       const std::string& actor) {
  auto all = store::listConflicts(s, false);
  if (!all) return all.error();
  const store::StoredConflict* found = nullptr;
  for (const auto& c : all.value())
    if (c.id == conflictId) found = &c;
  if (!found) return Error::make(ErrorCode::NotFound, "找不到该冲突记录：" + conflictId);
  if (!found->resolvedAt.empty())
    return Error::make(ErrorCode::Conflict, "该冲突已经处理过（" + found->resolution + "）");
  store::StoredConflict c = *found;
  Kind kind;
  if (!kindFromName(c.recordKind, kind)) return Error::make(ErrorCode::Format, "冲突的记录类型无效：" + c.recordKind);

  auto tx = store::Transaction::begin(s.db());
  if (!tx) return tx.error();
  auto apply = store::ImportApply::open(s);
  if (!apply) return apply.error();
  auto current = storedRecord(s, kind, c.recordId);
  if (!current) return current.error();

  core::HistoryEvent e;
  e.recordKind = c.recordKind;
  e.recordId = c.recordId;
  e.action = "conflict_resolve";
  e.actor = actor;
  e.prevRev = current->meta.rev;
  if (choice == ConflictChoice::UseOther) {
    auto loser = conflictLoser(c);
    if (!loser) return Error::invalid("冲突中保存的另一版本无法读取", loser.error().problems);
    const Record& other = loser.value();
    const core::RecordMeta meta = s.restamp(current->meta);
    if (auto st = apply->putRecord(c.recordKind, meta, other.fields, true); !st) return st;
    e.newRev = meta.rev;
    e.changes = core::diffFields(current->fields, other.fields);
    e.note = "处理合并冲突：改用另一版本（" + loserRev(c) + "）";
  } else {
    e.newRev = current->meta.rev;
    e.note = "处理合并冲突：确认保留当前版本（" + c.winnerRev + "）";
  }
  if (auto ev = s.appendEvent(e); !ev) return ev.error();
  c.resolvedAt = s.nowTimestamp();
  c.resolvedBy = actor;
  c.resolution = choice == ConflictChoice::UseOther ? "reversed" : "confirmed";
  if (auto put = apply->putConflict(c); !put) return put.error();
  return tx->commit();
}

} // namespace hz::ledger
