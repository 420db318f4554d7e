// gzip ledger files (ledger/compress.hpp): compressed and plain files read and import to the same
// database; damaged, cut and oversized compressed files are refused with a reason and change
// nothing; exports to .gz stream through the compressor and inflate to the plain export's bytes.
#include "ledger/compress.hpp"
#include "ledger/export_stream.hpp"
#include "ledger_test_support.hpp"

#include <doctest/doctest.h>

#include <cstdio>

using namespace hz;
using namespace hz::test;

namespace {

std::string sampleText() {
  ledger::Ledger l = generated(7, 30, 120);
  return ledger::writeLedger(l);
}

std::string fileText(const std::string& path) {
  auto b = ledger::readFileBytes(path);
  REQUIRE(b.ok());
  return b.value();
}

} // namespace

TEST_CASE("gzip round trip: one member, several members, the empty text, pieces of any size") {
  const std::string text = sampleText();
  const std::string z = ledger::gzip(text);
  CHECK(ledger::isGzip(z));
  CHECK_FALSE(ledger::isGzip(text));
  CHECK(z.size() * 4 < text.size());
  CHECK(must(ledger::gunzip(z, ledger::kMaxFileBytes)) == text);
  // Two members (files joined with cat) inflate to both texts.
  CHECK(must(ledger::gunzip(ledger::gzip("ab") + ledger::gzip("cd"), 100)) == "abcd");
  CHECK(must(ledger::gunzip(ledger::gzip(""), 100)).empty());
  // The streaming sink, fed in odd pieces, gives a stream that inflates to the same text.
  ledger::StringSink out;
  ledger::GzipSink sink(out, 6);
  for (size_t at = 0; at < text.size(); at += 997) {
    const size_t n = std::min<size_t>(997, text.size() - at);
    REQUIRE(sink.write(text.data() + at, n).ok());
  }
  REQUIRE(sink.finish().ok());
  CHECK(sink.bytesIn() == text.size());
  CHECK(sink.bytesOut() == out.text.size());
  CHECK(must(ledger::gunzip(out.text, ledger::kMaxFileBytes)) == text);
}

TEST_CASE("damaged, cut and oversized compressed files are refused with a reason") {
  const std::string text = sampleText();
  const std::string z = ledger::gzip(text);

  std::string damaged = z;
  damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x55);
  auto d = ledger::gunzip(damaged, ledger::kMaxFileBytes);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message.find("损坏") != std::string::npos);

  auto cut = ledger::gunzip(z.substr(0, z.size() / 3), ledger::kMaxFileBytes);
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error().message.find("不完整") != std::string::npos);

  auto trailing = ledger::gunzip(z + "junk", ledger::kMaxFileBytes);
  REQUIRE_FALSE(trailing.ok());
  CHECK(trailing.error().message.find("多余") != std::string::npos);

  // A bomb: 64 MB of zeros in a few tens of KB, refused at the limit rather than inflated whole.
  const std::string bomb = ledger::gzip(std::string(64u << 20, '\0'), 9);
  CHECK(bomb.size() < 200000);
  auto big = ledger::gunzip(bomb, 1u << 20);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().message.find("超过 1 MB") != std::string::npos);

  // Through the reader: a fatal file-level problem that says what is wrong; nothing imported.
  ledger::ReadResult r = ledger::readLedger(damaged);
  CHECK(r.fatal);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].message.find("压缩文件已损坏") != std::string::npos);
  store::Store db = must(store::Store::open(":memory:", testOptions(3)));
  const std::string before = exportText(db);
  std::vector<ledger::LedgerInput> in(1);
  in[0].name = "damaged.ledger.json.gz";
  in[0].read = std::move(r);
  CHECK_FALSE(ledger::importLedgers(db, in).ok());
  CHECK(exportText(db) == before);
}

TEST_CASE("compressed and plain files read alike and import to the same database") {
  const std::string text = sampleText();
  const std::string z = ledger::gzip(text);
  ledger::ReadResult plain = ledger::readLedger(text), packed = ledger::readLedger(z);
  REQUIRE_FALSE(packed.fatal);
  CHECK(packed.problems.empty());
  CHECK(packed.computedChecksum == plain.computedChecksum);
  CHECK(packed.ledger.of(ledger::Kind::Hazard).size() == 120);

  store::Store a = must(store::Store::open(":memory:", testOptions(11)));
  store::Store b = must(store::Store::open(":memory:", testOptions(11)));
  const auto ra = importBytes(a, text, "plain.ledger.json");
  const auto rb = importBytes(b, z, "packed.ledger.json.gz");
  CHECK(ra.kinds[static_cast<size_t>(ledger::Kind::Hazard)].added == 120);
  CHECK(rb.kinds[static_cast<size_t>(ledger::Kind::Hazard)].added == 120);
  CHECK(exportText(a) == exportText(b));
  // The same content again, in the other form, changes nothing.
  const auto again = importBytes(a, z, "packed.ledger.json.gz");
  CHECK(again.kinds[static_cast<size_t>(ledger::Kind::Hazard)].added == 0);
  CHECK(again.kinds[static_cast<size_t>(ledger::Kind::Hazard)].unchanged == 120);
}

TEST_CASE("an export to a .gz path is the plain export, compressed") {
  store::Store db = must(store::Store::open(":memory:", testOptions(5)));
  importBytes(db, sampleText(), "sample.ledger.json");
  const std::string plainPath = "compress_test.ledger.json", gzPath = "compress_test.ledger.json.gz";
  const auto p = must(ledger::exportLedgerToFile(db, plainPath));
  const auto g = must(ledger::exportLedgerToFile(db, gzPath));
  CHECK(p.fileBytes == p.bytes);
  CHECK(g.bytes == p.bytes);
  const std::string plain = fileText(plainPath), packed = fileText(gzPath);
  CHECK(plain.size() == p.bytes);
  CHECK(packed.size() == g.fileBytes);
  CHECK(g.fileBytes * 4 < g.bytes);
  REQUIRE(ledger::isGzip(packed));
  CHECK(must(ledger::gunzip(packed, ledger::kMaxFileBytes)) == plain);
  std::remove(plainPath.c_str());
  std::remove(gzPath.c_str());
}
