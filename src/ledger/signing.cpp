// Signed ledger files (see signing.hpp and docs/ledger-format.md, *Signatures*).
#include "ledger/signing.hpp"

#include "core/ids.hpp"
#include "ledger/record_json.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <span>

namespace hz::ledger {

namespace {

using Json = nlohmann::json;

bool hexKey(const std::string& hex, PublicKey& out) { return fromHex(hex, out); }
bool hexSignature(const std::string& hex, Signature& out) { return fromHex(hex, out); }

bool verifyHex(const std::string& keyHex, const std::string& message, const std::string& sigHex) {
  PublicKey key{};
  Signature sig{};
  return hexKey(keyHex, key) && hexSignature(sigHex, sig) && verifyDetached(key, message, sig);
}

// A string member of a signers entry or of the signature, checked for its form.
bool member(const Json& j, const char* name, size_t hexBytes, std::string& out, const std::string& where,
            std::vector<Problem>& problems) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string()) {
    problems.push_back({"", where + "." + name, it == j.end() ? "缺少必填字段" : "类型错误：应为字符串"});
    return false;
  }
  out = it->get<std::string>();
  if (hexBytes > 0) {
    std::vector<uint8_t> buf(hexBytes);
    if (!fromHex(out, buf)) {
      problems.push_back({"", where + "." + name, "应为 " + std::to_string(hexBytes * 2) + " 位十六进制字符"});
      return false;
    }
  } else if (!isValidId(out)) {
    problems.push_back({"", where + "." + name, "ID 只能由字母、数字和 _ . : - 组成"});
    return false;
  }
  return true;
}

} // namespace

std::string chainHeadMessage(const std::string& office, const std::string& headHash) {
  return "hazard-ledger chain head 1\n" + office + "\n" + headHash + "\n";
}

std::string fileSignatureMessage(const std::string& office, const std::string& checksum) {
  return "hazard-ledger file 1\n" + office + "\n" + checksum + "\n";
}

Json signersToJson(const std::vector<ChainHead>& signers) {
  Json out = Json::array();
  for (const auto& h : signers) {
    out.push_back({{"office", h.office},
                   {"public_key", h.publicKey},
                   {"head_id", h.headId},
                   {"head_hash", h.headHash},
                   {"signature", h.signature}});
  }
  return out;
}

bool signersFromJson(const Json& j, std::vector<ChainHead>& out, std::vector<Problem>& problems) {
  if (!j.is_array()) {
    problems.push_back({"", "signers", std::string("类型错误：应为数组，实际为") + jsonTypeName(j)});
    return false;
  }
  const size_t before = problems.size();
  std::set<std::string> seen;
  for (size_t i = 0; i < j.size(); ++i) {
    const std::string where = "signers[" + std::to_string(i) + "]";
    if (!j[i].is_object()) {
      problems.push_back({"", where, "类型错误：应为对象"});
      continue;
    }
    ChainHead h;
    bool ok = member(j[i], "office", 0, h.office, where, problems);
    ok &= member(j[i], "public_key", 32, h.publicKey, where, problems);
    ok &= member(j[i], "head_id", 0, h.headId, where, problems);
    ok &= member(j[i], "head_hash", 32, h.headHash, where, problems);
    ok &= member(j[i], "signature", 64, h.signature, where, problems);
    if (!ok) continue;
    if (!seen.insert(h.office + "\n" + h.headHash).second) {
      problems.push_back({"", where + ".head_hash", "单位 " + h.office + " 的同一签名出现了两次"});
      continue;
    }
    out.push_back(std::move(h));
  }
  return problems.size() == before;
}

Json fileSignatureToJson(const FileSignature& s) {
  return Json{{"office", s.office}, {"public_key", s.publicKey}, {"signature", s.signature}};
}

bool fileSignatureFromJson(const Json& j, FileSignature& out, std::vector<Problem>& problems) {
  if (!j.is_object()) {
    problems.push_back({"", "signature", std::string("类型错误：应为对象，实际为") + jsonTypeName(j)});
    return false;
  }
  bool ok = member(j, "office", 0, out.office, "signature", problems);
  ok &= member(j, "public_key", 32, out.publicKey, "signature", problems);
  ok &= member(j, "signature", 64, out.signature, "signature", problems);
  return ok;
}

