// gzip through zlib (see compress.hpp).
#include "ledger/compress.hpp"

#include <zlib.h>

#include <algorithm>
#include <memory>
#include <new>

namespace hz::ledger {

namespace {

constexpr int kGzipWindow = 15 + 16; // zlib: 32 KB window, gzip wrapper
constexpr size_t kChunk = size_t{1} << 16;

std::string mb(size_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MB"; }

} // namespace

bool isGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

bool wantsGzip(std::string_view name) { return name.size() > 3 && name.substr(name.size() - 3) == ".gz"; }

struct GunzipStream::State {
  z_stream z{};
  bool ok = false;
  bool betweenMembers = false; // a member ended; the next bytes must start another one
  bool started = false;        // any input seen
  std::string magic;           // the first bytes of a following member, while fewer than two
};

GunzipStream::GunzipStream(size_t maxBytes) : m_state(new State), m_max(maxBytes) {
  m_state->ok = inflateInit2(&m_state->z, kGzipWindow) == Z_OK;
}

GunzipStream::~GunzipStream() {
  if (m_state->ok) inflateEnd(&m_state->z);
  delete m_state;
}

Status GunzipStream::feed(std::string_view in, Output out, void* context) {
  if (!m_state->ok) return Error::make(ErrorCode::Storage, "内存不足，无法解压");
  if (m_failed) return Error::make(ErrorCode::Format, "压缩文件已损坏");
  auto fail = [this](Error e) -> Status {
    m_failed = true;
    return e;
  };
  z_stream& z = m_state->z;
  if (!in.empty()) m_state->started = true;
  char buf[kChunk];
  while (!in.empty()) {
    if (m_state->betweenMembers) {
      // Another gzip member may follow (files joined with cat); anything else is damage.
      m_state->magic += in.substr(0, 2 - m_state->magic.size());
      in.remove_prefix(std::min(in.size(), size_t{2}));
      if (m_state->magic.size() < 2) return Ok{};
      if (!isGzip(m_state->magic))
        return fail(Error::make(ErrorCode::Format, "压缩文件末尾有多余的数据，文件可能已损坏"));
      inflateReset(&z);
      m_state->betweenMembers = false;
      // The two magic bytes go through inflate first.
      std::string magic;
      magic.swap(m_state->magic);
      if (auto s = feed(magic, out, context); !s) return s;
      continue;
    }
    const size_t take = std::min(in.size(), size_t{1} << 30); // avail_in is 32 bits
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(take);
    for (;;) {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      const int rc = inflate(&z, Z_NO_FLUSH);
      const size_t n = sizeof buf - z.avail_out;
      m_out += n;
      if (m_out > m_max) return fail(Error::make(ErrorCode::Format, "压缩文件解压后超过 " + mb(m_max) + "，不予读取"));
      if (n > 0) out(context, std::string_view(buf, n));
      if (rc == Z_STREAM_END) {
        m_state->betweenMembers = true;
        break;
      }
      if (rc == Z_BUF_ERROR && z.avail_in == 0) break; // needs more input
      if (rc != Z_OK) {
        const std::string why = z.msg ? z.msg : "zlib " + std::to_string(rc);
        if (rc == Z_MEM_ERROR) return fail(Error::make(ErrorCode::Storage, "内存不足，无法解压"));
        return fail(Error::make(ErrorCode::Format,
                                "压缩文件已损坏（" + why + "），解压到 " + std::to_string(m_out) + " 字节处出错"));
      }
      if (z.avail_in == 0 && z.avail_out != 0) break;
    }
    in.remove_prefix(take - z.avail_in);
  }
  return Ok{};
}

Status GunzipStream::finish() const {
  if (m_failed) return Error::make(ErrorCode::Format, "压缩文件已损坏");
  if (!m_state->started || !m_state->betweenMembers || !m_state->magic.empty())
    return Error::make(ErrorCode::Format,
                       "压缩文件不完整（可能未下载或复制完），解压到 " + std::to_string(m_out) + " 字节处中断");
  return Ok{};
}

Result<std::string> gunzip(std::string_view bytes, size_t maxBytes) {
  GunzipStream stream(maxBytes);
  std::string out;
  auto append = [](void* context, std::string_view piece) { static_cast<std::string*>(context)->append(piece); };
  if (auto s = stream.feed(bytes, append, &out); !s) return s.error();
  if (auto s = stream.finish(); !s) return s.error();
  return out;
}

struct GzipSink::State {
  z_stream z{};
  bool ok = false;
};

GzipSink::GzipSink(LedgerSink& out, int level) : m_sink(out), m_state(new State) {
  m_state->ok = deflateInit2(&m_state->z, level, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) == Z_OK;
}

GzipSink::~GzipSink() {
  if (m_state->ok) deflateEnd(&m_state->z);
  delete m_state;
}

Status GzipSink::pump(const char* data, size_t size, int flush) {
  if (!m_state->ok) return Error::make(ErrorCode::Storage, "内存不足，无法压缩");
  z_stream& z = m_state->z;
  char buf[kChunk];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
  z.avail_in = static_cast<uInt>(size);
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    const int rc = deflate(&z, flush);
    if (rc == Z_STREAM_ERROR) return Error::make(ErrorCode::Storage, "压缩失败");
    const size_t n = sizeof buf - z.avail_out;
    if (n > 0) {
      m_out += n;
      if (auto s = m_sink.write(buf, n); !s) return s;
    }
    if (flush == Z_FINISH ? rc == Z_STREAM_END : (z.avail_in == 0 && z.avail_out != 0)) return Ok{};
  }
}

Status GzipSink::write(const char* data, size_t size) {
  m_in += size;
  // Pieces are at most a page of records; split anyway so that avail_in (32 bits) never overflows.
  while (size > 0) {
    const size_t n = size < (size_t{1} << 30) ? size : (size_t{1} << 30);
    if (auto s = pump(data, n, Z_NO_FLUSH); !s) return s;
    data += n;
    size -= n;
  }
  return Ok{};
}

Status GzipSink::finish() {
  if (m_finished) return Ok{};
  m_finished = true;
  return pump(nullptr, 0, Z_FINISH);
}

std::string gzip(std::string_view text, int level) {
  StringSink out;
  GzipSink sink(out, level);
  if (!sink.write(text.data(), text.size()) || !sink.finish()) throw std::bad_alloc();
  return std::move(out.text);
}

} // namespace hz::ledger
