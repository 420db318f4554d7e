// The all-or-nothing import (see exchange.hpp): validate every input first (read-only), then one
// transaction: records by the merge model, history events as a union, conflicts recorded.
#include "core/date.hpp"
#include "ledger/change_files.hpp"
#include "ledger/checksum.hpp"
#include "ledger/exchange.hpp"
#include "ledger/merge.hpp"
#include "ledger/record_json.hpp"
#include "ledger/signing.hpp"
#include "store/import_apply.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace hz::ledger {

Result<Record> storedRecord(store::Store& db, Kind kind, const std::string& id) {
  auto wrap = [](auto r) -> Result<Record> {
    if (!r) return r.error();
    return toRecord(r.value());
  };
  switch (kind) {
  case Kind::Enterprise:
    return wrap(db.getEnterprise(id));
  case Kind::Inspection:
    return wrap(db.getInspection(id));
  case Kind::Hazard:
    return wrap(db.getHazard(id));
  case Kind::WorkInjury:
    return wrap(db.getWorkInjury(id));
  case Kind::Standard:
    return wrap(db.getStandard(id));
  }
  return Error::make(ErrorCode::Internal, "未知的记录类型");
}

Lookup storeLookup(store::Store& db) {
  auto apply = std::make_shared<store::ImportApply>();
  if (auto a = store::ImportApply::open(db)) *apply = std::move(a.value());
  Lookup l;
  l.exists = [apply](Kind k, const std::string& id) {
    auto r = apply->exists(kindName(k), id);
    return r && r.value();
  };
  l.eventHash = [apply](const std::string& id) {
    auto r = apply->eventHash(id);
    return r ? r.value() : std::string();
  };
  return l;
}

std::string ImportReport::describe() const {
  std::string s;
  for (Kind k : kKinds) {
    const KindCounts& c = kinds[static_cast<size_t>(k)];
    s += std::string(kindLabel(k)) + "：新增 " + std::to_string(c.added) + "，更新 " + std::to_string(c.updated) +
         "，未变 " + std::to_string(c.unchanged) + "，冲突 " + std::to_string(c.conflicts) + "\n";
  }
  s += "历史记录：新增 " + std::to_string(eventsAdded) + "，已有 " + std::to_string(eventsUnchanged) + "\n";
  for (const auto& g : gaps) s += "注意：" + g + "\n";
  for (const auto& f : skipped) s += "跳过：" + f + "\n";
  for (const auto& f : signatures) s += "签名：" + f + "\n";
  for (const auto& k : keys) s += "密钥：" + k + "\n";
  return s;
}

std::string KeyQuestion::describe() const {
  const std::string who = (officeName.empty() ? officeId : officeName + "（" + officeId + "）");
  if (unsignedHistory() && fileUnsigned) {
    return "文件“" + file + "”没有签名（旧版本格式），其中有单位 " + who + " 的 " + std::to_string(unsignedEvents) +
           " 条历史记录，而该单位的文件都有签名：可能是该单位用旧版本导出的，也可能是伪造的。请向该单位核对，"
           "确认后才能作为未签名记录导入。";
  }
  if (unsignedHistory()) {
    return "文件“" + file + "”由 " + signer + " 签名，其中有单位 " + who + " 的 " + std::to_string(unsignedEvents) +
           " 条历史记录，却没有该单位自己的签名：无法证明这些记录是该单位所做。可能是该单位启用密钥前的记录，"
           "也可能是伪造的。请向该单位核对，确认后才能作为未签名记录导入。";
  }
  if (change()) {
    return "文件“" + file + "”的发送单位 " + who + " 的密钥与此前记录的不同：此前指纹 " + pinnedFingerprint +
           "，文件中为 " + fingerprint +
           "。可能是该单位重装了电脑或换了密钥，也可能是伪造的文件。请打电话向该单位核对新指纹，确认后才能接受。";
  }
  return "首次收到 " + who + " 的签名文件（“" + file + "”），密钥指纹 " + fingerprint +
         "。请打电话向该单位核对指纹，一致后确认，以后该单位的文件都须用此密钥签名。";
}

