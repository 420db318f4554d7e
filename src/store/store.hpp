// The repository API over one SQLite database: records with ULIDs, revision stamps and an
// append-only, hash-chained history written in the same transaction as every change.
// Implemented in store.cpp (open, office, settings), records_repo.cpp, hazard_repo.cpp,
// standard_repo.cpp, history.cpp, dictionaries.cpp, seed.cpp; queries live in queries.hpp.
#pragma once
#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/model.hpp"
#include "core/record_kinds.hpp"
#include "core/result.hpp"
#include "core/workflow.hpp"
#include "store/record_rows.hpp"
#include "store/sqlite.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hz::store {

struct StoreOptions {
  OpenOptions open;
  core::IdGenerator::Clock clock;     // milliseconds since the epoch; empty = wall clock
  std::optional<uint64_t> randomSeed; // set: deterministic ULIDs (tests, benchmarks)
  bool loadSeed = true;               // standards + dictionaries from assets/seed on first open
};

// The dictionary of townships (value = name, code = 9-digit division code).
inline constexpr const char* kDictTownship = "township";

struct DictionaryEntry {
  int64_t id = 0;
  std::string kind;   // e.g. "industry", "township", "source"
  std::string value;  // current text
  std::string parent; // e.g. a township's county, an industry's parent
  std::string code;   // e.g. a division code
  int sort = 0;
  bool retired = false;
  std::vector<std::string> aliases; // former names (records may still carry them)
};

// An office this database knows of: itself, the sender of an imported ledger, or an office whose
// identity events (record_kind "office") came with merged histories.
struct KnownOffice {
  std::string id;
  std::string name; // "" when only the id is known
  std::string divisionCode;
  std::string level;                         // 乡镇 / 县区 / 市
  std::string firstSeen, lastSeen, lastFile; // imports of its ledgers ("" when none)
};

// Office keys (office_keys.cpp): hex text here; making, signing and checking keys is
// src/ledger/office_key.hpp's.
struct StoredKey {
  std::string publicKey, secretKey, createdAt;
};
// The key an office's signed files came with: pinned at the first file (trust on first use).
struct TrustedKey {
  std::string officeId, officeName, publicKey;
  std::string firstSeen, lastSeen, firstFile;
  int64_t keyChanges = 0;
};
struct KeyChange {
  std::string officeId, oldKey, newKey, at, actor, note;
};
// A signature an office made over its own history chain up to one event (ledger::ChainHead).
struct SignedHead {
  std::string officeId, publicKey, headId, headHash, signature;
};

// Result of verifyHistory(): ok, or the first event that fails (hash or link).
struct HistoryCheck {
  bool ok = true;
  int64_t checked = 0;   // events examined
  std::string eventId;   // first failing event ("" when the chain ends early)
  int64_t position = -1; // 0-based position of that event in local order
  std::string origin;    // the chain it belongs to
  std::string problem;   // Chinese, for users
};

class Store {
public:
  static Result<Store> open(const std::string& path, StoreOptions options = {});
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  Database& db() { return m_db; }

  // [SECTION] Office identity and settings
  const core::Office& office() const { return m_office; }
  Status setOffice(core::Office office, const std::string& actor);
  Result<std::string> setting(const std::string& key); // "" when unset
  Status setSetting(const std::string& key, const std::string& value);
  // Every office known here by id: names for people instead of ids (conflicts, history, numbers).
  Result<std::map<std::string, KnownOffice>> knownOffices();
  std::string nowTimestamp(); // from the store's clock
  core::Date today();         // China date from the store's clock

  // [SECTION] Records. Create fills meta (id if empty, origin, rev, timestamps); update needs
  // meta.id and, when meta.rev is set, refuses if the stored revision differs (edited elsewhere).
  Result<core::Enterprise> createEnterprise(core::Enterprise e, const std::string& actor, const std::string& note = {});
  Result<core::Enterprise> updateEnterprise(core::Enterprise e, const std::string& actor, const std::string& note = {});
  Result<core::Enterprise> getEnterprise(const std::string& id);
  Result<std::vector<core::Enterprise>> listEnterprises(bool includeRetired = true);
  Result<std::vector<core::Enterprise>> findEnterprisesByUscc(const std::string& uscc);

