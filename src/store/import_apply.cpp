// Store primitives for ledger import/export (see import_apply.hpp).
#include "store/import_apply.hpp"

#include "core/ids.hpp"
#include "core/text.hpp"
#include "store/history_codec.hpp"

namespace hz::store {

namespace {

const char* const kConflictColumns =
    "id, record_kind, record_id, local_rev, incoming_rev, winner_rev, loser_json, source, created_at, "
    "resolved_at, resolved_by, resolution, source_file";

// Every row's first two columns as text.
Result<std::vector<std::pair<std::string, std::string>>> textPairs(Statement& st) {
  std::vector<std::pair<std::string, std::string>> out;
  for (;;) {
    auto r = st.step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.emplace_back(st.getText(0), st.getText(1));
  }
  return out;
}

StoredConflict readConflict(const Statement& st) {
  StoredConflict c;
  std::string* cols[] = {&c.id,         &c.recordKind, &c.recordId,  &c.localRev,  &c.incomingRev,
                         &c.winnerRev,  &c.loserJson,  &c.source,    &c.createdAt, &c.resolvedAt,
                         &c.resolvedBy, &c.resolution, &c.sourceFile};
  for (int i = 0; i < 13; ++i) *cols[i] = st.getText(i);
  return c;
}

} // namespace

void Store::observeRevision(const std::string& rev) {
  if (auto r = core::Revision::parse(rev)) m_hlc->observe(*r);
}

Result<ImportApply> ImportApply::open(Store& store) {
  ImportApply a;
  a.m_store = &store; // the record tables are the store's (loaded from the registry when it opened)
  return a;
}

Status ImportApply::putRecord(const std::string& kind, const core::RecordMeta& meta, const core::FieldList& fields,
                              bool exists) {
  const core::RecordKindInfo* k = core::kindByName(kind);
  if (!k) return Error::make(ErrorCode::Internal, "未知的记录类型: " + kind);
  const RecordTable& table = m_store->recordTable(k->kind);
  Database& db = m_store->db();
  if (auto s = exists ? table.update(db, meta, fields) : table.insert(db, meta, fields); !s) return s;
  if (k->kind != core::RecordKind::Standard) return ok();
  core::Standard st;
  (void)core::fromFields(fields, st);
  st.meta.id = meta.id;
  return m_store->saveClauses(st);
}

Result<std::vector<std::pair<std::string, std::string>>> ImportApply::revisionEdges(const std::string& kind,
                                                                                    const std::string& id) {
  auto st =
      m_store->db().cached("SELECT prev_rev, new_rev FROM history_event WHERE record_kind = ?1 AND record_id = ?2");
  if (!st) return st.error();
  (*st)->bind(1, kind).bind(2, id);
  return textPairs(**st);
}

Result<std::string> ImportApply::eventHash(const std::string& eventId) {
  auto st = m_store->db().cached("SELECT hash FROM history WHERE id = ?1");
  if (!st) return st.error();
  (*st)->bind(1, eventId);
  auto r = (*st)->step();
  if (!r) return r.error();
  if (!r.value()) return std::string();
  return (*st)->type(0) == ValueType::Blob ? unpackHash((*st)->getText(0)) : (*st)->getText(0);
}

Status ImportApply::insertEvent(const core::HistoryEvent& e) { return m_store->insertEvent(e, m_heads); }

Status ImportApply::refreshHead(const std::string& origin) {
  auto st = m_store->db().cached("SELECT hash FROM history_event WHERE origin = ?1 ORDER BY seq DESC LIMIT 1");
  if (!st) return st.error();
  (*st)->bind(1, origin);
  auto r = (*st)->step();
  if (!r) return r.error();
  if (!r.value()) return ok();
  const std::string head = (*st)->getText(0);
  return m_store->setSetting("history_head:" + origin, head);
}

Result<std::vector<StoredConflict>> ImportApply::conflictsOf(const std::string& kind, const std::string& id) {
  auto st = m_store->db().cached(std::string("SELECT ") + kConflictColumns +
                                 " FROM conflict WHERE record_kind = ?1 AND record_id = ?2 ORDER BY id");
  if (!st) return st.error();
  (*st)->bind(1, kind).bind(2, id);
  std::vector<StoredConflict> out;
  for (;;) {
    auto r = (*st)->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.push_back(readConflict(**st));
  }
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> ImportApply::openConflictRecords() {
  auto st = m_store->db().cached(
      "SELECT DISTINCT record_kind, record_id FROM conflict WHERE resolved_at = '' ORDER BY record_kind, record_id");
  if (!st) return st.error();
  return textPairs(**st);
}

Status ImportApply::dropOpenConflict(const std::string& id) {
  auto st = m_store->db().cached("DELETE FROM conflict WHERE id = ?1 AND resolved_at = ''");
  if (!st) return st.error();
  (*st)->bind(1, id);
  return (*st)->exec();
}

Result<bool> ImportApply::putConflict(const StoredConflict& c) {
  Database& db = m_store->db();
  auto ins = db.cached("INSERT INTO conflict (id, record_kind, record_id, local_rev, incoming_rev, winner_rev, "
                       "loser_json, source, created_at, resolved_at, resolved_by, resolution, source_file) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT(id) DO NOTHING");
  if (!ins) return ins.error();
  (*ins)
      ->bind(1, c.id)
      .bind(2, c.recordKind)
      .bind(3, c.recordId)
      .bind(4, c.localRev)
      .bind(5, c.incomingRev)
      .bind(6, c.winnerRev)
      .bind(7, c.loserJson)
      .bind(8, c.source)
      .bind(9, c.createdAt)
      .bind(10, c.resolvedAt)
      .bind(11, c.resolvedBy)
      .bind(12, c.resolution)
      .bind(13, c.sourceFile);
  if (auto s = (*ins)->exec(); !s) return s.error();
  if (db.changes() > 0) return true;
  auto up = db.cached("UPDATE conflict SET winner_rev = ?2, "
                      "resolved_at = CASE WHEN ?3 > resolved_at THEN ?3 ELSE resolved_at END, "
                      "resolved_by = CASE WHEN ?3 > resolved_at THEN ?4 ELSE resolved_by END, "
                      "resolution = CASE WHEN ?3 > resolved_at THEN ?5 ELSE resolution END WHERE id = ?1");
  if (!up) return up.error();
  (*up)->bind(1, c.id).bind(2, c.winnerRev).bind(3, c.resolvedAt).bind(4, c.resolvedBy).bind(5, c.resolution);
  if (auto s = (*up)->exec(); !s) return s.error();
  return false;
}

Result<bool> ImportApply::exists(const std::string& kind, const std::string& id) {
  const core::RecordKindInfo* k = core::kindByName(kind);
  if (!k) return false;
  auto st = m_store->db().cached(std::string("SELECT 1 FROM ") + k->table + " WHERE id = ?1");
  if (!st) return st.error();
  (*st)->bind(1, id);
  auto r = (*st)->step();
  if (!r) return r.error();
  return r.value();
}

Result<std::string> ImportApply::revision(const std::string& kind, const std::string& id) {
  const core::RecordKindInfo* k = core::kindByName(kind);
  if (!k) return std::string();
  auto st = m_store->db().cached(std::string("SELECT rev FROM ") + k->table + " WHERE id = ?1");
  if (!st) return st.error();
  (*st)->bind(1, id);
  auto r = (*st)->step();
  if (!r) return r.error();
  return r.value() ? (*st)->getText(0) : std::string();
}

Status ImportApply::noteOffice(const core::Office& o, const std::string& fileName, const std::string& now) {
  if (o.id.empty() || o.id == m_store->office().id) return ok();
  auto st = m_store->db().cached(
      "INSERT INTO known_office (id, name, division_code, level, first_seen, last_seen, last_file) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
      "division_code = excluded.division_code, level = excluded.level, last_seen = excluded.last_seen, "
      "last_file = excluded.last_file");
  if (!st) return st.error();
  (*st)
      ->bind(1, o.id)
      .bind(2, o.name)
      .bind(3, o.divisionCode)
      .bind(4, core::toChinese(o.level))
      .bind(5, now)
      .bind(6, fileName);
  return (*st)->exec();
}

Result<std::vector<StoredConflict>> listConflicts(Store& store, bool openOnly) {
  auto st = store.db().prepare(std::string("SELECT ") + kConflictColumns + " FROM conflict" +
                               (openOnly ? " WHERE resolved_at = ''" : "") + " ORDER BY resolved_at <> '', id");
  if (!st) return st.error();
  std::vector<StoredConflict> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    out.push_back(readConflict(*st));
  }
  return out;
}

// [SECTION] Bulk loading -------------------------------------------------------------------------

namespace {
// While loading, the full-text triggers of migration 3 act on the rows that were there before only
// (rid <= the largest at the start, a rid that may be given again; the rest are indexed with their
// final text at the end).
const char* const kBulkFtsTriggers = R"SQL(
DROP TRIGGER hazard_fts_insert;
DROP TRIGGER hazard_fts_delete;
DROP TRIGGER hazard_fts_update;
CREATE TRIGGER hazard_fts_insert AFTER INSERT ON hazard WHEN new.rid <= {FROM} BEGIN
  INSERT INTO hazard_fts (rowid, description, location, measures) VALUES (new.rid, new.description, new.location, new.measures);
END;
CREATE TRIGGER hazard_fts_delete AFTER DELETE ON hazard WHEN old.rid <= {FROM} BEGIN
  DELETE FROM hazard_fts WHERE rowid = old.rid;
END;
CREATE TRIGGER hazard_fts_update AFTER UPDATE OF rid, description, location, measures ON hazard
WHEN old.rid <= {FROM} AND (old.rid IS NOT new.rid OR old.description IS NOT new.description
  OR old.location IS NOT new.location OR old.measures IS NOT new.measures) BEGIN
  DELETE FROM hazard_fts WHERE rowid = old.rid;
  INSERT INTO hazard_fts (rowid, description, location, measures) VALUES (new.rid, new.description, new.location, new.measures);
END;
)SQL";
} // namespace

