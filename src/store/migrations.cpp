// The schema, as numbered migrations. NEVER edit a released migration: add a new one.
// v1: records, hazard number sequence, history, settings.  v2: dictionaries, retired flags,
// conflicts, the FTS5 trigram index over hazard text (+ triggers keeping it in sync).
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

const char* const kMigrations[] = {kMigration1, kMigration2};
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
