// The append-only history: events hash-chained per origin with SQLite's sha3() (SHA3-256, hex)
// over a canonical, length-prefixed serialization of the event + prevHash; verification walks
// every chain and names the first event whose hash or link does not match.
#include "store/store_internal.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace hz::store {

namespace {

const char* const kEventColumns =
    "id, record_kind, record_id, action, actor, at, origin, prev_rev, new_rev, changes, note, prev_hash, hash, seq";

void field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += '\n';
}

// The canonical text with the changes given as their stored JSON text.
std::string canonical(const core::HistoryEvent& e, std::string_view changesJson) {
  std::string s = "hz-event-1\n";
  for (std::string_view v : {std::string_view(e.id), std::string_view(e.recordKind), std::string_view(e.recordId),
                             std::string_view(e.action), std::string_view(e.actor), std::string_view(e.at),
                             std::string_view(e.origin), std::string_view(e.prevRev), std::string_view(e.newRev),
                             changesJson, std::string_view(e.note), std::string_view(e.prevHash)}) {
    field(s, v);
  }
  return s;
}

std::string headKey(const std::string& origin) { return "history_head:" + origin; }

core::HistoryEvent readEvent(const Statement& st, std::string* changesJson = nullptr) {
  core::HistoryEvent e;
  e.id = st.getText(0);
  e.recordKind = st.getText(1);
  e.recordId = st.getText(2);
  e.action = st.getText(3);
  e.actor = st.getText(4);
  e.at = st.getText(5);
  e.origin = st.getText(6);
  e.prevRev = st.getText(7);
  e.newRev = st.getText(8);
  const std::string changes = st.getText(9);
  (void)changesFromJson(changes, e.changes);
  e.note = st.getText(10);
  e.prevHash = st.getText(11);
  e.hash = st.getText(12);
  if (changesJson) *changesJson = changes;
  return e;
}

} // namespace

std::string changesToJson(const std::vector<core::FieldChange>& changes) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& c : changes) a.push_back(nlohmann::json::array({c.field, c.oldValue, c.newValue}));
  // Invalid UTF-8 is replaced rather than thrown; the hash covers this exact text.
  return a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool changesFromJson(const std::string& json, std::vector<core::FieldChange>& out) {
  out.clear();
  auto a = nlohmann::json::parse(json, nullptr, false);
  if (a.is_discarded() || !a.is_array()) return false;
  for (const auto& c : a) {
    if (!c.is_array() || c.size() != 3 || !c[0].is_string() || !c[1].is_string() || !c[2].is_string()) return false;
    out.push_back({c[0].get<std::string>(), c[1].get<std::string>(), c[2].get<std::string>()});
  }
  return true;
}

std::string canonicalEventText(const core::HistoryEvent& e) { return canonical(e, changesToJson(e.changes)); }

Result<std::string> Store::hashEvent(const core::HistoryEvent& e) {
  auto st = m_db.cached("SELECT lower(hex(sha3(?1, 256)))");
  if (!st) return st.error();
  (*st)->bind(1, canonicalEventText(e));
  auto r = (*st)->step();
  if (!r) return r.error();
  return (*st)->getText(0);
}

