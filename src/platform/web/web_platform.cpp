// Browser implementation of hz::platform::Platform. JavaScript: web/hazard_ledger_lib.js (thin
// --js-library calls) delegating to web/hz_storage.js (IndexedDB, Web Locks) and web/hz_input.js
// (IME, clipboard, keyboard defaults, files) which are --pre-js.
// Implemented: launch options, viewport + devicePixelRatio, ready signal, fatal message,
// durable storage (PageVfs chunks in IndexedDB, saved ~200 ms after each commit and on page
// hide), one writer (Web Locks) with take-over, file picker / drop / download / save back
// (File System Access where present), files built in parts (Blob parts outside the wasm heap: large
// exports), IME text, clipboard copy and paste.
// Missing: a read-only tab does not follow the writer's later edits until it takes over.
#include "platform/page_vfs.hpp"
#include "platform/platform.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <utility>

extern "C" {
// Implemented in web/hazard_ledger_lib.js.
int hzjs_test_mode();
char* hzjs_url_param(const char* name); // malloc'd UTF-8, or null
void hzjs_viewport(int* cssWidth, int* cssHeight, float* ratio);
void hzjs_signal_ready();
void hzjs_resize_canvas(int w, int h);
void hzjs_show_fatal(const char* message);
void hzjs_set_clipboard(const char* text);
int hzjs_storage_restore();    // 1 when a saved database was restored
void hzjs_storage_committed(); // schedules a save
void hzjs_storage_save_now();
// flags: bit0 writer, bit1 persistent, bit2 last save failed, bit3 saving; problem malloc'd
int hzjs_storage_status(char** problem, double* lastSaveMs);
void hzjs_pick_files(const char* accept);
double hzjs_file_progress();
void hzjs_download(const char* name, const void* data, int size, const char* mime);
int hzjs_can_save_to_file();
void hzjs_save_to_file(const char* name, const void* data, int size, int requestId);
void hzjs_text_input_area(int want, float x, float y, float h);
void hzjs_parts_begin(const char* name, int toFile);
char* hzjs_parts_append(const void* data, int size); // malloc'd reason, or null when kept
void hzjs_parts_finish(const char* name, const char* mime, int requestId);
void hzjs_parts_discard();
}

namespace hz::platform {
namespace {

constexpr const char* kDatabaseFile = "hazard-ledger.db";

std::string takeString(char* p) {
  if (!p) return {};
  std::string s(p);
  std::free(p);
  return s;
}

class WebPlatform;
WebPlatform* g_web = nullptr;
std::string g_incoming; // bytes of the file being handed over by JS (hz_file_buffer)

class WebPlatform final : public Platform {
public:
  WebPlatform() { g_web = this; }
  ~WebPlatform() override { g_web = nullptr; }

  LaunchOptions launchOptions() override {
    LaunchOptions o;
    o.testMode = hzjs_test_mode() != 0;
    o.office = takeString(hzjs_url_param("office"));
    o.division = takeString(hzjs_url_param("division"));
    o.testPanel = o.testMode && takeString(hzjs_url_param("testpanel")) == "1";
    if (o.testMode) o.exportStep = std::atoi(takeString(hzjs_url_param("exportstep")).c_str());
    if (o.testMode) o.importStep = std::atoi(takeString(hzjs_url_param("importstep")).c_str());
    return o;
  }
  Viewport viewport() override {
    Viewport v;
    hzjs_viewport(&v.cssWidth, &v.cssHeight, &v.pixelRatio);
    return v;
  }
  void setCanvasPixelSize(int w, int h) override { hzjs_resize_canvas(w, h); }
  void signalReady() override { hzjs_signal_ready(); }
  void showFatal(const std::string& message) override { hzjs_show_fatal(message.c_str()); }

