// The schema, as numbered migrations. NEVER edit a released migration: add a new one.
// v1: records, hazard number sequence, history, settings.  v2: dictionaries, retired flags,
// conflicts, the FTS5 trigram index over hazard text (+ triggers keeping it in sync).
// v3: compact history behind a compatible view, contentless FTS, fewer/better indexes.
#include "store/migrations.hpp"

#include <string>

namespace hz::store {

namespace {

// Column names are the JSON names of core/record_fields.hpp. Enums are stored as their Chinese
// names (the words of users and ledger files), bools as 0/1, dates as YYYY-MM-DD text.
const char* const kMigration1 = R"SQL(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE office (
  id            TEXT PRIMARY KEY,
  origin        TEXT NOT NULL DEFAULT '',
  rev           TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL DEFAULT '',
  updated_at    TEXT NOT NULL DEFAULT '',
  name          TEXT NOT NULL DEFAULT '',
  division_code TEXT NOT NULL DEFAULT '',
  level         TEXT NOT NULL DEFAULT '乡镇',
  operators     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE enterprise (
  id            TEXT PRIMARY KEY,
  origin        TEXT NOT NULL,
  rev           TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  kind          TEXT NOT NULL DEFAULT '企业',
  uscc          TEXT NOT NULL DEFAULT '',
  name          TEXT NOT NULL DEFAULT '',
  division_code TEXT NOT NULL DEFAULT '',
  address       TEXT NOT NULL DEFAULT '',
  industry      TEXT NOT NULL DEFAULT '',
  place_type    TEXT NOT NULL DEFAULT '',
  principal     TEXT NOT NULL DEFAULT '',
  contact       TEXT NOT NULL DEFAULT '',
  vessel_port   TEXT NOT NULL DEFAULT '',
  vessel_reg_no TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX enterprise_uscc ON enterprise(uscc) WHERE uscc <> '';
CREATE INDEX enterprise_name ON enterprise(name);
CREATE INDEX enterprise_division ON enterprise(division_code);

CREATE TABLE inspection (
  id            TEXT PRIMARY KEY,
  origin        TEXT NOT NULL,
  rev           TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  date          TEXT NOT NULL DEFAULT '',
  method        TEXT NOT NULL DEFAULT '',
  department    TEXT NOT NULL DEFAULT '',
  inspectors    TEXT NOT NULL DEFAULT '',
  enterprise_id TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inspection_enterprise ON inspection(enterprise_id, date);
CREATE INDEX inspection_date ON inspection(date);

-- rid: a stable integer key (VACUUM keeps INTEGER PRIMARY KEYs) for the full-text index.
CREATE TABLE hazard (
  rid                    INTEGER PRIMARY KEY,
  id                     TEXT NOT NULL UNIQUE,
  origin                 TEXT NOT NULL,
  rev                    TEXT NOT NULL,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  number                 TEXT NOT NULL DEFAULT '',
  enterprise_id          TEXT NOT NULL DEFAULT '',
  division_code          TEXT NOT NULL DEFAULT '',
  industry               TEXT NOT NULL DEFAULT '',
  category               TEXT NOT NULL DEFAULT '',
  location               TEXT NOT NULL DEFAULT '',
  description            TEXT NOT NULL DEFAULT '',
  level                  TEXT NOT NULL DEFAULT '一般隐患',
  source                 TEXT NOT NULL DEFAULT '',
  standard_id            TEXT NOT NULL DEFAULT '',
  clause_ref             TEXT NOT NULL DEFAULT '',
  inspection_id          TEXT NOT NULL DEFAULT '',
  inspection_method      TEXT NOT NULL DEFAULT '',
  inspectors             TEXT NOT NULL DEFAULT '',
  found_date             TEXT NOT NULL DEFAULT '',
  reporter               TEXT NOT NULL DEFAULT '',
  reported_date          TEXT NOT NULL DEFAULT '',
  measures               TEXT NOT NULL DEFAULT '',
  responsible_department TEXT NOT NULL DEFAULT '',
  responsible_unit       TEXT NOT NULL DEFAULT '',
  responsible_person     TEXT NOT NULL DEFAULT '',
  deadline               TEXT NOT NULL DEFAULT '',
  funds_wan              REAL NOT NULL DEFAULT 0,
  five_target            INTEGER NOT NULL DEFAULT 0,
  five_organization      INTEGER NOT NULL DEFAULT 0,
  five_safety_measures   INTEGER NOT NULL DEFAULT 0,
  five_funds             INTEGER NOT NULL DEFAULT 0,
  five_time_limit        INTEGER NOT NULL DEFAULT 0,
  supervision            TEXT NOT NULL DEFAULT '无',
  stop_production        INTEGER NOT NULL DEFAULT 0,
  status                 TEXT NOT NULL DEFAULT '待整改',
  completed_date         TEXT NOT NULL DEFAULT '',
  completion_note        TEXT NOT NULL DEFAULT '',
  rectified_by           TEXT NOT NULL DEFAULT '',
  verifier               TEXT NOT NULL DEFAULT '',
  verified_date          TEXT NOT NULL DEFAULT '',
  verify_opinion         TEXT NOT NULL DEFAULT '',
  closed_date            TEXT NOT NULL DEFAULT '',
  review                 TEXT NOT NULL DEFAULT '未上报',
  reviewer               TEXT NOT NULL DEFAULT '',
  review_date            TEXT NOT NULL DEFAULT '',
  review_note            TEXT NOT NULL DEFAULT '',
  remarks                TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX hazard_number ON hazard(number) WHERE number <> '';
CREATE INDEX hazard_enterprise ON hazard(enterprise_id);
CREATE INDEX hazard_division ON hazard(division_code);
CREATE INDEX hazard_status_deadline ON hazard(status, deadline);
CREATE INDEX hazard_found ON hazard(found_date);
CREATE INDEX hazard_closed ON hazard(closed_date) WHERE closed_date <> '';
CREATE INDEX hazard_industry ON hazard(industry);
CREATE INDEX hazard_level_status ON hazard(level, status);

-- Human hazard numbers: <division>-<year>-<4-digit sequence>, one sequence per (division, year).
CREATE TABLE hazard_sequence (
  division_code TEXT NOT NULL,
  year          INTEGER NOT NULL,
  last          INTEGER NOT NULL,
  PRIMARY KEY (division_code, year)
) WITHOUT ROWID;

CREATE TABLE standard (
  id          TEXT PRIMARY KEY,
  origin      TEXT NOT NULL,
  rev         TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  title       TEXT NOT NULL DEFAULT '',
  issuer      TEXT NOT NULL DEFAULT '',
  doc_number  TEXT NOT NULL DEFAULT '',
  year        INTEGER NOT NULL DEFAULT 0,
  industry    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE clause (
  id          TEXT PRIMARY KEY,
  standard_id TEXT NOT NULL REFERENCES standard(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  article     TEXT NOT NULL DEFAULT '',
  summary     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX clause_standard ON clause(standard_id, ord);

CREATE TABLE work_injury (
  id              TEXT PRIMARY KEY,
  origin          TEXT NOT NULL,
  rev             TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  date            TEXT NOT NULL DEFAULT '',
  enterprise_id   TEXT NOT NULL DEFAULT '',
  enterprise_name TEXT NOT NULL DEFAULT '',
  division_code   TEXT NOT NULL DEFAULT '',
  industry        TEXT NOT NULL DEFAULT '',
  deaths          INTEGER NOT NULL DEFAULT 0,
  injuries        INTEGER NOT NULL DEFAULT 0,
  description     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX work_injury_date ON work_injury(date);
CREATE INDEX work_injury_enterprise ON work_injury(enterprise_id);

-- Append-only history. seq is the local order; each origin's events form a hash chain.
CREATE TABLE history_event (
  id          TEXT PRIMARY KEY,
  seq         INTEGER NOT NULL UNIQUE,
  record_kind TEXT NOT NULL,
  record_id   TEXT NOT NULL,
  action      TEXT NOT NULL,
  actor       TEXT NOT NULL DEFAULT '',
  at          TEXT NOT NULL,
  origin      TEXT NOT NULL,
  prev_rev    TEXT NOT NULL DEFAULT '',
  new_rev     TEXT NOT NULL DEFAULT '',
  changes     TEXT NOT NULL DEFAULT '[]',
  note        TEXT NOT NULL DEFAULT '',
  prev_hash   TEXT NOT NULL DEFAULT '',
  hash        TEXT NOT NULL
);
CREATE INDEX history_record ON history_event(record_kind, record_id, seq);
CREATE INDEX history_origin ON history_event(origin, seq);
)SQL";

const char* const kMigration2 = R"SQL(
-- Editable dictionaries (townships, industries, sources, ...). Records store the value text;
-- a rename keeps the old text as an alias so existing records still match; retire hides an
-- entry from pickers without touching records.
CREATE TABLE dictionary (
  id      INTEGER PRIMARY KEY,
  kind    TEXT NOT NULL,
  value   TEXT NOT NULL,
  parent  TEXT NOT NULL DEFAULT '',
  code    TEXT NOT NULL DEFAULT '',
  sort    INTEGER NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0,
  UNIQUE (kind, value)
);
CREATE TABLE dictionary_alias (
  kind          TEXT NOT NULL,
  alias         TEXT NOT NULL,
  dictionary_id INTEGER NOT NULL REFERENCES dictionary(id) ON DELETE CASCADE,
  PRIMARY KEY (kind, alias)
) WITHOUT ROWID;

ALTER TABLE enterprise ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
ALTER TABLE standard ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;

-- Merge conflicts waiting for a person (the losing version is kept as JSON).
CREATE TABLE conflict (
  id           TEXT PRIMARY KEY,
  record_kind  TEXT NOT NULL,
  record_id    TEXT NOT NULL,
  local_rev    TEXT NOT NULL,
  incoming_rev TEXT NOT NULL,
  winner_rev   TEXT NOT NULL,
  loser_json   TEXT NOT NULL,
  source       TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  resolved_at  TEXT NOT NULL DEFAULT '',
  resolved_by  TEXT NOT NULL DEFAULT '',
  resolution   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX conflict_open ON conflict(resolved_at, created_at);

-- Full-text search over hazard text + enterprise name (trigram: substring search for Chinese).
CREATE VIRTUAL TABLE hazard_fts USING fts5(
  description, location, measures, enterprise_name, tokenize = 'trigram');
INSERT INTO hazard_fts(rowid, description, location, measures, enterprise_name)
  SELECT h.rid, h.description, h.location, h.measures, coalesce(e.name, '')
  FROM hazard h LEFT JOIN enterprise e ON e.id = h.enterprise_id;

CREATE TRIGGER hazard_fts_insert AFTER INSERT ON hazard BEGIN
  INSERT INTO hazard_fts(rowid, description, location, measures, enterprise_name)
  VALUES (new.rid, new.description, new.location, new.measures,
          coalesce((SELECT name FROM enterprise WHERE id = new.enterprise_id), ''));
END;
CREATE TRIGGER hazard_fts_delete AFTER DELETE ON hazard BEGIN
  DELETE FROM hazard_fts WHERE rowid = old.rid;
END;
CREATE TRIGGER hazard_fts_update
AFTER UPDATE OF rid, description, location, measures, enterprise_id ON hazard
WHEN old.rid IS NOT new.rid OR old.description IS NOT new.description OR old.location IS NOT new.location
  OR old.measures IS NOT new.measures OR old.enterprise_id IS NOT new.enterprise_id BEGIN
  DELETE FROM hazard_fts WHERE rowid = old.rid;
  INSERT INTO hazard_fts(rowid, description, location, measures, enterprise_name)
  VALUES (new.rid, new.description, new.location, new.measures,
          coalesce((SELECT name FROM enterprise WHERE id = new.enterprise_id), ''));
END;
CREATE TRIGGER enterprise_fts_rename AFTER UPDATE OF name ON enterprise WHEN old.name IS NOT new.name BEGIN
  UPDATE hazard_fts SET enterprise_name = new.name
  WHERE rowid IN (SELECT rid FROM hazard WHERE enterprise_id = new.id);
END;
CREATE TRIGGER enterprise_fts_insert AFTER INSERT ON enterprise BEGIN
  UPDATE hazard_fts SET enterprise_name = new.name
  WHERE rowid IN (SELECT rid FROM hazard WHERE enterprise_id = new.id);
END;
)SQL";

// v3: size (a city ledger of 100k hazards lives in browser memory). History moves to a compact
// table (seq is the rowid; hashes as 32-byte blobs; timestamps and own-office revisions as
// integers; changes field-coded; origins interned; a local event's prev_hash is NULL = the hash
// of the previous event of its origin) behind a view with the old columns and text values
// (hz_* functions, history_codec.cpp), so readers and the ledger importer see v2's table. The
// full-text index becomes contentless (contentless_delete, detail=none: a candidate filter that
// queries re-check with LIKE) and no longer copies enterprise names (searched in enterprise).
const char* const kMigration3 = R"SQL(
CREATE TABLE event_origin (
  id     INTEGER PRIMARY KEY,
  origin TEXT NOT NULL UNIQUE
);
CREATE TABLE history (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  record_kind TEXT NOT NULL,
  record_id   TEXT NOT NULL,
  action      TEXT NOT NULL,
  actor       TEXT NOT NULL DEFAULT '',
  at          NOT NULL,
  origin_id   INTEGER NOT NULL REFERENCES event_origin(id),
  prev_rev    NOT NULL DEFAULT '',
  new_rev     NOT NULL DEFAULT '',
  changes     NOT NULL DEFAULT '[]',
  note        TEXT NOT NULL DEFAULT '',
  prev_hash,
  hash        NOT NULL
);
CREATE INDEX history_by_record ON history(record_id);

INSERT INTO event_origin (origin) SELECT origin FROM history_event GROUP BY origin ORDER BY min(seq);
INSERT INTO history (seq, id, record_kind, record_id, action, actor, at, origin_id, prev_rev, new_rev, changes,
                     note, prev_hash, hash)
  SELECT e.seq, e.id, e.record_kind, e.record_id, e.action, e.actor, hz_pack_ts(e.at),
         (SELECT o.id FROM event_origin o WHERE o.origin = e.origin), hz_pack_rev(e.prev_rev, e.origin),
         hz_pack_rev(e.new_rev, e.origin), hz_pack_changes(e.changes), e.note, hz_pack_hash(e.prev_hash),
         hz_pack_hash(e.hash)
  FROM history_event e ORDER BY e.seq;
DROP TABLE history_event;

CREATE VIEW history_event AS
SELECT h.id AS id, h.seq AS seq, h.record_kind AS record_kind, h.record_id AS record_id, h.action AS action,
       h.actor AS actor, hz_unpack_ts(h.at) AS at,
       (SELECT o.origin FROM event_origin o WHERE o.id = h.origin_id) AS origin,
       hz_unpack_rev(h.prev_rev, (SELECT o.origin FROM event_origin o WHERE o.id = h.origin_id)) AS prev_rev,
       hz_unpack_rev(h.new_rev, (SELECT o.origin FROM event_origin o WHERE o.id = h.origin_id)) AS new_rev,
       hz_unpack_changes(h.changes) AS changes, h.note AS note,
       coalesce(hz_unpack_hash(h.prev_hash),
                (SELECT hz_unpack_hash(p.hash) FROM history p WHERE p.origin_id = h.origin_id AND p.seq < h.seq
                 ORDER BY p.seq DESC LIMIT 1), '') AS prev_hash,
       hz_unpack_hash(h.hash) AS hash
FROM history h;

CREATE TRIGGER history_event_insert INSTEAD OF INSERT ON history_event BEGIN
  INSERT OR IGNORE INTO event_origin (origin) VALUES (NEW.origin);
  INSERT INTO history (seq, id, record_kind, record_id, action, actor, at, origin_id, prev_rev, new_rev, changes,
                       note, prev_hash, hash)
  SELECT NEW.seq, NEW.id, NEW.record_kind, NEW.record_id, NEW.action, coalesce(NEW.actor, ''), hz_pack_ts(NEW.at),
         o.id, hz_pack_rev(coalesce(NEW.prev_rev, ''), NEW.origin), hz_pack_rev(coalesce(NEW.new_rev, ''), NEW.origin),
         hz_pack_changes(coalesce(NEW.changes, '[]')), coalesce(NEW.note, ''),
         CASE WHEN hz_pack_hash(coalesce(NEW.prev_hash, '')) IS
                   coalesce((SELECT p.hash FROM history p WHERE p.origin_id = o.id AND (NEW.seq IS NULL OR p.seq < NEW.seq)
                             ORDER BY p.seq DESC LIMIT 1), '')
              THEN NULL ELSE hz_pack_hash(coalesce(NEW.prev_hash, '')) END,
         hz_pack_hash(NEW.hash)
  FROM event_origin o WHERE o.origin = NEW.origin;
END;
CREATE TRIGGER history_event_update INSTEAD OF UPDATE ON history_event BEGIN
  INSERT OR IGNORE INTO event_origin (origin) VALUES (NEW.origin);
  UPDATE history SET seq = NEW.seq, id = NEW.id, record_kind = NEW.record_kind, record_id = NEW.record_id,
         action = NEW.action, actor = NEW.actor, at = hz_pack_ts(NEW.at),
         origin_id = (SELECT o.id FROM event_origin o WHERE o.origin = NEW.origin),
         prev_rev = hz_pack_rev(NEW.prev_rev, NEW.origin), new_rev = hz_pack_rev(NEW.new_rev, NEW.origin),
         changes = hz_pack_changes(NEW.changes), note = NEW.note,
         prev_hash = CASE WHEN NEW.prev_hash IS OLD.prev_hash AND NEW.origin IS OLD.origin THEN prev_hash
                          ELSE hz_pack_hash(NEW.prev_hash) END,
         hash = hz_pack_hash(NEW.hash)
  WHERE seq = OLD.seq;
END;
CREATE TRIGGER history_event_delete INSTEAD OF DELETE ON history_event BEGIN
  DELETE FROM history WHERE seq = OLD.seq;
END;

DROP TRIGGER hazard_fts_insert;
DROP TRIGGER hazard_fts_delete;
DROP TRIGGER hazard_fts_update;
DROP TRIGGER enterprise_fts_rename;
DROP TRIGGER enterprise_fts_insert;
DROP TABLE hazard_fts;
CREATE VIRTUAL TABLE hazard_fts USING fts5(description, location, measures, tokenize = 'trigram',
  content = '', contentless_delete = 1, detail = none);
INSERT INTO hazard_fts (rowid, description, location, measures) SELECT rid, description, location, measures FROM hazard;
CREATE TRIGGER hazard_fts_insert AFTER INSERT ON hazard BEGIN
  INSERT INTO hazard_fts (rowid, description, location, measures) VALUES (new.rid, new.description, new.location, new.measures);
END;
CREATE TRIGGER hazard_fts_delete AFTER DELETE ON hazard BEGIN
  DELETE FROM hazard_fts WHERE rowid = old.rid;
END;
CREATE TRIGGER hazard_fts_update AFTER UPDATE OF rid, description, location, measures ON hazard
WHEN old.rid IS NOT new.rid OR old.description IS NOT new.description OR old.location IS NOT new.location
  OR old.measures IS NOT new.measures BEGIN
  DELETE FROM hazard_fts WHERE rowid = old.rid;
  INSERT INTO hazard_fts (rowid, description, location, measures) VALUES (new.rid, new.description, new.location, new.measures);
END;

-- (level, status) never pays: two levels, and status has its own index.
DROP INDEX hazard_level_status;
)SQL";

// v4: one covering index for the hazard list. Every filter column of HazardFilter (but text and
// origin), the ledger table's sort columns and the dashboard's columns sit in it (queries.cpp
// listIndexHint), so counts, filters, aggregates and top-N sorts read a 150-byte index entry
// instead of the 650-byte row: a filtered, sorted page no longer visits the table for the rows
// it rejects. Equality-friendly, low-cardinality columns lead (level,
// status) so planners can seek or skip-scan them. It replaces the single-column indexes it covers.
const char* const kMigration4 = R"SQL(
CREATE INDEX hazard_list ON hazard(level, status, deadline, division_code, industry, source, found_date, review,
                                   enterprise_id, responsible_department, number, closed_date);
DROP INDEX hazard_division;
DROP INDEX hazard_industry;
DROP INDEX hazard_status_deadline;
-- Sorting the list by enterprise name looks up each matching hazard's firm: from this small
-- index alone, without visiting the enterprise rows.
CREATE INDEX enterprise_id_name ON enterprise(id, name);
)SQL";

// v5: hazard numbers are no longer unique in the database. Numbers now carry the office's token
// (core/hazard_number.hpp), but offices on earlier versions gave <division>-<year>-<NNNN>, so two
// offices of one district gave the same numbers and their ledgers must still merge: such a number
// is kept as given and shown with its office; the record id stays the identity. Locally given
// numbers are still checked to be free (Store::createHazard).
// Also: the file that brought each conflict, and the offices whose ledgers were imported (names
// for people instead of office ids; first and last seen).
const char* const kMigration5 = R"SQL(
DROP INDEX hazard_number;
CREATE INDEX hazard_number ON hazard(number) WHERE number <> '';
ALTER TABLE conflict ADD COLUMN source_file TEXT NOT NULL DEFAULT '';
CREATE TABLE known_office (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL DEFAULT '',
  division_code TEXT NOT NULL DEFAULT '',
  level         TEXT NOT NULL DEFAULT '',
  first_seen    TEXT NOT NULL DEFAULT '',
  last_seen     TEXT NOT NULL DEFAULT '',
  last_file     TEXT NOT NULL DEFAULT ''
);
)SQL";

// v6: 统计通报. The hazards an inspection recorded (倒查 looks up, for each earlier inspection of a
// firm, whether it recorded a hazard of the kind), and the bulletins this office issued: period,
// number, title, the editable 下步工作要求 and the key figures as issued, so the next bulletin can
// say what changed. Bulletins are the office's own documents: they are not in the ledger file.
const char* const kMigration6 = R"SQL(
CREATE INDEX hazard_inspection ON hazard(inspection_id);
CREATE TABLE bulletin (
  id          TEXT PRIMARY KEY,
  issued_at   TEXT NOT NULL,
  number      TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL DEFAULT '',
  period_from TEXT NOT NULL,
  period_to   TEXT NOT NULL,
  scope       TEXT NOT NULL DEFAULT '{}',
  next_steps  TEXT NOT NULL DEFAULT '',
  figures     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX bulletin_period ON bulletin(period_to, issued_at);
)SQL";

// v7: sheet import (src/sheet), and retired clauses. Each imported row's identity (the sheet's 隐患编号, or a digest of
// firm, township, date and description) and the hazard it became, so the same sheet imported again
// creates nothing new. Local bookkeeping of this office: not in the ledger file.
const char* const kMigration7 = R"SQL(
CREATE TABLE sheet_row (
  key         TEXT PRIMARY KEY,
  hazard_id   TEXT NOT NULL,
  file        TEXT NOT NULL DEFAULT '',
  sheet_row   INTEGER NOT NULL DEFAULT 0,
  imported_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sheet_row_hazard ON sheet_row(hazard_id);
-- A clause can be retired (已废止): kept for the hazards that cite it, not offered for new ones.
ALTER TABLE clause ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
)SQL";

// v8: office keys (issue 16; the crypto is in src/ledger/office_key.cpp, keys are hex here). This
// office's Ed25519 key pair (the secret key never leaves this database but in a passphrase-protected
// backup); the keys of the offices whose signed files came in (trust on first use, then pinned);
// every key change accepted, with who accepted it; and every signature another office made over its
// own history chain (one per file it sent), forwarded with its events so that a merged file still
// proves them, also when its files arrived out of order.
const char* const kMigration8 = R"SQL(
CREATE TABLE office_key (
  office_id  TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  secret_key TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE trusted_key (
  office_id   TEXT PRIMARY KEY,
  office_name TEXT NOT NULL DEFAULT '',
  public_key  TEXT NOT NULL,
  first_seen  TEXT NOT NULL,
  last_seen   TEXT NOT NULL,
  first_file  TEXT NOT NULL DEFAULT '',
  key_changes INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE key_change (
  seq       INTEGER PRIMARY KEY,
  office_id TEXT NOT NULL,
  old_key   TEXT NOT NULL,
  new_key   TEXT NOT NULL,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL DEFAULT '',
  note      TEXT NOT NULL DEFAULT ''
);
CREATE TABLE chain_head (
  office_id  TEXT NOT NULL,
  head_hash  TEXT NOT NULL,
  public_key TEXT NOT NULL,
  head_id    TEXT NOT NULL,
  signature  TEXT NOT NULL,
  PRIMARY KEY (office_id, head_hash)
) WITHOUT ROWID;
)SQL";

const char* const kMigrations[] = {kMigration1, kMigration2, kMigration3, kMigration4,
                                   kMigration5, kMigration6, kMigration7, kMigration8};
constexpr int kLatest = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

} // namespace

int latestSchemaVersion() { return kLatest; }

const char* migrationSql(int version) {
  return version >= 1 && version <= kLatest ? kMigrations[version - 1] : nullptr;
}

Status migrate(Database& db, int target) {
  if (target < 0) target = kLatest;
  auto current = db.userVersion();
  if (!current) return current.error();
  if (current.value() > kLatest) {
    return Error::make(ErrorCode::Format, "该数据库由更新版本的隐患台账创建（数据库版本 " +
                                              std::to_string(current.value()) + "），请升级本程序后再打开");
  }
  for (int v = current.value() + 1; v <= target; ++v) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = db.execScript(kMigrations[v - 1]); !s) {
      Error e = s.error();
      e.message = "数据库升级到版本 " + std::to_string(v) + " 失败: " + e.message;
      return e;
    }
    if (auto s = db.setUserVersion(v); !s) return s;
    if (auto s = tx->commit(); !s) return s;
  }
  return ok();
}

} // namespace hz::store
