// Hazard repository: creation with the human number (<division>-<year>-<token>-<NNNN>, see
// core/hazard_number.hpp), field edits,
// and workflow actions through core::applyAction, each with its history event.
#include "store/store_internal.hpp"

#include "core/hazard_number.hpp"

#include <set>

namespace hz::store {

namespace {

// Fields that change only through the workflow (or never, for the number).
const std::set<std::string> kWorkflowFields = {
    "number",         "status",      "completed_date", "completion_note", "rectified_by", "verifier",   "verified_date",
    "verify_opinion", "closed_date", "review",         "reviewer",        "review_date",  "review_note"};

} // namespace

Result<std::string> Store::nextHazardNumber(const core::Hazard& h) {
  std::string division = m_office.divisionCode;
  if (division.empty()) division = h.divisionCode.substr(0, 9);
  if (division.empty()) return Error::invalid("请先在设置中填写本单位行政区划代码，才能生成隐患编号");
  int year = 0;
  if (auto d = core::Date::parse(h.foundDate))
    year = d->year;
  else
    year = today().year;
  auto seq = m_db.cached("INSERT INTO hazard_sequence (division_code, year, last) VALUES (?1, ?2, 1) "
                         "ON CONFLICT(division_code, year) DO UPDATE SET last = last + 1 RETURNING last");
  if (!seq) return seq.error();
  for (int attempt = 0; attempt < 100000; ++attempt) {
    (*seq)->reset();
    (*seq)->bind(1, division).bind(2, year);
    auto r = (*seq)->step();
    if (!r) return r.error();
    const int64_t n = (*seq)->getInt(0);
    if (auto s = (*seq)->exec(); !s) return s.error(); // finish the RETURNING statement
    std::string number = core::formatHazardNumber(division, year, core::officeToken(m_office.id), n);
    auto taken = numberTaken(number);
    if (!taken) return taken.error();
    if (!taken.value()) return number; // numbers taken by imported records are skipped
  }
  return Error::make(ErrorCode::Internal, "无法生成隐患编号");
}

Result<bool> Store::numberTaken(const std::string& number) {
  // "AND number <> ''" lets SQLite use the partial index (with only a bound ?1 it scans).
  auto exists = m_db.cached("SELECT 1 FROM hazard WHERE number = ?1 AND number <> ''");
  if (!exists) return exists.error();
  (*exists)->bind(1, number);
  auto e = (*exists)->step();
  if (!e) return e.error();
  return e.value();
}

Status Store::writeHazard(const core::Hazard& before, const core::Hazard& after, bool create, core::HistoryEvent e) {
  const core::FieldList fields = core::toFields(after);
  if (auto s = create ? table(core::RecordKind::Hazard).insert(m_db, after.meta, fields)
                      : table(core::RecordKind::Hazard).update(m_db, after.meta, fields);
      !s) {
    return s;
  }
  e.recordKind = core::kKindHazard;
  e.recordId = after.meta.id;
  e.at = after.meta.updatedAt;
  e.prevRev = create ? std::string() : before.meta.rev;
  e.newRev = after.meta.rev;
  e.changes = core::diffFields(core::toFields(before), fields);
  if (auto ev = appendEvent(std::move(e)); !ev) return ev.error();
  return ok();
}

Result<core::Hazard> Store::createHazard(core::Hazard h, const std::string& actor, const std::string& note) {
  if (h.status != core::HazardStatus::Pending || !h.closedDate.empty() || !h.verifier.empty() ||
      !h.completedDate.empty()) {
    return Error::make(ErrorCode::Forbidden, "新登记的隐患状态应为“待整改”，整改、验收和销号请通过整改流程办理");
  }
  return insertHazard(std::move(h), actor, note);
}

Result<core::Hazard> Store::importHazard(core::Hazard h, const std::string& actor, const std::string& note) {
  return insertHazard(std::move(h), actor, note);
}

Result<core::Hazard> Store::insertHazard(core::Hazard h, const std::string& actor, const std::string& note) {
  h.meta = newMeta(h.meta.id);
  if (auto problems = core::validate(h); !problems.empty()) return invalidRecord(std::move(problems));
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  if (h.number.empty()) {
    auto n = nextHazardNumber(h);
    if (!n) return n.error();
    h.number = std::move(n.value());
  } else {
    // A number given here (e.g. from a sheet) must be free: only ledgers from other offices may
    // bring a number that is already taken (kept, and shown with its office; migration v5).
    auto taken = numberTaken(h.number);
    if (!taken) return taken.error();
    if (taken.value()) return Error::make(ErrorCode::Conflict, "隐患编号 " + h.number + " 已被另一条隐患使用");
  }
  core::HistoryEvent e;
  e.action = "create";
  e.actor = actor;
  e.note = note;
  if (auto s = writeHazard(core::Hazard{}, h, true, std::move(e)); !s) {
    if (s.error().code == ErrorCode::Conflict) {
      return Error::make(ErrorCode::Conflict, "隐患编号 " + h.number + " 或记录ID已存在");
    }
    return s.error();
  }
  if (auto s = tx->commit(); !s) return s.error();
  return h;
}

Result<core::Hazard> Store::updateHazard(core::Hazard h, const std::string& actor, const std::string& note) {
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  auto old = getHazard(h.meta.id);
  if (!old) return old.error();
  if (auto s = checkRev(old->meta, h.meta.rev, old->number); !s) return s.error();
  std::vector<Problem> locked;
  for (const auto& c : core::diffFields(core::toFields(*old), core::toFields(h))) {
    if (kWorkflowFields.count(c.field)) {
      locked.push_back(
          {old->number, c.field,
           std::string(core::fieldLabel(core::kKindHazard, c.field)) + ": 只能通过整改流程或审核操作修改"});
    }
  }
  if (!locked.empty()) {
    Error e = Error::make(ErrorCode::Forbidden, "这些字段不能直接修改");
    e.problems = std::move(locked);
    return e;
  }
  h.meta = touchedMeta(old->meta);
  if (auto problems = core::validate(h); !problems.empty()) return invalidRecord(std::move(problems));
  if (core::diffFields(core::toFields(*old), core::toFields(h)).empty()) return *old;
  core::HistoryEvent e;
  e.action = "update";
  e.actor = actor;
  e.note = note;
  if (auto s = writeHazard(*old, h, false, std::move(e)); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return h;
}

Result<int64_t> Store::updateHazards(const std::vector<std::string>& ids,
                                     const std::function<void(core::Hazard&)>& change, const std::string& actor,
                                     const std::string& note) {
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  int64_t changed = 0;
  for (const auto& id : ids) {
    auto h = getHazard(id);
    if (!h) return h.error();
    core::Hazard v = h.value();
    change(v);
    auto r = updateHazard(v, actor, note);
    if (!r) {
      Error e = r.error();
      e.message = "隐患 " + h->number + "：" + e.message + "（所选隐患均未修改）";
      return e;
    }
    changed += r->meta.rev != h->meta.rev;
  }
  if (auto s = tx->commit(); !s) return s.error();
  return changed;
}

Result<core::Hazard> Store::applyHazardAction(const std::string& id, core::WorkflowAction action,
                                              const core::WorkflowInput& input, const std::string& actor,
                                              const core::Date& today, const std::string& expectedRev) {
  auto tx = Transaction::begin(m_db);
  if (!tx) return tx.error();
  auto old = getHazard(id);
  if (!old) return old.error();
  if (auto s = checkRev(old->meta, expectedRev, old->number); !s) return s.error();
  auto t = core::applyAction(*old, action, input, actor, today);
  if (!t) return t.error();
  core::Hazard after = std::move(t->hazard);
  after.meta = touchedMeta(old->meta);
  if (auto problems = core::validate(after); !problems.empty()) return invalidRecord(std::move(problems));
  core::HistoryEvent e = std::move(t->event);
  if (e.action.empty()) e.action = core::actionName(action);
  if (e.actor.empty()) e.actor = actor;
  if (auto s = writeHazard(*old, after, false, std::move(e)); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return after;
}

Result<core::Hazard> Store::getHazard(const std::string& id) { return getRecord<core::Hazard>(id); }

Result<core::Hazard> Store::getHazardByNumber(const std::string& number) {
  auto r = hazardsByNumber(number);
  if (!r) return r.error();
  if (r->empty()) return Error::make(ErrorCode::NotFound, "找不到编号为 " + number + " 的隐患");
  if (r->size() > 1) {
    return Error::make(ErrorCode::Conflict,
                       "编号 " + number + " 由 " + std::to_string(r->size()) + " 个单位分别使用，请按登记单位区分");
  }
  return std::move(r->front());
}

Result<std::vector<core::Hazard>> Store::hazardsByNumber(const std::string& number) {
  if (number.empty()) return std::vector<core::Hazard>{};
  return listRecords<core::Hazard>("number = ?1 AND number <> ''", "id", number);
}

Result<std::vector<core::Hazard>> Store::listHazardsOfEnterprise(const std::string& enterpriseId) {
  return listRecords<core::Hazard>("enterprise_id = ?1", "found_date DESC, number", enterpriseId);
}

Result<std::vector<core::Hazard>> Store::listAllHazards() { return listRecords<core::Hazard>("", "number, id", {}); }

Result<int64_t> Store::countHazards() {
  auto st = m_db.cached("SELECT count(*) FROM hazard");
  if (!st) return st.error();
  auto r = (*st)->step();
  if (!r) return r.error();
  return (*st)->getInt(0);
}

} // namespace hz::store
