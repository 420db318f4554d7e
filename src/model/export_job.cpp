// The browser export job (see export_job.hpp).
#include "model/export_job.hpp"

#include <chrono>
#include <new>

namespace hz::model {

namespace {

constexpr size_t kPartBytes = size_t{2} << 20; // 2 MB per part handed to the platform
constexpr int kUnitsPerCheck = 200;            // records/events between looks at the clock

double nowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace

Status ExportJob::PartsSink::write(const char* data, size_t size) {
  m_part.append(data, size);
  if (m_part.size() >= kPartBytes) return flush();
  return Ok{};
}

Status ExportJob::PartsSink::flush() {
  if (m_part.empty()) return Ok{};
  const std::string refused = m_platform.appendFilePart(m_part.data(), m_part.size());
  m_part.clear();
  if (!refused.empty()) return Error::make(ErrorCode::Storage, refused);
  return Ok{};
}

Result<std::unique_ptr<ExportJob>> ExportJob::start(store::Store& store, platform::Platform& platform,
                                                    const std::string& fileName, bool toFile,
                                                    const ledger::ExportOptions& options) {
  std::unique_ptr<ExportJob> job(new ExportJob(platform, fileName, toFile));
  if (ledger::wantsGzip(fileName)) job->m_gzip = std::make_unique<ledger::GzipSink>(job->m_sink);
  ledger::LedgerSink& target = job->m_gzip ? static_cast<ledger::LedgerSink&>(*job->m_gzip) : job->m_sink;
  auto stream = ledger::LedgerExportStream::open(store, target, options);
  if (!stream) return stream.error();
  job->m_stream = std::move(stream.value());
  platform.beginFileParts(fileName, toFile);
  return job;
}

ExportJob::~ExportJob() {
  if (!m_handedOver) m_platform.discardFileParts();
}

Result<bool> ExportJob::step(double millis, int units) {
  try {
    const double until = nowMs() + millis;
    for (;;) {
      auto r = m_stream->step(units > 0 ? units : kUnitsPerCheck);
      if (!r) return r.error();
      if (r.value()) {
        if (m_gzip) {
          if (auto s = m_gzip->finish(); !s) return s.error();
        }
        if (auto s = m_sink.flush(); !s) return s.error();
        return true;
      }
      if (units > 0 || nowMs() >= until) return false;
    }
  } catch (const std::bad_alloc&) {
    return Error::make(ErrorCode::Storage, "内存不足");
  }
}

void ExportJob::finish(std::function<void(bool, const std::string&)> done) {
  m_handedOver = true;
  m_platform.finishFileParts(m_fileName, m_gzip ? "application/gzip" : "application/json", std::move(done));
}

} // namespace hz::model
