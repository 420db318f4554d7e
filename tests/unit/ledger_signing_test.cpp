// Signed ledger files (ledger/signing.hpp, format version 3): who sent a file, trust on first use
// and pinning, key changes refused until accepted, forwarded history still proven by the office
// that made it, and unsigned files of versions 1 and 2 still imported, marked 未签名.
#include "core/validation.hpp"
#include "ledger/export_stream.hpp"
#include "ledger/signing.hpp"
#include "ledger_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace hz;
using namespace hz::test;

namespace {

// An office with a database and, when `keyed`, its signing key (as the app and `init` make it).
struct Office {
  store::Store db;
  Office(uint64_t seed, const std::string& name, const std::string& division, bool keyed = true)
      : db(openMemory(seed)) {
    core::Office o = db.office();
    o.name = name;
    o.divisionCode = division;
    o.level = core::OfficeLevel::Township;
    o.operators = {"王伟"};
    must(db.setOffice(o, "王伟"));
    if (keyed) must(ledger::ensureOfficeKey(db));
  }
  std::string id() { return db.office().id; }
  // A firm and `n` hazards, as this office records them.
  void record(int n, const std::string& firm) {
    core::Enterprise firmRecord = sampleEnterprise(firm);
    // Several firms in several offices: a code of their own (17 characters and the check character).
    static int serial = 100;
    const std::string first17 = "91320102MA" + std::to_string(1000000 + ++serial);
    firmRecord.uscc = first17 + core::usccCheckChar(first17);
    core::Enterprise e = must(db.createEnterprise(firmRecord, "王伟"));
    for (int i = 0; i < n; ++i) {
      core::Hazard h = sampleHazard(e.meta.id);
      h.description = firm + " 隐患 " + std::to_string(i);
      must(db.createHazard(h, "王伟"));
    }
  }
  std::string exportFile() {
    ledger::StringSink sink;
    auto s = must(ledger::LedgerExportStream::open(db, sink));
    while (!must(s->step(100000))) {
    }
    return sink.text;
  }
};

struct Outcome {
  Result<ledger::ImportReport> report;
  std::vector<ledger::KeyQuestion> questions;
  std::vector<Problem> problems;
};

Outcome importText(store::Store& db, const std::string& text, const ledger::TrustOptions& trust = {}) {
  auto imp = must(ledger::LedgerImport::begin(db));
  imp->setTrust(trust);
  imp->startFile("in.json");
  (void)imp->feed(text);
  imp->endFile();
  Outcome out{imp->commit(), {}, {}};
  out.questions = imp->keyQuestions();
  auto files = imp->takeFiles();
  if (!files.empty()) out.problems = files[0].read.problems;
  return out;
}

ledger::TrustOptions trustNew() {
  ledger::TrustOptions t;
  t.trustNew = true;
  return t;
}

bool mentions(const std::vector<Problem>& problems, const std::string& fragment) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const Problem& p) { return p.message.find(fragment) != std::string::npos; });
}

int64_t hazards(store::Store& db) { return must(db.countHazards()); }

} // namespace

TEST_CASE("a signed file: version 3, valid, and a file from an office seen before imports") {
  Office town(1, "东湖街道安委办", "320102001");
  town.record(3, "东湖恒达机械制造有限公司");
  const std::string text = town.exportFile();
  ledger::ReadResult r = ledger::readLedger(text);
  CHECK(r.ledger.version == ledger::kSignedFormatVersion);
  CHECK(r.problems.empty());
  const auto summary = ledger::signatureSummary(r.ledger, r.problems);
  CHECK(summary.state == ledger::SignatureState::Signed);
  CHECK(summary.office == town.id());
  CHECK(summary.fingerprint == ledger::fingerprintOfHex(must(town.db.ownKey())->publicKey));

  // The first file of the office: a question (nothing imported), unless the user trusts it.
  Office city(2, "示范区安委办", "320102");
  Outcome first = importText(city.db, text);
  REQUIRE_FALSE(first.report.ok());
  CHECK(first.report.error().code == ErrorCode::Forbidden);
  REQUIRE(first.questions.size() == 1);
  CHECK(first.questions[0].officeId == town.id());
  CHECK_FALSE(first.questions[0].change());
  CHECK(first.questions[0].fingerprint == summary.fingerprint);
  CHECK(hazards(city.db) == 0);
  CHECK_FALSE(must(city.db.trustedKey(town.id())).has_value());

  Outcome trusted = importText(city.db, text, trustNew());
  REQUIRE(trusted.report.ok());
  CHECK(hazards(city.db) == 3);
  auto pinned = must(city.db.trustedKey(town.id()));
  REQUIRE(pinned.has_value());
  CHECK(pinned->publicKey == must(town.db.ownKey())->publicKey);
  CHECK(pinned->officeName == "东湖街道安委办");
  CHECK(trusted.report.value().keys.size() == 1);

  // Later files of the same office import without a question.
  town.record(1, "东湖嘉禾燃气有限公司");
  Outcome later = importText(city.db, town.exportFile());
  REQUIRE(later.report.ok());
  CHECK(later.questions.empty());
  CHECK(hazards(city.db) == 4);
}

