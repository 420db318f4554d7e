// Deterministic test data for tests and benchmarks: townships under county 320102, enterprises
// with valid USCCs and realistic Chinese names, inspections, and hazards in every workflow state
// (including overdue, rejected, reopened and reviewed ones), entered through the Store API.
#pragma once
#include "core/date.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hz::store {

struct SampleSummary {
  std::vector<std::string> townCodes; // 9-digit township codes
  std::vector<std::string> enterpriseIds;
  std::vector<std::string> hazardIds;
  int64_t inspections = 0;
};

// Same seed + same store options (clock, randomSeed) => the same database, on every platform
// (no std::*_distribution, whose output differs between standard libraries).
// Sets the office to the county 320102 if the office has no division code yet.
Result<SampleSummary> generateSample(Store& store, uint64_t seed, int towns, int enterprises, int hazards,
                                     const core::Date& today);

// One enterprise named `name` in township 320102003 with a valid USCC derived from the name (the
// same name, the same USCC): test mode's testCreateEnterprise and the test panel.
core::Enterprise sampleEnterprise(const std::string& name);

} // namespace hz::store
