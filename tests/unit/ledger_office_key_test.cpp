// Office keys (ledger/office_key.hpp): RFC 8032 Ed25519 vectors, signatures that fail for any change,
// the spoken fingerprint (against an independent BLAKE2b: Python's hashlib), and passphrase backups
// that restore only with the right passphrase and an unchanged file.
#include "ledger/office_key.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>

using namespace hz;
using namespace hz::ledger;

namespace {

template <size_t N> std::array<uint8_t, N> hexArray(std::string_view hex) {
  std::array<uint8_t, N> a{};
  REQUIRE_MESSAGE(fromHex(hex, a), hex);
  return a;
}

struct Rfc8032Vector {
  const char* seed;
  const char* publicKey;
  std::string message;
  const char* signature;
};

// RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2 (one byte, 0x72).
const Rfc8032Vector kVectors[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe246"
     "55141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "\x72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb"
     "00d291612bb0c00"},
};

OfficeKey vectorKey(int i) { return officeKeyFromSeed(hexArray<32>(kVectors[i].seed)); }

const std::string kPassphrase = "安全生产 2026 台账";
const std::string kOffice = "330102-应急局";

// One backup shared by the restore cases (each Argon2id run costs a fraction of a second).
const std::string& sampleBackup() {
  static const std::string text = [] {
    auto b = backupKey(vectorKey(1), kOffice, kPassphrase);
    REQUIRE_MESSAGE(b.ok(), (b.ok() ? std::string() : b.error().describe()));
    return b.value();
  }();
  return text;
}

nlohmann::json backupJson() { return nlohmann::json::parse(sampleBackup()); }

// Restores `j` dumped, expecting failure; returns the error.
Error restoreFails(const nlohmann::json& j, const std::string& passphrase = kPassphrase) {
  std::string office = "untouched";
  auto r = restoreKey(j.dump(), passphrase, &office);
  REQUIRE_FALSE(r.ok());
  CHECK(office == "untouched");
  return r.error();
}

} // namespace

TEST_CASE("office key: RFC 8032 Ed25519 test vectors 1 and 2, byte for byte") {
  for (int i = 0; i < 2; ++i) {
    const Rfc8032Vector& v = kVectors[i];
    CAPTURE(i);
    const OfficeKey k = vectorKey(i);
    CHECK(toHex(k.publicKey) == v.publicKey);
    // libsodium's secret key is the seed followed by the public key.
    CHECK(toHex(k.secretKey) == std::string(v.seed) + v.publicKey);
    const Signature sig = signDetached(k, v.message);
    CHECK(toHex(sig) == v.signature);
    CHECK(verifyDetached(k.publicKey, v.message, sig));
    CHECK(verifyDetached(k.publicKey, v.message, hexArray<64>(v.signature)));
  }
}

TEST_CASE("office key: a signature fails for one flipped bit in the message or the signature, or another key") {
  const OfficeKey k = generateOfficeKey();
  const OfficeKey other = generateOfficeKey();
  CHECK(k.publicKey != other.publicKey);
  const std::string message = "{\"office\":\"330102\",\"hazards\":17,\"note\":\"整改完成\"}";
  const Signature sig = signDetached(k, message);
  REQUIRE(verifyDetached(k.publicKey, message, sig));
  CHECK_FALSE(verifyDetached(other.publicKey, message, sig));
  CHECK_FALSE(verifyDetached(k.publicKey, message + " ", sig));
  for (size_t bit = 0; bit < message.size() * 8; bit += 7) {
    std::string m = message;
    m[bit / 8] = static_cast<char>(m[bit / 8] ^ (1 << (bit % 8)));
    CHECK_FALSE(verifyDetached(k.publicKey, m, sig));
  }
  for (size_t bit = 0; bit < sig.size() * 8; ++bit) {
    Signature s = sig;
    s[bit / 8] = static_cast<uint8_t>(s[bit / 8] ^ (1 << (bit % 8)));
    CAPTURE(bit);
    CHECK_FALSE(verifyDetached(k.publicKey, message, s));
  }
  // The key pairs of two seeds differ in every part; a seed gives its pair again.
  std::array<uint8_t, 32> seed{};
  seed[31] = 1;
  CHECK(officeKeyFromSeed(seed).publicKey == officeKeyFromSeed(seed).publicKey);
  CHECK(officeKeyFromSeed(seed).publicKey != vectorKey(0).publicKey);
}

