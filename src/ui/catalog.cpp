// Catalog: cached lookups over the store, rebuilt when the data generation moves.
#include "ui/catalog.hpp"

#include "store/store.hpp"

#include <algorithm>

namespace hz::ui {

void Catalog::refresh(store::Store& store, uint64_t generation) {
  if (generation == m_generation) return;
  m_generation = generation;

  m_townships.clear();
  m_townshipLabels.clear();
  if (auto t = store.dictionary("township")) {
    for (const auto& e : t.value())
      if (!e.code.empty()) m_townships.push_back({e.code, e.value});
  }
  // A township office is itself a township: offer it even before any list is entered in 设置.
  const core::Office& office = store.office();
  if (office.divisionCode.size() == 9 &&
      std::none_of(m_townships.begin(), m_townships.end(), [&](auto& t) { return t.code == office.divisionCode; }))
    m_townships.push_back({office.divisionCode, office.name.empty() ? office.divisionCode : office.name});
  std::sort(m_townships.begin(), m_townships.end(), [](auto& a, auto& b) { return a.code < b.code; });
  for (const auto& t : m_townships) m_townshipLabels.push_back(t.name + "（" + t.code + "）");

  m_officeNames.clear();
  if (auto offices = store.knownOffices()) {
    for (const auto& [id, o] : offices.value())
      if (!o.name.empty()) m_officeNames[id] = o.name;
  }

  m_enterprises.clear();
  m_enterpriseIndex.clear();
  if (auto list = store.listEnterprises(true)) {
    for (const auto& e : list.value())
      m_enterprises.push_back({e.meta.id, e.name, e.uscc, e.divisionCode, e.industry, e.retired});
  }
  std::sort(m_enterprises.begin(), m_enterprises.end(), [](auto& a, auto& b) { return a.name < b.name; });
  for (size_t i = 0; i < m_enterprises.size(); ++i) m_enterpriseIndex[m_enterprises[i].id] = i;

  m_values.clear();
  if (auto kinds = store.dictionaryKinds()) {
    for (const auto& kind : kinds.value()) {
      auto entries = store.dictionary(kind);
      if (!entries) continue;
      auto& out = m_values[kind];
      for (const auto& e : entries.value()) {
        if (e.parent.empty()) {
          out.push_back(e.value);
          for (const auto& c : entries.value()) {
            if (c.parent != e.value) continue;
            // Children are stored as "上级/下级" (seed data, 设置); older ones may be bare.
            const bool qualified = c.value.compare(0, e.value.size() + 1, e.value + "/") == 0;
            out.push_back(qualified ? c.value : e.value + "/" + c.value);
          }
        }
      }
    }
  }
  if (auto s = store.listStandards(true)) m_standards = std::move(s.value());
}

std::string Catalog::townshipName(const std::string& code) const {
  for (const auto& t : m_townships)
    if (t.code == code) return t.name;
  return code;
}

std::string Catalog::townshipLabel(const std::string& code) const {
  if (code.empty()) return {};
  for (size_t i = 0; i < m_townships.size(); ++i)
    if (m_townships[i].code == code) return m_townshipLabels[i];
  return code;
}

std::string Catalog::codeOfTownshipLabel(const std::string& label) const {
  for (size_t i = 0; i < m_townships.size(); ++i)
    if (m_townshipLabels[i] == label) return m_townships[i].code;
  return label;
}

const EnterpriseInfo* Catalog::enterprise(const std::string& id) const {
  auto it = m_enterpriseIndex.find(id);
  return it == m_enterpriseIndex.end() ? nullptr : &m_enterprises[it->second];
}

std::string Catalog::enterpriseName(const std::string& id) const {
  const EnterpriseInfo* e = enterprise(id);
  return e ? e->name : std::string();
}

const std::vector<std::string>& Catalog::values(const std::string& kind) const {
  static const std::vector<std::string> kEmpty;
  auto it = m_values.find(kind);
  return it == m_values.end() ? kEmpty : it->second;
}

const core::Standard* Catalog::standard(const std::string& id) const {
  for (const auto& s : m_standards)
    if (s.meta.id == id) return &s;
  return nullptr;
}

std::string Catalog::standardLabel(const std::string& id) const {
  const core::Standard* s = standard(id);
  if (!s) return {};
  return s->docNumber.empty() ? s->title : s->title + "（" + s->docNumber + "）";
}

std::string Catalog::officeName(const std::string& officeId) const {
  auto it = m_officeNames.find(officeId);
  return it == m_officeNames.end() ? officeId : it->second;
}

} // namespace hz::ui