  std::string prepareDatabase() override {
    PageVfs& vfs = PageVfs::install(kDatabaseFile, true);
    vfs.setCommitListener([] { hzjs_storage_committed(); });
    hzjs_storage_restore();
    return kDatabaseFile;
  }
  StorageStatus storageStatus() override {
    char* problem = nullptr;
    StorageStatus s;
    const int flags = hzjs_storage_status(&problem, &s.lastSaveMs);
    s.problem = takeString(problem);
    s.readOnly = !(flags & 1);
    const bool persistent = flags & 2;
    const PageVfs* vfs = PageVfs::instance();
    const bool unsaved = vfs && vfs->hasUnsaved();
    if (!persistent)
      s.durability = Durability::Memory;
    else if (flags & 4)
      s.durability = Durability::Failed;
    else if (unsaved || (flags & 8))
      s.durability = s.readOnly ? Durability::Saved : Durability::Saving;
    else
      s.durability = Durability::Saved;
    s.description = persistent ? "本浏览器的 IndexedDB（随浏览器资料保存在本机）" : "浏览器内存（未能持久保存）";
    return s;
  }
  void saveNow() override { hzjs_storage_save_now(); }
  void setTakeOverHandlers(std::function<void()> close, std::function<void()> reopen) override {
    m_close = std::move(close);
    m_reopen = std::move(reopen);
  }

  void setFileHandler(std::function<void(IncomingFile)> handler) override { m_onFile = std::move(handler); }
  void pickFiles(const std::string& accept) override { hzjs_pick_files(accept.c_str()); }
  float fileReadProgress() override { return static_cast<float>(hzjs_file_progress()); }
  void downloadFile(const std::string& name, const std::string& bytes, const std::string& mime) override {
    hzjs_download(name.c_str(), bytes.data(), static_cast<int>(bytes.size()), mime.c_str());
  }
  bool canSaveToFile() override { return hzjs_can_save_to_file() != 0; }
  void saveToFile(const std::string& name, const std::string& bytes,
                  std::function<void(bool, const std::string&)> done) override {
    m_saveDone = std::move(done);
    hzjs_save_to_file(name.c_str(), bytes.data(), static_cast<int>(bytes.size()), ++m_saveRequest);
  }

  void beginFileParts(const std::string& name, bool toFile) override { hzjs_parts_begin(name.c_str(), toFile ? 1 : 0); }
  std::string appendFilePart(const char* data, size_t size) override {
    return takeString(hzjs_parts_append(data, static_cast<int>(size)));
  }
  void finishFileParts(const std::string& name, const std::string& mime,
                       std::function<void(bool, const std::string&)> done) override {
    m_saveDone = std::move(done);
    hzjs_parts_finish(name.c_str(), mime.c_str(), ++m_saveRequest);
  }
  void discardFileParts() override {
    ++m_saveRequest; // a pending answer no longer counts
    m_saveDone = nullptr;
    hzjs_parts_discard();
  }

  void setTextHandler(std::function<void(const std::string&)> handler) override { m_onText = std::move(handler); }
  void setTextInputArea(bool wantText, float x, float y, float h) override { hzjs_text_input_area(wantText, x, y, h); }
  void setClipboardText(const std::string& text) override {
    m_clipboard = text;
    hzjs_set_clipboard(text.c_str());
  }
  std::string clipboardText() override { return m_clipboard; }

  bool consumeWake() override { return std::exchange(m_wake, false); }

  // Called from JavaScript (below).
  void wake() { m_wake = true; }
  void pasted(std::string text) {
    m_clipboard = std::move(text);
    m_wake = true;
  }
  void text(const std::string& t) {
    if (m_onText) m_onText(t);
    m_wake = true;
  }
  void file(IncomingFile f) {
    if (m_onFile) m_onFile(std::move(f));
    m_wake = true;
  }
  void fileTooBig(const std::string& name, double size) {
    IncomingFile f;
    f.name = name;
    f.error = "未能读入 " + name + "：文件有 " + std::to_string(static_cast<long long>(size / 1048576)) +
              " MB，本浏览器页面剩余的内存不足以读入它。请关闭其他标签页后重试，或请发件单位按时间段分批导出（导出自某"
              "日以来的变更）。";
    file(std::move(f));
  }
  void savedToFile(int id, bool ok, const std::string& msg) {
    if (id == m_saveRequest && m_saveDone) std::exchange(m_saveDone, nullptr)(ok, msg);
    m_wake = true;
  }
  void closeForTakeOver() {
    if (m_close) m_close();
  }
  void reopenAfterTakeOver() {
    if (m_reopen) m_reopen();
    m_wake = true;
  }

private:
  std::function<void()> m_close, m_reopen;
  std::function<void(IncomingFile)> m_onFile;
  std::function<void(const std::string&)> m_onText;
  std::function<void(bool, const std::string&)> m_saveDone;
  int m_saveRequest = 0;
  std::string m_clipboard;
  bool m_wake = false;
};

} // namespace

std::unique_ptr<Platform> createPlatform() { return std::make_unique<WebPlatform>(); }

} // namespace hz::platform

