// The ledger-file commands: validate, import, export, merge, conflicts, verify.
#include "cli/cli.hpp"
#include "ledger/batch.hpp"
#include "ledger/change_files.hpp"
#include "ledger/compress.hpp"
#include "ledger/conflict_view.hpp"
#include "ledger/exchange.hpp"
#include "ledger/export_stream.hpp"
#include "ledger/merge.hpp"
#include "ledger/reader.hpp"
#include "ledger/signing.hpp"
#include "ledger/validate.hpp"
#include "ledger/writer.hpp"
#include "store/import_apply.hpp"

#include <cstdio>
#include <optional>

namespace hz::cli {

namespace {

void printProblems(const std::string& file, const std::vector<Problem>& problems) {
  for (const auto& p : problems) std::fprintf(stderr, "%s\n", ledger::problemLine(file, p).c_str());
}

// Reads a file into a ReadResult; an unreadable file becomes a file-level problem.
ledger::ReadResult readPath(const std::string& path) {
  auto bytes = ledger::readFileBytes(path);
  if (!bytes) {
    ledger::ReadResult r;
    r.fatal = true;
    r.problems.push_back({"", "", bytes.error().message});
    return r;
  }
  return ledger::readLedger(*bytes);
}

std::string megabytes(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

// "文件 74.6 MB（压缩前 471.6 MB）", or just the size of a plain file.
std::string sizeText(uint64_t fileBytes, uint64_t textBytes) {
  std::string s = "文件 " + megabytes(fileBytes);
  if (fileBytes != textBytes) s += "，压缩前 " + megabytes(textBytes);
  return s;
}

} // namespace

int cmdValidate(const Args& a) {
  if (a.positional.empty()) return usageError("validate 需要至少一个文件", "validate needs at least one FILE");
  int rc = kOk;
  for (const auto& path : a.positional) {
    ledger::ReadResult r; // read and checked as a stream: memory does not grow with the file
    const ledger::FileSummary n = ledger::checkLedgerFile(path, r);
    if (r.fatal || !r.problems.empty()) {
      printProblems(path, r.problems);
      rc = kInvalid;
    } else {
      auto of = [&n](ledger::Kind k) { return n.records[static_cast<size_t>(k)]; };
      std::printf("%s: 有效（企业 %zu，检查 %zu，隐患 %zu，历史 %zu），%s\n", path.c_str(),
                  of(ledger::Kind::Enterprise), of(ledger::Kind::Inspection), of(ledger::Kind::Hazard), n.events,
                  ledger::signatureSummary(r.ledger, r.problems).describe().c_str());
    }
  }
  return rc;
}

int cmdImport(const Args& a) {
  if (!a.has("--db") || a.positional.empty())
    return usageError("用法：import --db DB [--sheet N] [--mapping FILE] [--dry-run] [--skip-bad] FILE...",
                      "usage: import --db DB [--sheet N] [--mapping FILE] [--dry-run] [--skip-bad] FILE...");
  auto db = openExisting(a.get("--db"));
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().describe().c_str());
    return kInvalid;
  }
  // Sheets (recognised by content) one by one, each in its own transaction; ledger files together.
  std::vector<std::string> ledgers;
  int rc = kOk;
  for (const auto& path : a.positional) {
    if (!isSheetFile(path)) {
      ledgers.push_back(path);
      continue;
    }
    if (const int r = importSheet(a, *db, path); r != kOk) rc = r;
  }
  if (ledgers.empty()) return rc;
  // Read in pieces and applied as read, in one transaction (memory does not grow with the files).
  std::vector<ledger::LedgerInput> inputs;
  ledger::TrustOptions trust;
  trust.trustNew = a.has("--trust-new");
  trust.acceptAllUnsigned = a.has("--accept-unsigned");
  trust.actor = a.has("--as") ? a.get("--as") : "命令行";
  auto report = ledger::importLedgerFiles(*db, ledgers, inputs, trust);
  if (!report) {
    for (const auto& in : inputs) printProblems(in.name, in.read.problems);
    std::fprintf(stderr, "%s\n", report.error().describe().c_str());
    if (report.error().code == ErrorCode::Forbidden) {
      std::fprintf(stderr, "未导入任何内容。核对指纹后：首次收到的单位用 --trust-new 导入；更换了密钥的单位先用 "
                           "hazard-ledger keys trust --db DB --office 单位ID --key 新公钥 接受新密钥；"
                           "向有关单位核实后，转交的未签名记录可用 --accept-unsigned 导入。\n");
    }
    return kInvalid;
  }
  std::printf("导入完成：\n%s", report->describe().c_str());
  if (!report->newConflicts.empty()) {
    std::printf("新增冲突 %zu 条，请用 conflicts --db 查看并确认。\n", report->newConflicts.size());
  }
  return rc;
}

