// What the app draws around the UI's screens: the storage problem banner (with an export offer),
// the progress window of long imports/exports, the result notice of the last one, the
// app-wide shortcuts Ctrl+S (export) and Ctrl+O (import), and the test-mode panel.
#pragma once
#include "model/app_model.hpp"

namespace hz::ui {

// Before the UI draws: the banner takes its place at the top of the page.
void drawTopBanner(model::AppModel& app, float pixelRatio);
// After the UI draws: job progress, notice, shortcuts; the test panel when enabled.
void drawOverlay(model::AppModel& app, float pixelRatio, bool testPanel);

} // namespace hz::ui
