// `import` of spreadsheets (.xlsx, .xls, .ods, .csv/.txt, recognised by content): the same preview
// the app shows, as text; nothing is written when any row is refused (unless --skip-bad), when a
// firm with a similar name is not settled (--similar same|new), or with --dry-run.
#include "cli/cli.hpp"
#include "ledger/reader.hpp"
#include "ledger/writer.hpp"
#include "report/table.hpp"
#include "sheet/import.hpp"

#include <cstdio>
#include <fstream>

namespace hz::cli {

namespace {

std::string actorOf(const Args& a, store::Store& db) {
  if (a.has("--as")) return a.get("--as");
  if (!db.office().operators.empty()) return db.office().operators.front();
  return "命令行导入";
}

Status writeRefused(const std::string& path, const sheet::Preview& p) {
  const report::Table t = sheet::refusedRowsTable(p);
  if (endsWith(path, ".csv")) return ledger::writeFileBytes(path, report::toCsv(t));
  auto bytes = report::toXlsx({t});
  if (!bytes) return bytes.error();
  return ledger::writeFileBytes(path, bytes.value());
}

} // namespace

bool isSheetFile(const std::string& path) {
  if (sheet::hasSheetExtension(path)) return true; // then a damaged sheet gets the sheet reader's message
  // The content decides otherwise; its first 64 KB are enough (a city's ledger file is not read twice).
  std::ifstream in(path, std::ios::binary);
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return sheet::looksLikeSheet(head);
}

int importSheet(const Args& a, store::Store& db, const std::string& path) {
  auto bytes = ledger::readFileBytes(path, 512ull * 1024 * 1024);
  if (!bytes) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), bytes.error().message.c_str());
    return kInvalid;
  }
  const std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  auto book = sheet::readBook(bytes.value(), name);
  if (!book) {
    std::fprintf(stderr, "%s\n", book.error().message.c_str());
    return kInvalid;
  }
  sheet::ImportOptions o;
  o.fileName = name;
  if (a.has("--sheet")) {
    const std::string n = a.get("--sheet");
    const long v = std::strtol(n.c_str(), nullptr, 10);
    if (v < 1) return usageError("--sheet 应为从 1 开始的工作表序号", "--sheet takes a sheet number from 1");
    o.sheetIndex = static_cast<size_t>(v - 1);
  }
  if (a.has("--mapping")) {
    auto text = ledger::readFileBytes(a.get("--mapping"));
    if (!text) {
      std::fprintf(stderr, "%s: %s\n", a.get("--mapping").c_str(), text.error().message.c_str());
      return kInvalid;
    }
    auto m = sheet::mappingFromJson(text.value());
    if (!m) {
      std::fprintf(stderr, "%s: %s\n", a.get("--mapping").c_str(), m.error().message.c_str());
      return kInvalid;
    }
    o.mapping = m.value();
  }
  auto preview = sheet::buildPreview(db, book.value(), o);
  if (!preview) {
    std::fprintf(stderr, "%s\n", preview.error().describe().c_str());
    return kInvalid;
  }
  const std::string similar = a.get("--similar");
  if (!similar.empty() && similar != "same" && similar != "new") {
    return usageError("--similar 应为 same（按库中同一企业）或 new（另建企业）", "--similar takes same or new");
  }
  for (auto& g : preview->firms) {
    if (g.needsAnswer() && !similar.empty()) g.sameFirm = similar == "same";
  }
  std::printf("%s", sheet::previewText(preview.value(), a.has("--dry-run") ? 1000000 : 20).c_str());
  const bool skipBad = a.has("--skip-bad");
  const size_t refused = preview->count(sheet::RowAction::Refused);
  if (a.has("--rejected") && refused > 0) {
    if (auto s = writeRefused(a.get("--rejected"), preview.value()); !s) {
      std::fprintf(stderr, "%s\n", s.error().message.c_str());
      return kInvalid;
    }
    std::printf("不能导入的 %zu 行已写入 %s（含原因列）\n", refused, a.get("--rejected").c_str());
  }
  if (preview->firmsToConfirm() > 0) {
    std::fprintf(stderr,
                 "%s: %zu 家企业名称写法相近（见上“待确认”），未导入：用 --similar same 按同一企业导入，或 --similar "
                 "new 分别建档\n",
                 name.c_str(), preview->firmsToConfirm());
    return kInvalid;
  }
  if (refused > 0 && !skipBad) {
    std::fprintf(stderr, "%s: %zu 行不能导入（见上），未写入任何数据；改正后重试，或加 --skip-bad 只导入其余各行\n",
                 name.c_str(), refused);
    return kInvalid;
  }
  if (a.has("--dry-run")) {
    std::printf("试运行（--dry-run）：未写入任何数据\n");
    return kOk;
  }
  if (preview->count(sheet::RowAction::Create) == 0) {
    std::printf("没有需要导入的新行\n");
    return kOk;
  }
  auto sum = sheet::applyPreview(db, preview.value(), actorOf(a, db), skipBad);
  if (!sum) {
    std::fprintf(stderr, "%s\n", sum.error().describe().c_str());
    return kInvalid;
  }
  std::printf("已导入：隐患 %zu 条，新建企业 %zu 家，对应库中企业 %zu 家；已导入过 %zu 行，未导入 %zu 行\n",
              sum->hazardsCreated, sum->enterprisesCreated, sum->enterprisesMatched, sum->duplicates, sum->refused);
  return kOk;
}

} // namespace hz::cli
