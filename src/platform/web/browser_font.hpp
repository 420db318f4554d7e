// The UI font of the browser app: a Dear ImGui font loader whose glyphs the browser draws with the
// page's font stack (web/hz_fonts.js), so every character the machine's fonts cover shows, at the
// exact pixel size and device pixel ratio of the frame. When the browser has no font for Chinese
// at all (a bare Linux), the embedded subset is used instead and the user is told.
#pragma once

#include <string>
#include <string_view>

struct ImFontLoader;

namespace hz::platform::web {

const ImFontLoader* browserFontLoader();
// The browser's font size (the em, device pixels) for an ImGui font size (the line height).
float emPixels(float lineHeight);

// Adds the UI font to ImGui's atlas: the browser's fonts when they cover Chinese, else `fallback`
// (an OpenType font in static memory, drawn by stb_truetype). Returns what the user should be told
// about it (empty when nothing).
std::string addUiFont(std::string_view fallback, float sizePixels);

} // namespace hz::platform::web