TEST_CASE("a changed byte is refused; re-signed by another key it is a key change, refused until accepted") {
  Office town(3, "东湖街道安委办", "320102001");
  town.record(2, "东湖恒达机械制造有限公司");
  Office city(4, "示范区安委办", "320102");
  REQUIRE(importText(city.db, town.exportFile(), trustNew()).report.ok());

  // Someone closes a hazard in the file by hand: the checksum and the signature no longer hold.
  core::Hazard h = must(town.db.listAllHazards()).front();
  std::string text = town.exportFile();
  const std::string from = "\"description\":\"东湖恒达机械制造有限公司 隐患 0\"";
  REQUIRE(text.find(from) != std::string::npos);
  std::string tampered = text;
  tampered.replace(tampered.find(from), from.size(), "\"description\":\"东湖恒达机械制造有限公司 隐患 O\"");
  Outcome bad = importText(city.db, tampered);
  CHECK_FALSE(bad.report.ok());
  CHECK(bad.report.error().code == ErrorCode::Invalid);

  // The forger re-signs the changed content with a key of its own, claiming the same office: the
  // file is self-consistent, but its key is not the one pinned.
  Office forger(5, "东湖街道安委办", "320102001");
  ledger::ReadResult r = ledger::readLedger(tampered);
  ledger::SigningKeys keys;
  keys.own = ledger::generateOfficeKey();
  keys.ownOffice = town.id();
  ledger::Ledger forged = r.ledger;
  forged.version = ledger::kFormatVersion;
  const std::string forgedText = ledger::writeLedger(forged, &keys);
  ledger::ReadResult fr = ledger::readLedger(forgedText);
  CHECK(fr.problems.empty()); // valid by itself
  Outcome refused = importText(city.db, forgedText);
  REQUIRE_FALSE(refused.report.ok());
  CHECK(refused.report.error().code == ErrorCode::Forbidden);
  REQUIRE(refused.questions.size() == 1);
  CHECK(refused.questions[0].change());
  CHECK(refused.questions[0].pinnedFingerprint == ledger::fingerprintOfHex(must(town.db.ownKey())->publicKey));
  CHECK(refused.questions[0].fingerprint == ledger::fingerprint(keys.own->publicKey));
  CHECK(refused.report.error().message.find("可能是伪造的文件") != std::string::npos);
  // --trust-new does not accept a changed key.
  CHECK_FALSE(importText(city.db, forgedText, trustNew()).report.ok());
  CHECK(must(city.db.getHazard(h.meta.id)).description == "东湖恒达机械制造有限公司 隐患 0");
  CHECK(must(city.db.keyChanges()).empty());

  // Accepted after a phone call: imported, and logged.
  ledger::TrustOptions accept;
  accept.acceptChanges.insert(town.id());
  accept.actor = "李娜";
  Outcome accepted = importText(city.db, forgedText, accept);
  REQUIRE(accepted.report.ok());
  auto changes = must(city.db.keyChanges());
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].officeId == town.id());
  CHECK(changes[0].actor == "李娜");
  CHECK(changes[0].newKey == ledger::toHex(keys.own->publicKey));
  CHECK(must(city.db.trustedKey(town.id()))->keyChanges == 1);
}

