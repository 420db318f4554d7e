// hazard-ledger: the native command-line tool (batch work at the city level, scripting).
// Exit codes: 0 ok, 1 invalid input or failed check, 2 usage error.
#include "core/version.hpp"

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace {

const char* kHelpZh =
    "隐患台账 hazard-ledger %s — 重大事故隐患台账命令行工具\n"
    "\n"
    "用法: hazard-ledger <命令> [选项]\n"
    "\n"
    "命令:\n"
    "  --version              显示版本\n"
    "  --help, -h             显示本帮助（中文）\n"
    "  --help-en              显示英文帮助\n"
    "\n"
    "退出码: 0 成功; 1 输入无效或检查未通过; 2 用法错误\n";

const char* kHelpEn =
    "hazard-ledger %s - command-line tool for the major accident hazard ledger\n"
    "\n"
    "Usage: hazard-ledger <command> [options]\n"
    "\n"
    "Commands:\n"
    "  --version              print the version\n"
    "  --help, -h             this help in Chinese\n"
    "  --help-en              this help in English\n"
    "\n"
    "Exit codes: 0 ok; 1 invalid input or a failed check; 2 usage error\n";

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, kHelpZh, hz::versionString());
    return 2;
  }
  const std::string_view cmd = argv[1];
  if (cmd == "--version" || cmd == "version") {
    std::printf("hazard-ledger %s\n", hz::versionString());
    return 0;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::printf(kHelpZh, hz::versionString());
    return 0;
  }
  if (cmd == "--help-en") {
    std::printf(kHelpEn, hz::versionString());
    return 0;
  }
  std::fprintf(stderr, "hazard-ledger: 未知命令 '%s'（unknown command）。用 --help 查看用法。\n", argv[1]);
  return 2;
}
