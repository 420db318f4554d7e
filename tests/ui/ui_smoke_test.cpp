// Headless UI smoke test: hz_ui drawn natively against a Dear ImGui context with no window and
// no renderer (the texture requests of ImGui 1.92's dynamic font atlas are acknowledged here).
// Every screen, the first-run wizard, the hazard window, 关于 and a few states reached by a click
// are drawn for several frames under ASan+UBSan. Fails on a crash, an ImGui assertion, or an
// ImGui ID conflict (two items with one id in a frame: ImGui's own detector, built into the native
// hz_imgui with IMGUI_DEBUG_HIGHLIGHT_ALL_ID_CONFLICTS so it sees every item, not only the hovered one).
#include "core/date.hpp"
#include "model/app_model.hpp"
#include "platform/platform.hpp"
#include "store/sample_data.hpp"
#include "store/store.hpp"
#include "ui/app_ui.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"

#include "../support/fake_platform.hpp"
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace hz;

// The app model over a fake platform (tests/support): an in-memory database, storage state set by
// the test, files kept in memory.
struct App {
  test::FakePlatform platform;
  std::unique_ptr<model::AppModel> model;
  explicit App(bool withSample, bool readOnly = false) {
    platform.status.readOnly = readOnly;
    auto m = model::AppModel::open(platform, {});
    REQUIRE_MESSAGE(m.ok(), (m.ok() ? std::string() : m.error().describe()));
    model = std::move(m.value());
    if (withSample) {
      auto r = store::generateSample(model->store(), 11, 3, 12, 80, model->today());
      REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().describe()));
    }
  }
};

// One ImGui context, a 1280x800 display, the app's CJK font and theme; test mode on (the probe
// publishes labelled widgets, which the clicks below use).
class Headless {
public:
  Headless() {
    IMGUI_CHECKVERSION();
    m_ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigDebugHighlightIdConflicts = true;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures; // see acknowledgeTextures()
    ImFontConfig cfg;
    REQUIRE(io.Fonts->AddFontFromFileTTF(HZ_UI_FONT, ui::theme::kBaseFontSize, &cfg) != nullptr);
    ui::theme::apply(1.0f);
    ui::TestProbe::instance().setEnabled(true);
  }
  ~Headless() {
    ui::TestProbe::instance().setEnabled(false);
    ImGui::DestroyContext(m_ctx);
  }

  // One frame of the app; records every ID conflict ImGui saw.
  // One frame as the browser app draws it: the model's tick, then the UI.
  void frame(ui::AppUi& ui, model::AppModel& model) {
    frameOf(ui.currentScreen().id(), [&] {
      model.tick();
      ui.draw(model, 1.0f);
    });
  }
  template <typename Draw> void frameOf(const char* what, Draw&& draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 30.0f;
    auto& probe = ui::TestProbe::instance();
    probe.beginFrame();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    probe.endFrame();
    acknowledgeTextures();
    collectConflicts(what);
  }
  void frames(int n, ui::AppUi& ui, model::AppModel& model) {
    for (int i = 0; i < n; ++i) frame(ui, model);
  }