namespace {

Result<std::optional<Record>> localRecord(store::Store& db, Kind k, const std::string& id) {
  auto r = storedRecord(db, k, id);
  if (r) return std::optional<Record>(std::move(r.value()));
  if (r.error().code == ErrorCode::NotFound) return std::optional<Record>();
  return r.error();
}

const std::string kImportedPrefix = "imported.file:"; // settings: digest -> {"file","at"}

// The order in which records that need a merge are applied: enterprises before hazards (the
// search index copies the enterprise name on insert).
constexpr Kind kMergeOrder[] = {Kind::Enterprise, Kind::Standard, Kind::Inspection, Kind::Hazard, Kind::WorkInjury};

} // namespace

// [SECTION] One file of a streaming import ------------------------------------------------------

struct LedgerImport::Impl {
  store::Store* db = nullptr;
  store::ImportApply apply;
  std::optional<store::Transaction> tx;
  Lookup lookup;
  ImportReport report;
  std::optional<Error> error; // a database failure: nothing more is applied, commit() fails
  std::string now;
  uint64_t fed = 0;
  bool finished = false;
  bool prepared = false; // commit() checked the files (done once; a key question may repeat the rest)
  TrustOptions trust;
  std::vector<KeyQuestion> questions;
  Status checkTrust();

  struct File;
  std::vector<std::unique_ptr<File>> files;

  bool allClean() const;
  bool applying() const { return !finished && allClean(); }
  // ignoreLocal: the stored version is the file's own, applied as new while reading.
  Status mergeRecord(File& f, Kind k, const Record& in, const std::vector<const Conflict*>* fc, bool ignoreLocal);
  void fail(const Error& e) {
    if (!error) error = e;
  }
};

struct LedgerImport::Impl::File final : ReadSink {
  File(Impl& owner, std::string name, std::string fileDigest)
      : imp(owner), check(input.read, owner.lookup), parser(input.read, *this), digest(std::move(fileDigest)) {
    input.name = std::move(name);
  }
  Impl& imp;
  LedgerInput input;
  FileChecker check;
  LedgerParser parser;
  std::string digest;
  std::array<int64_t, kKindCount> seenRecords{}; // read from the file
  int64_t seenEvents = 0;
  bool ended = false;
  // Applied as read: the outcome per record ('a' added, 'u' unchanged), for the counts when a
  // conflict in the file later sends the record through a merge.
  std::array<std::unordered_map<std::string, char>, kKindCount> outcome;
  std::array<std::vector<Record>, kKindCount> pending; // need a merge, once the history is in
  std::vector<Conflict> conflicts;
  std::set<std::string> origins; // of new events
  ChainStarts starts;

  bool clean() const { return !input.read.fatal && input.read.problems.empty(); }

  void record(Kind k, Record&& r) override { onRecord(k, r); }
  void event(core::HistoryEvent&& e, bool hashComputed) override { onEvent(e, hashComputed); }
  void conflict(Conflict&& c) override { onConflict(std::move(c)); }

  void onRecord(Kind k, const Record& in) {
    ++seenRecords[static_cast<size_t>(k)];
    check.record(k, in);
    if (!imp.applying()) return;
    imp.db->observeRevision(in.meta.rev);
    const std::string kind = kindName(k);
    auto rev = imp.apply.revision(kind, in.meta.id);
    if (!rev) return fail(rev.error());
    KindCounts& counts = imp.report.kinds[static_cast<size_t>(k)];
    if (rev->empty()) {
      if (auto s = imp.apply.putRecord(kind, in.meta, in.fields, false); !s) return fail(s.error());
      ++counts.added;
      outcome[static_cast<size_t>(k)][in.meta.id] = 'a';
    } else if (*rev == in.meta.rev) {
      ++counts.unchanged;
      outcome[static_cast<size_t>(k)][in.meta.id] = 'u';
    } else {
      pending[static_cast<size_t>(k)].push_back(in);
    }
  }

  void onEvent(const core::HistoryEvent& e, bool hashComputed) {
    ++seenEvents;
    // One lookup of the stored hash serves the check and the apply.
    auto h = imp.apply.eventHash(e.id);
    if (!h) return fail(h.error());
    check.event(e, &h.value(), hashComputed);
    if (!imp.applying()) return;
    if (!h->empty()) {
      ++imp.report.eventsUnchanged;
      return;
    }
    if (auto s = imp.apply.insertEvent(e); !s) return fail(s.error());
    origins.insert(e.origin);
    ++imp.report.eventsAdded;
  }

