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

// 发送单位的密钥已更换: shown while an import waits for the user's decision on a changed key.
void drawKeyChangePopup(AppContext& ctx);

} // namespace hz::ui
