// PageVfs implementation: SQLite VFS version 1 over in-memory chunked files (see page_vfs.hpp).
#include "platform/page_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <set>

namespace hz::platform {

constexpr int64_t kChunk = PageVfs::kChunkSize;

struct PageVfs::File {
  std::vector<std::unique_ptr<uint8_t[]>> chunks; // null = zeros
  int64_t size = 0;
  int lock = SQLITE_LOCK_NONE;
  int openCount = 0;
  bool tracked = false;
  bool deleteOnClose = false;
  std::set<uint32_t> dirty;    // changed, not yet handed to the host
  std::set<uint32_t> inFlight; // handed to the host, waiting for its answer
  bool changedInTx = false;
  bool sizeChanged = false; // size differs from the last saved one

  uint8_t* chunkForWrite(uint32_t i) {
    if (chunks.size() <= i) chunks.resize(i + 1);
    if (!chunks[i]) {
      chunks[i] = std::make_unique<uint8_t[]>(kChunk);
      std::memset(chunks[i].get(), 0, kChunk);
    }
    if (tracked) {
      dirty.insert(i);
      changedInTx = true;
    }
    return chunks[i].get();
  }
  void truncate(int64_t n) {
    const size_t keep = static_cast<size_t>((n + kChunk - 1) / kChunk);
    if (chunks.size() > keep) chunks.resize(keep);
    if (n % kChunk && keep > 0 && chunks[keep - 1]) // clear the tail of the last chunk
      std::memset(chunks[keep - 1].get() + n % kChunk, 0, static_cast<size_t>(kChunk - n % kChunk));
    for (auto it = dirty.begin(); it != dirty.end();) it = *it >= keep ? dirty.erase(it) : std::next(it);
    if (tracked && n != size) changedInTx = sizeChanged = true;
    size = n;
  }
};

namespace {

struct State {
  PageVfs* vfs = nullptr;
  std::string trackedName;
  std::map<std::string, std::shared_ptr<PageVfs::File>> files;
  sqlite3_vfs sqliteVfs{};
  sqlite3_vfs* base = nullptr; // the built-in VFS: time, randomness, sleep
  int tempCounter = 0;
};
State g;

struct Handle {
  sqlite3_file base;
  std::shared_ptr<PageVfs::File>* file; // owned (new/delete): sqlite3_file is C memory
  std::string* name;
};

} // namespace
void notifyCommit(); // tells the host that a write transaction on the tracked file ended
namespace {

PageVfs::File& fileOf(sqlite3_file* f) { return **reinterpret_cast<Handle*>(f)->file; }

int xClose(sqlite3_file* f) {
  auto* h = reinterpret_cast<Handle*>(f);
  PageVfs::File& file = **h->file;
  if (--file.openCount <= 0 && file.deleteOnClose) g.files.erase(*h->name);
  delete h->file;
  delete h->name;
  return SQLITE_OK;
}

// Splits [offset, offset + amount) at chunk boundaries: span(chunk index, offset within the chunk,
// bytes, bytes done before this span) for each piece, in order.
template <typename Span> void forEachChunkSpan(sqlite3_int64 offset, int amount, Span&& span) {
  for (int done = 0; done < amount;) {
    const int64_t pos = offset + done;
    const uint32_t ci = static_cast<uint32_t>(pos / kChunk);
    const int within = static_cast<int>(pos % kChunk);
    const int n = std::min<int>(amount - done, static_cast<int>(kChunk) - within);
    span(ci, within, n, done);
    done += n;
  }
}

int xRead(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  PageVfs::File& file = fileOf(f);
  auto* dst = static_cast<uint8_t*>(out);
  forEachChunkSpan(offset, amount, [&](uint32_t ci, int within, int n, int done) {
    if (ci < file.chunks.size() && file.chunks[ci])
      std::memcpy(dst + done, file.chunks[ci].get() + within, n);
    else
      std::memset(dst + done, 0, n);
  });
  if (offset + amount > file.size) {
    const int64_t valid = std::max<int64_t>(0, file.size - offset);
    std::memset(dst + valid, 0, static_cast<size_t>(amount - valid));
    return SQLITE_IOERR_SHORT_READ;
  }
  return SQLITE_OK;
}

int xWrite(sqlite3_file* f, const void* in, int amount, sqlite3_int64 offset) {
  PageVfs::File& file = fileOf(f);
  const auto* src = static_cast<const uint8_t*>(in);
  forEachChunkSpan(offset, amount, [&](uint32_t ci, int within, int n, int done) {
    std::memcpy(file.chunkForWrite(ci) + within, src + done, n);
  });
  if (offset + amount > file.size) {
    file.size = offset + amount;
    if (file.tracked) file.changedInTx = file.sizeChanged = true;
  }
  return SQLITE_OK;
}

int xTruncate(sqlite3_file* f, sqlite3_int64 size) {
  fileOf(f).truncate(size);
  return SQLITE_OK;
}
int xSync(sqlite3_file*, int) { return SQLITE_OK; }
int xFileSize(sqlite3_file* f, sqlite3_int64* size) {
  *size = fileOf(f).size;
  return SQLITE_OK;
}
int xLock(sqlite3_file* f, int level) {
  PageVfs::File& file = fileOf(f);
  if (level > file.lock) file.lock = level;
  return SQLITE_OK;
}
int xUnlock(sqlite3_file* f, int level) {
  PageVfs::File& file = fileOf(f);
  const bool endedWrite = file.lock >= SQLITE_LOCK_RESERVED && level < SQLITE_LOCK_RESERVED;
  if (level < file.lock) file.lock = level;
  if (endedWrite && file.tracked && file.changedInTx) {
    file.changedInTx = false;
    notifyCommit();
  }
  return SQLITE_OK;
}
int xCheckReservedLock(sqlite3_file* f, int* out) {
  *out = fileOf(f).lock >= SQLITE_LOCK_RESERVED;
  return SQLITE_OK;
}
int xFileControl(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int xSectorSize(sqlite3_file*) { return 512; }
int xDeviceCharacteristics(sqlite3_file*) { return SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL; }

const sqlite3_io_methods kIo = {1,
                                xClose,
                                xRead,
                                xWrite,
                                xTruncate,
                                xSync,
                                xFileSize,
                                xLock,
                                xUnlock,
                                xCheckReservedLock,
                                xFileControl,
                                xSectorSize,
                                xDeviceCharacteristics,
                                nullptr,
                                nullptr,
                                nullptr,
                                nullptr,
                                nullptr,
                                nullptr};

int xOpen(sqlite3_vfs*, const char* name, sqlite3_file* out, int flags, int* outFlags) {
  auto* h = reinterpret_cast<Handle*>(out);
  std::string key = name ? std::string(name) : "temp-" + std::to_string(++g.tempCounter);
  auto it = g.files.find(key);
  if (it == g.files.end()) {
    if (!(flags & SQLITE_OPEN_CREATE)) return SQLITE_CANTOPEN;
    it = g.files.emplace(key, std::make_shared<PageVfs::File>()).first;
    it->second->tracked = (key == g.trackedName) && (flags & SQLITE_OPEN_MAIN_DB);
  }
  if (!name || (flags & SQLITE_OPEN_DELETEONCLOSE)) it->second->deleteOnClose = true;
  ++it->second->openCount;
  h->file = new std::shared_ptr<PageVfs::File>(it->second);
  h->name = new std::string(key);
  h->base.pMethods = &kIo;
  if (outFlags) *outFlags = flags;
  return SQLITE_OK;
}

int xDelete(sqlite3_vfs*, const char* name, int) {
  auto it = g.files.find(name);
  if (it != g.files.end()) {
    if (it->second->tracked)
      it->second->truncate(0); // never drop the tracked file's identity
    else
      g.files.erase(it);
  }
  return SQLITE_OK;
}
int xAccess(sqlite3_vfs*, const char* name, int, int* out) {
  auto it = g.files.find(name);
  *out = it != g.files.end() && (it->second->size > 0 || !it->second->tracked);
  return SQLITE_OK;
}
int xFullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  sqlite3_snprintf(n, out, "%s", name);
  return SQLITE_OK;
}
int xRandomness(sqlite3_vfs*, int n, char* out) { return g.base->xRandomness(g.base, n, out); }
int xSleep(sqlite3_vfs*, int us) { return g.base->xSleep(g.base, us); }
// SQLite built with SQLITE_OMIT_DEPRECATED leaves the unix VFS's version-1 xCurrentTime null, so
// both entries go through the base's xCurrentTimeInt64 (milliseconds of the Julian day).
int xCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* t) {
  if (g.base->iVersion >= 2 && g.base->xCurrentTimeInt64) return g.base->xCurrentTimeInt64(g.base, t);
  double d = 0;
  const int rc = g.base->xCurrentTime ? g.base->xCurrentTime(g.base, &d) : SQLITE_ERROR;
  *t = static_cast<sqlite3_int64>(d * 86400000.0);
  return rc;
}
int xCurrentTime(sqlite3_vfs* v, double* t) {
  sqlite3_int64 ms = 0;
  const int rc = xCurrentTimeInt64(v, &ms);
  *t = static_cast<double>(ms) / 86400000.0;
  return rc;
}
int xGetLastError(sqlite3_vfs*, int, char*) { return 0; }

PageVfs::File* tracked() {
  auto it = g.files.find(g.trackedName);
  return it == g.files.end() ? nullptr : it->second.get();
}

} // namespace

