// Ledger benchmark: a generated ledger of N hazards (default 100,000) — file size, and the times of
// read + validate, import into an empty database file (streamed, one transaction), re-import of the
// same file and of the same content, export and write, and the cost of signatures (export signed vs
// unsigned, and the import of each).
// Native: `ledger_bench [HAZARDS] [FILE]`; wasm (Node, NODERAWFS): `node ledger_bench.js 0 FILE`
// reads FILE (made by `hazard-ledger generate`) instead of generating. A third argument names the
// database (default FILE.db; ":memory:" is closest to the browser's in-memory pages).
#include "ledger/exchange.hpp"
#include "ledger/export_stream.hpp"
#include "ledger/generate.hpp"
#include "ledger/reader.hpp"
#include "ledger/signing.hpp"
#include "ledger/validate.hpp"
#include "ledger/writer.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

} // namespace

int main(int argc, char** argv) {
  using namespace hz;
  using Clock = std::chrono::steady_clock;
  const int hazards = argc > 1 ? std::atoi(argv[1]) : 100000;
  const std::string file = argc > 2 ? argv[2] : "ledger_bench.json";
  std::string bytes;
  if (hazards > 0) {
    auto t = Clock::now();
    ledger::GenerateOptions o;
    o.seed = 2026;
    o.towns = 20;
    o.enterprises = hazards / 10;
    o.hazards = hazards;
    auto l = ledger::generateLedger(o);
    if (!l) {
      std::fprintf(stderr, "%s\n", l.error().describe().c_str());
      return 1;
    }
    const ledger::SigningKeys keys = ledger::generatedKeys(o, *l); // signed, as `generate` writes it
    bytes = ledger::writeLedger(*l, &keys);
    if (!ledger::writeFileBytes(file, bytes)) return 1;
    std::printf("generate %d hazards: %.1f s\n", hazards, seconds(t));
  } else {
    auto b = ledger::readFileBytes(file);
    if (!b) return 1;
    bytes = std::move(b.value());
  }
  std::printf("file: %s, %.1f MB\n", file.c_str(), bytes.size() / 1048576.0);

  auto t = Clock::now();
  ledger::ReadResult r = ledger::checkLedger(bytes);
  std::printf("read + validate (no database): %.2f s, %zu problems, %zu hazards, %zu events\n", seconds(t),
              r.problems.size(), r.ledger.of(ledger::Kind::Hazard).size(), r.ledger.events.size());

  const std::string dbPath = argc > 3 ? argv[3] : file + ".db";
  if (dbPath != ":memory:") {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((dbPath + suffix).c_str());
  }
  auto db = store::Store::open(dbPath);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().describe().c_str());
    return 1;
  }
  std::string().swap(bytes);
  r = ledger::ReadResult();
  // The import as the CLI runs it: the file read in pieces, checked and applied as read.
  t = Clock::now();
  std::vector<ledger::LedgerInput> files;
  ledger::TrustOptions firstSeen;
  firstSeen.trustNew = true; // as `import --trust-new`: the generated office's key is pinned
  auto report = ledger::importLedgerFiles(*db, {file}, files, firstSeen);
  if (!report) {
    std::fprintf(stderr, "%s\n", report.error().describe().c_str());
    return 1;
  }
  std::printf("import into an empty database (streamed, one transaction): %.2f s\n", seconds(t));
  t = Clock::now();
  auto same = ledger::importLedgerFiles(*db, {file}, files);
  std::printf("re-import of the same file (known by its digest): %.2f s\n", seconds(t));
  // The same content read and checked again (e.g. the file exported anew): nothing to write.
  t = Clock::now();
  auto imp = ledger::LedgerImport::begin(*db);
  if (!imp) return 1;
  (*imp)->startFile(file);
  {
    auto b = ledger::readFileBytes(file);
    if (!b) return 1;
    for (size_t at = 0; at < b->size(); at += size_t{1} << 20) {
      if (!(*imp)->feed(std::string_view(*b).substr(at, size_t{1} << 20))) break;
    }
  }
  auto again = (*imp)->commit();
  std::printf("re-import of the same content (read and checked, nothing written): %.2f s\n", seconds(t));
  t = Clock::now();
  auto e = ledger::exportLedger(*db);
  if (!e) return 1;
  const std::string out = ledger::writeLedger(*e);
  std::printf("export + write: %.2f s (%.1f MB)\n", seconds(t), out.size() / 1048576.0);
  if (!again || !same) return 1;

  // Signatures (issue 16): the same database exported unsigned and signed (streamed, as the app and
  // the CLI export), then each file imported into an empty database: the cost of signing and of
  // checking signatures and their coverage of the history, side by side.
  if (auto k = ledger::ensureOfficeKey(*db); !k) return 1;
  auto exportTimed = [&](bool sign, std::string& text) -> double {
    ledger::StringSink sink;
    ledger::ExportOptions o;
    o.sign = sign;
    const auto t0 = Clock::now();
    auto s = ledger::LedgerExportStream::open(*db, sink, o);
    if (!s) return -1;
    for (;;) {
      auto done = (*s)->step(1 << 20);
      if (!done) return -1;
      if (*done) break;
    }
    text = std::move(sink.text);
    return seconds(t0);
  };
  auto importTimed = [&](const std::string& text, const std::string& name) -> double {
    const std::string path = file + "." + name + ".json";
    if (!ledger::writeFileBytes(path, text)) return -1;
    const std::string target = path + ".db";
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((target + suffix).c_str());
    auto fresh = store::Store::open(target);
    if (!fresh) return -1;
    ledger::TrustOptions trust;
    trust.trustNew = true;
    // An older unsigned FILE: the signed export forwards that history unsigned (accepted here; the
    // signing cost measured is then only the exporter's own chain and the file signature).
    trust.acceptAllUnsigned = true;
    std::vector<ledger::LedgerInput> in;
    const auto t0 = Clock::now();
    auto rep = ledger::importLedgerFiles(*fresh, {path}, in, trust);
    const double s = seconds(t0);
    std::remove(path.c_str());
    return rep ? s : -1;
  };
  std::string plainText, signedText;
  const double exportPlain = exportTimed(false, plainText), exportSigned = exportTimed(true, signedText);
  std::printf("export streamed: unsigned %.2f s, signed %.2f s (%+.1f %%)\n", exportPlain, exportSigned,
              100.0 * (exportSigned - exportPlain) / exportPlain);
  const double importPlain = importTimed(plainText, "unsigned"), importSigned = importTimed(signedText, "signed");
  std::printf("import of the export into an empty database: unsigned %.2f s, signed %.2f s (%+.1f %%)\n", importPlain,
              importSigned, 100.0 * (importSigned - importPlain) / importPlain);
  return exportPlain > 0 && exportSigned > 0 && importPlain > 0 && importSigned > 0 ? 0 : 1;
}