TEST_CASE("history of an office that signs must come with its signature; older unsigned history is marked") {
  // A township without a key (an old version) sends an unsigned file to the county: imported, marked.
  Office oldTown(6, "西山镇安委办", "320102002", false);
  oldTown.record(2, "西山中联精密铸造有限公司");
  const std::string unsigned1 = oldTown.exportFile();
  CHECK(ledger::readLedger(unsigned1).ledger.version == ledger::kFormatVersion);
  Office county(7, "示范区安委办", "320102");
  Outcome u = importText(county.db, unsigned1);
  REQUIRE(u.report.ok());
  REQUIRE(u.report.value().signatures.size() == 1);
  CHECK(u.report.value().signatures[0].find("未签名") != std::string::npos);

  // The county forwards it in its signed file: the township never signed that history. The city
  // is asked (nothing imported; --trust-new does not cover it); a person who checked with the
  // township accepts it, and it arrives marked as unsigned (refused outright once the city knows
  // the township signs, below).
  Office city(8, "示范市安委办", "320100");
  const std::string countyFile = county.exportFile();
  CHECK(ledger::readLedger(countyFile).unsignedOrigins.count(oldTown.id()) == 1);
  Outcome asked = importText(city.db, countyFile, trustNew());
  REQUIRE_FALSE(asked.report.ok());
  CHECK(asked.report.error().code == ErrorCode::Forbidden);
  REQUIRE(asked.questions.size() == 1);
  CHECK(asked.questions[0].unsignedHistory());
  CHECK(asked.questions[0].officeId == oldTown.id());
  CHECK(asked.questions[0].signer == "示范区安委办（" + county.id() + "）");
  CHECK(asked.questions[0].unsignedEvents == 1 + 1 + 2); // its office settings, the firm, 2 hazards
  CHECK(asked.questions[0].describe().find("没有该单位自己的签名") != std::string::npos);
  CHECK(hazards(city.db) == 0);
  CHECK_FALSE(must(city.db.trustedKey(county.id())).has_value()); // nothing of the attempt stays
  ledger::TrustOptions accept = trustNew();
  accept.acceptUnsigned.insert(oldTown.id());
  Outcome fwd = importText(city.db, countyFile, accept);
  REQUIRE(fwd.report.ok());
  CHECK(hazards(city.db) == 2);
  CHECK(fwd.report.value().describe().find("没有该单位的签名") != std::string::npos);
  // Accepting another office's unsigned history does not accept this one's.
  ledger::TrustOptions other = trustNew();
  other.acceptUnsigned.insert("someone-else");
  Office city5(17, "示范市安委办", "320100");
  CHECK_FALSE(importText(city5.db, countyFile, other).report.ok());
  CHECK(hazards(city5.db) == 0);

  // A signed township's file forwarded by the county: the township's own signature comes along.
  Office town(9, "东湖街道安委办", "320102001");
  town.record(2, "东湖恒达机械制造有限公司");
  Office county2(10, "示范区安委办", "320102");
  REQUIRE(importText(county2.db, town.exportFile(), trustNew()).report.ok());
  REQUIRE(must(county2.db.signedHeads()).size() == 1); // the township's head, kept to forward
  county2.record(1, "示范区直属企业有限公司");
  const std::string forwarded = county2.exportFile();
  ledger::ReadResult fr = ledger::readLedger(forwarded);
  CHECK(fr.problems.empty());
  CHECK(fr.ledger.signers.size() == 2);
  CHECK(fr.unsignedOrigins.empty());
  Office city2(11, "示范市安委办", "320100");
  REQUIRE(importText(city2.db, forwarded, trustNew()).report.ok());
  CHECK(hazards(city2.db) == 3);
  CHECK(must(city2.db.trustedKey(town.id())).has_value()); // pinned from the township's own signature

  // The county claims the township's records without the township's signature (its entry dropped,
  // the file re-signed by the county): a city that knows the township signs refuses it.
  ledger::ReadResult er = ledger::readLedger(forwarded);
  ledger::SigningKeys keys = must(ledger::loadSigningKeys(county2.db));
  std::erase_if(keys.received, [&](const ledger::ChainHead& h) { return h.office == town.id(); });
  ledger::Ledger claim = er.ledger;
  claim.version = ledger::kFormatVersion;
  const std::string claimed = ledger::writeLedger(claim, &keys);
  REQUIRE(ledger::readLedger(claimed).unsignedOrigins.count(town.id()) == 1);
  Office city3(12, "示范市安委办", "320100");
  REQUIRE(importText(city3.db, town.exportFile(), trustNew()).report.ok()); // knows the township's key
  const int64_t before = hazards(city3.db);
  Outcome refused = importText(city3.db, claimed, trustNew());
  REQUIRE_FALSE(refused.report.ok());
  CHECK(mentions(refused.problems, "没有该单位的签名"));
  CHECK(hazards(city3.db) == before);

  // The county changes a township event's content and re-signs the file with its own key: the
  // township's signature no longer covers that history, which a city knowing the township refuses.
  const std::string from = "东湖恒达机械制造有限公司 隐患 1";
  std::string edited = forwarded;
  size_t at = 0;
  while ((at = edited.find(from, at)) != std::string::npos)
    edited.replace(at, from.size(), "东湖恒达机械制造有限公司 隐患 X");
  ledger::Ledger re = ledger::readLedger(edited).ledger;
  re.version = ledger::kFormatVersion;
  ledger::SigningKeys keys2 = must(ledger::loadSigningKeys(county2.db));
  const std::string resigned = ledger::writeLedger(re, &keys2);
  CHECK(ledger::readLedger(resigned).unsignedOrigins.count(town.id()) == 1);
  Office city4(16, "示范市安委办", "320100");
  REQUIRE(importText(city4.db, town.exportFile(), trustNew()).report.ok());
  Outcome rejected = importText(city4.db, resigned, trustNew());
  CHECK_FALSE(rejected.report.ok());
  CHECK(must(city4.db.getHazard(must(town.db.listAllHazards())[1].meta.id)).description ==
        "东湖恒达机械制造有限公司 隐患 1");
  // Keeping the township's signature entry while changing its history: the file itself is refused.
  CHECK_FALSE(ledger::readLedger(edited).problems.empty()); // the county's signature over the checksum fails
}