struct VfsAccess {
  static void notify(PageVfs& v) {
    if (v.m_onCommit) v.m_onCommit();
  }
};

void notifyCommit() {
  if (g.vfs) VfsAccess::notify(*g.vfs);
}

PageVfs& PageVfs::install(const std::string& trackedFile, bool makeDefault) {
  if (g.vfs) return *g.vfs;
  g.vfs = new PageVfs();
  g.trackedName = trackedFile;
  g.base = sqlite3_vfs_find(nullptr);
  sqlite3_vfs& v = g.sqliteVfs;
  v.iVersion = 2; // + xCurrentTimeInt64
  v.szOsFile = sizeof(Handle);
  v.mxPathname = 512;
  v.zName = kName;
  v.xOpen = xOpen;
  v.xDelete = xDelete;
  v.xAccess = xAccess;
  v.xFullPathname = xFullPathname;
  v.xRandomness = xRandomness;
  v.xSleep = xSleep;
  v.xCurrentTime = xCurrentTime;
  v.xCurrentTimeInt64 = xCurrentTimeInt64;
  v.xGetLastError = xGetLastError;
  sqlite3_vfs_register(&v, makeDefault ? 1 : 0);
  return *g.vfs;
}

PageVfs* PageVfs::instance() { return g.vfs; }