TEST_CASE("office key: hex both ways") {
  const std::array<uint8_t, 4> b{0x00, 0x7f, 0xa5, 0xff};
  CHECK(toHex(b) == "007fa5ff");
  std::array<uint8_t, 4> back{};
  CHECK(fromHex("007FA5ff", back));
  CHECK(back == b);
  CHECK_FALSE(fromHex("007fa5f", back));    // odd length
  CHECK_FALSE(fromHex("007fa5ff00", back)); // too long
  CHECK_FALSE(fromHex("007fa5fg", back));   // not a hex digit
  CHECK_FALSE(fromHex("007fa5f ", back));
}

TEST_CASE("office key: fingerprint is 8 groups of 4 digits, stable, and differs between keys") {
  const std::string f = fingerprint(vectorKey(0).publicKey);
  REQUIRE(f.size() == 8 * 4 + 7);
  for (size_t i = 0; i < f.size(); ++i) {
    CAPTURE(i);
    if (i % 5 == 4)
      CHECK(f[i] == ' ');
    else
      CHECK((f[i] >= '0' && f[i] <= '9'));
  }
  // Expected values from an independent computation (Python):
  //   h = hashlib.blake2b(pub, digest_size=40, key=b"hazard-ledger office key fingerprint v1").digest()
  //   " ".join("%04d" % (int.from_bytes(h[5*g:5*g+5], "big") % 10000) for g in range(8))
  CHECK(f == "8472 8493 2263 1811 9207 8244 1301 9704");
  CHECK(fingerprint(vectorKey(1).publicKey) == "5542 3292 0330 1365 2698 3564 2644 6656");
  CHECK(fingerprint(vectorKey(0).publicKey) == f);
  PublicKey flipped = vectorKey(0).publicKey;
  flipped[0] ^= 1;
  CHECK(fingerprint(flipped) != f);
}

TEST_CASE("office key: a backup restores with its passphrase, and only with it") {
  const OfficeKey k = vectorKey(1);
  const auto t0 = std::chrono::steady_clock::now();
  const std::string& text = sampleBackup();
  const nlohmann::json j = nlohmann::json::parse(text);
  CHECK(j["format"] == "hazard-ledger-key");
  CHECK(j["version"] == 1);
  CHECK(j["office_id"] == kOffice);
  CHECK(j["public_key"] == toHex(k.publicKey));
  CHECK(j["kdf"] == "argon2id13");
  CHECK(j["salt"].get<std::string>().size() == 32);
  CHECK(j["nonce"].get<std::string>().size() == 48);
  CHECK(j["ciphertext"].get<std::string>().size() == 2 * (64 + 16));
  // The secret key is nowhere in the file, in hex or otherwise.
  CHECK(text.find(toHex(k.secretKey).substr(0, 64)) == std::string::npos);

  std::string office;
  const auto t1 = std::chrono::steady_clock::now();
  auto r = restoreKey(text, kPassphrase, &office);
  const auto t2 = std::chrono::steady_clock::now();
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().describe()));
  CHECK(r->publicKey == k.publicKey);
  CHECK(r->secretKey == k.secretKey);
  CHECK(office == kOffice);
  CHECK(restoreKey(text, kPassphrase, nullptr).ok());
  std::printf("office key: Argon2id (opslimit %d, memlimit %d MiB): backup+restore %.0f ms, restore %.0f ms\n",
              j["opslimit"].get<int>(), j["memlimit"].get<int>() >> 20,
              std::chrono::duration<double, std::milli>(t2 - t0).count(),
              std::chrono::duration<double, std::milli>(t2 - t1).count());

  // Two backups of one key differ (fresh salt and nonce).
  auto again = backupKey(k, kOffice, kPassphrase);
  REQUIRE(again.ok());
  CHECK(nlohmann::json::parse(*again)["salt"] != j["salt"]);
  CHECK(nlohmann::json::parse(*again)["ciphertext"] != j["ciphertext"]);

  const Error wrong = restoreFails(j, kPassphrase + "x");
  CHECK(wrong.message == "口令不正确，或备份文件已损坏");
  CHECK(restoreFails(j, "安全生产 2026 台帐").message == "口令不正确，或备份文件已损坏");
}

