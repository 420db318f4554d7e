// Office keys through libsodium: key pairs, Ed25519 signatures, fingerprints and passphrase backups
// (see office_key.hpp).
//
// Index: [SECTION] libsodium and hex — [SECTION] Keys and signatures — [SECTION] Fingerprint —
//        [SECTION] Backup — [SECTION] Restore
#include "ledger/office_key.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace hz::ledger {

namespace {

// Argon2id limits of a new backup: libsodium's "interactive" level (2 passes over 64 MiB). Measured
// (portable C, no SIMD): 0.16-0.18 s natively (-O2), 0.15-0.35 s in wasm under Node.js 20 (the
// first run pays for growing the heap by 64 MiB), 0.6 s in the ASan debug build.
constexpr uint64_t kOpsLimit = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
constexpr uint64_t kMemLimit = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
// What a restore accepts: a backup file is outside input, and its limits decide how long and how
// much memory the restore takes (4 × and 16 × the "interactive" limits: 256 MiB at most).
constexpr uint64_t kMaxOpsLimit = 8;
constexpr uint64_t kMaxMemLimit = uint64_t{256} << 20;
constexpr size_t kMaxBackupBytes = 64 * 1024; // a backup is about 0.5 KB
constexpr std::string_view kKdfName = "argon2id13";

constexpr size_t kSaltBytes = crypto_pwhash_argon2id_SALTBYTES;
constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr size_t kSealedBytes = 64 + crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(crypto_sign_ed25519_PUBLICKEYBYTES == 32 && crypto_sign_ed25519_SECRETKEYBYTES == 64 &&
              crypto_sign_ed25519_BYTES == 64 && crypto_sign_ed25519_SEEDBYTES == 32);
static_assert(kMaxMemLimit <= SIZE_MAX && kMemLimit <= kMaxMemLimit && kOpsLimit <= kMaxOpsLimit);

const char* const kWrongPassphrase = "口令不正确，或备份文件已损坏";

// [SECTION] libsodium and hex ----------------------------------------------------------------------

// sodium_init once (it picks the random source; under Emscripten it also installs the JavaScript
// random function that randombytes_buf calls). It fails only if the system has no random source.
void ensureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) {
    std::fputs("libsodium: sodium_init failed (no random source?)\n", stderr);
    std::abort();
  }
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

size_t utf8Chars(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool keyHalvesMatch(const OfficeKey& key) {
  // The secret key is seed + public key: the seed must give this very pair.
  std::array<uint8_t, 32> seed;
  std::copy_n(key.secretKey.begin(), seed.size(), seed.begin());
  OfficeKey again = officeKeyFromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  const bool same = again.publicKey == key.publicKey &&
                    sodium_memcmp(again.secretKey.data(), key.secretKey.data(), key.secretKey.size()) == 0;
  sodium_memzero(again.secretKey.data(), again.secretKey.size());
  return same;
}

// Every field but salt, nonce and ciphertext, in one unambiguous text: fixed-form fields first, one
// a line, then the office id (any text) last, after its length.
std::string associatedData(std::string_view officeId, const PublicKey& pub, uint64_t ops, uint64_t mem) {
  std::string ad(kKeyBackupFormat);
  ad += "\n" + std::to_string(kKeyBackupVersion) + "\n" + std::string(kKdfName) + "\n" + std::to_string(ops) + "\n" +
        std::to_string(mem) + "\n" + toHex(pub) + "\n" + std::to_string(officeId.size()) + "\n";
  ad += officeId;
  return ad;
}

bool deriveKey(std::array<uint8_t, kKeyBytes>& out, const std::string& passphrase,
               const std::array<uint8_t, kSaltBytes>& salt, uint64_t ops, uint64_t mem) {
  return crypto_pwhash(out.data(), out.size(), passphrase.data(), passphrase.size(), salt.data(), ops,
                       static_cast<size_t>(mem), crypto_pwhash_ALG_ARGON2ID13) == 0;
}

} // namespace

std::string toHex(std::span<const uint8_t> bytes) {
  static const char* const kHex = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 15];
  }
  return out;
}

bool fromHex(std::string_view hex, std::span<uint8_t> out) {
  if (hex.size() != out.size() * 2) return false;
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = hexValue(hex[2 * i]), lo = hexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return true;
}

// [SECTION] Keys and signatures --------------------------------------------------------------------

OfficeKey generateOfficeKey() {
  ensureSodium();
  OfficeKey k;
  crypto_sign_ed25519_keypair(k.publicKey.data(), k.secretKey.data());
  return k;
}

OfficeKey officeKeyFromSeed(const std::array<uint8_t, 32>& seed) {
  ensureSodium();
  OfficeKey k;
  crypto_sign_ed25519_seed_keypair(k.publicKey.data(), k.secretKey.data(), seed.data());
  return k;
}