  void onConflict(Conflict c) {
    check.conflict(c);
    conflicts.push_back(std::move(c));
  }

  void fail(Error e) {
    e.message = input.name + "：导入失败，数据库未作任何修改：" + e.message;
    imp.fail(e);
  }

  // The whole file is read.
  void end() {
    if (ended) return;
    ended = true;
    parser.finish();
    check.finishFile();
    applyEnd();
  }

  // The file's history is in: the records that changed can be merged now.
  void applyEnd() {
    starts.input = &input;
    starts.starts = check.chainStarts();
    if (!imp.applying()) return;
    for (const auto& o : origins) {
      if (auto s = imp.apply.refreshHead(o); !s) return fail(s.error());
    }
    if (auto s = imp.apply.noteOffice(input.read.ledger.office, input.name, imp.now); !s) return fail(s.error());
    std::map<std::pair<Kind, std::string>, std::vector<const Conflict*>> byRecord;
    for (const auto& c : conflicts) byRecord[{c.kind, c.recordId}].push_back(&c);
    auto open = imp.apply.openConflictRecords();
    if (!open) return fail(open.error());
    std::array<std::vector<std::string>, kKindCount> withOpenConflicts;
    for (auto& [kindText, id] : *open) {
      Kind k;
      if (kindFromName(kindText, k)) withOpenConflicts[static_cast<size_t>(k)].push_back(std::move(id));
    }
    for (Kind k : kMergeOrder) {
      const size_t ki = static_cast<size_t>(k);
      for (const Record& in : pending[ki]) {
        auto fc = byRecord.find({k, in.meta.id});
        const std::vector<const Conflict*>* list = fc == byRecord.end() ? nullptr : &fc->second;
        if (auto s = imp.mergeRecord(*this, k, in, list, false); !s) return fail(s.error());
        if (list) byRecord.erase(fc);
      }
      std::vector<Record>().swap(pending[ki]);
      // Records applied as read (new or unchanged) that the file lists conflicts for: merged
      // again as if the file's version had come with its conflicts (a new one as new).
      for (auto it = byRecord.begin(); it != byRecord.end();) {
        if (it->first.first != k) {
          ++it;
          continue;
        }
        auto stored = storedRecord(*imp.db, k, it->first.second);
        if (!stored) return fail(stored.error());
        bool wasNew = false;
        if (auto o = outcome[ki].find(it->first.second); o != outcome[ki].end()) {
          wasNew = o->second == 'a';
          KindCounts& counts = imp.report.kinds[ki];
          --(wasNew ? counts.added : counts.unchanged);
        }
        if (auto s = imp.mergeRecord(*this, k, stored.value(), &it->second, wasNew); !s) return fail(s.error());
        it = byRecord.erase(it);
      }
      // A record the file holds in the version stored here is not merged as it is read, but the
      // file's history may show that an open conflict of it was none (its losing version precedes
      // the winner: the link came late). Such records are merged again with what is stored.
      for (const std::string& id : withOpenConflicts[ki]) {
        auto o = outcome[ki].find(id);
        if (o == outcome[ki].end() || o->second != 'u') continue;
        auto stored = storedRecord(*imp.db, k, id);
        if (!stored) return fail(stored.error());
        --imp.report.kinds[ki].unchanged; // counted again by the merge
        if (auto s = imp.mergeRecord(*this, k, stored.value(), nullptr, false); !s) return fail(s.error());
      }
      std::unordered_map<std::string, char>().swap(outcome[ki]);
    }
  }
};

bool LedgerImport::Impl::allClean() const {
  if (error) return false;
  for (const auto& f : files) {
    if (!f->clean()) return false;
  }
  return true;
}

