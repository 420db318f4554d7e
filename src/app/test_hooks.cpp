// Test-mode C exports (see test_hooks.hpp). Records are created through the store's domain
// commands, never by SQL; generated data comes from store/sample_data. Refused outside test mode
// and, for writes, in a read-only tab.
#include "app/test_hooks.hpp"
#include "ledger/office_key.hpp"

#include "platform/web/browser_font.hpp"
#include "store/sample_data.hpp"
#include "ui/test_probe.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h> // ImGui's queue of input events not handled yet
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace hz::app::testmode {

namespace {

// CPU time of each drawn frame (ms), the last kCapacity frames.
struct FrameTimes {
  static constexpr size_t kCapacity = 4096;
  std::array<float, kCapacity> ms{};
  size_t next = 0;  // slot of the next sample
  size_t count = 0; // samples held (<= kCapacity)
  void add(double v) {
    ms[next] = static_cast<float>(v);
    next = (next + 1) % kCapacity;
    count = std::min(count + 1, kCapacity);
  }
  std::string json() const { // oldest first
    std::string out = "[";
    char buf[32];
    for (size_t i = 0; i < count; ++i) {
      std::snprintf(buf, sizeof buf, "%s%.3f", i ? "," : "", ms[(next + kCapacity - count + i) % kCapacity]);
      out += buf;
    }
    return out + "]";
  }
};

struct Subject {
  model::AppModel* model = nullptr;
  const long long* framesDrawn = nullptr;
  const float* pixelRatio = nullptr;
  FrameTimes frameTimes;
};

Subject g_subject;

std::string refuse(const std::string& why) { return nlohmann::json{{"error", why}}.dump(); }

// The model when writes are allowed, or the reason they are not.
model::AppModel* writable(std::string& why) {
  model::AppModel* m = g_subject.model;
  if (!m)
    why = "not in test mode";
  else if (m->readOnly())
    why = "read-only";
  return why.empty() ? m : nullptr;
}

} // namespace

void attach(model::AppModel& model, const long long& framesDrawn, const float& pixelRatio) {
  g_subject.model = &model;
  g_subject.framesDrawn = &framesDrawn;
  g_subject.pixelRatio = &pixelRatio;
}

bool attached() { return g_subject.model != nullptr; }

void frameDrawn(double cpuMillis) { g_subject.frameTimes.add(cpuMillis); }

} // namespace hz::app::testmode

using hz::app::testmode::g_subject;

