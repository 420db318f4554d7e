// Streaming ledger export (see export_stream.hpp). Index:
// [SECTION] Sinks  [SECTION] Opening: conflicts, sizes  [SECTION] Pass 1: history links
// [SECTION] Records  [SECTION] Events  [SECTION] Conflicts and checksum  [SECTION] Stepping
#include "ledger/export_stream.hpp"

#include "store/history_codec.hpp"

#include "ledger/compress.hpp"

#include "core/date.hpp"
#include "ledger/record_json.hpp"
#include "ledger/writer.hpp"
#include "store/import_apply.hpp"

#include <algorithm>
#include <cerrno>
#include <new>

namespace hz::ledger {

namespace {

constexpr int64_t kRecordPage = 256;
constexpr int64_t kEventPage = 1024;
constexpr int64_t kLinkPage = 8192;
constexpr int64_t kLinkUnitsPerRecord = 8; // a history link of pass 1 costs an eighth of a record
constexpr size_t kFlushBytes = size_t{1} << 18;

template <typename T> Result<std::vector<Record>> asRecords(Result<std::vector<T>> list) {
  if (!list) return list.error();
  std::vector<Record> out;
  out.reserve(list->size());
  for (const auto& r : *list) out.push_back(toRecord(r));
  return out;
}

Result<std::vector<Record>> recordPage(store::Store& db, Kind kind, const std::string& afterId, int limit) {
  switch (kind) {
  case Kind::Enterprise:
    return asRecords(db.enterprisesAfter(afterId, limit));
  case Kind::Inspection:
    return asRecords(db.inspectionsAfter(afterId, limit));
  case Kind::Hazard:
    return asRecords(db.hazardsAfter(afterId, limit));
  case Kind::WorkInjury:
    return asRecords(db.workInjuriesAfter(afterId, limit));
  case Kind::Standard:
    return asRecords(db.standardsAfter(afterId, limit));
  }
  return std::vector<Record>{};
}

// The current version of a record as exported (meta only matters), or nullopt when it is not in
// the file (absent from the database).
Result<std::optional<core::RecordMeta>> currentMeta(store::Store& db, Kind kind, const std::string& id) {
  auto meta = [](auto r) -> Result<std::optional<core::RecordMeta>> {
    if (r) return std::optional<core::RecordMeta>(r->meta);
    if (r.error().code == ErrorCode::NotFound) return std::optional<core::RecordMeta>();
    return r.error();
  };
  switch (kind) {
  case Kind::Enterprise:
    return meta(db.getEnterprise(id));
  case Kind::Inspection:
    return meta(db.getInspection(id));
  case Kind::Hazard:
    return meta(db.getHazard(id));
  case Kind::WorkInjury:
    return meta(db.getWorkInjury(id));
  case Kind::Standard:
    return meta(db.getStandard(id));
  }
  return std::optional<core::RecordMeta>();
}

void addDigestLine(Sha3Stream& sum, const Sha3Stream::Digest& d) {
  sum.update(Sha3Stream::hex(d));
  sum.update("\n");
}

} // namespace

// [SECTION] Sinks ---------------------------------------------------------------------------------

Result<std::unique_ptr<FileSink>> FileSink::create(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Error::make(ErrorCode::Storage, "无法写入文件 " + path);
  return std::unique_ptr<FileSink>(new FileSink(f, path));
}

FileSink::~FileSink() {
  if (m_file) std::fclose(m_file);
}

Status FileSink::write(const char* data, size_t size) {
  if (!m_file) return Error::make(ErrorCode::Storage, "文件 " + m_path + " 已关闭");
  if (std::fwrite(data, 1, size, m_file) != size) {
    return Error::make(ErrorCode::Storage, "写入文件 " + m_path + " 失败（磁盘已满？）");
  }
  return Ok{};
}

Status FileSink::close() {
  if (!m_file) return Ok{};
  const bool flushed = std::fflush(m_file) == 0;
  const bool closed = std::fclose(m_file) == 0;
  m_file = nullptr;
  if (!flushed || !closed) return Error::make(ErrorCode::Storage, "写入文件 " + m_path + " 失败（磁盘已满？）");
  return Ok{};
}

// [SECTION] Opening: conflicts, sizes -------------------------------------------------------------

LedgerExportStream::~LedgerExportStream() = default;

Result<std::unique_ptr<LedgerExportStream>> LedgerExportStream::open(store::Store& db, LedgerSink& sink,
                                                                     const ExportOptions& options) {
  std::unique_ptr<LedgerExportStream> s(new LedgerExportStream(db, sink));
  s->m_options = options;
  if (options.formatVersion < kOldestFormatVersion || options.formatVersion > kFormatVersion) {
    return Error::make(ErrorCode::Invalid, "不支持的台账文件版本 " + std::to_string(options.formatVersion));
  }
  s->m_eventWriter = EventWriter(options.formatVersion);
  s->m_version = options.formatVersion;
  if (options.sign && options.formatVersion == kFormatVersion) {
    auto keys = loadSigningKeys(db);
    if (!keys) return keys.error();
    if (keys->own) {
      s->m_keys = std::move(keys.value());
      s->m_version = kSignedFormatVersion;
      const auto& heads = s->m_keys->received;
      s->m_headOrigin.assign(heads.size(), -1);
      for (size_t i = 0; i < heads.size(); ++i) s->m_headsByHash[heads[i].headHash].push_back(i);
    }
  }
  std::string sinceDate;
  if (!options.since.empty()) {
    auto d = core::Date::parse(options.since);
    if (!d) return Error::invalid("起始日期无效，应为 YYYY-MM-DD");
    s->m_sinceMs = d->toDays() * 86400000LL - 8 * 3600000LL;
    s->m_since = core::formatTimestamp(s->m_sinceMs);
  }
  try {
    s->m_officeJson = officeToJson(db.office()).dump();
    if (options.changeFile && !options.since.empty()) return Error::invalid("变更文件不能同时指定起始日期");
    s->m_scopeJson = scopeToJson(options.changeFile   ? "changes"
                                 : s->m_since.empty() ? "full"
                                                      : "since",
                                 options.since, options.changes)
                         .dump();
    if (auto st = s->prepareChangeFile(); !st) return st.error();
    if (auto st = s->prepareConflicts(); !st) return st.error();
  } catch (const Json::exception& e) {
    return Error::make(ErrorCode::Format, std::string("数据库中有无法写成 JSON 的文字（") + e.what() + "）");
  } catch (const std::bad_alloc&) {
    return Error::make(ErrorCode::Storage, "内存不足，无法完成导出");
  }
  int64_t rows = 0;
  for (Kind k : kKinds) {
    auto n = db.countRows(core::kindInfo(k).table);
    if (!n) return n.error();
    rows += *n;
  }
  auto events = db.countRows("history");
  if (!events) return events.error();
  s->m_totalUnits = static_cast<double>(rows) + static_cast<double>(*events) * (1.0 + 1.0 / kLinkUnitsPerRecord) + 1;
  return s;
}

namespace {

std::string touchedKey(std::string_view kind, std::string_view id) {
  std::string k(kind);
  k += '\n';
  k += id;
  return k;
}

} // namespace

// A change file holds the records touched by its events and the records they refer to.
Status LedgerExportStream::prepareChangeFile() {
  if (!m_options.changeFile || m_options.afterSeq <= 0) return Ok{};
  auto touched = store::touchedRecords(m_db.db(), m_options.afterSeq);
  if (!touched) return touched.error();
  auto add = [&](Kind k, const std::string& id) {
    if (!id.empty()) m_touched.insert(touchedKey(kindName(k), id));
  };
  for (const auto& [kindText, id] : *touched) {
    m_touched.insert(touchedKey(kindText, id));
    Kind kind;
    if (!kindFromName(kindText, kind)) continue;
    if (kind == Kind::Hazard) {
      auto h = m_db.getHazard(id);
      if (!h) continue; // an event of a record this database does not hold (nothing to refer to)
      add(Kind::Enterprise, h->enterpriseId);
      add(Kind::Inspection, h->inspectionId);
      add(Kind::Standard, h->standardId);
      if (!h->inspectionId.empty()) {
        if (auto i = m_db.getInspection(h->inspectionId)) add(Kind::Enterprise, i->enterpriseId);
      }
    } else if (kind == Kind::Inspection) {
      if (auto i = m_db.getInspection(id)) add(Kind::Enterprise, i->enterpriseId);
    } else if (kind == Kind::WorkInjury) {
      if (auto w = m_db.getWorkInjury(id)) add(Kind::Enterprise, w->enterpriseId);
    }
  }
  return Ok{};
}

bool LedgerExportStream::recordInScope(Kind kind, const std::string& id, const std::string& updatedAt) const {
  if (!m_options.changeFile) return inScope(updatedAt);
  return m_options.afterSeq <= 0 || m_touched.count(touchedKey(kindName(kind), id)) > 0;
}

// Conflicts of exported records, sorted by id, as the file writes them (winner_rev = the record's
// current rev). Their checksum section comes first in name order, so it is hashed here.
Status LedgerExportStream::prepareConflicts() {
  auto conflicts = store::listConflicts(m_db, false);
  if (!conflicts) return conflicts.error();
  for (const auto& sc : *conflicts) {
    Kind kind;
    if (!kindFromName(sc.recordKind, kind)) continue;
    auto current = currentMeta(m_db, kind, sc.recordId);
    if (!current) return current.error();
    if (!current->has_value() || !recordInScope(kind, sc.recordId, (*current)->updatedAt)) continue;
    auto c = fileConflict(sc, (*current)->rev);
    if (!c) return c.error();
    m_conflicts.emplace_back(c->id, conflictToJson(c.value()).dump());
  }
  std::sort(m_conflicts.begin(), m_conflicts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  m_sum.update("conflicts\n");
  for (const auto& c : m_conflicts) addDigestLine(m_sum, Sha3Stream::of(c.second));
  return Ok{};
}

size_t LedgerExportStream::heldBytes() const {
  size_t n = m_out.capacity();
  for (const auto& d : m_digests) n += d.capacity() * sizeof(Sha3Stream::Digest);
  for (const auto& c : m_conflicts) n += c.first.capacity() + c.second.capacity();
  for (const auto& [id, o] : m_origins) n += sizeof(o) + o.name.capacity() + o.lastHash.capacity() + 2 * 33;
  for (const auto& e : m_ordered) n += sizeof(e) + e.note.size() + e.changes.size() * 64;
  return n;
}

double LedgerExportStream::progress() const {
  if (m_phase == Phase::Done) return 1.0;
  return std::min(0.99, m_units / m_totalUnits);
}

// [SECTION] Pass 1: history links -------------------------------------------------------------------
// One pass over (seq, origin, at, prev_hash, hash): the newest event time (exported_at, needed by
// the header), each origin's span of local order, and whether its exported events, in local order,
// each link to the one before (then local order is chain order and no sort is needed).

Result<int64_t> LedgerExportStream::scanPage(int64_t limit) {
  const int64_t n = std::clamp<int64_t>(limit * kLinkUnitsPerRecord, 1, kLinkPage);
  auto links = store::historyLinks(m_db.db(), m_scanSeq, static_cast<int>(n));
  if (!links) return links.error();
  for (const auto& l : *links) {
    Origin& o = m_origins[l.originId];
    if (o.firstSeq < 0) o.firstSeq = l.seq;
    o.lastSeq = l.seq;
    if (l.atMs)
      m_maxAtMs = std::max(m_maxAtMs.value_or(*l.atMs), *l.atMs);
    else if (l.atText > m_maxAtText)
      m_maxAtText = l.atText;
    const bool exported = m_options.changeFile
                              ? l.seq > m_options.afterSeq
                              : m_since.empty() || (l.atMs ? *l.atMs >= m_sinceMs : l.atText >= m_since);
    if (exported) {
      const std::string& prev = l.prevNull ? o.lastHash : l.prevHash;
      if (o.exported > 0 && prev != o.lastExportedHash) o.linear = false;
      o.lastExportedHash = l.hash;
      o.lastExportedSeq = l.seq;
      ++o.exported;
      if (!m_headsByHash.empty()) {
        // Stored forms: a tag, then 32 bytes (as a blob, or as text from older imports) or the text.
        const std::string_view stored = std::string_view(l.hash).substr(1);
        const std::string hex = stored.size() == 32 ? store::unpackHash(stored) : std::string(stored);
        if (auto it = m_headsByHash.find(hex); it != m_headsByHash.end())
          for (size_t i : it->second) m_headOrigin[i] = l.originId;
      }
    }
    o.lastHash = l.hash;
    m_scanSeq = l.seq;
  }
  m_units += static_cast<double>(links->size()) / kLinkUnitsPerRecord;
  if (static_cast<int64_t>(links->size()) < n) {
    auto names = store::historyOrigins(m_db.db());
    if (!names) return names.error();
    for (const auto& [id, name] : *names) {
      auto it = m_origins.find(id);
      if (it != m_origins.end()) it->second.name = name;
    }
    for (const auto& [id, o] : m_origins) {
      if (o.exported > 0) m_eventOrigins.emplace_back(o.name, id);
    }
    std::sort(m_eventOrigins.begin(), m_eventOrigins.end());
    if (m_keys) {
      // This office's head: its last event in the file (its own events are in chain order locally).
      std::optional<std::pair<std::string, std::string>> head;
      for (const auto& [id, o] : m_origins) {
        if (o.name != m_keys->ownOffice || o.exported == 0) continue;
        auto at = store::eventAt(m_db.db(), o.lastExportedSeq);
        if (!at) return at.error();
        head = at.value();
      }
      const auto& heads = m_keys->received;
      m_signersJson = signersToJson(signersFor(*m_keys, head, [&](const ChainHead& h) {
                        const size_t i = static_cast<size_t>(&h - heads.data());
                        auto o = m_headOrigin[i] < 0 ? m_origins.end() : m_origins.find(m_headOrigin[i]);
                        return o != m_origins.end() && o->second.name == h.office;
                      })).dump();
    }
    writeHeader();
    m_phase = Phase::Records;
  }
  return static_cast<int64_t>(links->size()) / kLinkUnitsPerRecord + 1;
}

void LedgerExportStream::writeHeader() {
  // Without an explicit time, exported_at is the time of the newest change in the database, so
  // that the same database always exports the same bytes (exchange_export.cpp does the same).
  m_exportedAt = m_options.exportedAt;
  if (m_exportedAt.empty()) {
    if (m_maxAtMs) m_exportedAt = core::formatTimestamp(*m_maxAtMs);
    if (m_maxAtText > m_exportedAt) m_exportedAt = m_maxAtText;
    if (m_exportedAt.empty()) m_exportedAt = core::formatTimestamp(0);
  }
  emit("{");
  auto header = [&](const char* name, const std::string& text) {
    emit(Json(name).dump());
    emit(":");
    emit(text);
    emit(",\n");
  };
  header("format", Json(kFormatName).dump());
  header("version", Json(m_version).dump());
  header("exported_at", Json(m_exportedAt).dump());
  header("office", m_officeJson);
  header("scope", m_scopeJson);
  if (m_keys) header("signers", m_signersJson);
}

void LedgerExportStream::element(bool& any, const std::string& text) {
  emit(any ? ",\n" : "\n");
  emit(text);
  any = true;
}

// [SECTION] Records ------------------------------------------------------------------------------

Result<int64_t> LedgerExportStream::recordsPage(int64_t limit) {
  const Kind kind = kKinds[m_kind];
  if (!m_arrayOpen) {
    emit(Json(arrayName(kind)).dump());
    emit(":[");
    if (kind == Kind::Enterprise) {
      m_sum.update(arrayName(kind));
      m_sum.update("\n");
    }
    m_arrayOpen = true;
    m_any = false;
    m_afterId.clear();
  }
  const int n = static_cast<int>(std::clamp<int64_t>(limit, 1, kRecordPage));
  auto page = recordPage(m_db, kind, m_afterId, n);
  if (!page) return page.error();
  for (const Record& r : *page) {
    m_afterId = r.meta.id;
    if (!recordInScope(kind, r.meta.id, r.meta.updatedAt)) continue;
    const std::string text = recordToJson(kind, r).dump();
    const Sha3Stream::Digest d = Sha3Stream::of(text);
    if (kind == Kind::Enterprise)
      addDigestLine(m_sum, d);
    else
      m_digests[m_kind].push_back(d);
    element(m_any, text);
    ++m_written[m_kind];
  }
  m_units += static_cast<double>(page->size());
  if (static_cast<int>(page->size()) < n) {
    emit(m_any ? "\n],\n" : "],\n");
    m_arrayOpen = false;
    if (++m_kind == kKindCount) m_phase = Phase::Events;
  }
  return static_cast<int64_t>(page->size()) + 1;
}

// [SECTION] Events -------------------------------------------------------------------------------
// Per origin in name order: a linear origin streams in local order; any other is read whole and
// put in chain order by writer.cpp's chainOrder (exactly what writeLedger does).

void LedgerExportStream::writeEvent(const core::HistoryEvent& e) {
  const std::string text = m_eventWriter.toJson(e).dump();
  addDigestLine(m_sum, Sha3Stream::of(text));
  element(m_any, text);
  ++m_eventsWritten;
}

Result<int64_t> LedgerExportStream::eventsPage(int64_t limit) {
  if (!m_arrayOpen) {
    emit("\"events\":[");
    m_sum.update("events\n");
    m_arrayOpen = true;
    m_any = false;
    m_originIndex = 0;
    m_eventSeq = -1;
  }
  if (m_originIndex == m_eventOrigins.size()) {
    emit(m_any ? "\n],\n" : "],\n");
    m_arrayOpen = false;
    m_phase = Phase::Conflicts;
    return 1;
  }
  const auto& [name, id] = m_eventOrigins[m_originIndex];
  const Origin& o = m_origins[id];
  if (m_eventSeq < 0) { // a new origin
    m_eventSeq = o.firstSeq - 1;
    m_lastHash.clear();
    m_loading = !o.linear;
    m_ordered.clear();
    m_orderedPos = 0;
    if (!o.linear) ++m_fallbackOrigins;
  }
  auto nextOrigin = [&] {
    ++m_originIndex;
    m_eventSeq = -1;
    m_ordered.clear();
    m_ordered.shrink_to_fit();
  };
  if (!o.linear && !m_loading) { // writing the ordered events
    const size_t begin = m_orderedPos;
    const size_t end = std::min(m_ordered.size(), begin + static_cast<size_t>(std::max<int64_t>(limit, 1)));
    for (; m_orderedPos < end; ++m_orderedPos) writeEvent(m_ordered[m_orderedPos]);
    if (m_orderedPos == m_ordered.size()) nextOrigin();
    return static_cast<int64_t>(end - begin) + 1;
  }
  const int n = static_cast<int>(std::clamp<int64_t>(limit, 1, kEventPage));
  auto page = store::historyOfOrigin(m_db.db(), id, o.name, m_eventSeq, o.lastSeq, n, m_lastHash);
  if (!page) return page.error();
  for (auto& se : *page) {
    m_eventSeq = se.seq;
    if (!eventInScope(se.seq, se.event.at)) continue;
    if (m_loading)
      m_ordered.push_back(std::move(se.event));
    else
      writeEvent(se.event);
  }
  m_units += static_cast<double>(page->size());
  if (static_cast<int>(page->size()) < n || m_eventSeq >= o.lastSeq) {
    if (m_loading) {
      m_ordered = chainOrder(std::move(m_ordered));
      m_loading = false;
    } else {
      nextOrigin();
    }
  }
  return static_cast<int64_t>(page->size()) + 1;
}

// [SECTION] Conflicts and checksum ----------------------------------------------------------------

void LedgerExportStream::writeConflictsAndChecksum() {
  emit("\"conflicts\":[");
  bool any = false;
  for (const auto& c : m_conflicts) element(any, c.second);
  emit(any ? "\n],\n" : "],\n");
  // The rest of the checksum text, in name order after "events".
  auto value = [&](const char* name, const std::string& text) {
    m_sum.update(name);
    m_sum.update("\n");
    m_sum.update(text);
    m_sum.update("\n");
  };
  auto digests = [&](Kind k) {
    m_sum.update(arrayName(k));
    m_sum.update("\n");
    for (const auto& d : m_digests[static_cast<size_t>(k)]) addDigestLine(m_sum, d);
  };
  value("exported_at", Json(m_exportedAt).dump());
  value("format", Json(kFormatName).dump());
  digests(Kind::Hazard);
  digests(Kind::Inspection);
  value("office", m_officeJson);
  value("scope", m_scopeJson);
  if (m_keys) value("signers", m_signersJson);
  digests(Kind::Standard);
  value("version", Json(m_version).dump());
  digests(Kind::WorkInjury);
  m_checksum = m_sum.finishHex();
  emit("\"checksum\":" + Json(m_checksum).dump());
  if (m_keys) emit(",\n\"signature\":" + fileSignatureToJson(signFile(*m_keys, m_checksum)).dump());
  emit("}\n");
  for (auto& d : m_digests) std::vector<Sha3Stream::Digest>().swap(d);
}

// [SECTION] Stepping -----------------------------------------------------------------------------

Status LedgerExportStream::flush() {
  if (m_out.empty()) return Ok{};
  if (auto s = m_sink.write(m_out.data(), m_out.size()); !s) return s;
  m_bytes += m_out.size();
  m_out.clear();
  return Ok{};
}

Result<bool> LedgerExportStream::stepUnguarded(int64_t budget) {
  int64_t left = std::max<int64_t>(budget, 1);
  while (left > 0 && m_phase != Phase::Done) {
    Result<int64_t> used = int64_t{0};
    switch (m_phase) {
    case Phase::Scan:
      used = scanPage(left);
      break;
    case Phase::Records:
      used = recordsPage(left);
      break;
    case Phase::Events:
      used = eventsPage(left);
      break;
    case Phase::Conflicts:
      writeConflictsAndChecksum();
      m_phase = Phase::Done;
      used = int64_t{1};
      break;
    case Phase::Done:
    case Phase::Failed:
      break;
    }
    if (!used) return used.error();
    left -= *used;
    if (m_out.size() >= kFlushBytes) {
      if (auto s = flush(); !s) return s.error();
    }
  }
  if (auto s = flush(); !s) return s.error();
  return m_phase == Phase::Done;
}

Result<bool> LedgerExportStream::step(int64_t budget) {
  if (m_phase == Phase::Failed) return m_error;
  if (m_phase == Phase::Done) return true;
  Result<bool> r = false;
  try {
    r = stepUnguarded(budget);
  } catch (const Json::exception& e) {
    r = Error::make(ErrorCode::Format, std::string("数据库中有无法写成 JSON 的文字（") + e.what() + "）");
  } catch (const std::bad_alloc&) {
    r = Error::make(ErrorCode::Storage, "内存不足，无法完成导出");
  }
  if (!r) {
    m_phase = Phase::Failed;
    m_error = r.error();
    m_out.clear();
    m_out.shrink_to_fit();
  }
  return r;
}

Result<ExportSummary> exportLedgerTo(store::Store& db, LedgerSink& sink, const ExportOptions& options) {
  auto s = LedgerExportStream::open(db, sink, options);
  if (!s) return s.error();
  for (;;) {
    auto r = (*s)->step(1 << 20);
    if (!r) return r.error();
    if (!r.value()) continue;
    ExportSummary out;
    for (Kind k : kKinds) out.records[static_cast<size_t>(k)] = (*s)->recordsWritten(k);
    out.events = (*s)->eventsWritten();
    out.bytes = (*s)->bytesWritten();
    out.exportedAt = (*s)->exportedAt();
    return out;
  }
}

Result<ExportSummary> exportLedgerToFile(store::Store& db, const std::string& path, const ExportOptions& options) {
  const std::string temp = path + ".part";
  auto sink = FileSink::create(temp);
  if (!sink) return sink.error();
  ExportSummary summary;
  Status s = Ok{};
  std::optional<GzipSink> gz;
  if (wantsGzip(path)) gz.emplace(**sink);
  LedgerSink& target = gz ? static_cast<LedgerSink&>(*gz) : **sink;
  if (auto r = exportLedgerTo(db, target, options))
    summary = r.value();
  else
    s = r.error();
  if (s && gz) s = gz->finish();
  summary.fileBytes = gz ? gz->bytesOut() : summary.bytes;
  if (s) s = (*sink)->close();
  if (s && std::rename(temp.c_str(), path.c_str()) != 0) {
    s = Error::make(ErrorCode::Storage, "无法把临时文件改名为 " + path);
  }
  if (!s) {
    (void)(*sink)->close();
    std::remove(temp.c_str());
    return s.error();
  }
  return summary;
}

} // namespace hz::ledger
