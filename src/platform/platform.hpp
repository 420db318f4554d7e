// Platform services the app needs from its host (browser or native stand-in), passed into the
// app rather than reached as globals. Implementations: platform/web (browser), platform/native.
// Groups: launch + viewport, storage (durable database, one writer), files (open, drop,
// download, save back), text input (IME, clipboard), and waking the frame loop.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace hz::platform {

// How the page was opened (URL parameters in the browser).
struct LaunchOptions {
  bool testMode = false;  // ?test=1: publish window.hazardLedger.items/state/query
  std::string office;     // ?office=NAME (test mode): office identity without the wizard
  std::string division;   // ?division=CODE
  bool testPanel = false; // ?testpanel=1 (test mode): a small window with a text field
  int exportStep = 0;     // ?exportstep=N (test mode): export work per frame, in records (0 = by time)
  int importStep = 0;     // ?importstep=N (test mode): ledger import work per frame, in bytes (0 = by time)
};

// The drawable area: CSS pixels and the device pixel ratio.
struct Viewport {
  int cssWidth = 1280;
  int cssHeight = 800;
  float pixelRatio = 1.0f;
};

// Where the database lives and whether changes reach durable storage.
enum class Durability {
  Memory, // nothing is persisted (storage refused, private mode, native stand-in)
  Saved,  // every committed change is in durable storage
  Saving, // committed changes are on their way
  Failed, // the last save failed (quota, refused): earlier saved data is intact
};

struct StorageStatus {
  Durability durability = Durability::Memory;
  bool readOnly = false;   // another tab is the writer: this one must not change data
  std::string problem;     // plain Chinese for a banner ("" = nothing to say)
  std::string description; // where the data lives, for 关于
  double lastSaveMs = -1;  // duration of the last successful save (commit → durable)
};

// A file the user chose (picker) or dropped on the window.
struct IncomingFile {
  std::string name;
  std::string bytes;
  std::string error; // set when the file could not be read (Chinese, for the user); bytes empty
};

class Platform {
public:
  virtual ~Platform() = default;
  virtual LaunchOptions launchOptions() = 0;
  virtual Viewport viewport() = 0;
  // Sets the drawing buffer to w x h device pixels (the CSS size stays the page's).
  virtual void setCanvasPixelSize(int w, int h) = 0;
  // Called once the database is open and the first frame has been drawn.
  virtual void signalReady() = 0;
  // Shows a fatal problem to the user outside the canvas (e.g. the database could not open).
  virtual void showFatal(const std::string& message) = 0;

  // [Storage] Restores the last durable state and returns the path to open with store::Store
  // (the caller runs migrations by opening it). Call once, before opening the store.
  virtual std::string prepareDatabase() = 0;
  virtual StorageStatus storageStatus() = 0;
  // Saves committed changes now (the host also saves on its own shortly after each commit).
  virtual void saveNow() = 0;
  // When this instance becomes the writer later (the other tab closed): `close` must release
  // the database, then the durable state is restored and `reopen` opens it again.
  virtual void setTakeOverHandlers(std::function<void()> close, std::function<void()> reopen) = 0;

  // [Files] Picker and drop both deliver to the handler (after reading, with progress).
  virtual void setFileHandler(std::function<void(IncomingFile)> handler) = 0;
  virtual void pickFiles(const std::string& accept) = 0; // e.g. ".json,.csv"
  // Reading progress 0..1 of incoming files, or < 0 when nothing is being read.
  virtual float fileReadProgress() = 0;
  virtual void downloadFile(const std::string& name, const std::string& bytes, const std::string& mime) = 0;
  // File System Access ("保存到文件"): the first call asks for a file, later calls write to it.
  virtual bool canSaveToFile() = 0;
  virtual void saveToFile(const std::string& suggestedName, const std::string& bytes,
                          std::function<void(bool ok, const std::string& message)> done) = 0;

  // A file built in parts (a large export), kept by the host outside the program's memory:
  // begin (toFile: the host may ask now where to save, while the user's click still counts),
  // append copies of the bytes ("" = kept, else a plain Chinese reason), then finish — download it
  // or write it to the chosen file; done(ok, file name or why not) may come later — or discard.
  virtual void beginFileParts(const std::string& suggestedName, bool toFile) = 0;
  virtual std::string appendFilePart(const char* data, size_t size) = 0;
  virtual void finishFileParts(const std::string& name, const std::string& mime,
                               std::function<void(bool ok, const std::string& message)> done) = 0;
  virtual void discardFileParts() = 0;

  // [Text input] Text committed by an IME or pasted outside a Ctrl+V (UTF-8).
  virtual void setTextHandler(std::function<void(const std::string&)> handler) = 0;
  // Where the text caret is (device pixels); wantText=false hides the IME element.
  virtual void setTextInputArea(bool wantText, float x, float y, float lineHeight) = 0;
  virtual void setClipboardText(const std::string& text) = 0;
  virtual std::string clipboardText() = 0; // the text of the last paste

  // [Frame loop] True once after something outside GLFW happened (paste, file, save state).
  virtual bool consumeWake() = 0;
};

std::unique_ptr<Platform> createPlatform();

} // namespace hz::platform