// Every known version of the record (the file's, the local one, stored and listed losers) and
// the union of revision edges (the file's events are in the database by now) decide the winner.
Status LedgerImport::Impl::mergeRecord(File& f, Kind k, const Record& in, const std::vector<const Conflict*>* fc,
                                       bool ignoreLocal) {
  store::Store& store = *db;
  const std::string kind = kindName(k);
  KindCounts& counts = report.kinds[static_cast<size_t>(k)];
  auto local = localRecord(store, k, in.meta.id);
  if (!local) return local.error();
  const bool rowExists = local->has_value();
  if (ignoreLocal) local->reset();
  std::map<std::string, Record> versions;
  versions.emplace(in.meta.rev, in);
  if (local->has_value()) versions.emplace((*local)->meta.rev, **local);
  auto stored = apply.conflictsOf(kind, in.meta.id);
  if (!stored) return stored.error();
  std::vector<std::pair<std::string, std::string>> storedLosers; // (conflict id, losing rev)
  for (const auto& sc : *stored) {
    if (auto loser = conflictLoser(sc)) {
      storedLosers.emplace_back(sc.id, loser->meta.rev);
      versions.emplace(loser->meta.rev, std::move(loser.value()));
    }
  }
  if (fc) {
    for (const Conflict* c : *fc) versions.emplace(c->loserRev, c->loser);
  }
  auto edges = apply.revisionEdges(kind, in.meta.id);
  if (!edges) return edges.error();
  std::vector<RevEdge> all;
  for (const auto& e : *edges) all.push_back({e.first, e.second});
  std::vector<std::string> revs;
  for (const auto& v : versions) revs.push_back(v.first);
  const Resolution res = resolveVersions(revs, all);
  const Record& winner = versions.at(res.winner);
  const bool changed = !local->has_value() || (*local)->meta.rev != res.winner;
  if (changed) {
    if (auto s = apply.putRecord(kind, winner.meta, winner.fields, rowExists); !s) return s;
  }
  int64_t fresh = 0;
  for (const auto& loserRev : res.losers) {
    store::StoredConflict sc;
    sc.id = conflictId(k, in.meta.id, loserRev);
    sc.recordKind = kind;
    sc.recordId = in.meta.id;
    sc.localRev = local->has_value() ? (*local)->meta.rev : std::string();
    sc.incomingRev = in.meta.rev;
    sc.winnerRev = res.winner;
    sc.loserJson = recordToJson(k, versions.at(loserRev)).dump();
    sc.source = f.input.read.ledger.office.id;
    sc.sourceFile = f.input.name;
    sc.createdAt = now;
    if (fc) {
      for (const Conflict* c : *fc) {
        if (c->id == sc.id) {
          sc.resolvedAt = c->resolvedAt;
          sc.resolvedBy = c->resolvedBy;
          sc.resolution = c->resolution;
        }
      }
    }
    auto inserted = apply.putConflict(sc);
    if (!inserted) return inserted.error();
    if (inserted.value()) {
      ++fresh;
      report.newConflicts.push_back(sc.id);
    }
  }
  // A stored conflict whose losing version is now known to precede the winner (a file that came
  // out of order brought the missing link) was never one.
  const std::set<std::string> losers(res.losers.begin(), res.losers.end());
  for (const auto& [conflict, loserRev] : storedLosers) {
    if (!losers.count(loserRev)) {
      if (auto s = apply.dropOpenConflict(conflict); !s) return s;
    }
  }
  if (fresh > 0)
    ++counts.conflicts;
  else if (changed && !local->has_value())
    ++counts.added;
  else if (changed)
    ++counts.updated;
  else
    ++counts.unchanged;
  return ok();
}

// [SECTION] The import ---------------------------------------------------------------------------

Result<std::unique_ptr<LedgerImport>> LedgerImport::begin(store::Store& db) {
  auto apply = store::ImportApply::open(db);
  if (!apply) return apply.error();
  std::unique_ptr<LedgerImport> out(new LedgerImport());
  out->m = std::make_unique<Impl>();
  Impl& m = *out->m;
  m.db = &db;
  m.apply = std::move(apply.value());
  m.lookup = storeLookup(db);
  m.now = db.nowTimestamp();
  auto tx = store::Transaction::begin(db.db());
  if (!tx) return tx.error();
  m.tx.emplace(std::move(tx.value()));
  if (auto s = m.apply.beginBulkLoad(); !s) return s.error();
  return out;
}

LedgerImport::~LedgerImport() = default; // an open transaction rolls back

