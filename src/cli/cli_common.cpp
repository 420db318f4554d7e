// Argument parsing for the hazard-ledger commands (see cli.hpp).
#include "cli/cli.hpp"

#include <algorithm>
#include <cstdio>

namespace hz::cli {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Result<store::Store> openExisting(const std::string& path) {
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    std::fclose(f);
  } else {
    return Error::make(ErrorCode::NotFound, "数据库文件不存在：" + path + "（请先用 init 创建）");
  }
  store::StoreOptions o;
  o.open.create = false;
  return store::Store::open(path, o);
}

bool todayOption(const Args& a, core::Date& out) {
  out = core::todayChina();
  if (!a.has("--today")) return true;
  auto d = core::Date::parse(a.get("--today"));
  if (!d) {
    usageError("--today 应为有效日期 YYYY-MM-DD", "--today must be a valid YYYY-MM-DD date");
    return false;
  }
  out = *d;
  return true;
}

int usageError(const std::string& zh, const std::string& en) {
  std::fprintf(stderr, "hazard-ledger: %s (%s)\n用 --help 查看用法 / see --help-en\n", zh.c_str(), en.c_str());
  return kUsage;
}

bool parseArgs(int argc, char** argv, int first, const std::vector<std::string>& valued,
               const std::vector<std::string>& flags, Args& out) {
  for (int i = first; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.size() > 1 && a[0] == '-') {
      if (std::find(valued.begin(), valued.end(), a) != valued.end()) {
        if (i + 1 >= argc) {
          usageError("选项 " + a + " 需要一个值", "option " + a + " needs a value");
          return false;
        }
        out.options[a] = argv[++i];
      } else if (std::find(flags.begin(), flags.end(), a) != flags.end()) {
        out.options[a] = "1";
      } else {
        usageError("未知选项 " + a, "unknown option " + a);
        return false;
      }
    } else {
      out.positional.push_back(a);
    }
  }
  return true;
}

} // namespace hz::cli