  // A click at the centre of the widget published under `label` in the last frame.
  bool click(const std::string& label, ui::AppUi& ui, model::AppModel& model) {
    const ui::ProbeItem* item = find(label);
    if (!item) {
      std::string seen;
      for (const auto& it : ui::TestProbe::instance().lastFrame()) seen += it.label + " | ";
      FAIL_CHECK("no widget labelled " << label << " in the last frame; seen: " << seen);
      return false;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(item->x + item->w / 2, item->y + item->h / 2);
    frame(ui, model);
    io.AddMouseButtonEvent(0, true);
    frame(ui, model);
    io.AddMouseButtonEvent(0, false);
    frames(3, ui, model);
    return true;
  }
  const ui::ProbeItem* find(const std::string& label) const {
    for (const auto& it : ui::TestProbe::instance().lastFrame())
      if (it.label == label) return &it;
    return nullptr;
  }
  const ui::ProbeItem* findPrefix(const std::string& prefix) const {
    for (const auto& it : ui::TestProbe::instance().lastFrame())
      if (it.label.rfind(prefix, 0) == 0) return &it;
    return nullptr;
  }

  const std::vector<std::string>& conflicts() const { return m_conflicts; }

private:
  // No renderer: accept every texture request of the dynamic font atlas at once (a real backend
  // uploads the pixels). Without this ImGui 1.92 would wait forever for its glyphs.
  static void acknowledgeTextures() {
    ImDrawData* dd = ImGui::GetDrawData();
    if (!dd || !dd->Textures) return;
    for (ImTextureData* tex : *dd->Textures) {
      if (tex->Status == ImTextureStatus_WantCreate) {
        tex->SetTexID(static_cast<ImTextureID>(tex->UniqueID + 1));
        tex->SetStatus(ImTextureStatus_OK);
      } else if (tex->Status == ImTextureStatus_WantUpdates) {
        tex->SetStatus(ImTextureStatus_OK);
      } else if (tex->Status == ImTextureStatus_WantDestroy && tex->UnusedFrames > 0) {
        tex->SetTexID(ImTextureID_Invalid);
        tex->SetStatus(ImTextureStatus_Destroyed);
      }
    }
  }

  // InputTextMultiline adds its id twice by design (the field, then EndChild() of its scrolling
  // child window, whose ChildId is the field's id): the all-items detector flags it, ImGui's
  // hover detector does not. Such ids are not conflicts.
  static bool isMultilineChild(ImGuiContext& g, ImGuiID id) {
    for (ImGuiWindow* w : g.Windows)
      if ((w->Flags & ImGuiWindowFlags_ChildWindow) && w->ChildId == id) return true;
    return false;
  }

  // Ids ImGui saw twice this frame (IMGUI_DEBUG_HIGHLIGHT_ALL_ID_CONFLICTS keeps them in
  // DebugDrawIdConflictsHighlightSet with the frame number), plus the hover-based detector of
  // io.ConfigDebugHighlightIdConflicts (DebugDrawIdConflictsId).
  void collectConflicts(const char* screen) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    std::set<ImGuiID> ids;
    for (const ImGuiStoragePair& p : g.DebugDrawIdConflictsHighlightSet.Data)
      if (p.val_i == g.FrameCount && !isMultilineChild(g, p.key)) ids.insert(p.key);
    if (g.DebugDrawIdConflictsId != 0) ids.insert(g.DebugDrawIdConflictsId);
    for (ImGuiID id : ids) {
      std::ostringstream out;
      out << "screen " << screen << ": id 0x" << std::hex << id << std::dec;
      for (const auto& it : ui::TestProbe::instance().lastFrame())
        if (it.id == id) out << " \"" << it.label << "\" at " << it.x << "," << it.y;
      if (m_seen.insert(out.str()).second) m_conflicts.push_back(out.str());
    }
  }

  ImGuiContext* m_ctx = nullptr;
  std::vector<std::string> m_conflicts;
  std::set<std::string> m_seen;
};

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += "\n  " + s;
  return out;
}

std::vector<std::string> screenIds() {
  std::vector<std::string> ids;
  for (const auto& s : ui::createScreens()) ids.push_back(s->id());
  return ids;
}

} // namespace

