// A small in-memory ZIP writer (deflate) on the minizip that libxlsxwriter bundles, for the
// OOXML packages we assemble ourselves (.docx). Entries get a fixed date (1980-01-01), so the
// same entries give the same bytes.
#pragma once
#include "core/result.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace hz::report {

class ZipWriter {
public:
  ZipWriter();
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // Adds one entry, deflated. Names are paths inside the archive ("word/document.xml"); a name
  // used twice, an empty name or a call after finish() fails.
  Status add(std::string_view name, std::string_view bytes);
  // The archive's bytes (central directory written). The writer is spent afterwards.
  Result<std::string> finish();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace hz::report
