// Lookups in the registry of record kinds (see record_kinds.hpp). The typed field lists
// (RecordKindInfo::fields) are defined next to the field tables, in record_fields.cpp.
#include "core/record_kinds.hpp"

namespace hz::core {

static_assert(sizeof kRecordKindInfo / sizeof kRecordKindInfo[0] == kRecordKindCount);

namespace {
constexpr bool registryInOrder() {
  for (size_t i = 0; i < kRecordKindCount; ++i) {
    if (kRecordKindInfo[i].kind != kRecordKinds[i] || static_cast<size_t>(kRecordKinds[i]) != i) return false;
  }
  return true;
}
static_assert(registryInOrder(), "kRecordKindInfo and kRecordKinds are indexed by RecordKind");
} // namespace

const RecordKindInfo* kindByName(std::string_view name) {
  for (const auto& k : kRecordKindInfo) {
    if (name == k.name) return &k;
  }
  return nullptr;
}

const RecordKindInfo* kindByArray(std::string_view array) {
  for (const auto& k : kRecordKindInfo) {
    if (array == k.array) return &k;
  }
  return nullptr;
}

bool isHistoryKind(std::string_view name) {
  return kindByName(name) != nullptr || name == kKindOffice || name == kKindDictionary;
}

} // namespace hz::core
