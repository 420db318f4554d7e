// Lookup lists the screens need every frame (townships, enterprises, dictionary values,
// standards), read from the store once per data generation instead of once per frame.
#pragma once
#include "core/model.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hz::store {
class Store;
}

namespace hz::ui {

struct TownshipInfo {
  std::string code; // 9-digit division code
  std::string name; // 东湖街道
};

struct EnterpriseInfo {
  std::string id, name, uscc, divisionCode, industry;
  bool retired = false;
};

class Catalog {
public:
  void refresh(store::Store& store, uint64_t generation); // no-op when generation is unchanged

  const std::vector<TownshipInfo>& townships() const { return m_townships; }
  const std::vector<std::string>& townshipLabels() const { return m_townshipLabels; }
  std::string townshipName(const std::string& divisionCode) const;  // code itself when unknown
  std::string townshipLabel(const std::string& divisionCode) const; // "东湖街道（320102001）"
  std::string codeOfTownshipLabel(const std::string& label) const;

  const std::vector<EnterpriseInfo>& enterprises() const { return m_enterprises; }
  const EnterpriseInfo* enterprise(const std::string& id) const;
  std::string enterpriseName(const std::string& id) const;

  // Dictionary values of a kind, children as "父/子" after their parent (retired ones left out).
  const std::vector<std::string>& values(const std::string& kind) const;

  // The name of an office (record origins, conflict sources); the id itself when unknown.
  std::string officeName(const std::string& officeId) const;

  const std::vector<core::Standard>& standards() const { return m_standards; }
  const core::Standard* standard(const std::string& id) const;
  std::string standardLabel(const std::string& id) const; // "标题（文号）"

private:
  uint64_t m_generation = 0;
  std::vector<TownshipInfo> m_townships;
  std::vector<std::string> m_townshipLabels;
  std::vector<EnterpriseInfo> m_enterprises;
  std::map<std::string, size_t> m_enterpriseIndex;
  std::map<std::string, std::vector<std::string>> m_values;
  std::vector<core::Standard> m_standards;
  std::map<std::string, std::string> m_officeNames;
};

} // namespace hz::ui
