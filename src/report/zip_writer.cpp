// ZipWriter (see zip_writer.hpp): minizip's zip.c writing through an ioapi that keeps the
// archive in a std::string.
#include "report/zip_writer.hpp"

#include <algorithm>
#include <cstring>
#include <set>

// Last: minizip's ioapi.h defines large-file macros meant for its own C files.
#include <xlsxwriter/third_party/zip.h>

namespace hz::report {

namespace {

constexpr const char* kZipFailed = "无法生成压缩文件：";

// The archive being written: bytes and a position, as a FILE* would have.
struct MemoryFile {
  std::string bytes;
  size_t pos = 0;
};

voidpf ZCALLBACK memOpen(voidpf opaque, const void*, int) { return opaque; }

uLong ZCALLBACK memRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const size_t n = std::min<size_t>(size, f->pos < f->bytes.size() ? f->bytes.size() - f->pos : 0);
  if (n > 0) std::memcpy(buf, f->bytes.data() + f->pos, n);
  f->pos += n;
  return static_cast<uLong>(n);
}

uLong ZCALLBACK memWrite(voidpf, voidpf stream, const void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  if (f->pos + size > f->bytes.size()) f->bytes.resize(f->pos + size);
  std::memcpy(f->bytes.data() + f->pos, buf, size);
  f->pos += size;
  return size;
}

ZPOS64_T ZCALLBACK memTell(voidpf, voidpf stream) { return static_cast<MemoryFile*>(stream)->pos; }

long ZCALLBACK memSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  ZPOS64_T base = 0;
  switch (origin) {
  case ZLIB_FILEFUNC_SEEK_SET:
    base = 0;
    break;
  case ZLIB_FILEFUNC_SEEK_CUR:
    base = f->pos;
    break;
  case ZLIB_FILEFUNC_SEEK_END:
    base = f->bytes.size();
    break;
  default:
    return -1;
  }
  if (base + offset > f->bytes.size()) return -1;
  f->pos = static_cast<size_t>(base + offset);
  return 0;
}

int ZCALLBACK memClose(voidpf, voidpf) { return 0; }
int ZCALLBACK memError(voidpf, voidpf) { return 0; }

} // namespace

struct ZipWriter::Impl {
  MemoryFile file;
  zipFile zip = nullptr;
  std::set<std::string, std::less<>> names;
  bool finished = false;
};

ZipWriter::ZipWriter() : m_impl(std::make_unique<Impl>()) {
  zlib_filefunc64_def io{};
  io.zopen64_file = memOpen;
  io.zread_file = memRead;
  io.zwrite_file = memWrite;
  io.ztell64_file = memTell;
  io.zseek64_file = memSeek;
  io.zclose_file = memClose;
  io.zerror_file = memError;
  io.opaque = &m_impl->file;
  m_impl->zip = zipOpen2_64("memory", APPEND_STATUS_CREATE, nullptr, &io);
}

ZipWriter::~ZipWriter() {
  if (m_impl->zip != nullptr) zipClose(m_impl->zip, nullptr);
}

Status ZipWriter::add(std::string_view name, std::string_view bytes) {
  if (m_impl->zip == nullptr || m_impl->finished)
    return Error::make(ErrorCode::Internal, std::string(kZipFailed) + "压缩文件已经结束");
  if (name.empty() || m_impl->names.count(name) > 0)
    return Error::make(ErrorCode::Internal, std::string(kZipFailed) + "条目名称为空或重复：" + std::string(name));
  m_impl->names.emplace(name);
  zip_fileinfo info{};
  info.tmz_date.tm_mday = 1; // 1980-01-01 00:00, as libxlsxwriter dates its parts
  info.tmz_date.tm_year = 1980;
  const std::string entry(name);
  if (zipOpenNewFileInZip64(m_impl->zip, entry.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                            Z_DEFAULT_COMPRESSION, 0) != ZIP_OK)
    return Error::make(ErrorCode::Internal, std::string(kZipFailed) + "无法添加 " + entry);
  constexpr size_t kChunk = 1u << 20;
  for (size_t at = 0; at < bytes.size(); at += kChunk) {
    const auto n = static_cast<unsigned>(std::min(kChunk, bytes.size() - at));
    if (zipWriteInFileInZip(m_impl->zip, bytes.data() + at, n) != ZIP_OK) {
      zipCloseFileInZip(m_impl->zip);
      return Error::make(ErrorCode::Internal, std::string(kZipFailed) + "无法写入 " + entry);
    }
  }
  if (zipCloseFileInZip(m_impl->zip) != ZIP_OK)
    return Error::make(ErrorCode::Internal, std::string(kZipFailed) + "无法写入 " + entry);
  return ok();
}

Result<std::string> ZipWriter::finish() {
  if (m_impl->zip == nullptr || m_impl->finished)
    return Error::make(ErrorCode::Internal, std::string(kZipFailed) + "压缩文件已经结束");
  m_impl->finished = true;
  const int rc = zipClose(m_impl->zip, nullptr);
  m_impl->zip = nullptr;
  if (rc != ZIP_OK) return Error::make(ErrorCode::Internal, std::string(kZipFailed) + "无法写入目录");
  return std::move(m_impl->file.bytes);
}

} // namespace hz::report