void LedgerImport::startFile(const std::string& name, const std::string& digest) {
  if (!m->files.empty()) m->files.back()->end(); // no-op when ended
  m->files.push_back(std::make_unique<Impl::File>(*m, name, digest));
}

bool LedgerImport::feed(std::string_view bytes) {
  m->fed += bytes.size();
  if (m->files.empty()) startFile("");
  Impl::File& f = *m->files.back();
  return f.parser.feed(bytes) && !m->error;
}

void LedgerImport::failFile(const std::string& message) {
  if (m->files.empty()) return;
  ReadResult& r = m->files.back()->input.read;
  r.fatal = true;
  r.problems.insert(r.problems.begin(), {"", "", message});
}

void LedgerImport::endFile() {
  if (!m->files.empty()) m->files.back()->end();
}

void LedgerImport::addLedger(const std::string& name, ReadResult read) {
  startFile(name);
  Impl::File& f = *m->files.back();
  f.ended = true; // nothing to parse
  f.input.read = std::move(read);
  f.starts.input = &f.input;
  if (f.input.read.fatal) return;
  const Ledger& l = f.input.read.ledger;
  for (Kind k : kKinds) {
    for (const Record& r : l.of(k)) f.onRecord(k, r);
  }
  for (const auto& e : l.events) f.onEvent(e, false); // hashes as held: checked
  for (const auto& c : l.conflicts) f.onConflict(c);
  f.check.finishFile();
  f.applyEnd();
}

std::vector<LedgerInput> LedgerImport::takeFiles() {
  std::vector<LedgerInput> out;
  for (auto& f : m->files) out.push_back(std::move(f->input));
  m->files.clear();
  return out;
}

std::vector<const LedgerInput*> LedgerImport::files() const {
  std::vector<const LedgerInput*> out;
  for (const auto& f : m->files) out.push_back(&f->input);
  return out;
}

bool LedgerImport::clean() const { return m->allClean(); }

uint64_t LedgerImport::bytesFed() const { return m->fed; }

void LedgerImport::cancel() {
  m->finished = true;
  m->tx.reset(); // rolls back
}

void LedgerImport::setTrust(TrustOptions trust) { m->trust = std::move(trust); }
const std::vector<KeyQuestion>& LedgerImport::keyQuestions() const { return m->questions; }

