// Version of the application and of its file formats.
#pragma once
namespace hz {
const char* versionString(); // e.g. "0.1.0"
constexpr int kLedgerFormatVersion = 1;
} // namespace hz
