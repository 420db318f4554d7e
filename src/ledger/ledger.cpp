// Kind names and typed views of ledger records (see ledger.hpp).
#include "ledger/ledger.hpp"

namespace hz::ledger {

namespace {
template <typename T> T typed(const Record& r) {
  T out{};
  out.meta = r.meta;
  (void)core::fromFields(r.fields, out); // fields were checked when the record was read
  return out;
}
} // namespace

const char* kindName(Kind k) { return core::kindInfo(k).name; }
const char* arrayName(Kind k) { return core::kindInfo(k).array; }
const char* kindLabel(Kind k) { return core::kindInfo(k).label; }

bool kindFromName(std::string_view name, Kind& out) {
  const core::RecordKindInfo* k = core::kindByName(name);
  if (k) out = k->kind;
  return k != nullptr;
}

bool kindFromArrayName(std::string_view name, Kind& out) {
  const core::RecordKindInfo* k = core::kindByArray(name);
  if (k) out = k->kind;
  return k != nullptr;
}

std::string conflictId(Kind kind, const std::string& recordId, const std::string& loserRev) {
  return std::string(kindName(kind)) + ":" + recordId + ":" + loserRev;
}

core::Enterprise toEnterprise(const Record& r) { return typed<core::Enterprise>(r); }
core::Inspection toInspection(const Record& r) { return typed<core::Inspection>(r); }
core::Hazard toHazard(const Record& r) { return typed<core::Hazard>(r); }
core::WorkInjury toWorkInjury(const Record& r) { return typed<core::WorkInjury>(r); }
core::Standard toStandard(const Record& r) { return typed<core::Standard>(r); }

} // namespace hz::ledger
