// A tiny ZIP reader for tests (central directory + raw inflate with zlib), independent of the
// minizip code that writes our archives: the report tests read .xlsx/.docx parts back with it,
// natively and in wasm.
#pragma once
#include <zlib.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hz::test {

inline uint32_t le(std::string_view b, size_t at, int bytes) {
  if (at + static_cast<size_t>(bytes) > b.size()) throw std::runtime_error("zip: truncated");
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<size_t>(i)]);
  return v;
}

// Every entry of a ZIP archive: name -> uncompressed bytes (stored or deflated entries; the CRC-32
// is checked). Throws std::runtime_error on anything else.
inline std::map<std::string, std::string> unzip(std::string_view zip) {
  size_t eocd = std::string_view::npos;
  for (size_t i = zip.size() >= 22 ? zip.size() - 22 : 0; i + 1 > 0; --i)
    if (le(zip, i, 4) == 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd == std::string_view::npos) throw std::runtime_error("zip: no end of central directory");
  const uint32_t count = le(zip, eocd + 10, 2);
  size_t at = le(zip, eocd + 16, 4);
  std::map<std::string, std::string> out;
  for (uint32_t e = 0; e < count; ++e) {
    if (le(zip, at, 4) != 0x02014b50) throw std::runtime_error("zip: bad central directory entry");
    const uint32_t method = le(zip, at + 10, 2), crc = le(zip, at + 16, 4);
    const uint32_t packed = le(zip, at + 20, 4), size = le(zip, at + 24, 4);
    const uint32_t nameLen = le(zip, at + 28, 2), extraLen = le(zip, at + 30, 2), commentLen = le(zip, at + 32, 2);
    const uint32_t local = le(zip, at + 42, 4);
    const std::string name(zip.substr(at + 46, nameLen));
    at += 46 + nameLen + extraLen + commentLen;
    if (le(zip, local, 4) != 0x04034b50) throw std::runtime_error("zip: bad local header for " + name);
    const size_t data = local + 30 + le(zip, local + 26, 2) + le(zip, local + 28, 2);
    if (data + packed > zip.size()) throw std::runtime_error("zip: truncated data for " + name);
    std::string bytes;
    if (method == 0) {
      bytes = std::string(zip.substr(data, packed));
    } else if (method == 8) {
      bytes.resize(size);
      z_stream zs{};
      if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) throw std::runtime_error("zip: inflateInit2");
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      zs.avail_in = packed;
      zs.next_out = reinterpret_cast<Bytef*>(bytes.data());
      zs.avail_out = size;
      const int rc = inflate(&zs, Z_FINISH);
      const auto produced = zs.total_out;
      inflateEnd(&zs);
      if (rc != Z_STREAM_END || produced != size) throw std::runtime_error("zip: inflate failed for " + name);
    } else {
      throw std::runtime_error("zip: unknown method for " + name);
    }
    if (crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())) != crc)
      throw std::runtime_error("zip: CRC mismatch for " + name);
    out.emplace(name, std::move(bytes));
  }
  return out;
}

} // namespace hz::test
