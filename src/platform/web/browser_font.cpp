// Dear ImGui 1.92 font loader over the browser's text rendering (see browser_font.hpp). ImGui
// asks for a glyph the first time a frame draws it at a size; web/hz_fonts.js draws the character
// on a 2D canvas and returns its advance, ink box and coverage, which go into ImGui's atlas.
//
// Sizes: ImGui's font size is the line height in device pixels; the browser's font size is the em.
// The em is the line height / 1.448, as the embedded Noto Sans CJK (ascender 1.160 + descender 0.288
// em) had it under stb_truetype, so that the screens keep the layout they were made for (16 px lines:
// 11 px characters), rounded to whole pixels so ideographs (one em wide) advance by whole pixels.
// The baseline is placed so that an ideograph's ink is centred in the line, whatever font the
// browser picked.
#include "platform/web/browser_font.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

extern "C" {
// Implemented in web/hazard_ledger_lib.js over web/hz_fonts.js.
int hzjs_font_has_cjk();
void hzjs_font_metrics(float size, float* upDown);
// metrics: advance, x, y, w, h (pixels); 0 when the coverage needs more than `capacity` bytes.
int hzjs_font_glyph(unsigned codepoint, float size, float* metrics, unsigned char* pixels, int capacity);
}

namespace hz::platform::web {
namespace {

constexpr float kEmPerLine = 1.0f / 1.448f;

float density(const ImFontConfig* src, const ImFontBaked* baked) {
  return src->RasterizerDensity * baked->RasterizerDensity;
}

bool srcInit(ImFontAtlas*, ImFontConfig*) { return true; }
void srcDestroy(ImFontAtlas*, ImFontConfig*) {}
bool srcContainsGlyph(ImFontAtlas*, ImFontConfig*, ImWchar) { return true; } // the browser falls back

bool bakedInit(ImFontAtlas*, ImFontConfig* src, ImFontBaked* baked, void*) {
  if (src->MergeMode) return true;
  const float d = density(src, baked);
  float upDown[2] = {0, 0};
  hzjs_font_metrics(emPixels(baked->Size * d), upDown);
  const float line = baked->Size;
  const float baseline = (line + upDown[0] / d - upDown[1] / d) * 0.5f;
  baked->Ascent = std::round(baseline);
  baked->Descent = baked->Ascent - line;
  return true;
}

bool bakedLoadGlyph(ImFontAtlas* atlas, ImFontConfig* src, ImFontBaked* baked, void*, ImWchar codepoint,
                    ImFontGlyph* out, float* outAdvanceX) {
  const float d = density(src, baked);
  const float em = emPixels(baked->Size * d);
  float m[5] = {0, 0, 0, 0, 0};
  ImVector<unsigned char>& buf = atlas->Builder->TempBuffer;
  if (outAdvanceX != nullptr) { // metrics only (very large sizes)
    hzjs_font_glyph(codepoint, em, m, nullptr, 0);
    *outAdvanceX = m[0] / d;
    return true;
  }
  const int guess = static_cast<int>((em * 2 + 4) * (em * 2 + 4));
  if (buf.Size < guess) buf.resize(guess);
  if (!hzjs_font_glyph(codepoint, em, m, buf.Data, buf.Size)) {
    buf.resize(static_cast<int>(m[3] * m[4]));
    if (!hzjs_font_glyph(codepoint, em, m, buf.Data, buf.Size)) return false;
  }
  out->Codepoint = codepoint;
  out->AdvanceX = m[0] / d;
  const int w = static_cast<int>(m[3]), h = static_cast<int>(m[4]);
  if (w <= 0 || h <= 0) return true; // a space: advance only
  const ImFontAtlasRectId pack = ImFontAtlasPackAddRect(atlas, w, h);
  if (pack == ImFontAtlasRectId_Invalid) return false; // the atlas cannot grow further
  ImTextureRect* r = ImFontAtlasPackGetRect(atlas, pack);
  const float x0 = m[1] / d, y0 = m[2] / d + baked->Ascent;
  out->X0 = x0;
  out->Y0 = y0;
  out->X1 = x0 + static_cast<float>(w) / d;
  out->Y1 = y0 + static_cast<float>(h) / d;
  out->Visible = true;
  out->PackId = pack;
  ImFontAtlasBakedSetFontGlyphBitmap(atlas, baked, src, out, r, buf.Data, ImTextureFormat_Alpha8, w);
  return true;
}

} // namespace

float emPixels(float lineHeight) { return std::max(1.0f, std::round(lineHeight * kEmPerLine)); }

const ImFontLoader* browserFontLoader() {
  static ImFontLoader loader = [] {
    ImFontLoader l;
    l.Name = "browser";
    l.FontSrcInit = srcInit;
    l.FontSrcDestroy = srcDestroy;
    l.FontSrcContainsGlyph = srcContainsGlyph;
    l.FontBakedInit = bakedInit;
    l.FontBakedLoadGlyph = bakedLoadGlyph;
    return l;
  }();
  return &loader;
}

std::string addUiFont(std::string_view fallback, float sizePixels) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig cfg;
  cfg.SizePixels = sizePixels;
  cfg.PixelSnapH = true;
  if (hzjs_font_has_cjk()) {
    cfg.FontLoader = browserFontLoader();
    std::snprintf(cfg.Name, sizeof cfg.Name, "browser fonts");
    io.Fonts->AddFont(&cfg);
    return {};
  }
  cfg.FontDataOwnedByAtlas = false; // static data inside the wasm module
  std::snprintf(cfg.Name, sizeof cfg.Name, "Noto Sans CJK SC (subset)");
  io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(fallback.data()), static_cast<int>(fallback.size()), sizePixels,
                                 &cfg);
  return "本机浏览器没有可用的中文字体，已改用本程序自带的常用汉字字库（GB 2312 一级字及界面用字）。"
         "字库以外的生僻字会显示为“?”，数据本身不受影响。安装中文字体（如“思源黑体”/Noto Sans "
         "CJK）后刷新页面即可正常显示。";
}

} // namespace hz::platform::web
