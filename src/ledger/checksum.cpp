// SHA3 via SQLite and the ledger checksum builder (see checksum.hpp).
#include "ledger/checksum.hpp"

namespace hz::ledger {

Sha3::Sha3() {
  auto db = store::Database::open(":memory:");
  if (!db) return;
  m_db = std::move(db.value());
  auto st = m_db.prepare("SELECT lower(hex(sha3(CAST(?1 AS BLOB), 256)))");
  if (!st) return;
  m_st = std::move(st.value());
  m_ok = true;
}

std::string Sha3::hex(std::string_view data) {
  if (!m_ok) return {};
  m_st.reset();
  m_st.bind(1, data);
  auto r = m_st.step();
  std::string out = r && r.value() ? m_st.getText(0) : std::string();
  m_st.reset();
  return out;
}

Sha3& sharedSha3() {
  thread_local Sha3 sha;
  return sha;
}

void ChecksumBuilder::addValue(const std::string& member, std::string canonicalJson) {
  m_sections[member] = std::move(canonicalJson) + "\n";
}

void ChecksumBuilder::beginArray(const std::string& member) { m_sections[member].clear(); }

void ChecksumBuilder::addElement(const std::string& member, std::string_view canonicalJson) {
  std::string& s = m_sections[member];
  s += m_sha.hex(canonicalJson);
  s += '\n';
}

std::string ChecksumBuilder::finish() {
  std::string text;
  for (const auto& [name, body] : m_sections) {
    text += name;
    text += '\n';
    text += body;
  }
  return m_sha.hex(text);
}

} // namespace hz::ledger