std::string fingerprintOfHex(const std::string& hex) {
  PublicKey key{};
  return hexKey(hex, key) ? fingerprint(key) : std::string();
}

// [SECTION] Coverage

void SignatureCoverage::feed(Chain& c, const std::string& id, const std::string& prevHash, const std::string& hash) {
  ++c.events;
  if (prevHash != c.last || c.last.empty()) { // a new segment: what the last one left unsigned stays so
    c.uncovered += c.pending;
    c.pending = 0;
  }
  c.last = hash;
  if (c.heads.count(hash)) {
    c.pending = 0; // the head and everything before it in its segment
    return;
  }
  if (c.pending++ == 0 && c.uncovered == 0 && c.firstUncovered.empty()) c.firstUncovered = id;
}

void SignatureCoverage::signers(const std::vector<ChainHead>& heads) {
  m_signersRead = true;
  for (const auto& h : heads) m_chains[h.office].heads.insert(h.headHash);
  // Events read before `signers` (a file whose members were re-sorted): replay them.
  for (auto& [office, c] : m_chains) {
    auto backlog = std::move(c.backlog);
    c.events = 0;
    for (const auto& link : backlog) {
      const std::span<const uint8_t> prev(link.data(), 32), hash(link.data() + 32, 32);
      const bool noPrev = std::all_of(prev.begin(), prev.end(), [](uint8_t b) { return b == 0; });
      feed(c, "", noPrev ? std::string() : toHex(prev), toHex(hash));
    }
  }
}

void SignatureCoverage::event(const std::string& origin, const std::string& id, const std::string& prevHash,
                              const std::string& hash) {
  Chain& c = m_chains[origin];
  if (m_signersRead) return feed(c, id, prevHash, hash);
  std::array<uint8_t, 64> link{};
  if (!prevHash.empty()) (void)fromHex(prevHash, std::span<uint8_t>(link.data(), 32));
  (void)fromHex(hash, std::span<uint8_t>(link.data() + 32, 32));
  c.backlog.push_back(link);
  ++c.events;
}

void SignatureCoverage::record(const std::string& revision) {
  auto rev = core::Revision::parse(revision);
  if (rev && m_recordOrigins.size() < 100000) m_recordOrigins.insert(rev->office);
}

void SignatureCoverage::finish(const Ledger& l, std::vector<Problem>& problems,
                               std::map<std::string, int64_t>& unsignedOrigins) {
  if (l.version < kSignedFormatVersion) {
    // A file from before signatures: all of its history is unsigned (the importer decides).
    for (const auto& [office, c] : m_chains) {
      if (office != kSeedOrigin && c.events > 0) unsignedOrigins[office] += c.events;
    }
    return;
  }
  if (!m_signersRead) signers({}); // a version 3 file always has `signers` (the reader says so when not)
  std::map<std::string, const ChainHead*> byOffice;
  for (const auto& h : l.signers) byOffice[h.office] = &h;
  for (const auto& h : l.signers) {
    if (!verifyHex(h.publicKey, chainHeadMessage(h.office, h.headHash), h.signature)) {
      problems.push_back(
          {"", "signers", "单位 " + h.office + " 的历史签名无效：签名与所附密钥不符（文件被改动，或签名被伪造）"});
    }
  }
  const std::string& signer = l.office.id;
  for (auto& [office, c] : m_chains) {
    if (office == kSeedOrigin || c.events == 0) continue;
    const int64_t uncovered = c.uncovered + c.pending;
    if (!byOffice.count(office)) {
      if (office == signer)
        problems.push_back({"", "signers", "导出单位 " + office + " 的历史记录没有其历史签名"});
      else
        unsignedOrigins[office] += c.events; // made before that office had a key: the importer decides
    } else if (uncovered > 0) {
      problems.push_back({c.firstUncovered, "events",
                          "单位 " + office + " 的 " + std::to_string(uncovered) +
                              " 条历史记录不在该单位签名的范围内：无法证明是该单位所做（文件可能被改动或伪造）"});
    }
  }
  if (!l.signature) {
    problems.push_back({"", "signature", "第 3 版台账文件缺少导出单位的签名"});
    return;
  }
  const FileSignature& s = *l.signature;
  if (s.office != signer) {
    problems.push_back({"", "signature.office", "签名单位 " + s.office + " 与文件的导出单位 " + signer + " 不一致"});
  } else if (!verifyHex(s.publicKey, fileSignatureMessage(s.office, l.checksum), s.signature)) {
    problems.push_back({"", "signature", "导出单位的签名无效：文件在签名后被改动，或签名被伪造"});
  }
  for (const auto& h : l.signers) {
    if (h.office == signer && h.publicKey != s.publicKey) {
      problems.push_back({"", "signature.public_key", "导出单位的文件签名与历史签名使用了不同的密钥"});
      break;
    }
  }
}