Signature signDetached(const OfficeKey& key, std::string_view message) {
  ensureSodium();
  Signature sig;
  crypto_sign_ed25519_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                               message.size(), key.secretKey.data());
  return sig;
}

bool verifyDetached(const PublicKey& pub, std::string_view message, const Signature& sig) {
  ensureSodium();
  return crypto_sign_ed25519_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                             message.size(), pub.data()) == 0;
}

// [SECTION] Fingerprint ----------------------------------------------------------------------------
// Offices check each other's keys by reading the fingerprint aloud on the phone, so it is made of
// decimal digits only: every Chinese speaker reads 0-9 the same way and clearly (幺 for 1, 两 for
// 2), while the letters of hex or base32 are read with uncertain names (E/I/Y, B/D/P/T) and a
// mixed string is slow to dictate. Four-digit groups are how phone and bank-card numbers are read.
//
// 8 groups of 4 digits = 32 digits = log2(10^32) ≈ 106.3 bits. Each group is a 40-bit slice of a
// keyed BLAKE2b hash of the public key (40 bytes; the key separates this use of the hash from any
// other) taken mod 10000; 2^40 mod 10000 leaves a bias below 10^-8 per group. Matching all 32
// digits with a key of one's own takes about 2^106 tries (a second preimage): read all eight
// groups, since the first two alone carry only ~26.6 bits.
std::string fingerprint(const PublicKey& pub) {
  ensureSodium();
  static constexpr std::string_view kDomain = "hazard-ledger office key fingerprint v1";
  static_assert(kDomain.size() >= crypto_generichash_KEYBYTES_MIN && kDomain.size() <= crypto_generichash_KEYBYTES_MAX);
  std::array<uint8_t, 40> h;
  crypto_generichash(h.data(), h.size(), pub.data(), pub.size(), reinterpret_cast<const unsigned char*>(kDomain.data()),
                     kDomain.size());
  std::string out;
  for (size_t g = 0; g < 8; ++g) {
    uint64_t v = 0;
    for (size_t i = 0; i < 5; ++i) v = v << 8 | h[5 * g + i];
    char group[8];
    std::snprintf(group, sizeof group, "%04u", static_cast<unsigned>(v % 10000));
    if (g > 0) out += ' ';
    out += group;
  }
  return out;
}

// [SECTION] Backup ---------------------------------------------------------------------------------

