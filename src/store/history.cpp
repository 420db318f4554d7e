// The append-only history: events hash-chained per origin with SQLite's sha3() (SHA3-256, hex)
// over a canonical, length-prefixed serialization of the event + prevHash; verification walks
// every chain and names the first event whose hash or link does not match.
#include "core/text.hpp"
#include "store/history_codec.hpp"
#include "store/store_internal.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

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

// A hash column as text: 32-byte blobs are hex; anything else was stored as given.
std::string storedHash(const Statement& st, int col) {
  return st.type(col) == ValueType::Blob ? unpackHash(st.getText(col)) : st.getText(col);
}

Result<int64_t> internOrigin(Database& db, const std::string& origin) {
  auto find = db.cached("SELECT id FROM event_origin WHERE origin = ?1");
  if (!find) return find.error();
  (*find)->bind(1, origin);
  auto r = (*find)->step();
  if (!r) return r.error();
  if (r.value()) return (*find)->getInt(0);
  auto ins = db.cached("INSERT INTO event_origin (origin) VALUES (?1)");
  if (!ins) return ins.error();
  (*ins)->bind(1, origin);
  if (auto s = (*ins)->exec(); !s) return s.error();
  return db.lastInsertRowid();
}

// The hash of the latest stored event of an origin ("" when it has none).
Result<std::string> chainHead(Database& db, int64_t originId) {
  auto last = db.cached("SELECT hash FROM history WHERE origin_id = ?1 ORDER BY seq DESC LIMIT 1");
  if (!last) return last.error();
  (*last)->bind(1, originId);
  auto r = (*last)->step();
  if (!r) return r.error();
  std::string head = r.value() ? storedHash(**last, 0) : std::string();
  (*last)->reset();
  return head;
}

