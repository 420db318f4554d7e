// Chinese names of the domain enums (the words users and ledger files use) and their parsing.
// One table per enum keeps toChinese() and fromChinese() consistent.
#include "core/model.hpp"

#include <cstddef>

namespace hz::core {

namespace {

template <typename E, size_t N> const char* nameOf(const char* const (&names)[N], E v) {
  const auto i = static_cast<size_t>(v);
  return i < N ? names[i] : "";
}

template <typename E, size_t N> bool parseName(const char* const (&names)[N], std::string_view text, E& out) {
  for (size_t i = 0; i < N; ++i) {
    if (text == names[i]) {
      out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}

// Order must follow the enum declarations in model.hpp.
const char* const kOfficeLevel[] = {"乡镇", "县区", "市"};
const char* const kEnterpriseKind[] = {"企业", "个体工商户", "渔业船舶", "建设项目", "其他"};
const char* const kHazardLevel[] = {"一般隐患", "重大隐患"};
const char* const kHazardStatus[] = {"待整改", "整改中", "待验收", "已销号"};
const char* const kReviewState[] = {"未上报", "待审核", "审核通过", "退回"};
const char* const kSupervisionLevel[] = {"无", "县", "市", "省"};

} // namespace

const char* toChinese(OfficeLevel v) { return nameOf(kOfficeLevel, v); }
const char* toChinese(EnterpriseKind v) { return nameOf(kEnterpriseKind, v); }
const char* toChinese(HazardLevel v) { return nameOf(kHazardLevel, v); }
const char* toChinese(HazardStatus v) { return nameOf(kHazardStatus, v); }
const char* toChinese(ReviewState v) { return nameOf(kReviewState, v); }
const char* toChinese(SupervisionLevel v) { return nameOf(kSupervisionLevel, v); }

bool fromChinese(std::string_view t, OfficeLevel& out) { return parseName(kOfficeLevel, t, out); }
bool fromChinese(std::string_view t, EnterpriseKind& out) { return parseName(kEnterpriseKind, t, out); }
bool fromChinese(std::string_view t, HazardLevel& out) { return parseName(kHazardLevel, t, out); }
bool fromChinese(std::string_view t, HazardStatus& out) { return parseName(kHazardStatus, t, out); }
bool fromChinese(std::string_view t, ReviewState& out) { return parseName(kReviewState, t, out); }
bool fromChinese(std::string_view t, SupervisionLevel& out) { return parseName(kSupervisionLevel, t, out); }

} // namespace hz::core
