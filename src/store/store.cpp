// Store: opening (migrations, record tables, office identity, seeding), settings, the office
// record, and the revision/timestamp helpers every repository uses.
#include "store/history_codec.hpp"
#include "store/migrations.hpp"
#include "store/store_internal.hpp"

#include <random>

namespace hz::store {

namespace {
// Full analysis, no analysis_limit: a sampled estimate of hazard_list's leading column (two
// levels) came out ~50x too selective and sent filtered sorts to the wrong index. 0x10002 also
// checks tables this connection has not queried yet; unchanged tables cost nothing.
const char* const kRefreshStats = "PRAGMA optimize = 0x10002;";
} // namespace

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Result<Store> Store::open(const std::string& path, StoreOptions options) {
  auto db = Database::open(path, options.open);
  if (!db) return db.error();
  Store s;
  s.m_db = std::move(db.value());
  if (auto st = s.init(options); !st) return st.error();
  return s;
}

Status Store::init(const StoreOptions& options) {
  m_clock = options.clock ? options.clock : core::IdGenerator::Clock(core::nowMillis);
  if (options.randomSeed) {
    m_ids = std::make_unique<core::IdGenerator>(m_clock, *options.randomSeed);
  } else {
    std::random_device rd;
    m_ids = std::make_unique<core::IdGenerator>(m_clock, (uint64_t{rd()} << 32) ^ rd());
  }
  if (!options.open.readOnly) {
    if (auto s = migrate(m_db); !s) return s;
  } else if (auto v = m_db.userVersion(); !v || v.value() != latestSchemaVersion()) {
    return Error::make(ErrorCode::Format, "只读打开的数据库版本与本程序不一致，请先以可写方式打开以升级");
  }
  for (core::RecordKind k : core::kRecordKinds) {
    auto t = RecordTable::load(m_db, k);
    if (!t) return t.error();
    table(k) = std::move(t.value());
  }

  // Office identity: created once, its id is the origin of every record born here.
  auto officeId = setting("office_id");
  if (!officeId) return officeId.error();
  if (officeId->empty() && !options.open.readOnly) {
    auto tx = Transaction::begin(m_db);
    if (!tx) return tx.error();
    const std::string id = m_ids->next();
    const std::string now = core::formatTimestamp(m_clock());
    auto st = m_db.prepare("INSERT INTO office (id, origin, created_at, updated_at) VALUES (?1, ?1, ?2, ?2)");
    if (!st) return st.error();
    st->bind(1, id).bind(2, now);
    if (auto s = st->exec(); !s) return s;
    if (auto s = setSetting("office_id", id); !s) return s;
    if (auto s = tx->commit(); !s) return s;
    officeId = id;
  }
  {
    auto st = m_db.prepare("SELECT id, name, division_code, level, operators FROM office WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, *officeId);
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) return Error::make(ErrorCode::Format, "数据库中缺少本单位信息");
    m_office.id = st->getText(0);
    core::FieldList f = {{"name", st->getText(1)},
                         {"division_code", st->getText(2)},
                         {"level", st->getText(3)},
                         {"operators", st->getText(4)}};
    (void)core::fromFields(f, m_office);
  }

  // The clock never goes behind a stamp already written here (wall clocks can step back).
  m_hlc = std::make_unique<core::HybridClock>(m_office.id, m_clock);
  {
    // The newest event of this office (stamps only grow): a short walk back from the end.
    auto st = m_db.prepare("SELECT new_rev FROM history WHERE origin_id = "
                           "(SELECT id FROM event_origin WHERE origin = ?1) ORDER BY seq DESC LIMIT 1");
    if (!st) return st.error();
    st->bind(1, m_office.id);
    auto r = st->step();
    if (!r) return r.error();
    if (r.value()) {
      const std::string rev =
          st->type(0) == ValueType::Integer ? unpackRevision(st->getInt(0), m_office.id) : st->getText(0);
      if (auto parsed = core::Revision::parse(rev)) m_hlc->observe(*parsed);
    }
  }
  if (options.open.readOnly) return ok();
  if (options.loadSeed) {
    if (auto s = loadSeedData(); !s) return s;
  }
  // Planner statistics for a database that has grown big without them (e.g. upgraded from v3, or
  // filled by hand over months). Small ones are left alone: any plan is fast there, and opening
  // should not write (the browser would start a save on every load). An optimisation: it never
  // fails or delays opening (in rollback-journal mode a reader elsewhere blocks ANALYZE's write;
  // the next open tries again).
  bool big = false;
  if (auto st = m_db.prepare("SELECT count(*) >= 1000 FROM hazard")) {
    auto row = st->step();
    big = row && *row && st->getInt(0) != 0;
  }
  if (big) (void)m_db.execScriptWithoutWaiting(kRefreshStats);
  return ok();
}

Status Store::refreshPlannerStats() { return m_db.execScript(kRefreshStats); }

// [SECTION] Settings -----------------------------------------------------------------------------

Result<std::string> Store::setting(const std::string& key) {
  auto st = m_db.cached("SELECT value FROM settings WHERE key = ?1");
  if (!st) return st.error();
  (*st)->bind(1, key);
  auto r = (*st)->step();
  if (!r) return r.error();
  return r.value() ? (*st)->getText(0) : std::string();
}

Status Store::setSetting(const std::string& key, const std::string& value) {
  auto st = m_db.cached("INSERT INTO settings (key, value) VALUES (?1, ?2) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!st) return st.error();
  (*st)->bind(1, key).bind(2, value);
  return (*st)->exec();
}

std::string Store::nowTimestamp() { return core::formatTimestamp(m_clock()); }
core::Date Store::today() { return core::dateOfMillisChina(m_clock()); }

// [SECTION] Office -------------------------------------------------------------------------------

Status Store::setOffice(core::Office o, const std::string& actor) {
  o.id = m_office.id; // the identity never changes: it is the origin of every record
  if (auto problems = core::validate(o); !problems.empty()) return invalidRecord(std::move(problems));
  auto changes = core::diffFields(core::toFields(m_office), core::toFields(o));
  if (changes.empty()) return ok();
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  auto prevRev = m_db.prepare("SELECT rev FROM office WHERE id = ?1");
  if (!prevRev) return prevRev.error();
  prevRev->bind(1, o.id);
  auto pr = prevRev->step();
  if (!pr) return pr.error();
  const std::string oldRev = pr.value() ? prevRev->getText(0) : std::string();
  prevRev->reset();
  const std::string rev = m_hlc->tick().toString();
  const std::string now = nowTimestamp();
  core::FieldList f = core::toFields(o);
  auto st = m_db.prepare("UPDATE office SET rev = ?2, updated_at = ?3, name = ?4, division_code = ?5, "
                         "level = ?6, operators = ?7 WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, o.id)
      .bind(2, rev)
      .bind(3, now)
      .bind(4, o.name)
      .bind(5, o.divisionCode)
      .bind(6, core::fieldValue(f, "level"))
      .bind(7, core::fieldValue(f, "operators"));
  if (auto s = st->exec(); !s) return s;
  core::HistoryEvent e;
  e.recordKind = core::kKindOffice;
  e.recordId = o.id;
  e.action = oldRev.empty() ? "create" : "update";
  e.actor = actor;
  e.at = now;
  e.prevRev = oldRev;
  e.newRev = rev;
  e.changes = std::move(changes);
  if (auto ev = appendEvent(std::move(e)); !ev) return ev.error();
  if (auto s = tx->commit(); !s) return s;
  m_office = std::move(o);
  return ok();
}

Result<std::map<std::string, KnownOffice>> Store::knownOffices() {
  std::map<std::string, KnownOffice> out;
  auto seen = m_db.prepare("SELECT id, name, division_code, level, first_seen, last_seen, last_file FROM known_office");
  if (!seen) return seen.error();
  for (;;) {
    auto r = seen->step();
    if (!r) return r.error();
    if (!r.value()) break;
    KnownOffice k{seen->getText(0), seen->getText(1), seen->getText(2), seen->getText(3),
                  seen->getText(4), seen->getText(5), seen->getText(6)};
    out[k.id] = std::move(k);
  }
  // The identity events of every office that made history here (one index lookup per origin):
  // they carry the names offices gave themselves, also for offices whose files came merged.
  auto origins = m_db.prepare("SELECT origin FROM event_origin");
  if (!origins) return origins.error();
  auto events = m_db.prepare("SELECT changes FROM history_event WHERE record_id = ?1 AND record_kind = ?2 "
                             "ORDER BY seq");
  if (!events) return events.error();
  for (;;) {
    auto r = origins->step();
    if (!r) return r.error();
    if (!r.value()) break;
    const std::string origin = origins->getText(0);
    KnownOffice& k = out[origin];
    k.id = origin;
    events->reset();
    events->bind(1, origin).bind(2, core::kKindOffice);
    for (;;) {
      auto e = events->step();
      if (!e) return e.error();
      if (!e.value()) break;
      std::vector<core::FieldChange> changes;
      if (!changesFromJson(events->getText(0), changes)) continue;
      for (const auto& c : changes) {
        if (c.field == "name")
          k.name = c.newValue;
        else if (c.field == "division_code")
          k.divisionCode = c.newValue;
        else if (c.field == "level")
          k.level = c.newValue;
      }
    }
  }
  KnownOffice& self = out[m_office.id];
  self.id = m_office.id;
  self.name = m_office.name;
  self.divisionCode = m_office.divisionCode;
  self.level = core::toChinese(m_office.level);
  return out;
}

// [SECTION] Revisions ----------------------------------------------------------------------------

core::RecordMeta Store::newMeta(const std::string& id) {
  core::RecordMeta m;
  m.id = id.empty() ? m_ids->next() : id;
  m.origin = m_office.id;
  m.rev = m_hlc->tick().toString();
  m.createdAt = nowTimestamp();
  m.updatedAt = m.createdAt;
  return m;
}

core::RecordMeta Store::touchedMeta(const core::RecordMeta& old) {
  core::RecordMeta m = old; // id, origin and creation time stay
  m.rev = m_hlc->tick().toString();
  m.updatedAt = nowTimestamp();
  return m;
}

Status Store::checkRev(const core::RecordMeta& stored, const std::string& expectedRev, const std::string& label) {
  if (!expectedRev.empty() && expectedRev != stored.rev) {
    return Error::make(ErrorCode::Conflict, "记录 " + label + " 已被修改（可能在其他窗口或导入中），请刷新后重试");
  }
  return ok();
}

} // namespace hz::store
