// Browser entry point: creates the GLFW/WebGL2 window, Dear ImGui with the browser's fonts,
// opens the app model (and with it the database) and runs the frame loop. Only wiring lives here:
// the platform's IME, clipboard and file services are connected to ImGui; test mode's exports are
// in test_hooks.cpp.
//
// Redraws: on input (30 frames and at least half a second, so hover, key repeat and delays such as
// the ledger's search-as-you-type settle at any refresh rate), on data change, on a platform
// event (paste, IME text, file, save state), while a job shows progress; otherwise once a second.
//
// Coordinates: the canvas backing store is CSS size x devicePixelRatio and ImGui works in those
// device pixels (emscripten's GLFW reports mouse positions in canvas pixels), with style and fonts
// scaled by the ratio, so text is sharp on 2x screens.
#include "app/test_hooks.hpp"
#include "model/app_model.hpp"
#include "platform/platform.hpp"
#include "platform/web/browser_font.hpp"
#include "ui/app_ui.hpp"
#include "ui/overlay.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_ES3
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

// web/hazard_ledger_lib.js: the page notes the time a step of the start is reached.
extern "C" void hzjs_startup_mark(const char* step);

namespace hz::generated {
std::string_view uiFontAsset(std::string_view name);
}

namespace {

struct App {
  GLFWwindow* window = nullptr;
  std::unique_ptr<hz::platform::Platform> platform;
  std::unique_ptr<hz::model::AppModel> model;
  std::unique_ptr<hz::ui::AppUi> ui;
  float pixelRatio = 0.0f;
  int fbWidth = 0, fbHeight = 0;
  int wakeFrames = 3;     // frames still to draw after the last input
  double wakeUntil = 0;   // glfwGetTime() until which every frame is drawn after the last input
  double lastDraw = -1e9; // glfwGetTime() of the last drawn frame
  bool readySignalled = false;
  bool testPanel = false;
  bool testMode = false;
  long long framesDrawn = 0;
};

App* g_app = nullptr;

void wake() {
  if (!g_app) return;
  g_app->wakeFrames = 30; // let hover, popups and key repeat settle
  g_app->wakeUntil = glfwGetTime() + 0.5;
}

// Input callbacks installed before ImGui's backend, which chains to them: any input wakes the loop.
void onCursor(GLFWwindow*, double, double) { wake(); }
void onButton(GLFWwindow*, int, int, int) { wake(); }
void onKey(GLFWwindow*, int, int, int, int) { wake(); }
void onChar(GLFWwindow*, unsigned int) { wake(); }
void onFocus(GLFWwindow*, int) { wake(); }

EM_BOOL onWheel(int, const EmscriptenWheelEvent* ev, void*) {
  // Same steps as imgui_impl_glfw's Emscripten wheel handler (GLFW's own quantizes too coarsely).
  float k = ev->deltaMode == DOM_DELTA_PIXEL ? 1.0f / 100.0f : ev->deltaMode == DOM_DELTA_LINE ? 1.0f / 3.0f : 80.0f;
  ImGui::GetIO().AddMouseWheelEvent(float(ev->deltaX) * -k, float(ev->deltaY) * -k);
  wake();
  return EM_TRUE;
}

// IME (hidden textarea at the caret), clipboard and committed text go through the platform.
void installPlatformIo(hz::platform::Platform& platform) {
  ImGuiPlatformIO& pio = ImGui::GetPlatformIO();
  pio.Platform_SetImeDataFn = [](ImGuiContext*, ImGuiViewport*, ImGuiPlatformImeData* d) {
    if (g_app)
      g_app->platform->setTextInputArea(d->WantVisible || d->WantTextInput, d->InputPos.x, d->InputPos.y,
                                        d->InputLineHeight);
  };
  pio.Platform_SetClipboardTextFn = [](ImGuiContext*, const char* text) {
    if (g_app && text) g_app->platform->setClipboardText(text);
  };
  pio.Platform_GetClipboardTextFn = [](ImGuiContext*) -> const char* {
    static std::string text;
    text = g_app ? g_app->platform->clipboardText() : std::string();
    return text.c_str();
  };
  platform.setTextHandler([](const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    wake();
  });
}

// The browser draws the glyphs (platform/web/browser_font.hpp); the embedded subset is the
// fallback for a browser without a Chinese font. Returns what the user must be told, if anything.
std::string loadFont() {
  return hz::platform::web::addUiFont(hz::generated::uiFontAsset("ui-font.otf"), hz::ui::theme::kBaseFontSize);
}

// Keeps the canvas at CSS size x devicePixelRatio; re-scales the style when the ratio changes.
void syncViewport(App& app) {
  const hz::platform::Viewport vp = app.platform->viewport();
  const int w = static_cast<int>(vp.cssWidth * vp.pixelRatio + 0.5f);
  const int h = static_cast<int>(vp.cssHeight * vp.pixelRatio + 0.5f);
  if (w != app.fbWidth || h != app.fbHeight) {
    app.fbWidth = w;
    app.fbHeight = h;
    app.platform->setCanvasPixelSize(w, h);
    wake();
  }
  if (vp.pixelRatio != app.pixelRatio) {
    app.pixelRatio = vp.pixelRatio;
    hz::ui::theme::apply(vp.pixelRatio);
    wake();
  }
}

void frame(void* arg) {
  App& app = *static_cast<App*>(arg);
  syncViewport(app);
  if (app.platform->consumeWake()) wake();
  if (app.model->currentJob()) app.wakeFrames = std::max(app.wakeFrames, 2);
  const double now = glfwGetTime();
  if (app.wakeFrames <= 0 && now >= app.wakeUntil && !app.model->consumeChanged() && now - app.lastDraw < 1.0) return;
  if (app.wakeFrames > 0) --app.wakeFrames;
  app.lastDraw = now;
  const double started = app.testMode ? emscripten_get_now() : 0.0;
  if (!app.readySignalled) hzjs_startup_mark("frame");

  auto& probe = hz::ui::TestProbe::instance();
  try {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    probe.beginFrame();
    ImGui::NewFrame();
    app.model->tick();
    hz::ui::drawTopBanner(*app.model, app.pixelRatio);
    app.ui->draw(*app.model, app.pixelRatio);
    hz::ui::drawOverlay(*app.model, app.pixelRatio, app.testPanel);
    app.model->setCurrentScreen(app.ui->currentScreen().title(), app.ui->currentScreen().id());
    ImGui::Render();
  } catch (const std::exception& e) {
    // Last-resort guard: keep the data safe and tell the user; the next frame starts clean.
    std::fprintf(stderr, "frame failed: %s\n", e.what());
    ImGui::EndFrame();
    return;
  }
  int dw = 0, dh = 0;
  glfwGetFramebufferSize(app.window, &dw, &dh);
  glViewport(0, 0, dw, dh);
  glClearColor(0.95f, 0.96f, 0.97f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (app.testMode) hz::app::testmode::frameDrawn(emscripten_get_now() - started);
  probe.endFrame();
  ++app.framesDrawn;
  if (!app.readySignalled) {
    app.readySignalled = true;
    app.platform->signalReady();
  }
}

} // namespace

int main() {
  static App app;
  g_app = &app;
  app.platform = hz::platform::createPlatform();
  const hz::platform::LaunchOptions launch = app.platform->launchOptions();

  if (!glfwInit()) {
    app.platform->showFatal("无法初始化窗口系统（GLFW）。");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  const hz::platform::Viewport vp = app.platform->viewport();
  app.window = glfwCreateWindow(int(vp.cssWidth * vp.pixelRatio), int(vp.cssHeight * vp.pixelRatio), "隐患台账",
                                nullptr, nullptr);
  if (!app.window) {
    app.platform->showFatal("无法创建 WebGL 2 绘图环境。请开启浏览器的硬件加速后重试。");
    return 1;
  }
  glfwMakeContextCurrent(app.window);
  hzjs_startup_mark("window");
  glfwSetCursorPosCallback(app.window, onCursor);
  glfwSetMouseButtonCallback(app.window, onButton);
  glfwSetKeyCallback(app.window, onKey);
  glfwSetCharCallback(app.window, onChar);
  glfwSetWindowFocusCallback(app.window, onFocus);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr; // layout is fixed; nothing to keep in the browser's storage
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  hz::ui::TestProbe::instance().setEnabled(launch.testMode);
  ImGui_ImplGlfw_InitForOpenGL(app.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  emscripten_set_wheel_callback("#canvas", nullptr, false, onWheel);
  installPlatformIo(*app.platform);
  const std::string fontNotice = loadFont();
  hzjs_startup_mark("font");

  auto model = hz::model::AppModel::open(*app.platform, launch);
  if (!model) {
    app.platform->showFatal(model.error().describe());
    return 1;
  }
  app.model = std::move(model.value());
  hzjs_startup_mark("model");
  if (!fontNotice.empty()) app.model->setNotice(fontNotice);
  if (launch.testMode) hz::app::testmode::attach(*app.model, app.framesDrawn, app.pixelRatio);
  app.testPanel = launch.testPanel;
  app.testMode = launch.testMode;
  app.ui = std::make_unique<hz::ui::AppUi>();
  syncViewport(app);
  emscripten_set_main_loop_arg(frame, &app, 0, false);
  return 0;
}
