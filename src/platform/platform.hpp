// Platform services the app needs from its host (browser or native stand-in), passed into the
// app rather than reached as globals. Implementations: platform/web (browser), platform/native.
#pragma once
#include <memory>
#include <string>

namespace hz::platform {

// How the page was opened (URL parameters in the browser).
struct LaunchOptions {
  bool testMode = false;   // ?test=1: publish window.hazardLedger.items/state/query
  std::string office;      // ?office=NAME (test mode): office identity without the wizard
  std::string division;    // ?division=CODE
};

// The drawable area: CSS pixels and the device pixel ratio.
struct Viewport {
  int cssWidth = 1280;
  int cssHeight = 800;
  float pixelRatio = 1.0f;
};

class Platform {
public:
  virtual ~Platform() = default;
  virtual LaunchOptions launchOptions() = 0;
  virtual Viewport viewport() = 0;
  // Sets the drawing buffer to w x h device pixels (the CSS size stays the page's).
  virtual void setCanvasPixelSize(int w, int h) = 0;
  // Called once the database is open and the first frame has been drawn.
  virtual void signalReady() = 0;
  // Shows a fatal problem to the user outside the canvas (e.g. the database could not open).
  virtual void showFatal(const std::string& message) = 0;
  virtual void setClipboardText(const std::string& text) = 0;
};

std::unique_ptr<Platform> createPlatform();

} // namespace hz::platform
