// Base class of the screens reached from the navigation (ImHex's View): the base owns the
// content region; each screen implements only what it draws inside it.
#pragma once
#include "ui/app_context.hpp"

namespace hz::ui {

class Screen {
public:
  virtual ~Screen() = default;
  virtual const char* id() const = 0;    // stable English key, e.g. "ledger"
  virtual const char* title() const = 0; // navigation label, e.g. "隐患台账"
  virtual void draw(AppContext& ctx) = 0;
  // Whether the navigation shows it (e.g. 审核 only for offices that receive ledgers).
  virtual bool visible(const AppContext&) const { return true; }
};

} // namespace hz::ui
