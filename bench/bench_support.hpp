// Shared by the benchmarks: a monotonic clock, milliseconds since a point, and must() (a failed
// step ends the benchmark with its message: numbers after a failure would mean nothing).
#pragma once
#include "core/result.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace hz::bench {

using Clock = std::chrono::steady_clock;

inline double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

template <typename T> T must(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "%s failed: %s\n", what, r.error().describe().c_str());
    std::exit(1);
  }
  return std::move(r.value());
}

} // namespace hz::bench
