// Shared by the fuzz targets: an in-memory store with a deterministic clock and ids, opened once
// per process (a failure to open is a bug of the harness: trap).
#pragma once
#include "store/sqlite.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>

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

} // namespace hz::fuzz