// ---- called from web/hz_storage.js and web/hz_input.js -----------------------------------------
using hz::platform::g_incoming;
using hz::platform::g_web;
using hz::platform::PageVfs;

extern "C" {
EMSCRIPTEN_KEEPALIVE void hz_vfs_reset(double size) {
  if (auto* v = PageVfs::instance()) v->resetTracked(static_cast<int64_t>(size));
}
EMSCRIPTEN_KEEPALIVE uint8_t* hz_vfs_restore_chunk(int index) {
  auto* v = PageVfs::instance();
  return v ? v->restoreChunk(static_cast<uint32_t>(index)) : nullptr;
}
EMSCRIPTEN_KEEPALIVE int hz_vfs_chunk_size() { return PageVfs::kChunkSize; }
// After a restore: null when the restored file is whole, else what is wrong (malloc'd UTF-8).
EMSCRIPTEN_KEEPALIVE char* hz_vfs_restore_problem() {
  auto* v = PageVfs::instance();
  const std::string problem = v ? v->restoreProblem() : std::string();
  if (problem.empty()) return nullptr;
  char* out = static_cast<char*>(std::malloc(problem.size() + 1));
  if (out) std::memcpy(out, problem.c_str(), problem.size() + 1);
  return out;
}
EMSCRIPTEN_KEEPALIVE void hz_vfs_mark_all_dirty() {
  if (auto* v = PageVfs::instance()) v->markAllDirty();
}
EMSCRIPTEN_KEEPALIVE int hz_vfs_begin_save() {
  auto* v = PageVfs::instance();
  return v ? v->beginSave() : -1;
}
EMSCRIPTEN_KEEPALIVE int hz_vfs_saving_index(int i) { return static_cast<int>(PageVfs::instance()->savingIndex(i)); }
EMSCRIPTEN_KEEPALIVE const uint8_t* hz_vfs_saving_data(int i) { return PageVfs::instance()->savingData(i); }
EMSCRIPTEN_KEEPALIVE double hz_vfs_size() {
  auto* v = PageVfs::instance();
  return v ? static_cast<double>(v->trackedSize()) : 0;
}
EMSCRIPTEN_KEEPALIVE void hz_vfs_finish_save(int ok) {
  if (auto* v = PageVfs::instance()) v->finishSave(ok != 0);
}
EMSCRIPTEN_KEEPALIVE int hz_vfs_has_unsaved() {
  auto* v = PageVfs::instance();
  return v && v->hasUnsaved();
}

EMSCRIPTEN_KEEPALIVE void hz_takeover_close() {
  if (g_web) g_web->closeForTakeOver();
}
EMSCRIPTEN_KEEPALIVE void hz_takeover_reopen() {
  if (g_web) g_web->reopenAfterTakeOver();
}
EMSCRIPTEN_KEEPALIVE void hz_wake() {
  if (g_web) g_web->wake();
}
EMSCRIPTEN_KEEPALIVE void hz_paste(const char* text) {
  if (g_web) g_web->pasted(text ? text : "");
}
EMSCRIPTEN_KEEPALIVE void hz_text_input(const char* text) {
  if (g_web && text) g_web->text(text);
}
// An incoming file's bytes are written by JS straight into the string that carries them to the
// app (one copy in the heap, not two: a city's ledger is hundreds of MB). 0 when out of memory.
EMSCRIPTEN_KEEPALIVE char* hz_file_buffer(int size) {
  try {
    g_incoming.assign(static_cast<size_t>(size), '\0');
  } catch (const std::bad_alloc&) {
    g_incoming = std::string();
    return nullptr;
  }
  return g_incoming.data();
}
EMSCRIPTEN_KEEPALIVE void hz_file_received(const char* name) {
  std::string bytes = std::exchange(g_incoming, std::string());
  if (g_web) g_web->file({name ? name : "", std::move(bytes)});
}
// A file too big for the memory left: the app says so instead of failing silently.
EMSCRIPTEN_KEEPALIVE void hz_file_too_big(const char* name, double size) {
  if (g_web) g_web->fileTooBig(name ? name : "", size);
}
EMSCRIPTEN_KEEPALIVE void hz_save_to_file_done(int id, int ok, const char* message) {
  if (g_web) g_web->savedToFile(id, ok != 0, message ? message : "");
}
}
