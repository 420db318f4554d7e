// doctest entry point of the headless UI smoke test (hz_ui_smoke).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
