// hazard-ledger keys show|export|import|trust: this office's key and the trust list (issue 16;
// ledger/office_key.hpp makes and checks keys, ledger/signing.hpp signs files with them).
#include "cli/cli.hpp"
#include "ledger/office_key.hpp"
#include "ledger/reader.hpp"
#include "ledger/signing.hpp"
#include "ledger/writer.hpp"

#include <cstdio>
#include <cstdlib>

namespace hz::cli {

namespace {

// --passphrase, else $HZ_KEY_PASSPHRASE (so that scripts need not put it on the command line).
std::string passphrase(const Args& a) {
  if (a.has("--passphrase")) return a.get("--passphrase");
  const char* env = std::getenv("HZ_KEY_PASSPHRASE");
  return env ? env : "";
}

int fail(const Error& e) {
  std::fprintf(stderr, "%s\n", e.describe().c_str());
  return kInvalid;
}

int show(store::Store& db) {
  auto key = ledger::ensureOfficeKey(db);
  if (!key) return fail(key.error());
  std::printf("本单位：%s（%s）\n公钥：%s\n密钥指纹：%s\n", db.office().name.c_str(), db.office().id.c_str(),
              ledger::toHex(key->publicKey).c_str(), ledger::fingerprint(key->publicKey).c_str());
  auto trusted = db.trustedKeys();
  if (!trusted) return fail(trusted.error());
  std::printf("\n受信任单位（%zu）：\n", trusted->size());
  for (const auto& t : *trusted) {
    std::printf("  %s  %s  指纹 %s  首次 %s  最近 %s  更换密钥 %lld 次\n", t.officeId.c_str(),
                t.officeName.empty() ? "-" : t.officeName.c_str(), ledger::fingerprintOfHex(t.publicKey).c_str(),
                t.firstSeen.c_str(), t.lastSeen.c_str(), static_cast<long long>(t.keyChanges));
  }
  auto changes = db.keyChanges();
  if (!changes) return fail(changes.error());
  if (!changes->empty()) std::printf("\n密钥变更记录：\n");
  for (const auto& c : *changes) {
    std::printf("  %s  %s  %s -> %s  %s  %s\n", c.at.c_str(), c.officeId.c_str(),
                ledger::fingerprintOfHex(c.oldKey).c_str(), ledger::fingerprintOfHex(c.newKey).c_str(), c.actor.c_str(),
                c.note.c_str());
  }
  return kOk;
}

int exportKey(const Args& a, store::Store& db) {
  if (!a.has("-o")) return usageError("用法：keys export --db DB -o 文件", "usage: keys export --db DB -o FILE");
  auto key = ledger::ensureOfficeKey(db);
  if (!key) return fail(key.error());
  auto text = ledger::backupKey(key.value(), db.office().id, passphrase(a));
  if (!text) return fail(text.error());
  if (auto s = ledger::writeFileBytes(a.get("-o"), text.value()); !s) return fail(s.error());
  std::printf("已将本单位密钥（指纹 %s）加密备份到 %s\n", ledger::fingerprint(key->publicKey).c_str(),
              a.get("-o").c_str());
  return kOk;
}

int importKey(const Args& a, store::Store& db) {
  if (a.positional.size() != 2) return usageError("用法：keys import --db DB 文件", "usage: keys import --db DB FILE");
  const std::string& path = a.positional[1];
  auto bytes = ledger::readFileBytes(path, size_t{1} << 20);
  if (!bytes) return fail(Error::make(bytes.error().code, path + "：" + bytes.error().message));
  std::string officeId;
  auto key = ledger::restoreKey(bytes.value(), passphrase(a), &officeId);
  if (!key) return fail(Error::make(key.error().code, path + "：" + key.error().message));
  if (officeId != db.office().id) {
    return fail(
        Error::invalid(path + "：这是单位 " + officeId + " 的密钥，不是本单位（" + db.office().id + "）的，未恢复"));
  }
  if (auto s = db.setOwnKey(ledger::toHex(key->publicKey), ledger::toHex(key->secretKey),
                            a.has("--as") ? a.get("--as") : "命令行", "从备份“" + path + "”恢复");
      !s)
    return fail(s.error());
  std::printf("已恢复本单位密钥，指纹 %s\n", ledger::fingerprint(key->publicKey).c_str());
  return kOk;
}

int trust(const Args& a, store::Store& db) {
  if (!a.has("--office") || !a.has("--key"))
    return usageError("用法：keys trust --db DB --office 单位ID --key 公钥（64位十六进制）",
                      "usage: keys trust --db DB --office ID --key PUBLIC-KEY (64 hex digits)");
  const std::string office = a.get("--office"), key = a.get("--key");
  const std::string fp = ledger::fingerprintOfHex(key);
  if (fp.empty()) return fail(Error::invalid("--key：公钥应为 64 位十六进制字符"));
  if (office == db.office().id) return fail(Error::invalid("--office：这是本单位，本单位的密钥用 keys import 恢复"));
  auto old = db.trustedKey(office);
  if (!old) return fail(old.error());
  store::TrustedKey k{office, "", key, "", "", "命令行", 0};
  if (auto s = db.trustKey(k, a.has("--as") ? a.get("--as") : "命令行", "命令行 keys trust"); !s)
    return fail(s.error());
  if (!old->has_value())
    std::printf("已记录单位 %s 的密钥，指纹 %s\n", office.c_str(), fp.c_str());
  else if ((*old)->publicKey == key)
    std::printf("单位 %s 的密钥未变，指纹 %s\n", office.c_str(), fp.c_str());
  else
    std::printf("已接受单位 %s 的新密钥：%s -> %s（已记入密钥变更记录）\n", office.c_str(),
                ledger::fingerprintOfHex((*old)->publicKey).c_str(), fp.c_str());
  return kOk;
}

} // namespace

int cmdKeys(const Args& a) {
  const std::string sub = a.positional.empty() ? std::string() : a.positional[0];
  if (sub != "show" && sub != "export" && sub != "import" && sub != "trust")
    return usageError("用法：keys show|export|import|trust --db DB …",
                      "usage: keys show|export|import|trust --db DB …");
  if (!a.has("--db")) return usageError("keys 需要 --db DB", "keys needs --db DB");
  auto db = openExisting(a.get("--db"));
  if (!db) return fail(db.error());
  if (sub == "show") return show(*db);
  if (sub == "export") return exportKey(a, *db);
  if (sub == "import") return importKey(a, *db);
  return trust(a, *db);
}

} // namespace hz::cli
