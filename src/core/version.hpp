// Version of the application (the ledger file format's version is ledger::kFormatVersion).
#pragma once
namespace hz {
const char* versionString(); // e.g. "0.1.0"
} // namespace hz
