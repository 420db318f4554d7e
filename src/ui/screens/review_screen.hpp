// 审核: for offices that receive ledgers (县区, 市) — hazards reported by other offices awaiting
// review; approve, or return with a reason (the township sees it flagged after the next exchange).
#pragma once
#include "store/queries.hpp"
#include "ui/screen.hpp"

#include <map>
#include <string>

namespace hz::ui {

class ReviewScreen final : public Screen {
public:
  const char* id() const override { return "review"; }
  const char* title() const override { return "审核"; }
  bool visible(const AppContext& ctx) const override;
  void draw(AppContext& ctx) override;

private:
  void decide(AppContext& ctx, const core::Hazard& h, bool approve);

  model::StampWatch m_watch; // reload when the data changed
  store::HazardPage m_page;
  std::string m_error, m_message;
  std::map<std::string, std::string> m_reasons; // hazard id -> reason typed for 退回
};

} // namespace hz::ui