Result<core::HistoryEvent> Store::appendEvent(core::HistoryEvent e) {
  if (e.id.empty()) e.id = m_ids->next();
  if (e.at.empty()) e.at = nowTimestamp();
  if (e.origin.empty()) e.origin = m_office.id;
  auto tx = Transaction::begin(m_db); // nested in the caller's transaction (a SAVEPOINT)
  if (!tx) return tx.error();
  auto last = m_db.cached("SELECT hash FROM history_event WHERE origin = ?1 ORDER BY seq DESC LIMIT 1");
  if (!last) return last.error();
  (*last)->bind(1, e.origin);
  auto r = (*last)->step();
  if (!r) return r.error();
  e.prevHash = r.value() ? (*last)->getText(0) : std::string();
  (*last)->reset();
  auto h = hashEvent(e);
  if (!h) return h.error();
  e.hash = std::move(h.value());
  auto ins = m_db.cached(
      "INSERT INTO history_event (id, seq, record_kind, record_id, action, actor, at, origin, prev_rev, new_rev, "
      "changes, note, prev_hash, hash) VALUES (?1, coalesce((SELECT max(seq) FROM history_event), 0) + 1, "
      "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  if (!ins) return ins.error();
  (*ins)->bind(1, e.id).bind(2, e.recordKind).bind(3, e.recordId).bind(4, e.action).bind(5, e.actor)
      .bind(6, e.at).bind(7, e.origin).bind(8, e.prevRev).bind(9, e.newRev).bind(10, changesToJson(e.changes))
      .bind(11, e.note).bind(12, e.prevHash).bind(13, e.hash);
  if (auto s = (*ins)->exec(); !s) return s.error();
  // The chain head: lets verification notice events removed from the end of a chain.
  if (auto s = setSetting(headKey(e.origin), e.hash); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return e;
}

Result<std::vector<core::HistoryEvent>> Store::history(const std::string& recordKind, const std::string& recordId) {
  auto st = m_db.prepare(std::string("SELECT ") + kEventColumns +
                         " FROM history_event WHERE record_kind = ?1 AND record_id = ?2 ORDER BY seq");
  if (!st) return st.error();
  st->bind(1, recordKind).bind(2, recordId);
  std::vector<core::HistoryEvent> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.push_back(readEvent(*st));
  }
  return out;
}

Result<std::vector<core::HistoryEvent>> Store::historyOfEnterprise(const std::string& enterpriseId) {
  auto st = m_db.prepare(std::string("SELECT ") + kEventColumns +
                         " FROM history_event WHERE (record_kind = 'enterprise' AND record_id = ?1)"
                         " OR (record_kind = 'hazard' AND record_id IN (SELECT id FROM hazard WHERE enterprise_id = ?1))"
                         " OR (record_kind = 'inspection' AND record_id IN"
                         " (SELECT id FROM inspection WHERE enterprise_id = ?1)) ORDER BY seq");
  if (!st) return st.error();
  st->bind(1, enterpriseId);
  std::vector<core::HistoryEvent> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.push_back(readEvent(*st));
  }
  return out;
}

Result<std::vector<core::HistoryEvent>> Store::allHistory() {
  auto st = m_db.prepare(std::string("SELECT ") + kEventColumns + " FROM history_event ORDER BY seq");
  if (!st) return st.error();
  std::vector<core::HistoryEvent> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.push_back(readEvent(*st));
  }
  return out;
}

Result<HistoryCheck> Store::verifyHistory() {
  HistoryCheck check;
  auto st = m_db.prepare(std::string("SELECT ") + kEventColumns + " FROM history_event ORDER BY seq");
  if (!st) return st.error();
  auto hasher = m_db.prepare("SELECT lower(hex(sha3(?1, 256)))");
  if (!hasher) return hasher.error();
  std::map<std::string, std::string> lastHash; // origin -> hash of its latest event so far
  auto fail = [&](const core::HistoryEvent& e, int64_t pos, std::string problem) {
    check.ok = false;
    check.eventId = e.id;
    check.position = pos;
    check.origin = e.origin;
    check.problem = std::move(problem);
  };
  for (int64_t pos = 0;; ++pos) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    std::string changesJson;
    const core::HistoryEvent e = readEvent(*st, &changesJson);
    ++check.checked;
    hasher->reset();
    hasher->bind(1, canonical(e, changesJson));
    auto hr = hasher->step();
    if (!hr) return hr.error();
    if (hasher->getText(0) != e.hash) {
      fail(e, pos, "历史记录第 " + std::to_string(pos + 1) + " 条（" + e.id + "）的内容与其校验值不符，可能被改动过");
      return check;
    }
    auto it = lastHash.find(e.origin);
    // A chain we hold from its start begins with an empty link; an imported partial chain may
    // begin anywhere, after that every link must match.
    const bool ownChain = e.origin == m_office.id || e.origin == "seed";
    if (it == lastHash.end() ? (ownChain && !e.prevHash.empty()) : it->second != e.prevHash) {
      fail(e, pos, "历史记录第 " + std::to_string(pos + 1) + " 条（" + e.id +
                       "）与前一条记录衔接不上，之前的记录可能被删除或调换");
      return check;
    }
    lastHash[e.origin] = e.hash;
  }
  // Events removed from the end of a chain: the stored head no longer matches.
  auto heads = m_db.prepare("SELECT substr(key, 14), value FROM settings WHERE key LIKE 'history\\_head:%' ESCAPE '\\'");
  if (!heads) return heads.error();
  for (;;) {
    auto r = heads->step();
    if (!r) return r.error();
    if (!r.value()) break;
    const std::string origin = heads->getText(0), head = heads->getText(1);
    auto it = lastHash.find(origin);
    if (it == lastHash.end() || it->second != head) {
      check.ok = false;
      check.origin = origin;
      check.position = check.checked;
      check.problem = "来源 " + origin + " 的历史记录末尾缺失，最后的记录可能被删除";
      return check;
    }
  }
  return check;
}

} // namespace hz::store
