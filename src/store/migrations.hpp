// Numbered schema migrations (PRAGMA user_version). A migration, once released, never changes:
// a database written by any earlier version opens and is upgraded step by step.
#pragma once
#include "core/result.hpp"
#include "store/sqlite.hpp"

namespace hz::store {

// The schema version this build writes.
int latestSchemaVersion();

// The SQL of one migration (1-based), for tests that build an old database on purpose.
const char* migrationSql(int version);

// Upgrades the database to `target` (default: latest), each step in its own transaction.
// A database newer than this build is refused (Error::Format) rather than damaged.
Status migrate(Database& db, int target = -1);

} // namespace hz::store
