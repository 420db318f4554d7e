// Office keys (libsodium): each office signs what it sends with an Ed25519 key pair. Here: making a
// key, signing and verifying, the fingerprint people read aloud to check a key on the phone, and a
// passphrase-protected backup of the key (Argon2id + XChaCha20-Poly1305) as a small JSON text.
#pragma once
#include "core/result.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace hz::ledger {

using PublicKey = std::array<uint8_t, 32>;
using Signature = std::array<uint8_t, 64>;

struct OfficeKey {
  PublicKey publicKey{};
  std::array<uint8_t, 64> secretKey{}; // libsodium's form: the 32-byte seed, then the public key
};

// A new key pair from the system's random source (getrandom natively, crypto.getRandomValues in a
// browser, Node's crypto under Node.js).
OfficeKey generateOfficeKey();
// The key pair of a 32-byte seed (RFC 8032's private key): the same seed always gives the same pair.
OfficeKey officeKeyFromSeed(const std::array<uint8_t, 32>& seed);

// Ed25519 signature of `message` (RFC 8032, deterministic) and its check.
Signature signDetached(const OfficeKey& key, std::string_view message);
bool verifyDetached(const PublicKey& pub, std::string_view message, const Signature& sig);

// Lowercase hex, and its reverse: false unless `hex` is exactly 2 * out.size() hex digits (either case).
std::string toHex(std::span<const uint8_t> bytes);
bool fromHex(std::string_view hex, std::span<uint8_t> out);

// The key as people read it aloud: 8 groups of 4 decimal digits, e.g. "4821 0937 …" (see the .cpp
// for what it carries).
std::string fingerprint(const PublicKey& pub);

// [SECTION] Key backup
// {"format":"hazard-ledger-key","version":1,"office_id":…,"public_key":hex,"kdf":"argon2id13",
//  "opslimit":…,"memlimit":…,"salt":hex,"nonce":hex,"ciphertext":hex}: the 64-byte secret key
// encrypted with XChaCha20-Poly1305 under a key that Argon2id derives from the passphrase. Every
// other field is authenticated with it (associated data), so a changed office_id or public_key,
// or changed KDF limits, fail as a wrong passphrase does.
inline constexpr std::string_view kKeyBackupFormat = "hazard-ledger-key";
inline constexpr int kKeyBackupVersion = 1;
inline constexpr size_t kMinPassphraseChars = 8; // characters (UTF-8 code points), not bytes

// Refuses an empty passphrase or one shorter than kMinPassphraseChars, an empty office id and a
// key whose halves do not belong together.
Result<std::string> backupKey(const OfficeKey& key, const std::string& officeId, const std::string& passphrase);
// The key of a backup; `officeId` (may be null) receives its office id. Fails with a Chinese
// message for a wrong passphrase (or a file changed after it was written) and, naming the field,
// for a file that is not a key backup of this version.
Result<OfficeKey> restoreKey(std::string_view text, const std::string& passphrase, std::string* officeId);

} // namespace hz::ledger