Status ImportApply::beginBulkLoad() {
  if (m_bulkFrom) return ok();
  Database& db = m_store->db();
  auto st = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
                       "('hazard_fts_insert', 'hazard_fts_delete', 'hazard_fts_update') ORDER BY name");
  if (!st) return st.error();
  std::vector<std::string> triggers;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    triggers.push_back(st->getText(0));
  }
  if (triggers.size() != 3) return ok(); // not the schema this was written for: load row by row
  auto max = db.prepare("SELECT coalesce(max(rid), 0) FROM hazard");
  if (!max) return max.error();
  auto r = max->step();
  if (!r) return r.error();
  const int64_t from = max->getInt(0);
  std::string sql = kBulkFtsTriggers;
  core::replaceAll(sql, "{FROM}", std::to_string(from));
  if (auto s = db.execScript(sql); !s) return s;
  m_bulkFrom = from;
  m_bulkTriggers = std::move(triggers);
  return ok();
}

Status ImportApply::endBulkLoad() {
  if (!m_bulkFrom) return ok();
  Database& db = m_store->db();
  const int64_t from = *m_bulkFrom;
  m_bulkFrom.reset();
  std::string sql =
      "DROP TRIGGER hazard_fts_insert;\nDROP TRIGGER hazard_fts_delete;\nDROP TRIGGER hazard_fts_update;\n";
  for (const auto& t : m_bulkTriggers) sql += t + ";\n";
  m_bulkTriggers.clear();
  sql += "INSERT INTO hazard_fts (rowid, description, location, measures) SELECT rid, description, location, "
         "measures FROM hazard WHERE rid > " +
         std::to_string(from) + " ORDER BY rid;\n";
  return db.execScript(sql);
}

} // namespace hz::store
