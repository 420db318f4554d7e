// Native stand-in for hz::platform::Platform: used where the app logic runs outside a browser
// (tools, future native UI tests). Implemented: fixed viewport, in-memory clipboard, database
// path from HZ_DB (":memory:" when unset, so nothing is persisted), downloads and saves (also those
// built in parts) written to the current directory. Missing: file picker, IME (a native UI would use its OS's).
#include "platform/platform.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <utility>

namespace hz::platform {
namespace {

bool writeFile(const std::string& name, const std::string& bytes) {
  std::ofstream out(name, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

class NativePlatform final : public Platform {
public:
  LaunchOptions launchOptions() override { return {}; }
  Viewport viewport() override { return {}; }
  void setCanvasPixelSize(int, int) override {}
  void signalReady() override {}
  void showFatal(const std::string& message) override { std::fprintf(stderr, "%s\n", message.c_str()); }

  std::string prepareDatabase() override {
    const char* env = std::getenv("HZ_DB");
    m_path = env && *env ? env : ":memory:";
    return m_path;
  }
  StorageStatus storageStatus() override {
    StorageStatus s;
    const bool memory = m_path.empty() || m_path == ":memory:";
    s.durability = memory ? Durability::Memory : Durability::Saved; // SQLite commits are durable
    s.description = memory ? "内存" : m_path;
    return s;
  }
  void saveNow() override {}
  void setTakeOverHandlers(std::function<void()>, std::function<void()>) override {}

  void setFileHandler(std::function<void(IncomingFile)> h) override { m_onFile = std::move(h); }
  void pickFiles(const std::string&) override {}
  float fileReadProgress() override { return -1.0f; }
  void downloadFile(const std::string& name, const std::string& bytes, const std::string&) override {
    writeFile(name, bytes);
  }
  bool canSaveToFile() override { return true; }
  void saveToFile(const std::string& name, const std::string& bytes,
                  std::function<void(bool, const std::string&)> done) override {
    const bool ok = writeFile(name, bytes);
    if (done) done(ok, ok ? name : "未能写入文件");
  }

  void beginFileParts(const std::string&, bool toFile) override {
    m_parts.clear();
    m_partsToFile = toFile;
  }
  std::string appendFilePart(const char* data, size_t size) override {
    m_parts.append(data, size);
    return {};
  }
  void finishFileParts(const std::string& name, const std::string&,
                       std::function<void(bool, const std::string&)> done) override {
    const bool ok = writeFile(name, m_parts);
    m_parts.clear();
    if (done) done(ok, ok ? name : "未能写入文件");
  }
  void discardFileParts() override { m_parts.clear(); }

  void setTextHandler(std::function<void(const std::string&)> h) override { m_onText = std::move(h); }
  void setTextInputArea(bool, float, float, float) override {}
  void setClipboardText(const std::string& text) override { m_clipboard = text; }
  std::string clipboardText() override { return m_clipboard; }
  bool consumeWake() override { return false; }

private:
  std::string m_path;
  std::string m_clipboard;
  std::string m_parts; // a file built in parts (written whole at the end)
  bool m_partsToFile = false;
  std::function<void(IncomingFile)> m_onFile;
  std::function<void(const std::string&)> m_onText;
};

} // namespace

std::unique_ptr<Platform> createPlatform() { return std::make_unique<NativePlatform>(); }

} // namespace hz::platform