Result<std::string> backupKey(const OfficeKey& key, const std::string& officeId, const std::string& passphrase) {
  ensureSodium();
  if (passphrase.empty()) return Error::invalid("口令不能为空", {Problem{"", "passphrase", "请输入口令"}});
  if (utf8Chars(passphrase) < kMinPassphraseChars) {
    const std::string what = "口令至少需要 " + std::to_string(kMinPassphraseChars) + " 个字符";
    return Error::invalid(what, {Problem{"", "passphrase", what}});
  }
  if (officeId.empty()) return Error::invalid("单位编号不能为空", {Problem{"", "office_id", "请填写单位编号"}});
  if (!keyHalvesMatch(key)) return Error::make(ErrorCode::Internal, "密钥的公钥与私钥不匹配，无法备份");

  std::array<uint8_t, kSaltBytes> salt;
  std::array<uint8_t, kNonceBytes> nonce;
  randombytes_buf(salt.data(), salt.size());
  randombytes_buf(nonce.data(), nonce.size());
  std::array<uint8_t, kKeyBytes> wrap;
  if (!deriveKey(wrap, passphrase, salt, kOpsLimit, kMemLimit))
    return Error::make(ErrorCode::Storage, "内存不足，无法由口令生成密钥");
  const std::string ad = associatedData(officeId, key.publicKey, kOpsLimit, kMemLimit);
  std::array<uint8_t, kSealedBytes> sealed;
  unsigned long long sealedLen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(sealed.data(), &sealedLen, key.secretKey.data(), key.secretKey.size(),
                                             reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
                                             nonce.data(), wrap.data());
  sodium_memzero(wrap.data(), wrap.size());
  if (sealedLen != sealed.size()) return Error::make(ErrorCode::Internal, "加密密钥失败");

  nlohmann::ordered_json j;
  j["format"] = std::string(kKeyBackupFormat);
  j["version"] = kKeyBackupVersion;
  j["office_id"] = officeId;
  j["public_key"] = toHex(key.publicKey);
  j["kdf"] = std::string(kKdfName);
  j["opslimit"] = kOpsLimit;
  j["memlimit"] = kMemLimit;
  j["salt"] = toHex(salt);
  j["nonce"] = toHex(nonce);
  j["ciphertext"] = toHex(sealed);
  // An office id that is not UTF-8 cannot be written as JSON: replaced rather than thrown.
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

// [SECTION] Restore --------------------------------------------------------------------------------

namespace {

Error badFile(const std::string& field, const std::string& what) {
  std::string msg = "密钥备份文件格式不正确：";
  if (!field.empty()) msg += "字段“" + field + "”";
  msg += what;
  return Error{ErrorCode::Format, std::move(msg), {Problem{"", field, what}}};
}

// The named member as a string, or the error that names it.
Result<std::string> stringField(const nlohmann::json& j, const char* name) {
  const auto it = j.find(name);
  if (it == j.end()) return badFile(name, "缺失");
  if (!it->is_string()) return badFile(name, "应为文本");
  return it->get<std::string>();
}

template <size_t N> Status hexField(const nlohmann::json& j, const char* name, std::array<uint8_t, N>& out) {
  auto s = stringField(j, name);
  if (!s) return s.error();
  if (!fromHex(*s, out)) return badFile(name, "应为 " + std::to_string(2 * N) + " 位十六进制数字");
  return ok();
}

Result<uint64_t> limitField(const nlohmann::json& j, const char* name, uint64_t min, uint64_t max) {
  const auto it = j.find(name);
  if (it == j.end()) return badFile(name, "缺失");
  if (!it->is_number_unsigned()) return badFile(name, "应为正整数");
  const uint64_t v = it->get<uint64_t>();
  if (v < min || v > max)
    return badFile(name,
                   "应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间，实为 " + std::to_string(v));
  return v;
}

} // namespace

Result<OfficeKey> restoreKey(std::string_view text, const std::string& passphrase, std::string* officeId) {
  ensureSodium();
  if (text.size() > kMaxBackupBytes) return badFile("", "文件过大，不是密钥备份文件");
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return badFile("", "内容不是有效的 JSON");
  if (!j.is_object()) return badFile("", "内容应为 JSON 对象");

  auto format = stringField(j, "format");
  if (!format) return format.error();
  if (*format != kKeyBackupFormat) return badFile("format", "应为“" + std::string(kKeyBackupFormat) + "”");
  const auto version = j.find("version");
  if (version == j.end()) return badFile("version", "缺失");
  if (!version->is_number_integer()) return badFile("version", "应为整数");
  if (version->get<int64_t>() != kKeyBackupVersion)
    return badFile("version", "为 " + std::to_string(version->get<int64_t>()) + "，本程序只读取版本 " +
                                  std::to_string(kKeyBackupVersion));
  auto office = stringField(j, "office_id");
  if (!office) return office.error();
  if (office->empty()) return badFile("office_id", "不能为空");
  PublicKey pub;
  if (auto s = hexField(j, "public_key", pub); !s) return s.error();
  auto kdf = stringField(j, "kdf");
  if (!kdf) return kdf.error();
  if (*kdf != kKdfName) return badFile("kdf", "应为“" + std::string(kKdfName) + "”");
  auto ops = limitField(j, "opslimit", crypto_pwhash_argon2id_OPSLIMIT_MIN, kMaxOpsLimit);
  if (!ops) return ops.error();
  auto mem = limitField(j, "memlimit", crypto_pwhash_argon2id_MEMLIMIT_MIN, kMaxMemLimit);
  if (!mem) return mem.error();
  std::array<uint8_t, kSaltBytes> salt;
  if (auto s = hexField(j, "salt", salt); !s) return s.error();
  std::array<uint8_t, kNonceBytes> nonce;
  if (auto s = hexField(j, "nonce", nonce); !s) return s.error();
  std::array<uint8_t, kSealedBytes> sealed;
  if (auto s = hexField(j, "ciphertext", sealed); !s) return s.error();

  // Only a well-formed file costs an Argon2id run.
  std::array<uint8_t, kKeyBytes> wrap;
  if (!deriveKey(wrap, passphrase, salt, *ops, *mem))
    return Error::make(ErrorCode::Storage, "内存不足，无法由口令生成密钥");
  const std::string ad = associatedData(*office, pub, *ops, *mem);
  OfficeKey key;
  key.publicKey = pub;
  unsigned long long openLen = 0;
  const int opened = crypto_aead_xchacha20poly1305_ietf_decrypt(
      key.secretKey.data(), &openLen, nullptr, sealed.data(), sealed.size(),
      reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nonce.data(), wrap.data());
  sodium_memzero(wrap.data(), wrap.size());
  if (opened != 0 || openLen != key.secretKey.size())
    return Error::invalid(kWrongPassphrase, {Problem{"", "passphrase", kWrongPassphrase}});
  if (!keyHalvesMatch(key)) {
    sodium_memzero(key.secretKey.data(), key.secretKey.size());
    return badFile("ciphertext", "中的私钥与 public_key 不匹配");
  }
  if (officeId) *officeId = *office;
  return key;
}

} // namespace hz::ledger
