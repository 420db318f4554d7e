// The browser export as a job across frames: the ledger streamed from the database
// (ledger::LedgerExportStream) in a few tens of milliseconds of work per frame, its bytes handed
// to the platform in parts of a few MB (kept outside the wasm heap), then downloaded or saved.
#pragma once
#include "ledger/compress.hpp"
#include "ledger/export_stream.hpp"
#include "platform/platform.hpp"
#include "store/store.hpp"

#include <memory>
#include <string>

namespace hz::model {

class ExportJob {
public:
  // Starts nothing yet but the stream (reads the office, conflicts and sizes); toFile: save through
  // the platform's "save to file" (asks where now) instead of a download. A file name ending with
  // .gz is written gzip-compressed as it streams.
  static Result<std::unique_ptr<ExportJob>> start(store::Store& store, platform::Platform& platform,
                                                  const std::string& fileName, bool toFile,
                                                  const ledger::ExportOptions& options = {});
  const std::string& exportedAt() const { return m_stream->exportedAt(); }
  ~ExportJob(); // an unfinished job drops its parts (cancel)

  // Works for about `millis` (or `units` records/events when > 0, for tests). Returns true once
  // every byte is with the platform: then call finish(). An error (out of memory, the platform
  // refused a part) ends the job; the caller shows it.
  Result<bool> step(double millis, int units = 0);
  double progress() const { return m_stream ? m_stream->progress() : 1.0; }
  uint64_t bytes() const { return m_stream ? m_stream->bytesWritten() : 0; } // of the JSON text
  uint64_t fileBytes() const { return m_gzip ? m_gzip->bytesOut() : bytes(); }
  // Download, or write to the chosen file; done(ok, file name or reason) may come in a later frame.
  void finish(std::function<void(bool ok, const std::string& message)> done);
  const std::string& fileName() const { return m_fileName; }
  bool toFile() const { return m_toFile; }

private:
  // Collects the stream's bytes into parts of kPartBytes for the platform.
  class PartsSink final : public ledger::LedgerSink {
  public:
    explicit PartsSink(platform::Platform& p) : m_platform(p) {}
    Status write(const char* data, size_t size) override;
    Status flush();

  private:
    platform::Platform& m_platform;
    std::string m_part;
  };

  ExportJob(platform::Platform& p, std::string name, bool toFile)
      : m_platform(p), m_sink(p), m_fileName(std::move(name)), m_toFile(toFile) {}

  platform::Platform& m_platform;
  PartsSink m_sink;
  std::unique_ptr<ledger::GzipSink> m_gzip; // between the stream and m_sink for a .gz file
  std::unique_ptr<ledger::LedgerExportStream> m_stream;
  std::string m_fileName;
  bool m_toFile = false;
  bool m_handedOver = false; // finish() called: the parts belong to the platform
};

} // namespace hz::model