  Result<core::Inspection> createInspection(core::Inspection r, const std::string& actor, const std::string& note = {});
  Result<core::Inspection> updateInspection(core::Inspection r, const std::string& actor, const std::string& note = {});
  Result<core::Inspection> getInspection(const std::string& id);
  Result<std::vector<core::Inspection>> listInspections(const std::string& enterpriseId = {});

  Result<core::WorkInjury> createWorkInjury(core::WorkInjury r, const std::string& actor, const std::string& note = {});
  Result<core::WorkInjury> updateWorkInjury(core::WorkInjury r, const std::string& actor, const std::string& note = {});
  Result<core::WorkInjury> getWorkInjury(const std::string& id);
  Result<std::vector<core::WorkInjury>> listWorkInjuries();

  // Assigns the human number <office division>-<year of found date>-<office token>-<NNNN> when
  // empty (core/hazard_number.hpp); a number given must not be taken.
  Result<core::Hazard> createHazard(core::Hazard h, const std::string& actor, const std::string& note = {});
  // A hazard brought in from an office's own spreadsheet (sheet import): created with the status,
  // dates and sign-off the sheet records, as the paper trail before this ledger. One "create"
  // event; the note says which file and row.
  Result<core::Hazard> importHazard(core::Hazard h, const std::string& actor, const std::string& note);
  // Field edits only: status, review and sign-off fields change through applyHazardAction().
  Result<core::Hazard> updateHazard(core::Hazard h, const std::string& actor, const std::string& note = {});
  // The same change to many hazards (batch edit in the ledger), all or none: in one transaction,
  // each hazard validated as in updateHazard; the first refusal names the hazard by its number and
  // leaves every hazard as it was. Returns how many hazards changed.
  Result<int64_t> updateHazards(const std::vector<std::string>& ids, const std::function<void(core::Hazard&)>& change,
                                const std::string& actor, const std::string& note);
  Result<core::Hazard> applyHazardAction(const std::string& id, core::WorkflowAction action,
                                         const core::WorkflowInput& input, const std::string& actor,
                                         const core::Date& today, const std::string& expectedRev = {});
  Result<core::Hazard> getHazard(const std::string& id);
  // The hazard with this number (NotFound; Conflict when hazards of several offices share it,
  // which v1 ledgers can bring — see hazardsByNumber).
  Result<core::Hazard> getHazardByNumber(const std::string& number);
  Result<std::vector<core::Hazard>> hazardsByNumber(const std::string& number);
  Result<std::vector<core::Hazard>> listHazardsOfEnterprise(const std::string& enterpriseId);
  Result<std::vector<core::Hazard>> listAllHazards(); // every hazard, by number (tests, export)
  Result<int64_t> countHazards();

  Result<core::Standard> createStandard(core::Standard s, const std::string& actor, const std::string& note = {});
  Result<core::Standard> updateStandard(core::Standard s, const std::string& actor, const std::string& note = {});
  Result<core::Standard> getStandard(const std::string& id);
  Result<std::vector<core::Standard>> listStandards(bool includeRetired = true);
  // How many hazards cite each standard and clause: (standard id, clause_ref as the hazards give
  // it, count), for the 判定标准 library.
  struct Citation {
    std::string standardId, clauseRef;
    int64_t hazards = 0;
  };
  Result<std::vector<Citation>> standardCitations();

  // [SECTION] Export pages (the streaming ledger exporter, src/ledger/export_stream.cpp): records
  // of one kind in id order after `afterId` ("" = from the start), at most `limit` of them, so a
  // city ledger is read with bounded memory (export_pages.cpp).
  Result<std::vector<core::Enterprise>> enterprisesAfter(const std::string& afterId, int limit);
  Result<std::vector<core::Inspection>> inspectionsAfter(const std::string& afterId, int limit);
  Result<std::vector<core::Hazard>> hazardsAfter(const std::string& afterId, int limit);
  Result<std::vector<core::WorkInjury>> workInjuriesAfter(const std::string& afterId, int limit);
  Result<std::vector<core::Standard>> standardsAfter(const std::string& afterId, int limit); // with clauses
  // Row counts of the exported tables and of the history (progress of the exporter).
  Result<int64_t> countRows(const char* table);
  // The table of a record kind (columns checked against the field table when the store opened).
  const RecordTable& recordTable(core::RecordKind k) const { return m_tables[static_cast<size_t>(k)]; }