void PageVfs::resetTracked(int64_t size) {
  auto file = std::make_shared<File>();
  file->tracked = true;
  file->size = size;
  file->chunks.resize(static_cast<size_t>((size + kChunk - 1) / kChunk));
  g.files[g.trackedName] = file;
  m_saving.clear();
  m_restored.assign(file->chunks.size(), false);
  m_inFlight = false;
}

uint8_t* PageVfs::restoreChunk(uint32_t index) {
  File* f = tracked();
  if (!f) return nullptr;
  if (f->chunks.size() <= index) f->chunks.resize(index + 1);
  f->chunks[index] = std::make_unique<uint8_t[]>(kChunk);
  std::memset(f->chunks[index].get(), 0, kChunk);
  if (m_restored.size() <= index) m_restored.resize(index + 1, false);
  m_restored[index] = true;
  return f->chunks[index].get();
}

std::string PageVfs::restoreProblem() const {
  const File* f = tracked();
  if (!f || f->size == 0) return {};
  const uint32_t count = static_cast<uint32_t>((f->size + kChunk - 1) / kChunk);
  uint32_t missing = 0, first = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (i < m_restored.size() && m_restored[i]) continue;
    if (missing++ == 0) first = i;
  }
  if (missing > 0)
    return "保存的数据不完整：数据库共 " + std::to_string(count) + " 块，缺少 " + std::to_string(missing) +
           " 块（第一块缺失的是第 " + std::to_string(first) +
           " 块），缺失部分按空白读出，部分记录可能已丢失或损坏。请立即用“导出台账”保存现有数据，并用最近导出的台账文件"
           "核对。";
  // The SQLite header (https://sqlite.org/fileformat.html): page size at 16, the change counter at
  // 24, the page count at 28, valid when "version-valid-for" at 92 equals the change counter.
  const uint8_t* h = f->chunks.empty() ? nullptr : f->chunks[0].get();
  auto u32 = [h](int at) {
    return uint32_t(h[at]) << 24 | uint32_t(h[at + 1]) << 16 | uint32_t(h[at + 2]) << 8 | uint32_t(h[at + 3]);
  };
  if (!h || f->size < 100 || std::memcmp(h, "SQLite format 3", 16) != 0)
    return "保存的数据不是完整的数据库（文件头缺失或已损坏），无法按原样打开。请用最近导出的台账文件恢复。";
  const uint32_t pageSize = h[16] == 0 && h[17] == 1 ? 65536u : (uint32_t(h[16]) << 8 | h[17]);
  const uint32_t pages = u32(28);
  if (pages != 0 && u32(24) == u32(92) && int64_t(pages) * pageSize != f->size)
    return "保存的数据前后不一致：数据库文件头记录 " + std::to_string(pages) + " 页，保存的大小却是 " +
           std::to_string(f->size / pageSize) +
           " 页（保存可能只完成了一部分）。请立即用“导出台账”保存现有数据，并用最近导出的台账文件核对。";
  return {};
}

