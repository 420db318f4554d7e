// gzip for ledger files (RFC 1952, through zlib): exports are compressed as they stream, and every
// reader takes compressed and plain files alike (recognised by the gzip magic, not by the name).
#pragma once
#include "core/result.hpp"
#include "ledger/export_stream.hpp"

#include <string>
#include <string_view>

namespace hz::ledger {

bool isGzip(std::string_view bytes);

// Inflates a gzip file (one or more members). Refuses, with a Chinese reason, a damaged or cut
// file and one that inflates to more than maxBytes (so a small hostile file cannot fill memory).
Result<std::string> gunzip(std::string_view bytes, size_t maxBytes);

// Inflates a gzip stream piece by piece (the importer reads a file without holding it inflated).
// Each inflated piece goes to `out` as it is produced; the errors are those of gunzip().
class GunzipStream {
public:
  explicit GunzipStream(size_t maxBytes);
  ~GunzipStream();
  GunzipStream(const GunzipStream&) = delete;
  GunzipStream& operator=(const GunzipStream&) = delete;
  using Output = void (*)(void* context, std::string_view piece);
  Status feed(std::string_view in, Output out, void* context);
  Status finish() const; // the input ended: refuses a stream cut short
  uint64_t bytesOut() const { return m_out; }

private:
  struct State;
  State* m_state;
  size_t m_max;
  uint64_t m_out = 0;
  bool m_failed = false;
};

// The whole text compressed at once (merge output, tests).
std::string gzip(std::string_view text, int level = 6);

// A sink that compresses what it is given and passes the compressed bytes on; finish() writes
// the end of the stream and must be called once the whole file has been written.
class GzipSink final : public LedgerSink {
public:
  explicit GzipSink(LedgerSink& out, int level = 6);
  ~GzipSink() override;
  GzipSink(const GzipSink&) = delete;
  GzipSink& operator=(const GzipSink&) = delete;
  Status write(const char* data, size_t size) override;
  Status finish();
  uint64_t bytesIn() const { return m_in; }
  uint64_t bytesOut() const { return m_out; }

private:
  Status pump(const char* data, size_t size, int flush);
  struct State;
  LedgerSink& m_sink;
  State* m_state;
  uint64_t m_in = 0, m_out = 0;
  bool m_finished = false;
};

// True when `name` asks for a compressed file (ends with .gz).
bool wantsGzip(std::string_view name);

} // namespace hz::ledger