// One row of the compact table, the columns packed where they round-trip (history_codec.hpp).
// prevIsHead: prev_hash names the latest stored event of the origin, which the NULL stands for.
Status insertRow(Database& db, const core::HistoryEvent& e, int64_t originId, bool prevIsHead) {
  auto ins = db.cached(
      "INSERT INTO history (id, record_kind, record_id, action, actor, at, origin_id, prev_rev, new_rev, changes, "
      "note, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  if (!ins) return ins.error();
  Statement& st = **ins;
  st.bind(1, e.id).bind(2, e.recordKind).bind(3, e.recordId).bind(4, e.action).bind(5, e.actor);
  if (auto ms = packTimestamp(e.at))
    st.bind(6, *ms);
  else
    st.bind(6, e.at);
  st.bind(7, originId);
  for (int i = 0; i < 2; ++i) {
    const std::string& rev = i == 0 ? e.prevRev : e.newRev;
    if (auto p = packRevision(rev, e.origin))
      st.bind(8 + i, *p);
    else
      st.bind(8 + i, rev);
  }
  const std::string packed = packChanges(e.changes);
  st.bindBlob(10, packed.data(), static_cast<int>(packed.size()));
  st.bind(11, e.note);
  for (int i = 0; i < 2; ++i) {
    const std::string& h = i == 0 ? e.prevHash : e.hash;
    if (i == 0 && prevIsHead)
      st.bindNull(12);
    else if (auto b = packHash(h))
      st.bindBlob(12 + i, b->data(), static_cast<int>(b->size()));
    else
      st.bind(12 + i, h);
  }
  return st.exec();
}

// Decodes a row of the compact table whose columns are id, record_kind, record_id, action, actor,
// at, (origin, unused here), prev_rev, new_rev, changes, note, prev_hash, hash. `lastHash` is the
// hash of the origin's previous event (a NULL prev_hash reads as it) and becomes this one's.
void decodeEvent(const Statement& st, std::string origin, std::string& lastHash, core::HistoryEvent& e,
                 std::string& changesJson) {
  e.id = st.getText(0);
  e.recordKind = st.getText(1);
  e.recordId = st.getText(2);
  e.action = st.getText(3);
  e.actor = st.getText(4);
  e.at = st.type(5) == ValueType::Integer ? core::formatTimestamp(st.getInt(5)) : st.getText(5);
  e.origin = std::move(origin);
  e.prevRev = st.type(7) == ValueType::Integer ? unpackRevision(st.getInt(7), e.origin) : st.getText(7);
  e.newRev = st.type(8) == ValueType::Integer ? unpackRevision(st.getInt(8), e.origin) : st.getText(8);
  if (st.type(9) == ValueType::Blob) {
    if (!unpackChanges(st.getText(9), e.changes)) e.changes.clear();
    changesJson = changesToJson(e.changes);
  } else {
    changesJson = st.getText(9);
    (void)changesFromJson(changesJson, e.changes);
  }
  e.note = st.getText(10);
  e.prevHash = st.isNull(11) ? lastHash : storedHash(st, 11);
  e.hash = storedHash(st, 12);
  lastHash = e.hash;
}

// Reads the compact table in seq order, decoding in C++ (faster than the history_event view);
// a NULL prev_hash is the hash of the previous event of the same origin, as in the view.
class HistoryScan {
public:
  static Result<HistoryScan> open(Database& db) {
    auto st = db.prepare("SELECT h.id, h.record_kind, h.record_id, h.action, h.actor, h.at, o.origin, h.prev_rev, "
                         "h.new_rev, h.changes, h.note, h.prev_hash, h.hash, h.origin_id FROM history h "
                         "LEFT JOIN event_origin o ON o.id = h.origin_id ORDER BY h.seq");
    if (!st) return st.error();
    HistoryScan s;
    s.m_st = std::move(st.value());
    return s;
  }
  // Next event (false at the end); changesJson gets the exact text the hash covers.
  Result<bool> next(core::HistoryEvent& e, std::string& changesJson) {
    auto r = m_st.step();
    if (!r || !r.value()) return r;
    decodeEvent(m_st, m_st.getText(6), m_lastHash[m_st.getInt(13)], e, changesJson);
    return true;
  }

private:
  Statement m_st;
  std::map<int64_t, std::string> m_lastHash; // origin id -> hash of its latest event so far
};

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

// Every event a prepared query returns, in its order.
Result<std::vector<core::HistoryEvent>> readEvents(Statement& st) {
  std::vector<core::HistoryEvent> out;
  for (;;) {
    auto r = st.step();
    if (!r) return r.error();
    if (!r.value()) return out;
    out.push_back(readEvent(st));
  }
}

} // namespace