int cmdExport(const Args& a) {
  if (!a.has("--db") || !a.has("-o") || !a.positional.empty()) {
    return usageError("用法：export --db DB [--since DATE] -o FILE", "usage: export --db DB [--since DATE] -o FILE");
  }
  const std::string out = a.get("-o");
  if (endsWith(out, ".xlsx") || endsWith(out, ".csv")) return exportSheet(a);
  auto db = openExisting(a.get("--db"));
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().describe().c_str());
    return kInvalid;
  }
  ledger::ExportOptions o;
  o.since = a.get("--since");
  std::optional<ledger::NextChangeFile> next;
  if (a.has("--to")) {
    if (a.has("--since")) return usageError("--to 与 --since 不能同时使用", "--to and --since exclude each other");
    if (a.has("--reset")) {
      if (auto s = ledger::resetRecipient(*db, a.get("--to")); !s) {
        std::fprintf(stderr, "%s\n", s.error().describe().c_str());
        return kInvalid;
      }
    }
    auto n = ledger::nextChangeFile(*db, a.get("--to"));
    if (!n) {
      std::fprintf(stderr, "%s\n", n.error().describe().c_str());
      return kInvalid;
    }
    next = std::move(n.value());
    o = next->options;
  } else if (a.has("--reset")) {
    return usageError("--reset 需要 --to 接收单位", "--reset needs --to RECIPIENT");
  }
  if (a.has("--format-version")) { // version 1 for outside tools that read only that version
    const std::string v = a.get("--format-version");
    if (v != "1" && v != "2") return usageError("--format-version 应为 1 或 2", "--format-version must be 1 or 2");
    o.formatVersion = v == "1" ? 1 : 2;
    o.sign = false; // version 2 as written before signatures (version 3 is version 2 signed)
  }
  if (!a.has("--format-version")) {
    // A database made before offices had keys gets its key now: the files it sends are signed.
    auto had = db->ownKey();
    if (!had) {
      std::fprintf(stderr, "%s\n", had.error().describe().c_str());
      return kInvalid;
    }
    auto key = ledger::ensureOfficeKey(*db);
    if (!key) {
      std::fprintf(stderr, "%s\n", key.error().describe().c_str());
      return kInvalid;
    }
    if (!had->has_value()) {
      std::printf("本单位此前没有签名密钥，已生成，指纹 %s（接收单位首次收到时会核对；请用 keys export 备份）\n",
                  ledger::fingerprint(key->publicKey).c_str());
    }
  }
  // Streamed from the database into a temporary file renamed over FILE when complete.
  auto r = ledger::exportLedgerToFile(*db, a.get("-o"), o);
  if (!r) {
    std::fprintf(stderr, "导出失败：%s\n", r.error().describe().c_str());
    return kInvalid;
  }
  if (next) {
    // Only a complete file counts as sent.
    if (auto s = ledger::recordSent(*db, *next, r->exportedAt, a.get("-o")); !s) {
      std::fprintf(stderr, "%s\n", s.error().describe().c_str());
      return kInvalid;
    }
    std::printf("给 %s 的第 %lld 号变更文件（%s）：", a.get("--to").c_str(),
                static_cast<long long>(next->options.changes.number),
                next->options.changes.after > 0
                    ? ("接续第 " + std::to_string(next->options.changes.after) + " 号").c_str()
                    : "全部内容");
  }
  std::printf("已导出到 %s（隐患 %lld，企业 %lld，历史 %lld；%s）\n", a.get("-o").c_str(),
              static_cast<long long>(r->records[static_cast<size_t>(ledger::Kind::Hazard)]),
              static_cast<long long>(r->records[static_cast<size_t>(ledger::Kind::Enterprise)]),
              static_cast<long long>(r->events), sizeText(r->fileBytes, r->bytes).c_str());
  return kOk;
}