  // [SECTION] History (append-only, hash-chained per origin)
  Result<std::vector<core::HistoryEvent>> history(const std::string& recordKind, const std::string& recordId);
  Result<std::vector<core::HistoryEvent>> allHistory();
  // The enterprise's own events and those of its hazards and inspections, in local order.
  Result<std::vector<core::HistoryEvent>> historyOfEnterprise(const std::string& enterpriseId);
  Result<HistoryCheck> verifyHistory();
  // Appends an event (fills id, at, origin when empty; computes prevHash/hash). Use inside the
  // transaction of the change it records. Public for the ledger importer.
  Result<core::HistoryEvent> appendEvent(core::HistoryEvent e);
  // Appends an event that carries its own hash and prev_hash (an imported one), straight into the
  // compact table. `heads` remembers, per origin, its interned id and the hash of its latest event,
  // so a chain's link is stored as NULL without a lookup; it is valid while its owner is the only
  // writer of the history (the importer, inside its transaction).
  struct ChainHeads {
    std::map<std::string, std::pair<int64_t, std::string>> byOrigin; // origin -> (id, head hash)
  };
  Status insertEvent(const core::HistoryEvent& e, ChainHeads& heads);
  // The revision clock moves past a stamp received in an imported ledger (import_apply.cpp).
  void observeRevision(const std::string& rev);
  // A record's meta for a new local revision (same id, origin, creation time) — for writes that
  // bypass the typed commands, e.g. restoring the other version of a merge conflict.
  core::RecordMeta restamp(const core::RecordMeta& old) { return touchedMeta(old); }

  // [SECTION] Dictionaries (kind -> values). Records keep the text they were saved with.
  Result<std::vector<DictionaryEntry>> dictionary(const std::string& kind, bool includeRetired = false);
  Result<std::vector<std::string>> dictionaryKinds();
  Result<DictionaryEntry> addDictionaryEntry(const std::string& kind, const std::string& value,
                                             const std::string& parent = {}, const std::string& code = {},
                                             const std::string& actor = {});
  // The old text stays an alias: records saved with it still match the entry in filters.
  Result<DictionaryEntry> renameDictionaryEntry(int64_t id, const std::string& newValue, const std::string& actor);
  Result<DictionaryEntry> retireDictionaryEntry(int64_t id, bool retired, const std::string& actor);
  // All texts (current + former) that mean the same entry as `value` (just {value} if unknown).
  Result<std::vector<std::string>> dictionaryEquivalents(const std::string& kind, const std::string& value);

  // [SECTION] Office keys and trust (office_keys.cpp)
  Result<std::optional<StoredKey>> ownKey();
  // Sets this office's key (first run, or a key restored from a backup: logged as a key change).
  Status setOwnKey(const std::string& publicKey, const std::string& secretKey, const std::string& actor,
                   const std::string& note);
  Result<std::optional<TrustedKey>> trustedKey(const std::string& officeId);
  Result<std::vector<TrustedKey>> trustedKeys(); // by office name, then id
  // Pins `k.publicKey` for the office: a first key, or a key change (counted and logged with the
  // old key, who accepted it and why).
  Status trustKey(const TrustedKey& k, const std::string& actor, const std::string& note);
  Status touchTrustedKey(const std::string& officeId, const std::string& name, const std::string& at);
  Result<std::vector<KeyChange>> keyChanges();   // oldest first
  Result<std::vector<SignedHead>> signedHeads(); // by office, then head hash
  Status putSignedHead(const SignedHead& h);     // kept once per (office, head hash)

  // [SECTION] Planner statistics. Refreshes sqlite_stat1 for tables that grew or shrank a lot
  // (cheap when nothing changed); call after bulk writes such as imports and sample data, so
  // the list queries keep choosing the covering index. Done on every writable open too.
  Status refreshPlannerStats();

  // [SECTION] Seed data (assets/seed): standards and dictionaries; done once on first open.
  Status loadSeedData();

private:
  Store() = default;
  Status init(const StoreOptions& options);
  core::RecordMeta newMeta(const std::string& id);
  core::RecordMeta touchedMeta(const core::RecordMeta& old);
  Status checkRev(const core::RecordMeta& stored, const std::string& expectedRev, const std::string& label);
  Status saveClauses(const core::Standard& s); // also the ledger import's (ImportApply)
  Result<core::Standard> loadClauses(core::Standard s);
  Result<std::vector<core::Standard>> withClauses(Result<std::vector<core::Standard>> list); // each loadClauses()
  Result<core::Hazard> insertHazard(core::Hazard h, const std::string& actor, const std::string& note);
  Result<std::string> nextHazardNumber(const core::Hazard& h);
  Result<bool> numberTaken(const std::string& number);
  Status writeHazard(const core::Hazard& before, const core::Hazard& after, bool create, core::HistoryEvent event);
  Result<std::string> hashEvent(const std::string& canonicalText); // SHA3-256, lowercase hex
  Result<DictionaryEntry> getDictionaryEntry(int64_t id);