std::string changesToJson(const std::vector<core::FieldChange>& changes) {
  std::string out = "[";
  bool valid = true;
  for (const auto& c : changes) {
    if (out.size() > 1) out += ',';
    out += '[';
    valid = valid && core::appendJsonString(out, c.field);
    out += ',';
    valid = valid && core::appendJsonString(out, c.oldValue);
    out += ',';
    valid = valid && core::appendJsonString(out, c.newValue);
    out += ']';
    if (!valid) break;
  }
  if (valid) return out + "]";
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

Result<std::string> Store::hashEvent(const std::string& canonicalText) {
  auto st = m_db.cached("SELECT sha3(?1, 256)");
  if (!st) return st.error();
  (*st)->bind(1, canonicalText);
  auto r = (*st)->step();
  if (!r) return r.error();
  return unpackHash((*st)->getText(0));
}

Result<core::HistoryEvent> Store::appendEvent(core::HistoryEvent e) {
  if (e.id.empty()) e.id = m_ids->next();
  if (e.at.empty()) e.at = nowTimestamp();
  if (e.origin.empty()) e.origin = m_office.id;
  auto tx = Transaction::begin(m_db); // nested in the caller's transaction (a SAVEPOINT)
  if (!tx) return tx.error();
  auto originId = internOrigin(m_db, e.origin);
  if (!originId) return originId.error();
  auto head = chainHead(m_db, *originId);
  if (!head) return head.error();
  e.prevHash = std::move(head.value());
  const std::string changes = changesToJson(e.changes);
  auto h = hashEvent(canonical(e, changes));
  if (!h) return h.error();
  e.hash = std::move(h.value());
  // prev_hash stays NULL: it is the hash of the previous event of this origin (read above).
  if (auto s = insertRow(m_db, e, *originId, true); !s) return s.error();
  // The chain head: lets verification notice events removed from the end of a chain.
  if (auto s = setSetting(headKey(e.origin), e.hash); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return e;
}

Status Store::insertEvent(const core::HistoryEvent& e, ChainHeads& heads) {
  auto it = heads.byOrigin.find(e.origin);
  if (it == heads.byOrigin.end()) {
    auto originId = internOrigin(m_db, e.origin);
    if (!originId) return originId.error();
    auto head = chainHead(m_db, *originId);
    if (!head) return head.error();
    it = heads.byOrigin.emplace(e.origin, std::make_pair(*originId, std::move(head.value()))).first;
  }
  auto& [originId, head] = it->second;
  if (auto s = insertRow(m_db, e, originId, e.prevHash == head); !s) return s;
  head = e.hash;
  return ok();
}

Result<std::vector<core::HistoryEvent>> Store::history(const std::string& recordKind, const std::string& recordId) {
  auto st = m_db.prepare(std::string("SELECT ") + kEventColumns +
                         " FROM history_event WHERE record_kind = ?1 AND record_id = ?2 ORDER BY seq");
  if (!st) return st.error();
  st->bind(1, recordKind).bind(2, recordId);
  return readEvents(*st);
}

Result<std::vector<core::HistoryEvent>> Store::historyOfEnterprise(const std::string& enterpriseId) {
  auto st = m_db.prepare(std::string("SELECT ") + kEventColumns +
                         " FROM history_event WHERE (record_kind = ?2 AND record_id = ?1)"
                         " OR (record_kind = ?3 AND record_id IN (SELECT id FROM hazard WHERE enterprise_id = ?1))"
                         " OR (record_kind = ?4 AND record_id IN"
                         " (SELECT id FROM inspection WHERE enterprise_id = ?1)) ORDER BY seq");
  if (!st) return st.error();
  st->bind(1, enterpriseId).bind(2, core::kKindEnterprise).bind(3, core::kKindHazard).bind(4, core::kKindInspection);
  return readEvents(*st);
}

Result<std::vector<core::HistoryEvent>> Store::allHistory() {
  auto scan = HistoryScan::open(m_db);
  if (!scan) return scan.error();
  std::vector<core::HistoryEvent> out;
  std::string changesJson;
  for (;;) {
    core::HistoryEvent e;
    auto r = scan->next(e, changesJson);
    if (!r) return r.error();
    if (!r.value()) break;
    out.push_back(std::move(e));
  }
  return out;
}

Result<HistoryCheck> Store::verifyHistory() {
  HistoryCheck check;
  auto scan = HistoryScan::open(m_db);
  if (!scan) return scan.error();
  auto hasher = m_db.prepare("SELECT sha3(?1, 256)");
  if (!hasher) return hasher.error();
  std::map<std::string, std::string> lastHash; // origin -> hash of its latest event so far
  struct Link {
    std::string eventId;
    int64_t pos;
    std::string prevHash;
  };
  struct Foreign {
    std::set<std::string> hashes;
    std::vector<Link> links;
  };
  std::map<std::string, Foreign> foreign;
  auto fail = [&](const core::HistoryEvent& e, int64_t pos, std::string problem) {
    check.ok = false;
    check.eventId = e.id;
    check.position = pos;
    check.origin = e.origin;
    check.problem = std::move(problem);
  };
  std::string changesJson;
  for (int64_t pos = 0;; ++pos) {
    core::HistoryEvent e;
    auto r = scan->next(e, changesJson);
    if (!r) return r.error();
    if (!r.value()) break;
    ++check.checked;
    hasher->reset();
    hasher->bind(1, canonical(e, changesJson));
    auto hr = hasher->step();
    if (!hr) return hr.error();
    if (unpackHash(hasher->getText(0)) != e.hash) {
      fail(e, pos, "历史记录第 " + std::to_string(pos + 1) + " 条（" + e.id + "）的内容与其校验值不符，可能被改动过");
      return check;
    }
    // Our own chain (and the seed's) is linear in local order from an empty link. Another office's
    // chain arrives in files, possibly out of order (change files imported as they come): its
    // links are checked as a set once all are read.
    const bool ownChain = e.origin == m_office.id || e.origin == "seed";
    if (ownChain) {
      auto it = lastHash.find(e.origin);
      if (it == lastHash.end() ? !e.prevHash.empty() : it->second != e.prevHash) {
        fail(e, pos,
             "历史记录第 " + std::to_string(pos + 1) + " 条（" + e.id +
                 "）与前一条记录衔接不上，之前的记录可能被删除或调换");
        return check;
      }
    } else {
      Foreign& f = foreign[e.origin];
      f.hashes.insert(e.hash);
      f.links.push_back({e.id, pos, e.prevHash});
    }
    lastHash[e.origin] = e.hash;
  }
  for (const auto& [origin, f] : foreign) {
    std::set<std::string> used;
    int starts = 0;
    for (const auto& l : f.links) {
      if (!l.prevHash.empty() && !used.insert(l.prevHash).second) {
        check.ok = false;
        check.eventId = l.eventId;
        check.position = l.pos;
        check.origin = origin;
        check.problem = "来源 " + origin + " 的历史记录出现分叉（" + l.eventId + "），记录可能被改动过";
        return check;
      }
      if (l.prevHash.empty() || !f.hashes.count(l.prevHash)) {
        if (++starts > 1) {
          check.ok = false;
          check.eventId = l.eventId;
          check.position = l.pos;
          check.origin = origin;
          check.problem = "来源 " + origin + " 的历史记录在 " + l.eventId +
                          " 之前缺少一段：可能有该单位的变更文件尚未导入，或记录被删除";
          return check;
        }
      }
    }
  }
  // Events removed from the end of a chain: the stored head no longer matches.
  auto heads =
      m_db.prepare("SELECT substr(key, 14), value FROM settings WHERE key LIKE 'history\\_head:%' ESCAPE '\\'");
  if (!heads) return heads.error();
  for (;;) {
    auto r = heads->step();
    if (!r) return r.error();
    if (!r.value()) break;
    const std::string origin = heads->getText(0), head = heads->getText(1);
    auto it = lastHash.find(origin);
    auto f = foreign.find(origin);
    const bool held =
        f != foreign.end() ? f->second.hashes.count(head) > 0 : it != lastHash.end() && it->second == head;
    if (!held) {
      check.ok = false;
      check.origin = origin;
      check.position = check.checked;
      check.problem = "来源 " + origin + " 的历史记录末尾缺失，最后的记录可能被删除";
      return check;
    }
  }
  return check;
}

// [SECTION] Paged reads for the streaming exporter ---------------------------------------------

Result<std::vector<EventLink>> historyLinks(Database& db, int64_t afterSeq, int limit) {
  auto st = db.cached("SELECT seq, origin_id, at, prev_hash, hash FROM history WHERE seq > ?1 ORDER BY seq LIMIT ?2");
  if (!st) return st.error();
  (*st)->bind(1, afterSeq).bind(2, static_cast<int64_t>(limit));
  std::vector<EventLink> out;
  for (;;) {
    auto r = (*st)->step();
    if (!r) return r.error();
    if (!r.value()) break;
    const Statement& row = **st;
    EventLink l;
    l.seq = row.getInt(0);
    l.originId = row.getInt(1);
    if (row.type(2) == ValueType::Integer)
      l.atMs = row.getInt(2);
    else
      l.atText = row.getText(2);
    l.prevNull = row.isNull(3);
    // A blob is a packed hex hash; text is what did not pack, so the two forms never mean the
    // same hash and comparing stored forms (tagged by type) compares the hashes.
    if (!l.prevNull) l.prevHash = (row.type(3) == ValueType::Blob ? "b" : "t") + row.getText(3);
    l.hash = (row.type(4) == ValueType::Blob ? "b" : "t") + row.getText(4);
    out.push_back(std::move(l));
  }
  return out;
}

Result<std::vector<std::pair<int64_t, std::string>>> historyOrigins(Database& db) {
  auto st = db.prepare("SELECT id, origin FROM event_origin ORDER BY id");
  if (!st) return st.error();
  std::vector<std::pair<int64_t, std::string>> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.emplace_back(st->getInt(0), st->getText(1));
  }
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> touchedRecords(Database& db, int64_t afterSeq) {
  auto st = db.prepare("SELECT DISTINCT record_kind, record_id FROM history WHERE seq > ?1");
  if (!st) return st.error();
  st->bind(1, afterSeq);
  std::vector<std::pair<std::string, std::string>> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.emplace_back(st->getText(0), st->getText(1));
  }
  return out;
}

Result<int64_t> lastHistorySeq(Database& db) {
  auto st = db.prepare("SELECT coalesce(max(seq), 0) FROM history");
  if (!st) return st.error();
  auto r = st->step();
  if (!r) return r.error();
  return st->getInt(0);
}

Result<std::pair<std::string, std::string>> eventAt(Database& db, int64_t seq) {
  auto st = db.prepare("SELECT id, hash FROM history WHERE seq = ?1");
  if (!st) return st.error();
  st->bind(1, seq);
  auto r = st->step();
  if (!r) return r.error();
  if (!r.value()) return Error::make(ErrorCode::NotFound, "历史记录 " + std::to_string(seq) + " 不存在");
  return std::make_pair(st->getText(0), storedHash(*st, 1));
}

Result<bool> holdsEvent(Database& db, const std::string& origin, const std::string& hashHex) {
  const auto packed = packHash(hashHex);
  auto st = db.prepare("SELECT 1 FROM history WHERE origin_id = (SELECT id FROM event_origin WHERE origin = ?1) "
                       "AND hash = ?2 LIMIT 1");
  if (!st) return st.error();
  st->bind(1, origin);
  if (packed)
    st->bindBlob(2, packed->data(), static_cast<int>(packed->size()));
  else
    st->bind(2, hashHex);
  auto r = st->step();
  if (!r) return r.error();
  return r.value();
}

Result<std::vector<SeqEvent>> historyOfOrigin(Database& db, int64_t originId, const std::string& origin,
                                              int64_t afterSeq, int64_t lastSeq, int limit, std::string& lastHash) {
  auto st = db.cached("SELECT id, record_kind, record_id, action, actor, at, NULL, prev_rev, new_rev, changes, note, "
                      "prev_hash, hash, seq FROM history WHERE seq > ?1 AND seq <= ?2 AND origin_id = ?3 "
                      "ORDER BY seq LIMIT ?4");
  if (!st) return st.error();
  (*st)->bind(1, afterSeq).bind(2, lastSeq).bind(3, originId).bind(4, static_cast<int64_t>(limit));
  std::vector<SeqEvent> out;
  std::string changesJson;
  for (;;) {
    auto r = (*st)->step();
    if (!r) return r.error();
    if (!r.value()) break;
    SeqEvent e;
    e.seq = (*st)->getInt(13);
    decodeEvent(**st, origin, lastHash, e.event, changesJson);
    out.push_back(std::move(e));
  }
  return out;
}

} // namespace hz::store