TEST_SUITE("ui.smoke") {

  TEST_CASE("the ID conflict check itself: two buttons with one label are caught, a multiline field is not") {
    Headless h;
    for (int i = 0; i < 3; ++i) {
      h.frameOf("probe", [] {
        ImGui::Begin("冲突测试");
        static std::string text = "多行";
        ImGui::InputTextMultiline("备注", &text);
        ImGui::Button("保存");
        ImGui::Button("保存");
        ImGui::End();
      });
    }
    REQUIRE(h.conflicts().size() == 1);
    CHECK(h.conflicts().front().find("\"保存\"") != std::string::npos);
  }

  TEST_CASE("first run: the wizard over an empty database") {
    Headless h;
    App app(false);
    ui::AppUi ui;
    h.frames(6, ui, *app.model);
    CHECK(h.find("下一步") != nullptr);
    CHECK_MESSAGE(h.conflicts().empty(), "ImGui ID conflicts:" << joined(h.conflicts()));
  }

  TEST_CASE("every screen with sample data, writable and read-only") {
    Headless h;
    for (bool readOnly : {false, true}) {
      CAPTURE(readOnly);
      App app(true, readOnly);
      ui::AppUi ui;
      for (const std::string& id : screenIds()) {
        CAPTURE(id);
        REQUIRE(ui.selectScreen(id.c_str()));
        h.frames(4, ui, *app.model);
        CHECK(std::string(ui.currentScreen().id()) == id);
        CHECK(!ui::TestProbe::instance().lastFrame().empty());
      }
    }
    CHECK_MESSAGE(h.conflicts().empty(), "ImGui ID conflicts:" << joined(h.conflicts()));
  }

  TEST_CASE("windows and states reached by a click") {
    Headless h;
    App app(true);
    ui::AppUi ui;
    auto frames = [&](int n) { h.frames(n, ui, *app.model); };
    auto click = [&](const std::string& label) { return h.click(label, ui, *app.model); };
    frames(3);

    SUBCASE("关于") {
      REQUIRE(click("帮助"));
      REQUIRE(click("关于"));
      frames(3);
      CHECK(h.find("关闭") != nullptr);
    }
    SUBCASE("a new hazard, then an existing one from the ledger") {
      REQUIRE(ui.selectScreen("ledger"));
      frames(3);
      REQUIRE(click("新增隐患"));
      frames(3);
      CHECK(h.findPrefix("保存") != nullptr);
    }
    SUBCASE("an existing hazard from the ledger") {
      REQUIRE(ui.selectScreen("ledger"));
      frames(3);
      auto row = h.findPrefix("320102");
      REQUIRE(row != nullptr);
      REQUIRE(click(row->label));
      frames(4);
    }
    SUBCASE("an enterprise dossier, its new hazard") {
      REQUIRE(ui.selectScreen("enterprises"));
      frames(3);
      REQUIRE(click("新增企业"));
      frames(3);
    }
    SUBCASE("forms of inspections, standards and injuries") {
      REQUIRE(ui.selectScreen("inspections"));
      frames(2);
      REQUIRE(click("登记检查"));
      REQUIRE(ui.selectScreen("standards"));
      frames(2);
      REQUIRE(click("新增标准"));
      REQUIRE(ui.selectScreen("injuries"));
      frames(2);
      REQUIRE(click("登记事件"));
    }
    SUBCASE("导入表格: the mapping and preview window over a CSV with a refused row, then 取消") {
      auto towns = app.model->store().dictionary(store::kDictTownship);
      REQUIRE((towns.ok() && !towns->empty()));
      const std::string town = towns->front().value; // one the sample data knows
      const std::string csv = town +
                              "隐患台账\n序号,上报单位,企业名称,统一社会信用代码,发现的问题,检查时间,行业领域\n"
                              "1," +
                              town +
                              ",城南五金加工厂,,砂轮机防护罩缺失,2026-05-08,工贸\n"
                              "2," +
                              town + ",城南五金加工厂,,配电箱无漏电保护,2026-13-40,工贸\n";
      REQUIRE(app.model->sheetImport().open(csv, "台账.csv").ok());
      frames(4);
      CHECK(h.find("发现的问题") != nullptr); // the combo of that column, by its header
      CHECK(h.findPrefix("只导入可导入的") != nullptr);
      REQUIRE(click("发现的问题"));
      frames(2);
      REQUIRE(click("隐患描述"));
      frames(3);
      CHECK(app.model->sheetImport().preview()->layout.columns[4] == "description");
      // 只导入可导入的: a frame with the progress, then the import; the window closes.
      const long long before = app.model->counts().hazards;
      REQUIRE(click("只导入可导入的 1 行"));
      frames(4);
      CHECK_FALSE(app.model->sheetImport().active());
      CHECK(app.model->notice().find("已导入 台账.csv：隐患 1 条") != std::string::npos);
      CHECK(app.model->counts().hazards == before + 1);
      // The same file again: nothing to import; 取消 closes it.
      REQUIRE(app.model->sheetImport().open(csv, "台账.csv").ok());
      frames(4);
      CHECK(h.find("导入 0 行") != nullptr);
      REQUIRE(click("取消"));
      frames(3);
      CHECK_FALSE(app.model->sheetImport().active());
    }
    SUBCASE("data exchange: 导出台账文件 runs the export job to the platform, 导入 opens the picker") {
      REQUIRE(ui.selectScreen("exchange"));
      frames(2);
      REQUIRE(click("导出台账文件"));
      for (int i = 0; i < 200 && !app.platform.pendingDone; ++i) frames(1);
      REQUIRE(app.platform.pendingDone);
      CHECK(app.platform.finishedName.find(".ledger.json") != std::string::npos);
      app.platform.pendingDone(true, app.platform.finishedName);
      frames(2);
      CHECK(app.model->notice().find("已导出") != std::string::npos);
      CHECK(app.platform.fatal.empty());
    }
    CHECK_MESSAGE(h.conflicts().empty(), "ImGui ID conflicts:" << joined(h.conflicts()));
  }

} // TEST_SUITE

TEST_CASE("the native platform (platform/native) opens the app model for the UI") {
  Headless h;
  auto platform = hz::platform::createPlatform();
  auto model = hz::model::AppModel::open(*platform, platform->launchOptions());
  REQUIRE_MESSAGE(model.ok(), (model.ok() ? std::string() : model.error().describe()));
  hz::ui::AppUi ui;
  h.frames(4, ui, *model.value());
  CHECK(h.find("下一步") != nullptr); // an empty database: the first-run wizard
  CHECK(h.conflicts().empty());
}
