// Office keys and the trust list (tables of migration 8). Keys are hex text here; the crypto is
// src/ledger/office_key.cpp's, the policy (what to trust when) src/ledger/signing.cpp's and the
// importer's.
#include "store/store_internal.hpp"

namespace hz::store {

Result<std::optional<StoredKey>> Store::ownKey() {
  auto st = m_db.cached("SELECT public_key, secret_key, created_at FROM office_key WHERE office_id = ?1");
  if (!st) return st.error();
  (*st)->bind(1, m_office.id);
  auto r = (*st)->step();
  if (!r) return r.error();
  if (!r.value()) return std::optional<StoredKey>();
  return std::optional<StoredKey>(StoredKey{(*st)->getText(0), (*st)->getText(1), (*st)->getText(2)});
}

Status Store::setOwnKey(const std::string& publicKey, const std::string& secretKey, const std::string& actor,
                        const std::string& note) {
  auto old = ownKey();
  if (!old) return old.error();
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  const std::string now = nowTimestamp();
  auto put =
      m_db.prepare("INSERT INTO office_key (office_id, public_key, secret_key, created_at) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT(office_id) DO UPDATE SET public_key = excluded.public_key, "
                   "secret_key = excluded.secret_key, created_at = excluded.created_at");
  if (!put) return put.error();
  put->bind(1, m_office.id).bind(2, publicKey).bind(3, secretKey).bind(4, now);
  if (auto s = put->exec(); !s) return s;
  if (old->has_value() && (*old)->publicKey != publicKey) {
    auto log = m_db.prepare(
        "INSERT INTO key_change (office_id, old_key, new_key, at, actor, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!log) return log.error();
    log->bind(1, m_office.id).bind(2, (*old)->publicKey).bind(3, publicKey).bind(4, now).bind(5, actor).bind(6, note);
    if (auto s = log->exec(); !s) return s;
  }
  return tx->commit();
}

namespace {
TrustedKey trustedRow(Statement& st) {
  return TrustedKey{st.getText(0), st.getText(1), st.getText(2), st.getText(3),
                    st.getText(4), st.getText(5), st.getInt(6)};
}
constexpr const char* kTrustedColumns =
    "SELECT office_id, office_name, public_key, first_seen, last_seen, first_file, key_changes FROM trusted_key";
} // namespace

Result<std::optional<TrustedKey>> Store::trustedKey(const std::string& officeId) {
  auto st = m_db.cached(std::string(kTrustedColumns) + " WHERE office_id = ?1");
  if (!st) return st.error();
  (*st)->bind(1, officeId);
  auto r = (*st)->step();
  if (!r) return r.error();
  if (!r.value()) return std::optional<TrustedKey>();
  return std::optional<TrustedKey>(trustedRow(**st));
}

Result<std::vector<TrustedKey>> Store::trustedKeys() {
  auto st = m_db.prepare(std::string(kTrustedColumns) + " ORDER BY office_name, office_id");
  if (!st) return st.error();
  std::vector<TrustedKey> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.push_back(trustedRow(*st));
  }
  return out;
}

Status Store::trustKey(const TrustedKey& k, const std::string& actor, const std::string& note) {
  auto old = trustedKey(k.officeId);
  if (!old) return old.error();
  const std::string now = k.lastSeen.empty() ? nowTimestamp() : k.lastSeen;
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  if (!old->has_value()) {
    auto st = m_db.prepare("INSERT INTO trusted_key (office_id, office_name, public_key, first_seen, last_seen, "
                           "first_file, key_changes) VALUES (?1, ?2, ?3, ?4, ?4, ?5, 0)");
    if (!st) return st.error();
    st->bind(1, k.officeId).bind(2, k.officeName).bind(3, k.publicKey).bind(4, now).bind(5, k.firstFile);
    if (auto s = st->exec(); !s) return s;
  } else if ((*old)->publicKey != k.publicKey) {
    auto st = m_db.prepare("UPDATE trusted_key SET public_key = ?2, last_seen = ?3, key_changes = key_changes + 1, "
                           "office_name = CASE WHEN ?4 = '' THEN office_name ELSE ?4 END WHERE office_id = ?1");
    if (!st) return st.error();
    st->bind(1, k.officeId).bind(2, k.publicKey).bind(3, now).bind(4, k.officeName);
    if (auto s = st->exec(); !s) return s;
    auto log = m_db.prepare(
        "INSERT INTO key_change (office_id, old_key, new_key, at, actor, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!log) return log.error();
    log->bind(1, k.officeId).bind(2, (*old)->publicKey).bind(3, k.publicKey).bind(4, now).bind(5, actor).bind(6, note);
    if (auto s = log->exec(); !s) return s;
  }
  return tx->commit();
}

Status Store::touchTrustedKey(const std::string& officeId, const std::string& name, const std::string& at) {
  auto st = m_db.cached("UPDATE trusted_key SET last_seen = max(last_seen, ?2), "
                        "office_name = CASE WHEN ?3 = '' THEN office_name ELSE ?3 END WHERE office_id = ?1");
  if (!st) return st.error();
  (*st)->bind(1, officeId).bind(2, at).bind(3, name);
  return (*st)->exec();
}

Result<std::vector<KeyChange>> Store::keyChanges() {
  auto st = m_db.prepare("SELECT office_id, old_key, new_key, at, actor, note FROM key_change ORDER BY seq");
  if (!st) return st.error();
  std::vector<KeyChange> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.push_back(
        KeyChange{st->getText(0), st->getText(1), st->getText(2), st->getText(3), st->getText(4), st->getText(5)});
  }
  return out;
}

Result<std::vector<SignedHead>> Store::signedHeads() {
  auto st = m_db.prepare("SELECT office_id, public_key, head_id, head_hash, signature FROM chain_head "
                         "ORDER BY office_id, head_hash");
  if (!st) return st.error();
  std::vector<SignedHead> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.push_back(SignedHead{st->getText(0), st->getText(1), st->getText(2), st->getText(3), st->getText(4)});
  }
  return out;
}

Status Store::putSignedHead(const SignedHead& h) {
  auto st = m_db.cached("INSERT OR IGNORE INTO chain_head (office_id, head_hash, public_key, head_id, signature) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!st) return st.error();
  (*st)->bind(1, h.officeId).bind(2, h.headHash).bind(3, h.publicKey).bind(4, h.headId).bind(5, h.signature);
  return (*st)->exec();
}

} // namespace hz::store