int PageVfs::beginSave() {
  File* f = tracked();
  if (!f || m_inFlight) return -1;
  if (f->lock >= SQLITE_LOCK_RESERVED) return -1; // a transaction is open: not a commit boundary
  if (f->dirty.empty() && !f->sizeChanged) return 0;
  m_saving.assign(f->dirty.begin(), f->dirty.end());
  f->sizeChanged = false;
  f->inFlight = std::move(f->dirty);
  f->dirty.clear();
  m_inFlight = true;
  return static_cast<int>(m_saving.size());
}

const uint8_t* PageVfs::savingData(int i) const {
  File* f = tracked();
  const uint32_t ci = m_saving[static_cast<size_t>(i)];
  return f && ci < f->chunks.size() ? f->chunks[ci].get() : nullptr;
}

int64_t PageVfs::trackedSize() const {
  File* f = tracked();
  return f ? f->size : 0;
}

void PageVfs::finishSave(bool ok) {
  File* f = tracked();
  if (f && !ok) {
    const size_t limit = f->chunks.size();
    for (uint32_t i : f->inFlight)
      if (i < limit) f->dirty.insert(i);
    f->sizeChanged = true;
  }
  if (f) f->inFlight.clear();
  m_saving.clear();
  m_inFlight = false;
}

bool PageVfs::hasUnsaved() const {
  File* f = tracked();
  return m_inFlight || (f && (!f->dirty.empty() || f->sizeChanged));
}

void PageVfs::markAllDirty() {
  File* f = tracked();
  if (!f) return;
  for (uint32_t i = 0; i < f->chunks.size(); ++i) f->dirty.insert(i);
  f->sizeChanged = true;
}

} // namespace hz::platform
