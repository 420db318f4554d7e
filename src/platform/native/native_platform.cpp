// Native stand-in for hz::platform::Platform: used where the app logic runs outside a browser
// (tools, future native UI tests). Viewport is fixed, the clipboard is kept in memory.
#include "platform/platform.hpp"

#include <cstdio>

namespace hz::platform {
namespace {

class NativePlatform final : public Platform {
public:
  LaunchOptions launchOptions() override { return {}; }
  Viewport viewport() override { return {}; }
  void setCanvasPixelSize(int, int) override {}
  void signalReady() override {}
  void showFatal(const std::string& message) override { std::fprintf(stderr, "%s\n", message.c_str()); }
  void setClipboardText(const std::string& text) override { m_clipboard = text; }

private:
  std::string m_clipboard;
};

} // namespace

std::unique_ptr<Platform> createPlatform() { return std::make_unique<NativePlatform>(); }

} // namespace hz::platform