// [SECTION] Signing at export

Result<SigningKeys> loadSigningKeys(store::Store& db) {
  SigningKeys out;
  out.ownOffice = db.office().id;
  auto own = db.ownKey();
  if (!own) return own.error();
  if (own->has_value()) {
    OfficeKey k;
    if (!fromHex((*own)->publicKey, k.publicKey) || !fromHex((*own)->secretKey, k.secretKey)) {
      return Error::make(ErrorCode::Format, "本单位的密钥已损坏（数据库中的密钥格式不对），请从密钥备份恢复");
    }
    out.own = k;
  }
  auto heads = db.signedHeads();
  if (!heads) return heads.error();
  for (auto& h : *heads) out.received.push_back(ChainHead{h.officeId, h.publicKey, h.headId, h.headHash, h.signature});
  return out;
}

std::vector<ChainHead> signersFor(const SigningKeys& keys,
                                  const std::optional<std::pair<std::string, std::string>>& ownHead,
                                  const std::function<bool(const ChainHead&)>& inFile) {
  std::vector<ChainHead> out;
  if (!keys.own) return out;
  if (ownHead) {
    const Signature sig = signDetached(*keys.own, chainHeadMessage(keys.ownOffice, ownHead->second));
    out.push_back(ChainHead{keys.ownOffice, toHex(keys.own->publicKey), ownHead->first, ownHead->second, toHex(sig)});
  }
  for (const auto& head : keys.received) {
    if (head.office != keys.ownOffice && head.office != kSeedOrigin && inFile(head)) out.push_back(head);
  }
  std::sort(out.begin(), out.end(), [](const ChainHead& a, const ChainHead& b) {
    return a.office != b.office ? a.office < b.office : a.headHash < b.headHash;
  });
  return out;
}

FileSignature signFile(const SigningKeys& keys, const std::string& checksum) {
  const Signature sig = signDetached(*keys.own, fileSignatureMessage(keys.ownOffice, checksum));
  return FileSignature{keys.ownOffice, toHex(keys.own->publicKey), toHex(sig)};
}

// [SECTION] For people

std::string SignatureSummary::describe() const {
  switch (state) {
  case SignatureState::Signed:
    return "已签名（" + office + "，密钥指纹 " + fingerprint + "）";
  case SignatureState::Invalid:
    return "签名无效";
  case SignatureState::Unsigned:
    break;
  }
  return "未签名（旧版本文件，无法证明由谁导出）";
}

SignatureSummary signatureSummary(const Ledger& l, const std::vector<Problem>& problems) {
  SignatureSummary s;
  if (!l.signature) return s;
  s.office = l.signature->office;
  s.fingerprint = fingerprintOfHex(l.signature->publicKey);
  const bool bad = std::any_of(problems.begin(), problems.end(), [](const Problem& p) {
    return p.record.empty() && (p.field.rfind("signature", 0) == 0 || p.field == "signers" || p.field == "checksum");
  });
  s.state = bad ? SignatureState::Invalid : SignatureState::Signed;
  return s;
}

Result<OfficeKey> ensureOfficeKey(store::Store& db) {
  auto own = db.ownKey();
  if (!own) return own.error();
  if (own->has_value()) {
    OfficeKey k;
    if (fromHex((*own)->publicKey, k.publicKey) && fromHex((*own)->secretKey, k.secretKey)) return k;
    return Error::make(ErrorCode::Format, "本单位的密钥已损坏（数据库中的密钥格式不对），请从密钥备份恢复");
  }
  const OfficeKey k = generateOfficeKey();
  if (auto s = db.setOwnKey(toHex(k.publicKey), toHex(k.secretKey), "system", "首次使用时生成"); !s) return s.error();
  return k;
}

} // namespace hz::ledger
