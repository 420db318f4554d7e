// Data files compiled into the binary (see scripts/embed_files.py and src/CMakeLists.txt).
#pragma once
#include <string_view>

namespace hz::generated {
// Seed data from assets/seed/: "standards.json", "dictionaries.json", … (empty when absent).
std::string_view seedAsset(std::string_view name);
} // namespace hz::generated
