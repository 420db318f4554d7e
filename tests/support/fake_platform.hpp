// A Platform for tests (unit and headless UI): everything in memory, storage state set by the
// test, files handed over in parts kept here, and the host's answer to a finished file delivered
// when the test says (pendingDone), as the browser answers in a later frame.
#pragma once
#include "platform/platform.hpp"

#include <functional>
#include <string>
#include <vector>

namespace hz::test {

// A platform that keeps everything in memory and lets the test decide when the host answers.
class FakePlatform final : public platform::Platform {
public:
  platform::StorageStatus status{platform::Durability::Saved, false, "", "内存（测试）", -1};
  std::function<void(platform::IncomingFile)> fileHandler;
  std::function<void()> closeHandler, reopenHandler;
  std::string picked; // accept string of the last pickFiles()
  std::string parts;  // bytes of the file being built
  bool partsBegun = false;
  std::function<void(bool, const std::string&)> pendingDone; // the host's answer to finishFileParts
  std::string finishedName, finishedBytes;
  std::string fatal; // the last showFatal() message

  platform::LaunchOptions launchOptions() override { return {}; }
  platform::Viewport viewport() override { return {}; }
  void setCanvasPixelSize(int, int) override {}
  void signalReady() override {}
  void showFatal(const std::string& m) override { fatal = m; }
  std::string prepareDatabase() override { return ":memory:"; }
  platform::StorageStatus storageStatus() override { return status; }
  void saveNow() override {}
  void setTakeOverHandlers(std::function<void()> close, std::function<void()> reopen) override {
    closeHandler = std::move(close);
    reopenHandler = std::move(reopen);
  }
  void setFileHandler(std::function<void(platform::IncomingFile)> h) override { fileHandler = std::move(h); }
  void pickFiles(const std::string& accept) override { picked = accept; }
  float fileReadProgress() override { return -1; }
  struct Download {
    std::string name, bytes, mime;
  };
  std::vector<Download> downloads; // every downloadFile(), in order
  void downloadFile(const std::string& name, const std::string& bytes, const std::string& mime) override {
    downloads.push_back({name, bytes, mime});
  }
  bool canSaveToFile() override { return false; }
  void saveToFile(const std::string&, const std::string&, std::function<void(bool, const std::string&)>) override {}
  void beginFileParts(const std::string&, bool) override {
    parts.clear();
    partsBegun = true;
  }
  std::string appendFilePart(const char* data, size_t size) override {
    parts.append(data, size);
    return {};
  }
  void finishFileParts(const std::string& name, const std::string&,
                       std::function<void(bool, const std::string&)> done) override {
    finishedName = name;
    finishedBytes = parts;
    pendingDone = std::move(done);
  }
  void discardFileParts() override { parts.clear(); }
  void setTextHandler(std::function<void(const std::string&)>) override {}
  void setTextInputArea(bool, float, float, float) override {}
  void setClipboardText(const std::string&) override {}
  std::string clipboardText() override { return {}; }
  bool consumeWake() override { return false; }
};

} // namespace hz::test