TEST_CASE("office key: a changed ciphertext byte, office_id or public_key fails as a wrong passphrase") {
  {
    nlohmann::json j = backupJson();
    std::string c = j["ciphertext"];
    c[10] = c[10] == '0' ? '1' : '0';
    j["ciphertext"] = c;
    CHECK(restoreFails(j).message == "口令不正确，或备份文件已损坏");
  }
  {
    nlohmann::json j = backupJson();
    j["office_id"] = "330103-应急局";
    CHECK(restoreFails(j).message == "口令不正确，或备份文件已损坏");
  }
  {
    nlohmann::json j = backupJson();
    j["public_key"] = toHex(vectorKey(0).publicKey);
    CHECK(restoreFails(j).message == "口令不正确，或备份文件已损坏");
  }
}

TEST_CASE("office key: a malformed backup is refused before any key derivation, naming the field") {
  const nlohmann::json good = backupJson();
  struct Case {
    const char* field;
    nlohmann::json value; // null: the member is removed
  };
  const Case cases[] = {
      {"format", "hazard-ledger"},
      {"format", nullptr},
      {"version", 2},
      {"version", "1"},
      {"office_id", ""},
      {"office_id", 330102},
      {"public_key", "d75a98"},
      {"public_key", std::string(64, 'z')},
      {"kdf", "scrypt"},
      {"opslimit", 0},
      {"opslimit", 1000000},
      {"opslimit", -2},
      {"memlimit", uint64_t{1} << 40},
      {"memlimit", "67108864"},
      {"salt", nullptr},
      {"salt", std::string(30, 'a')},
      {"nonce", std::string(48, 'x')},
      {"ciphertext", std::string(158, '0')},
      {"ciphertext", nlohmann::json::array()},
  };
  for (const Case& c : cases) {
    nlohmann::json j = good;
    if (c.value.is_null())
      j.erase(c.field);
    else
      j[c.field] = c.value;
    CAPTURE(j.dump());
    const auto t0 = std::chrono::steady_clock::now();
    const Error e = restoreFails(j);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    CHECK(e.code == ErrorCode::Format);
    REQUIRE(e.problems.size() == 1);
    CHECK(e.problems[0].field == c.field);
    CHECK(e.message.find(std::string("“") + c.field + "”") != std::string::npos);
    CHECK(ms < 50); // refused before Argon2id (64 MiB: a tenth of a second and more)
  }
  for (const char* text : {"", "{", "[1,2]", "\"hazard-ledger-key\"", "{\"format\":\"hazard-ledger-key\"}"}) {
    CAPTURE(text);
    auto r = restoreKey(text, kPassphrase, nullptr);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Format);
    CHECK(r.error().message.rfind("密钥备份文件格式不正确", 0) == 0);
  }
  CHECK_FALSE(restoreKey(std::string(100000, ' '), kPassphrase, nullptr).ok());
}

TEST_CASE("office key: a backup refuses a short or empty passphrase, an empty office id and a mismatched key") {
  const OfficeKey k = vectorKey(0);
  auto empty = backupKey(k, kOffice, "");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message == "口令不能为空");
  auto shortAscii = backupKey(k, kOffice, "1234567");
  REQUIRE_FALSE(shortAscii.ok());
  CHECK(shortAscii.error().message == "口令至少需要 8 个字符");
  // Characters, not bytes: seven Chinese characters are 21 bytes and still too short.
  auto shortChinese = backupKey(k, kOffice, "安全生产责任制");
  REQUIRE_FALSE(shortChinese.ok());
  CHECK(shortChinese.error().message == "口令至少需要 8 个字符");
  CHECK_FALSE(backupKey(k, "", kPassphrase).ok());
  OfficeKey mixed = k;
  mixed.publicKey = vectorKey(1).publicKey;
  CHECK_FALSE(backupKey(mixed, kOffice, kPassphrase).ok());
}
