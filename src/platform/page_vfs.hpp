// PageVfs: a SQLite VFS ("hzpage") that keeps every file in memory as fixed-size chunks and
// records which chunks of the one persisted database file changed since they were last saved.
// The host (platform/web: IndexedDB) takes the changed chunks after a commit and writes them in
// one transaction, so the stored copy always sits at a commit boundary. Pure C++ (no browser).
//
// Implemented: open/read/write/truncate/size/lock/access/delete for any number of files, temp
// files (no name), dirty-chunk tracking with an in-flight set (re-marked on a failed save),
// restore of saved chunks before the database is opened, with a check that the restored file is whole.
// Missing: shared memory (WAL) and mmap — the store uses journal_mode DELETE in the browser.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hz::platform {

class PageVfs {
public:
  // 64 KiB: IndexedDB reads 64 KiB values about six times faster per byte than 16 KiB ones
  // (Chromium, measured: 13 vs 86 MB/s), and a database is read whole at every start. Stores saved
  // with 16 KiB chunks are read and rewritten in this size (web/hz_storage.js).
  static constexpr int kChunkSize = 65536;
  static constexpr const char* kName = "hzpage";

  // Registers the VFS with SQLite (as the default VFS when makeDefault). `trackedFile` is the
  // database file whose changes are recorded. Call once; later calls return the same instance.
  static PageVfs& install(const std::string& trackedFile, bool makeDefault);
  static PageVfs* instance();

  // Called when a write transaction on the tracked file ended with changed chunks.
  void setCommitListener(std::function<void()> f) { m_onCommit = std::move(f); }

  // Restore (before the database is opened): drop the tracked file, then fill it chunk by chunk.
  void resetTracked(int64_t size);
  uint8_t* restoreChunk(uint32_t index); // zero-filled chunk to copy saved bytes into
  // After a restore: "" when the restored file is whole, else what is wrong, in plain Chinese for
  // the user (a chunk below the saved size was not restored; the SQLite header disagrees with the
  // saved size). A stored set torn inside a chunk of the same size is not seen here: SQLite
  // reports it (corrupt) when the database opens or a damaged page is read.
  std::string restoreProblem() const;

  // Saving: begin() lists the changed chunks (empty when nothing changed, or -1 while a
  // transaction is open); the host copies them out, then calls finish(ok).
  int beginSave();
  uint32_t savingIndex(int i) const { return m_saving[static_cast<size_t>(i)]; }
  const uint8_t* savingData(int i) const; // null = all zeros
  int64_t trackedSize() const;
  void finishSave(bool ok);
  bool hasUnsaved() const; // changed chunks not yet saved, or a save in flight
  bool saveInFlight() const { return m_inFlight; }
  void markAllDirty(); // e.g. the stored copy is in an older layout: rewrite everything

  struct File;

private:
  PageVfs() = default;
  std::function<void()> m_onCommit;
  std::vector<uint32_t> m_saving;
  std::vector<bool> m_restored; // chunks filled by restoreChunk() since resetTracked()
  bool m_inFlight = false;
  friend struct VfsAccess;
};

} // namespace hz::platform
