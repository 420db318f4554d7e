// AppModel: office keys (see app_model.hpp, [SECTION] Office keys; ledger/signing.hpp).
#include "ledger/office_key.hpp"
#include "ledger/signing.hpp"
#include "model/app_model.hpp"
#include <algorithm>

namespace hz::model {

std::string AppModel::keyFingerprint() {
  if (!m_store) return {};
  auto k = m_store->ownKey();
  return k && k->has_value() ? ledger::fingerprintOfHex((*k)->publicKey) : std::string();
}

Status AppModel::downloadKeyBackup(const std::string& passphrase) {
  if (!m_store) return Error::make(ErrorCode::Internal, "数据库未打开");
  auto key = ledger::ensureOfficeKey(*m_store);
  if (!key) return key.error();
  auto text = ledger::backupKey(key.value(), m_store->office().id, passphrase);
  if (!text) return text.error();
  downloadFile(datedFileName("密钥备份", ".hzkey"), text.value(), "application/json");
  return Ok{};
}

void AppModel::requestKeyBackupFile() {
  m_nextFileIsKeyBackup = true;
  m_platform.pickFiles(".hzkey,.json,application/json");
}

Status AppModel::restoreKey(const std::string& passphrase) {
  if (!m_store) return Error::make(ErrorCode::Internal, "数据库未打开");
  if (m_readOnly) return Error::make(ErrorCode::Forbidden, "只读模式下不能恢复密钥");
  if (m_keyBackupBytes.empty()) return Error::invalid("请先选择密钥备份文件");
  std::string officeId;
  auto key = ledger::restoreKey(m_keyBackupBytes, passphrase, &officeId);
  if (!key) return Error::invalid("“" + m_keyBackupName + "”：" + key.error().message);
  if (officeId != m_store->office().id) {
    return Error::invalid("“" + m_keyBackupName + "”是单位 " + officeId + " 的密钥，不是本单位（" +
                          m_store->office().id + "）的，未恢复");
  }
  if (auto s = m_store->setOwnKey(ledger::toHex(key->publicKey), ledger::toHex(key->secretKey), operatorName(),
                                  "从备份“" + m_keyBackupName + "”恢复");
      !s)
    return s;
  m_keyBackupBytes.clear();
  m_keyBackupName.clear();
  m_changed = true;
  return Ok{};
}

std::vector<AppModel::TrustedOffice> AppModel::trustedOffices() {
  std::vector<TrustedOffice> out;
  if (!m_store) return out;
  auto list = m_store->trustedKeys();
  if (!list) return out;
  for (const auto& k : *list) {
    out.push_back({k.officeId, k.officeName, ledger::fingerprintOfHex(k.publicKey), k.firstSeen, k.lastSeen,
                   k.firstFile, k.keyChanges});
  }
  return out;
}

std::vector<AppModel::KeyChangeRow> AppModel::keyChanges() {
  std::vector<KeyChangeRow> out;
  if (!m_store) return out;
  auto list = m_store->keyChanges();
  if (!list) return out;
  for (const auto& c : *list) {
    out.push_back(
        {c.officeId, ledger::fingerprintOfHex(c.oldKey), ledger::fingerprintOfHex(c.newKey), c.at, c.actor, c.note});
  }
  return out;
}

const std::vector<ledger::KeyQuestion>* AppModel::keyChangeQuestions() const {
  return m_keyDecision && m_ledgerImport ? &m_ledgerImport->keyQuestions() : nullptr;
}

void AppModel::acceptKeyChange() {
  if (!m_keyDecision || !m_ledgerImport) return;
  m_ledgerImport->acceptKeyChanges(operatorName());
  m_keyDecision = false; // the next frame commits (continueImport: finish() again)
  m_job = {"正在导入 " + m_ledgerImport->fileName() + " ……", 1.0f, true};
  m_changed = true;
}

void AppModel::refuseKeyChange() {
  if (!m_keyDecision || !m_ledgerImport) return;
  const auto& q = m_ledgerImport->keyQuestions();
  const bool keyChanged = std::any_of(q.begin(), q.end(), [](const ledger::KeyQuestion& k) { return k.change(); });
  endImport("未导入 " + m_ledgerImport->fileName() +
            (keyChanged ? "：发送单位的密钥与此前记录的不同，已拒绝。" : "：文件中有未经该单位签名的记录，已拒绝。") +
            "数据库未作任何修改。");
}

} // namespace hz::model
