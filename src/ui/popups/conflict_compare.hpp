// 对比两个版本: a merge conflict's two versions side by side, every field, the differing ones
// marked, with who made each version, when and in which office; the person decides here too.
#pragma once
#include "ledger/conflict_view.hpp"
#include "ui/app_context.hpp"

#include <optional>

namespace hz::ui {

class ConflictCompare {
public:
  enum class Choice { None, KeepCurrent, UseOther };
  void open(const ledger::ConflictView& v) {
    m_view = v;
    m_openRequested = true;
  }
  // Draws the modal when open; returns the person's decision in the frame it is made (the
  // conflict is then decidedId()).
  Choice draw(AppContext& ctx);
  const std::string& decidedId() const { return m_decidedId; }

private:
  std::string m_decidedId;
  std::optional<ledger::ConflictView> m_view;
  bool m_openRequested = false;
};

} // namespace hz::ui
