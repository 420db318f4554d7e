// 数据交换: export the ledger file, import (picker or drop) with the per-kind report shown by the
// app, and the list of merge conflicts where a person picks the version to keep.
#pragma once
#include "ledger/conflict_view.hpp"
#include "ui/popups/conflict_compare.hpp"
#include "ui/screen.hpp"

#include <string>
#include <vector>

namespace hz::ui {

class ExchangeScreen final : public Screen {
public:
  const char* id() const override { return "exchange"; }
  const char* title() const override { return "数据交换"; }
  void draw(AppContext& ctx) override;

private:
  void drawConflicts(AppContext& ctx);
  void drawChangeFiles(AppContext& ctx);
  void resolve(AppContext& ctx, const std::string& conflictId, bool useOther);

  model::StampWatch m_watch; // reload when the data changed
  std::vector<ledger::ConflictView> m_conflicts;
  ConflictCompare m_compare;
  std::string m_error, m_message;
  bool m_showResolved = false;
  std::vector<ledger::SentChanges> m_recipients; // change files sent, per recipient
  std::vector<std::string> m_suggestions;        // offices whose files were imported
  std::string m_recipient;                       // a new recipient being typed
};

} // namespace hz::ui
