// Requests that cross screens (screens never include each other): switch screen, open the ledger
// with a filter (dashboard drill-down), open or create a hazard, open an enterprise dossier.
// AppUi and the screens consume them; each request is taken once.
#pragma once
#include "core/model.hpp"
#include "store/queries.hpp"

#include <optional>
#include <string>

namespace hz::ui {

struct LedgerRequest {
  store::HazardFilter filter;
  std::string caption; // shown above the table, e.g. "乡镇街道：东湖街道"
};

class Navigator {
public:
  void showScreen(std::string id) { m_screen = std::move(id); }
  void showLedger(store::HazardFilter filter, std::string caption) {
    m_ledger = LedgerRequest{std::move(filter), std::move(caption)};
    m_screen = "ledger";
  }
  void openHazard(std::string id) { m_openHazard = std::move(id); }
  void newHazard(core::Hazard prefill) { m_newHazard = std::move(prefill); }
  void openEnterprise(std::string id) {
    m_enterprise = std::move(id);
    m_screen = "enterprises";
  }

  std::optional<std::string> takeScreen() { return take(m_screen); }
  std::optional<LedgerRequest> takeLedger() { return take(m_ledger); }
  std::optional<std::string> takeOpenHazard() { return take(m_openHazard); }
  std::optional<core::Hazard> takeNewHazard() { return take(m_newHazard); }
  std::optional<std::string> takeEnterprise() { return take(m_enterprise); }

private:
  template <typename T> static std::optional<T> take(std::optional<T>& v) {
    std::optional<T> out = std::move(v);
    v.reset();
    return out;
  }
  std::optional<std::string> m_screen, m_openHazard, m_enterprise;
  std::optional<LedgerRequest> m_ledger;
  std::optional<core::Hazard> m_newHazard;
};

} // namespace hz::ui
