// Kind names and typed views of ledger records (see ledger.hpp).
#include "ledger/ledger.hpp"

namespace hz::ledger {

namespace {
struct KindNames {
  const char* kind;
  const char* array;
  const char* label;
};
const KindNames kNames[kKindCount] = {{"enterprise", "enterprises", "企业"},
                                      {"inspection", "inspections", "检查记录"},
                                      {"hazard", "hazards", "隐患"},
                                      {"work_injury", "work_injuries", "工伤事件"},
                                      {"standard", "standards", "判定标准"}};

template <typename T>
T typed(const Record& r) {
  T out{};
  out.meta = r.meta;
  (void)core::fromFields(r.fields, out); // fields were checked when the record was read
  return out;
}
} // namespace

const char* kindName(Kind k) { return kNames[static_cast<size_t>(k)].kind; }
const char* arrayName(Kind k) { return kNames[static_cast<size_t>(k)].array; }
const char* kindLabel(Kind k) { return kNames[static_cast<size_t>(k)].label; }

bool kindFromName(std::string_view name, Kind& out) {
  for (Kind k : kKinds) {
    if (name == kindName(k)) {
      out = k;
      return true;
    }
  }
  return false;
}

bool kindFromArrayName(std::string_view name, Kind& out) {
  for (Kind k : kKinds) {
    if (name == arrayName(k)) {
      out = k;
      return true;
    }
  }
  return false;
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