  // Generic record commands and reads; the kind (table, history name) is that of T (core::kindOf).
  template <typename T> Result<T> createRecord(T r, const std::string& actor, const std::string& note);
  template <typename T> Result<T> updateRecord(T r, const std::string& actor, const std::string& note);
  template <typename T> Result<T> getRecord(const std::string& id);
  template <typename T>
  Result<std::vector<T>> listRecords(const std::string& where, const std::string& orderBy, const std::string& arg);

  friend class QueryAccess;
  friend class ImportApply;
  // The counts of the last few hazard-list filters (queries.cpp): scrolling and re-sorting a
  // filtered list reuse them until the data changes.
  struct CountMemo {
    std::string key;
    int64_t stamp = -1;
    int64_t count = 0;
  };
  std::array<CountMemo, 4> m_countMemo;
  size_t m_countMemoNext = 0;
  Database m_db;
  std::unique_ptr<core::IdGenerator> m_ids;
  std::unique_ptr<core::HybridClock> m_hlc;
  core::IdGenerator::Clock m_clock;
  core::Office m_office;
  std::array<RecordTable, core::kRecordKindCount> m_tables; // by core::RecordKind, loaded from the registry
  RecordTable& table(core::RecordKind k) { return m_tables[static_cast<size_t>(k)]; }
};

// [SECTION] Paged history reads for the streaming exporter (history.cpp). The links of every
// event in local order: enough to find each origin's events, the newest time and whether an
// origin's local order is its chain order, without decoding whole events.
struct EventLink {
  int64_t seq = 0;
  int64_t originId = 0;
  std::optional<int64_t> atMs; // canonical timestamps are stored as milliseconds
  std::string atText;          // otherwise the stored text
  bool prevNull = false;       // NULL prev_hash = the hash of the origin's previous event
  std::string prevHash, hash;  // stored form (32-byte blob or text); equal stored forms <=> equal hashes
};
Result<std::vector<EventLink>> historyLinks(Database& db, int64_t afterSeq, int limit);
// Origin texts by their interned id (event_origin).
Result<std::vector<std::pair<int64_t, std::string>>> historyOrigins(Database& db);
// (record_kind, record_id) of every record with an event after local sequence afterSeq (change files).
Result<std::vector<std::pair<std::string, std::string>>> touchedRecords(Database& db, int64_t afterSeq);
// The local sequence number of the newest event (0 when there is none).
Result<int64_t> lastHistorySeq(Database& db);
// The id and the hash (hex) of the event at local sequence `seq` (NotFound when none).
Result<std::pair<std::string, std::string>> eventAt(Database& db, int64_t seq);
// Whether the database holds an event of `origin` whose hash is `hashHex` (gaps in imported chains).
Result<bool> holdsEvent(Database& db, const std::string& origin, const std::string& hashHex);
// Events of one origin in local order with afterSeq < seq <= lastSeq, at most `limit`, decoded as
// allHistory() does. `lastHash`: the hash of the origin's event just before afterSeq ("" at the
// start), updated to the last returned event's hash (a NULL prev_hash reads as it).
struct SeqEvent {
  int64_t seq = 0;
  core::HistoryEvent event;
};
Result<std::vector<SeqEvent>> historyOfOrigin(Database& db, int64_t originId, const std::string& origin,
                                              int64_t afterSeq, int64_t lastSeq, int limit, std::string& lastHash);

// Canonical text of an event that the hash covers (length-prefixed fields, including prevHash),
// and the compact JSON of its changes as stored ([[field, old, new], ...]). For the ledger.
std::string canonicalEventText(const core::HistoryEvent& e);
std::string changesToJson(const std::vector<core::FieldChange>& changes);
bool changesFromJson(const std::string& json, std::vector<core::FieldChange>& out);

} // namespace hz::store
