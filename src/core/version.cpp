// The version string comes from CMake's project(VERSION ...).
#include "core/version.hpp"
namespace hz {
const char* versionString() { return HZ_VERSION; }
} // namespace hz
