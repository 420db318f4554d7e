// Browser implementation of hz::platform::Platform. The JavaScript side is web/hazard_ledger_lib.js
// (linked with --js-library). Implemented: launch options, viewport + devicePixelRatio, ready
// signal, fatal message, clipboard write. Missing (later issues): persistence, files, IME, locks.
#include "platform/platform.hpp"

#include <cstdlib>

extern "C" {
// Implemented in web/hazard_ledger_lib.js.
int hzjs_test_mode();
char* hzjs_url_param(const char* name); // malloc'd UTF-8, or null
void hzjs_viewport(int* cssWidth, int* cssHeight, float* ratio);
void hzjs_signal_ready();
void hzjs_resize_canvas(int w, int h);
void hzjs_show_fatal(const char* message);
void hzjs_set_clipboard(const char* text);
}

namespace hz::platform {
namespace {

std::string takeString(char* p) {
  if (!p) return {};
  std::string s(p);
  std::free(p);
  return s;
}

class WebPlatform final : public Platform {
public:
  LaunchOptions launchOptions() override {
    LaunchOptions o;
    o.testMode = hzjs_test_mode() != 0;
    o.office = takeString(hzjs_url_param("office"));
    o.division = takeString(hzjs_url_param("division"));
    return o;
  }
  Viewport viewport() override {
    Viewport v;
    hzjs_viewport(&v.cssWidth, &v.cssHeight, &v.pixelRatio);
    return v;
  }
  void setCanvasPixelSize(int w, int h) override { hzjs_resize_canvas(w, h); }
  void signalReady() override { hzjs_signal_ready(); }
  void showFatal(const std::string& message) override { hzjs_show_fatal(message.c_str()); }
  void setClipboardText(const std::string& text) override { hzjs_set_clipboard(text.c_str()); }
};

} // namespace

std::unique_ptr<Platform> createPlatform() { return std::make_unique<WebPlatform>(); }

} // namespace hz::platform
