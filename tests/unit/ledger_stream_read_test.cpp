// The streaming reader (ledger/reader.hpp, LedgerParser): a file fed in pieces of any size, plain
// or compressed, reads exactly as the whole file does — the same records, checksum and problems —
// for the golden files and for every file of the bad-file corpus.
#include "ledger/compress.hpp"
#include "ledger_test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace hz;
using namespace hz::test;

namespace {

struct Collect final : ledger::ReadSink {
  ledger::Ledger* l;
  explicit Collect(ledger::Ledger& target) : l(&target) {}
  void record(ledger::Kind k, ledger::Record&& r) override { l->of(k).push_back(std::move(r)); }
  void event(core::HistoryEvent&& e, bool) override { l->events.push_back(std::move(e)); }
  void conflict(ledger::Conflict&& c) override { l->conflicts.push_back(std::move(c)); }
};

ledger::ReadResult readInPieces(const std::string& bytes, size_t piece) {
  ledger::ReadResult out;
  Collect sink(out.ledger);
  ledger::LedgerParser parser(out, sink);
  for (size_t at = 0; at < bytes.size(); at += piece) {
    if (!parser.feed(std::string_view(bytes).substr(at, piece))) break;
  }
  parser.finish();
  return out;
}

std::string describe(const ledger::ReadResult& r) {
  std::string s = std::string(r.fatal ? "fatal" : "ok") + " checksum=" + r.computedChecksum + "\n";
  for (const auto& p : r.problems) s += ledger::problemLine("f", p) + "\n";
  for (ledger::Kind k : ledger::kKinds) {
    s += std::string(ledger::arrayName(k)) + ":";
    for (const auto& rec : r.ledger.of(k)) s += " " + rec.meta.id + "@" + rec.meta.rev;
    s += "\n";
  }
  s += "events:";
  for (const auto& e : r.ledger.events) s += " " + e.id;
  s += "\nconflicts:";
  for (const auto& c : r.ledger.conflicts) s += " " + c.id;
  return s + "\noffice=" + r.ledger.office.id + " scope=" + r.ledger.scope + " at=" + r.ledger.exportedAt;
}

std::vector<std::string> corpus() {
  std::vector<std::string> files{"golden/small.json"};
  std::ifstream tsv(dataPath("bad/expected.tsv"));
  std::string line;
  while (std::getline(tsv, line)) {
    if (line.empty() || line[0] == '#') continue;
    files.push_back("bad/" + line.substr(0, line.find('\t')));
  }
  return files;
}

} // namespace

TEST_CASE("a ledger file read in pieces of any size, plain or gzip, reads as the whole file") {
  const auto files = corpus();
  REQUIRE(files.size() > 20);
  for (const auto& f : files) {
    const std::string bytes = readData(f);
    const std::string whole = describe(ledger::readLedger(bytes));
    const std::string packed = ledger::gzip(bytes);
    for (size_t piece : {size_t{1}, size_t{2}, size_t{7}, size_t{4096}}) {
      const std::string what = f + ", pieces of " + std::to_string(piece);
      CHECK_MESSAGE(describe(readInPieces(bytes, piece)) == whole, (what + ", plain"));
      CHECK_MESSAGE(describe(readInPieces(packed, piece)) == whole, (what + ", gzip"));
    }
  }
}

TEST_CASE("a generated city file: pieces, a byte order mark, trailing bytes and a cut") {
  ledger::Ledger city = generated(3, 40, 200);
  const std::string text = ledger::writeLedger(city);
  const std::string whole = describe(ledger::readLedger(text));
  CHECK(whole.find("fatal") == std::string::npos);
  CHECK(describe(readInPieces(text, 333)) == whole);
  CHECK(describe(readInPieces("\xEF\xBB\xBF" + text, 5)) == whole);
  // Compressed with the mark, fed a byte at a time: the inflated text arrives in tiny pieces.
  CHECK(describe(readInPieces(ledger::gzip("\xEF\xBB\xBF" + text), 1)) == whole);
  // Bytes after the object are refused, wherever the pieces end.
  ledger::ReadResult tail = readInPieces(text + " x", 64);
  REQUIRE(tail.fatal);
  CHECK(tail.problems.at(0).message.find("JSON 语法错误") != std::string::npos);
  // A cut file names itself as cut, plain and compressed.
  ledger::ReadResult cut = readInPieces(text.substr(0, text.size() / 2), 1000);
  REQUIRE(cut.fatal);
  CHECK_MESSAGE(cut.problems.at(0).message.find("文件不完整") != std::string::npos, describe(cut).substr(0, 600));
  const std::string z = ledger::gzip(text);
  ledger::ReadResult zcut = readInPieces(z.substr(0, z.size() / 2), 1000);
  REQUIRE(zcut.fatal);
  CHECK(zcut.problems.at(0).message.find("不完整") != std::string::npos);
}