int cmdMerge(const Args& a) {
  if (!a.has("-o") || a.positional.empty())
    return usageError("用法：merge FILE... -o OUT", "usage: merge FILE... -o OUT");
  std::vector<ledger::ReadResult> reads;
  bool bad = false;
  for (const auto& path : a.positional) {
    reads.push_back(readPath(path));
    ledger::validateLedger(reads.back());
    if (reads.back().fatal || !reads.back().problems.empty()) {
      printProblems(path, reads.back().problems);
      bad = true;
    }
  }
  if (bad) {
    std::fprintf(stderr, "有文件未通过检查，未合并\n");
    return kInvalid;
  }
  std::vector<const ledger::Ledger*> inputs;
  for (const auto& r : reads) inputs.push_back(&r.ledger);
  ledger::MergeResult m = ledger::mergeLedgers(inputs);
  if (!m.problems.empty()) {
    printProblems(a.positional.front(), m.problems);
    return kInvalid;
  }
  std::string text = ledger::writeLedger(m.ledger);
  if (ledger::wantsGzip(a.get("-o"))) text = ledger::gzip(text);
  if (auto s = ledger::writeFileBytes(a.get("-o"), text); !s) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    return kInvalid;
  }
  std::printf("已合并 %zu 个文件到 %s：隐患 %zu，企业 %zu，未解决冲突 %lld\n", inputs.size(), a.get("-o").c_str(),
              m.ledger.of(ledger::Kind::Hazard).size(), m.ledger.of(ledger::Kind::Enterprise).size(),
              static_cast<long long>(m.conflicts));
  return kOk;
}

int cmdConflicts(const Args& a) {
  if (!a.has("--db") || !a.positional.empty()) return usageError("用法：conflicts --db DB", "usage: conflicts --db DB");
  auto db = openExisting(a.get("--db"));
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().describe().c_str());
    return kInvalid;
  }
  auto list = ledger::describeConflicts(*db, false);
  if (!list) {
    std::fprintf(stderr, "%s\n", list.error().describe().c_str());
    return kInvalid;
  }
  size_t open = 0;
  for (const auto& v : *list) {
    const bool isOpen = v.stored.resolvedAt.empty();
    open += isOpen ? 1 : 0;
    std::printf("%s%s\n", isOpen ? "【待确认】" : "【已处理】", ledger::conflictText(v).c_str());
  }
  std::printf("冲突共 %zu 条，待确认 %zu 条\n", list->size(), open);
  return kOk;
}

int cmdVerify(const Args& a) {
  if (!a.has("--db") || !a.positional.empty()) return usageError("用法：verify --db DB", "usage: verify --db DB");
  auto db = openExisting(a.get("--db"));
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().describe().c_str());
    return kInvalid;
  }
  auto check = db->verifyHistory();
  if (!check) {
    std::fprintf(stderr, "%s\n", check.error().describe().c_str());
    return kInvalid;
  }
  if (!check->ok) {
    std::fprintf(stderr, "历史记录校验未通过（已检查 %lld 条）：%s（事件 %s，第 %lld 条，来源单位 %s）\n",
                 static_cast<long long>(check->checked), check->problem.c_str(),
                 check->eventId.empty() ? "-" : check->eventId.c_str(), static_cast<long long>(check->position + 1),
                 check->origin.empty() ? "-" : check->origin.c_str());
    return kInvalid;
  }
  std::printf("历史记录校验通过：%lld 条事件，哈希链完整\n", static_cast<long long>(check->checked));
  return kOk;
}

int cmdApply(const Args& a) {
  if (!a.has("--db") || !a.has("--as") || a.positional.size() != 1) {
    return usageError("用法：apply --db DB --as 操作人 命令.jsonl [--today 日期] [--dry-run]",
                      "usage: apply --db DB --as OPERATOR FILE.jsonl [--today DATE] [--dry-run]");
  }
  ledger::BatchOptions o;
  o.actor = a.get("--as");
  o.dryRun = a.has("--dry-run");
  if (!todayOption(a, o.today)) return kUsage;
  const std::string& path = a.positional[0];
  auto text = ledger::readFileBytes(path, 256ull * 1024 * 1024);
  if (!text) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), text.error().message.c_str());
    return kInvalid;
  }
  auto db = openExisting(a.get("--db"));
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().describe().c_str());
    return kInvalid;
  }
  auto r = ledger::applyBatch(*db, *text, o);
  if (!r) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), r.error().message.c_str());
    return kInvalid;
  }
  std::printf("%s%s\n", r->describe().c_str(), o.dryRun ? "（试运行，未写入）" : "");
  return kOk;
}

} // namespace hz::cli