TEST_CASE("files of versions 1 and 2 still import, marked unsigned; a signed file names its signer in validate") {
  store::Store db = openMemory(13);
  const std::string v1 = readData("golden/small.json");
  Outcome r = importText(db, v1);
  REQUIRE(r.report.ok());
  REQUIRE(r.report.value().signatures.size() == 1);
  CHECK(r.report.value().signatures[0].find("未签名") != std::string::npos);
  CHECK(r.report.value().describe().find("未签名") != std::string::npos);
  ledger::ReadResult rr = ledger::readLedger(v1);
  CHECK(ledger::signatureSummary(rr.ledger, rr.problems).state == ledger::SignatureState::Unsigned);

  // A signed office's history written again without signatures (version 2: its old export, or a
  // forger downgrading the format): a question, under its own name or another header's, until a
  // person accepts it. History of offices not known to sign still imports, marked.
  Office signer(18, "北山街道安委办", "320102004");
  signer.record(2, "北山化工储运有限公司");
  store::Store city = openMemory(19);
  ledger::TrustOptions t;
  t.trustNew = true;
  REQUIRE(importText(city, signer.exportFile(), t).report.ok());
  ledger::Ledger down = ledger::readLedger(signer.exportFile()).ledger;
  down.version = ledger::kFormatVersion;
  down.signers.clear();
  down.signature.reset();
  const std::string own = ledger::writeLedger(down); // under its own name
  down.office.id = "01FORGEDOFFICE0000000000AA";
  down.office.name = "某单位";
  const std::string other = ledger::writeLedger(down); // under another office's name
  for (const std::string& text : {own, other}) {
    Outcome q = importText(city, text, t);
    REQUIRE_FALSE(q.report.ok());
    CHECK(q.report.error().code == ErrorCode::Forbidden);
    REQUIRE(q.questions.size() == 1);
    CHECK(q.questions[0].fileUnsigned);
    CHECK(q.questions[0].officeId == signer.id());
    CHECK(q.questions[0].describe().find("没有签名（旧版本格式）") != std::string::npos);
  }
  ledger::TrustOptions accepted = t;
  accepted.acceptUnsigned.insert(signer.id());
  CHECK(importText(city, other, accepted).report.ok());

  // A version 2 file that carries a signature member is refused (signatures begin with version 3).
  Office town(14, "东湖街道安委办", "320102001");
  std::string text = town.exportFile();
  const std::string v3 = "\"version\":3";
  REQUIRE(text.find(v3) != std::string::npos);
  text.replace(text.find(v3), v3.size(), "\"version\":2");
  CHECK(mentions(ledger::readLedger(text).problems, "第 3 版起"));
}

TEST_CASE("a file claiming this office's own id with another key is refused outright") {
  Office town(15, "东湖街道安委办", "320102001");
  town.record(1, "东湖恒达机械制造有限公司");
  const std::string text = town.exportFile();
  // The same database restored elsewhere without the key backup gets a new key: its files claim the
  // original office with another key. Back home, the original refuses them.
  ledger::ReadResult r = ledger::readLedger(text);
  ledger::SigningKeys keys;
  keys.own = ledger::generateOfficeKey();
  keys.ownOffice = town.id();
  ledger::Ledger l = r.ledger;
  l.version = ledger::kFormatVersion;
  l.signers.clear();
  const std::string other = ledger::writeLedger(l, &keys);
  Outcome o = importText(town.db, other, trustNew());
  REQUIRE_FALSE(o.report.ok());
  CHECK(o.report.error().code == ErrorCode::Invalid);
  CHECK(o.report.error().message.find("不是本机的密钥") != std::string::npos);
}