// The keys of signed files against the trust list; pins first-seen keys and accepted key changes
// inside the import's transaction (undone with it), and keeps each office's newest chain head.
Status LedgerImport::Impl::checkTrust() {
  questions.clear();
  auto own = db->ownKey();
  if (!own) return own.error();
  const std::string self = db->office().id;
  // office -> key -> the first file with it (an office's older history may be signed with a key
  // it had before a key change)
  std::map<std::string, std::map<std::string, const File*>> seen;
  for (const auto& f : files) {
    const Ledger& l = f->input.read.ledger;
    if (l.version < kSignedFormatVersion || !l.signature) {
      std::string line = f->input.name + "：" + SignatureSummary{}.describe();
      auto pinned = db->trustedKey(l.office.id);
      if (!pinned) return pinned.error();
      if (pinned->has_value() || l.office.id == self)
        line += "。警告：该单位的文件此前都有签名，此文件没有，可能是伪造的，请向该单位核实";
      report.signatures.push_back(std::move(line));
      continue;
    }
    SignatureSummary summary = signatureSummary(l, f->input.read.problems);
    if (summary.office == l.office.id && !l.office.name.empty())
      summary.office = l.office.name + "（" + l.office.id + "）";
    report.signatures.push_back(f->input.name + "：" + summary.describe());
    seen[l.signature->office].emplace(l.signature->publicKey, f.get());
    for (const auto& h : l.signers) seen[h.office].emplace(h.publicKey, f.get());
  }
  auto changes = db->keyChanges();
  if (!changes) return changes.error();
  for (const auto& entry : seen) {
    // Plain names: lambdas below use them (clang 14 does not capture structured bindings).
    const std::string& office = entry.first;
    const auto& keys = entry.second;
    const std::string name = [&] {
      for (const auto& [key, file] : keys)
        if (file->input.read.ledger.office.id == office) return file->input.read.ledger.office.name;
      return std::string();
    }();
    if (office == self) {
      for (const auto& [key, file] : keys) {
        if (own->has_value() && (*own)->publicKey == key) continue;
        return Error::invalid("文件“" + file->input.name + "”中本单位的签名密钥（指纹 " + fingerprintOfHex(key) +
                              "）不是本机的密钥：文件中本单位的内容不是本单位导出的（可能被伪造），未导入任何内容");
      }
      continue;
    }
    auto pinned = db->trustedKey(office);
    if (!pinned) return pinned.error();
    if (!pinned->has_value() && keys.size() > 1) {
      return Error::invalid("首次收到的单位 " + office + " 在文件中用了 " + std::to_string(keys.size()) +
                            " 个不同的密钥，无法确定哪个可信，未导入任何内容。请先导入该单位自己发来的文件");
    }
    // Keys this database knows for the office: the pinned one and those of its logged key changes.
    auto known = [&](const std::string& key) {
      if (pinned->has_value() && (*pinned)->publicKey == key) return true;
      return std::any_of(changes->begin(), changes->end(), [&](const store::KeyChange& c) {
        return c.officeId == office && (c.oldKey == key || c.newKey == key);
      });
    };
    for (const auto& [key, file] : keys) {
      if (known(key)) {
        if (auto st = db->touchTrustedKey(office, name, now); !st) return st;
        continue;
      }
      const bool change = pinned->has_value();
      if (change ? trust.acceptChanges.count(office) > 0 : trust.trustNew) {
        store::TrustedKey k{office, name, key, now, now, file->input.name, 0};
        if (auto st = db->trustKey(k, trust.actor, change ? "导入“" + file->input.name + "”时接受新密钥" : ""); !st)
          return st;
        const std::string who = name.empty() ? office : name + "（" + office + "）";
        report.keys.push_back(change ? "已接受 " + who + " 的新密钥（指纹 " + fingerprintOfHex(key) +
                                           "），已记入密钥变更记录"
                                     : "首次收到 " + who + " 的签名文件，已记录其密钥，指纹 " + fingerprintOfHex(key) +
                                           "：请打电话向该单位核对");
        continue;
      }
      questions.push_back(KeyQuestion{file->input.name, office, name, key, fingerprintOfHex(key),
                                      change ? fingerprintOfHex((*pinned)->publicKey) : std::string()});
    }
  }
  // History of offices that did not sign it, forwarded by the signer. Refused outright when this
  // database holds the office's key, or it is this office (its history must come signed: a file
  // claiming otherwise is forged); otherwise a question: it may be history from before that office
  // had a key, which a person who checked may accept (then it is imported, marked unsigned).
  auto known = db->knownOffices(); // names of offices whose files came here before
  if (!known) return known.error();
  auto nameOf = [&](const std::string& id) { return known->count(id) ? known->at(id).name : std::string(); };
  for (const auto& f : files) {
    const auto& from = f->input.read.ledger.office;
    const std::string signer = from.name.empty() ? from.id : from.name + "（" + from.id + "）";
    const bool fileUnsigned = f->input.read.ledger.version < kSignedFormatVersion || !f->input.read.ledger.signature;
    for (const auto& [office, events] : f->input.read.unsignedOrigins) {
      auto pinned = db->trustedKey(office);
      if (!pinned) return pinned.error();
      const std::string what = events ? std::to_string(events) + " 条历史记录" : std::string("记录");
      const bool signs = office == self || pinned->has_value() || seen.count(office);
      const bool accepted = trust.acceptAllUnsigned || trust.acceptUnsigned.count(office) > 0;
      auto ask = [&, office = office, events = events] {
        KeyQuestion q;
        q.file = f->input.name;
        q.officeId = office;
        q.officeName = nameOf(office);
        q.signer = signer;
        q.unsignedEvents = std::max<int64_t>(events, 1);
        q.fileUnsigned = fileUnsigned;
        questions.push_back(std::move(q));
      };
      if (fileUnsigned) {
        // A file from before signatures: marked 未签名 as a whole (above). History of an office whose
        // files are signed may be that office's old export, or a signed file downgraded to forge
        // it: a person decides, as for forwarded history.
        if (signs && !accepted) ask();
        continue;
      }
      if (signs) {
        f->input.read.problems.push_back({"", "signers",
                                          "文件中有单位 " + office + " 的" + what +
                                              "，但没有该单位的签名，而该单位的文件都有签名：不能由 " + signer +
                                              " 代为声明，文件可能被伪造"});
        return Error::invalid("文件“" + f->input.name + "”中有其他单位未签名的内容，未导入任何内容");
      }
      if (!accepted) {
        ask();
        continue;
      }
      report.signatures.push_back(f->input.name + "：其中单位 " + office + " 的" + what +
                                  "没有该单位的签名（经核对后作为未签名记录导入，由 " + signer + " 转交）");
    }
  }
  if (!questions.empty()) return Ok{};
  for (const auto& f : files) {
    for (const auto& h : f->input.read.ledger.signers) {
      if (h.office == self) continue;
      if (auto st = db->putSignedHead({h.office, h.publicKey, h.headId, h.headHash, h.signature}); !st) return st;
    }
  }
  return Ok{};
}

