// 关于 dialog: version, SQLite and Dear ImGui versions, where the data is kept.
#pragma once
#include "ui/app_context.hpp"

namespace hz::ui {

class AboutPopup {
public:
  void open() { m_openRequested = true; }
  void draw(AppContext& ctx);

private:
  bool m_openRequested = false;
};

} // namespace hz::ui
