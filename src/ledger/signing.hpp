// Signed ledger files (format version 3; docs/ledger-format.md, *Signatures*): who sent a file, and
// which office made each part of its history.
//
// - `signature` (after `checksum`, outside the checksum): the exporting office's Ed25519 signature
//   over the checksum, which covers everything else in the file.
// - `signers` (in the header, inside the checksum): per office whose events or records the file
//   carries, its key and its own signature over its history chain up to one of its events (the
//   chain head). The hash chain (prev_hash) makes that one signature vouch for every earlier event
//   of the office, so a city's merged file still proves each township's edits: the township signed
//   its head when it exported, the city keeps that signature and forwards it.
//
// Reading checks the signatures against the keys the file declares and that every event of each
// office is covered by its head (SignatureCoverage). Whether those keys are the offices' real keys
// is the importer's question, answered by the trust list (trust on first use, then pinned).
#pragma once
#include "ledger/ledger.hpp"
#include "ledger/office_key.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace hz::store {
class Store;
}

namespace hz::ledger {

// The seed records' origin: identical in every database, never signed.
inline constexpr const char* kSeedOrigin = "seed";

// What is signed (UTF-8 text; the hashes and ids as in the file).
std::string chainHeadMessage(const std::string& office, const std::string& headHash);
std::string fileSignatureMessage(const std::string& office, const std::string& checksum);

nlohmann::json signersToJson(const std::vector<ChainHead>& signers);
bool signersFromJson(const nlohmann::json& j, std::vector<ChainHead>& out, std::vector<Problem>& problems);
nlohmann::json fileSignatureToJson(const FileSignature& s);
bool fileSignatureFromJson(const nlohmann::json& j, FileSignature& out, std::vector<Problem>& problems);

// A key in hex as people compare it (ledger::fingerprint); "" when `hex` is not a key.
std::string fingerprintOfHex(const std::string& hex);

// While a file is read: which events the offices' signed chain heads cover. An office's events
// come in chain order, in segments (a forwarded chain may have gaps); a head covers the events of
// its segment up to itself. Memory: a few words per office when `signers` comes before the events
// (as writers put it), else 64 bytes per event until it comes.
class SignatureCoverage {
public:
  void signers(const std::vector<ChainHead>& heads); // once, whenever the file has it
  void event(const std::string& origin, const std::string& id, const std::string& prevHash, const std::string& hash);
  void record(const std::string& revision); // the office that made the version (its revision's)
  // At the end of a version 3 file: every signature checked against its declared key, every event
  // of an office that signed covered by one of its heads, the file signature over the checksum by
  // the header's office. Offices with events or record versions but no signature at all go to
  // `unsignedOrigins` (history from before they had keys; the importer decides); in a file of
  // version 1 or 2, every office with events.
  void finish(const Ledger& l, std::vector<Problem>& problems, std::map<std::string, int64_t>& unsignedOrigins);

private:
  struct Chain {
    std::set<std::string> heads;
    std::string last; // hash of the office's previous event in the file
    int64_t events = 0, pending = 0, uncovered = 0;
    std::string firstUncovered;
    std::vector<std::array<uint8_t, 64>> backlog; // prev_hash and hash of events read before `signers`
  };
  bool m_signersRead = false;
  std::map<std::string, Chain> m_chains;
  std::set<std::string> m_recordOrigins;
  static void feed(Chain& c, const std::string& id, const std::string& prevHash, const std::string& hash);
};

// [SECTION] Signing at export
// This office's key and the chain heads other offices signed, as the database keeps them.
struct SigningKeys {
  std::optional<OfficeKey> own; // none: files go out unsigned (version 2)
  std::string ownOffice;
  std::vector<ChainHead> received; // every head other offices signed, as their files brought them
};
Result<SigningKeys> loadSigningKeys(store::Store& db);
// The `signers` of a file: this office's head (id and hash of its last event in the file, if it has
// any there) signed now, and the heads other offices signed whose events the file holds
// (`inFile(head)`), in canonical order.
std::vector<ChainHead> signersFor(const SigningKeys& keys,
                                  const std::optional<std::pair<std::string, std::string>>& ownHead,
                                  const std::function<bool(const ChainHead&)>& inFile);
FileSignature signFile(const SigningKeys& keys, const std::string& checksum);

// [SECTION] For people
enum class SignatureState { Unsigned, Signed, Invalid };
struct SignatureSummary {
  SignatureState state = SignatureState::Unsigned;
  std::string office;           // the signer
  std::string fingerprint;      // of its key
  std::string describe() const; // Chinese: 已签名（单位ID，指纹 …）/ 未签名 / 签名无效
};
// After reading: signed when the file has a signature and no signature problem was found.
SignatureSummary signatureSummary(const Ledger& l, const std::vector<Problem>& problems);

// The office's key pair: created on first use and kept in the database (store::Store::ownKey).
Result<OfficeKey> ensureOfficeKey(store::Store& db);

} // namespace hz::ledger