Result<ImportReport> LedgerImport::commit() {
  Impl& I = *m;
  if (!I.prepared) {
    I.prepared = true;
    if (!I.files.empty()) I.files.back()->end();
    // References to records of files imported together, or to records further on in the file.
    std::vector<const FileChecker*> checks;
    for (const auto& f : I.files) checks.push_back(&f->check);
    for (auto& f : I.files) {
      std::vector<const FileChecker*> others;
      for (const auto* c : checks) {
        if (c != &f->check) others.push_back(c);
      }
      f->check.resolveReferences(others);
    }
    const bool anyProblem = !I.applying();
    I.finished = true;
    if (I.error) {
      I.tx.reset();
      return *I.error;
    }
    if (anyProblem) {
      I.tx.reset();
      return Error::invalid("台账文件有错误，未导入任何内容");
    }
  }
  if (!I.tx) return Error::make(ErrorCode::Internal, "导入已结束");
  I.report.signatures.clear();
  I.report.keys.clear();
  {
    // Key decisions are savepoints of their own: asked again, nothing of the last attempt stays.
    auto sp = store::Transaction::begin(I.db->db());
    if (!sp) return sp.error();
    if (auto s = I.checkTrust(); !s) {
      I.tx.reset();
      return s.error();
    }
    if (!I.questions.empty()) {
      std::string text;
      for (const auto& q : I.questions) text += (text.empty() ? "" : "\n") + q.describe();
      return Error::make(ErrorCode::Forbidden, text); // sp rolls back; the import's transaction stays open
    }
    if (auto s = sp->commit(); !s) return s.error();
  }
  std::vector<ChainStarts> starts;
  for (const auto& f : I.files) starts.push_back(f->starts);
  auto gaps = historyGaps(*I.db, starts);
  if (!gaps) return gaps.error();
  I.report.gaps = std::move(gaps.value());
  if (auto s = recordReceived(*I.db, files()); !s) return s.error();
  if (auto s = I.apply.endBulkLoad(); !s) return s.error();
  for (const auto& f : I.files) {
    if (f->digest.empty()) continue;
    const Json seen = {{"file", f->input.name}, {"at", I.now}, {"records", f->seenRecords}, {"events", f->seenEvents}};
    if (auto s = I.db->setSetting(kImportedPrefix + f->digest, seen.dump()); !s) return s.error();
  }
  if (auto s = I.tx->commit(); !s) return s.error();
  I.tx.reset();
  // Statistics are an optimisation: a failure here leaves the imported data valid.
  (void)I.db->refreshPlannerStats();
  return I.report;
}

void FileDigest::update(std::string_view bytes) {
  if (!m_state) m_state = std::make_shared<Sha3Stream>();
  static_cast<Sha3Stream*>(m_state.get())->update(bytes);
}

std::string FileDigest::finish() {
  if (!m_state) m_state = std::make_shared<Sha3Stream>();
  return static_cast<Sha3Stream*>(m_state.get())->finishHex();
}

std::string fileDigest(std::string_view bytes) {
  FileDigest d;
  d.update(bytes);
  return d.finish();
}

