// Shared by the fuzz targets: an in-memory store with a deterministic clock and ids, opened once
// per process (a failure to open is a bug of the harness: trap).
#pragma once
#include "store/sqlite.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace hz::fuzz {

inline std::unique_ptr<store::Store> openStore(uint64_t seed) {
  store::StoreOptions o;
  o.randomSeed = seed;
  auto t = std::make_shared<int64_t>(1795914000000);
  o.clock = [t] { return *t += 1000; };
  auto s = store::Store::open(":memory:", o);
  if (!s) {
    std::fprintf(stderr, "%s\n", s.error().describe().c_str());
    __builtin_trap();
  }
  return std::make_unique<store::Store>(std::move(s.value()));
}

// Rows changed on this connection so far: what a rejected input or a preview must not change.
inline int64_t totalChanges(store::Store& s) {
  auto st = s.db().prepare("SELECT total_changes()");
  if (!st || !st->step()) __builtin_trap();
  return st->getInt(0);
}

// A digest of every row of every table (FNV-1a over the text of each value): what a rejected
// import must leave as it was. (The import applies rows as it reads and rolls them back on a
// problem, so the connection's change counter moves while the content does not.)
inline uint64_t contentDigest(store::Store& s) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](const std::string& text) {
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xFF) * 1099511628211ull; // value separator
  };
  auto tables = s.db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  if (!tables) __builtin_trap();
  std::vector<std::string> names;
  for (;;) {
    auto r = tables->step();
    if (!r) __builtin_trap();
    if (!r.value()) break;
    names.push_back(tables->getText(0));
  }
  for (const auto& name : names) {
    mix(name);
    auto rows = s.db().prepare("SELECT * FROM \"" + name + "\"");
    if (!rows) __builtin_trap();
    for (;;) {
      auto r = rows->step();
      if (!r) __builtin_trap();
      if (!r.value()) break;
      for (int i = 0; i < rows->columnCount(); ++i) mix(rows->getText(i));
    }
  }
  return h;
}

} // namespace hz::fuzz