extern "C" {

// Widgets of the last drawn frame (device pixels; the page divides by `scale`).
EMSCRIPTEN_KEEPALIVE const char* hz_test_items() {
  static std::string out;
  out = hz::ui::TestProbe::instance().lastFrameJson(g_subject.pixelRatio ? *g_subject.pixelRatio : 1.0f);
  return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* hz_test_state() {
  static std::string out;
  if (!g_subject.model) return "{}";
  // Input events ImGui has received but not handled yet: it handles queued events at the start of
  // a frame, a few per frame (a press and its release in different frames).
  const int pendingInput = ImGui::GetCurrentContext() ? ImGui::GetCurrentContext()->InputEventsQueue.Size : 0;
  out = g_subject.model->stateJson(*g_subject.framesDrawn, pendingInput);
  return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* hz_test_query(const char* sql) {
  static std::string out;
  out = g_subject.model ? g_subject.model->readOnlyQueryJson(sql ? sql : "")
                        : hz::app::testmode::refuse("not in test mode");
  return out.c_str();
}

// CPU ms of the last drawn frames (oldest first, at most 4096); reset != 0 empties the buffer.
EMSCRIPTEN_KEEPALIVE const char* hz_test_frame_times(int reset) {
  static std::string out;
  if (!g_subject.model) return "[]";
  auto& t = g_subject.frameTimes;
  out = t.json();
  if (reset) t.count = t.next = 0;
  return out.c_str();
}

// An enterprise named `name` (valid USCC derived from the name), through the domain command.
EMSCRIPTEN_KEEPALIVE const char* hz_test_create_enterprise(const char* name) {
  static std::string out;
  std::string why;
  hz::model::AppModel* m = hz::app::testmode::writable(why);
  if (!m) return (out = hz::app::testmode::refuse(why)).c_str();
  auto r = m->store().createEnterprise(hz::store::sampleEnterprise(name ? name : ""), m->operatorName());
  out = r ? nlohmann::json{{"id", r.value().meta.id}}.dump() : hz::app::testmode::refuse(r.error().describe());
  return out.c_str();
}

// Fills the database with generated sample data (benchmarks): 12 townships.
EMSCRIPTEN_KEEPALIVE const char* hz_test_generate(int hazards, int enterprises) {
  static std::string out;
  std::string why;
  hz::model::AppModel* m = hz::app::testmode::writable(why);
  if (!m) return (out = hz::app::testmode::refuse(why)).c_str();
  auto r = hz::store::generateSample(m->store(), 42, 12, enterprises, hazards, m->store().today());
  if (!r) return (out = hz::app::testmode::refuse(r.error().describe())).c_str();
  out = nlohmann::json{{"hazards", r.value().hazardIds.size()}, {"enterprises", r.value().enterpriseIds.size()}}.dump();
  return out.c_str();
}

// A new key pair for this office, as after a reinstall without the key backup (key-change tests):
// the fingerprint of the new key.
EMSCRIPTEN_KEEPALIVE const char* hz_test_new_office_key() {
  static std::string out;
  std::string why;
  hz::model::AppModel* m = hz::app::testmode::writable(why);
  if (!m) return (out = hz::app::testmode::refuse(why)).c_str();
  const hz::ledger::OfficeKey k = hz::ledger::generateOfficeKey();
  if (auto s = m->store().setOwnKey(hz::ledger::toHex(k.publicKey), hz::ledger::toHex(k.secretKey), "test",
                                    "测试：更换密钥");
      !s)
    return (out = hz::app::testmode::refuse(s.error().describe())).c_str();
  out = nlohmann::json{{"fingerprint", hz::ledger::fingerprint(k.publicKey)}}.dump();
  return out.c_str();
}

// The glyphs of `text` as the UI font holds them at the base size of the last frame times `scale`
// ("1" or empty: the base size; the bulletin preview's title is drawn at 1.35) (ImGui loads a
// glyph the first time a frame draws it): per code point whether it is loaded, its advance, and the
// coverage it has in the atlas (w*h bytes, hex), so a test can compare it with the browser's own
// rendering and with the missing-glyph box.
EMSCRIPTEN_KEEPALIVE const char* hz_test_glyphs(const char* text, const char* scale) {
  static std::string out;
  if (!g_subject.model) return (out = hz::app::testmode::refuse("not in test mode")).c_str();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImFont* font = atlas->Fonts.empty() ? nullptr : atlas->Fonts[0];
  if (!font) return (out = hz::app::testmode::refuse("no font")).c_str();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float factor = scale && *scale ? std::strtof(scale, nullptr) : 1.0f;
  if (!(factor > 0.1f && factor < 10.0f)) return (out = hz::app::testmode::refuse("scale out of range")).c_str();
  ImFontBaked* baked = font->GetFontBaked(style.FontSizeBase * factor * style.FontScaleDpi);
  ImTextureData* tex = atlas->TexData;
  nlohmann::json glyphs = nlohmann::json::array();
  const char* p = text ? text : "";
  const char* end = p + std::strlen(p);
  static const char* hex = "0123456789abcdef";
  while (p < end) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, p, end);
    if (n <= 0) break;
    p += n;
    nlohmann::json g = {{"cp", c}, {"loaded", baked->IsGlyphLoaded(static_cast<ImWchar>(c))}};
    if (g["loaded"].get<bool>()) {
      const ImFontGlyph* glyph = baked->FindGlyphNoFallback(static_cast<ImWchar>(c));
      g["advance"] = glyph ? glyph->AdvanceX : 0.0f;
      if (glyph && glyph->Visible && tex && tex->Pixels) {
        const ImTextureRect* r = ImFontAtlasPackGetRect(atlas, glyph->PackId);
        std::string cov;
        for (int y = 0; y < r->h; ++y) {
          for (int x = 0; x < r->w; ++x) {
            const auto* px = static_cast<const unsigned char*>(tex->GetPixelsAt(r->x + x, r->y + y));
            const unsigned char a = tex->Format == ImTextureFormat_RGBA32 ? px[3] : px[0];
            cov += hex[a >> 4];
            cov += hex[a & 15];
          }
        }
        g["w"] = r->w;
        g["h"] = r->h;
        g["coverage"] = cov;
      }
    }
    glyphs.push_back(std::move(g));
  }
  out = nlohmann::json{{"loader", atlas->Sources.empty() || !atlas->Sources[0].FontLoader
                                      ? "stb_truetype"
                                      : atlas->Sources[0].FontLoader->Name},
                       {"size", baked->Size},
                       {"em", hz::platform::web::emPixels(baked->Size)},
                       {"glyphs", glyphs}}
            .dump();
  return out.c_str();
}
}