Result<std::optional<PriorImport>> priorImport(store::Store& db, const std::string& digest) {
  auto text = db.setting(kImportedPrefix + digest);
  if (!text) return text.error();
  if (text->empty()) return std::optional<PriorImport>();
  const Json j = Json::parse(*text, nullptr, false);
  if (!j.is_object()) return std::optional<PriorImport>();
  PriorImport p;
  std::string at = j.value("at", Json()).is_string() ? j["at"].get<std::string>() : std::string();
  const std::string file = j.value("file", Json()).is_string() ? j["file"].get<std::string>() : std::string();
  if (auto t = core::parseTimestamp(at)) {
    const int64_t minutes = ((*t / 1000 + 8 * 3600) % 86400) / 60; // China Standard Time
    char hm[16];
    std::snprintf(hm, sizeof hm, " %02d:%02d", int(minutes / 60), int(minutes % 60));
    at = core::dateOfMillisChina(*t).toString() + hm;
  }
  p.description = "与 " + at + " 导入的文件“" + file + "”完全相同，数据库中已有其全部内容，未作修改";
  const Json records = j.value("records", Json::array());
  for (size_t k = 0; k < kKindCount && k < records.size(); ++k) {
    if (records[k].is_number_integer()) p.records[k] = records[k].get<int64_t>();
  }
  if (j.value("events", Json()).is_number_integer()) p.events = j["events"].get<int64_t>();
  return std::optional<PriorImport>(std::move(p));
}

void ImportReport::addSkipped(const std::string& name, const PriorImport& prior) {
  for (size_t k = 0; k < kKindCount; ++k) kinds[k].unchanged += prior.records[k];
  eventsUnchanged += prior.events;
  skipped.push_back(name + "：" + prior.description);
}

Result<ImportReport> importLedgers(store::Store& db, std::vector<LedgerInput>& inputs, const TrustOptions& trust) {
  auto imp = LedgerImport::begin(db);
  if (!imp) return imp.error();
  (*imp)->setTrust(trust);
  for (auto& in : inputs) (*imp)->addLedger(in.name, std::move(in.read));
  auto r = (*imp)->commit();
  auto files = (*imp)->takeFiles();
  for (size_t i = 0; i < inputs.size(); ++i) inputs[i].read = std::move(files[i].read);
  return r;
}

namespace {
ReadResult unreadable(const char* why = "读取文件失败（磁盘或网络错误），请重新复制后再导入") {
  ReadResult r;
  r.fatal = true;
  r.problems.push_back({"", "", why});
  return r;
}
} // namespace

Result<ImportReport> importLedgerFiles(store::Store& db, const std::vector<std::string>& paths,
                                       std::vector<LedgerInput>& files, const TrustOptions& trust) {
  auto imp = LedgerImport::begin(db);
  if (!imp) return imp.error();
  (*imp)->setTrust(trust);
  std::vector<char> buf(size_t{1} << 20);
  std::vector<std::pair<std::string, PriorImport>> skipped;
  for (const auto& path : paths) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
      (*imp)->addLedger(path, unreadable("无法打开文件"));
      continue;
    }
    // A file imported before, byte for byte, is known by its digest (one fast pass).
    FileDigest digest;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) digest.update(std::string_view(buf.data(), n));
    if (std::ferror(f)) {
      std::fclose(f);
      (*imp)->addLedger(path, unreadable());
      continue;
    }
    const std::string hex = digest.finish();
    auto prior = priorImport(db, hex);
    if (!prior) {
      std::fclose(f);
      return prior.error();
    }
    if (prior->has_value()) {
      std::fclose(f);
      skipped.emplace_back(path, std::move(**prior));
      continue;
    }
    std::rewind(f);
    (*imp)->startFile(path, hex);
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
      if (!(*imp)->feed(std::string_view(buf.data(), n))) break;
    }
    const bool readError = std::ferror(f) != 0;
    std::fclose(f);
    if (readError) (*imp)->failFile(unreadable().problems.front().message); // not a cut file: say so
    (*imp)->endFile();
  }
  auto r = (*imp)->commit();
  files = (*imp)->takeFiles();
  if (r) {
    for (const auto& [name, prior] : skipped) r->addSkipped(name, prior);
  }
  return r;
}

} // namespace hz::ledger
