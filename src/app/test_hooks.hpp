// Test mode (?test=1): the C exports behind window.hazardLedger in web/shell.html — widgets of the
// last frame, the app's state, read-only queries, frame times, and records created without the
// screens. All of them live in test_hooks.cpp; outside test mode they refuse.
#pragma once
#include "model/app_model.hpp"

namespace hz::app::testmode {

// Called by the entry point in test mode only: what the exports read.
void attach(model::AppModel& model, const long long& framesDrawn, const float& pixelRatio);
bool attached();
// The CPU time of a drawn frame (bench/web_frames.mjs reads the last 4096).
void frameDrawn(double cpuMillis);

} // namespace hz::app::testmode
