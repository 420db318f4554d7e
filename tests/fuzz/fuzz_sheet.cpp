// libFuzzer target: arbitrary bytes as a spreadsheet (.xlsx/.ods zip, .xls compound file, or
// text in any encoding), through the reader (FreeXL, our CSV reader), layout detection and the
// import preview against an in-memory database. Reading and previewing never write: the database
// must be unchanged afterwards. Seeds: tests/data/sheets.
#include "fuzz_support.hpp"
#include "sheet/import.hpp"
#include "sheet/mapping.hpp"
#include "sheet/reader.hpp"
#include "store/sqlite.hpp"
#include "store/store.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string_view>

namespace {

hz::store::Store& base() {
  static std::unique_ptr<hz::store::Store> db = [] {
    auto s = hz::fuzz::openStore(5);
    hz::core::Office office = s->office();
    office.name = "城南街道安委办";
    office.divisionCode = "320102001";
    office.level = hz::core::OfficeLevel::Township;
    if (!s->setOffice(office, "fuzz")) __builtin_trap();
    if (!s->addDictionaryEntry(hz::store::kDictTownship, "城南街道", "", "320102001", "fuzz")) __builtin_trap();
    return s;
  }();
  return *db;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)hz::sheet::looksLikeSheet(bytes);
  auto book = hz::sheet::readBook(bytes, "fuzz.xlsx");
  if (!book) return 0;
  hz::store::Store& s = base();
  const int64_t before = hz::fuzz::totalChanges(s);
  for (size_t i = 0; i < book->sheets.size() && i < 4; ++i) {
    hz::sheet::ImportOptions o;
    o.fileName = "fuzz.xlsx";
    o.sheetIndex = i;
    auto p = hz::sheet::buildPreview(s, book.value(), o);
    if (!p) continue;
    (void)hz::sheet::previewText(p.value(), 5);
    (void)hz::sheet::refusedRowsTable(p.value());
  }
  if (hz::fuzz::totalChanges(s) != before) __builtin_trap(); // a preview wrote to the database
  return 0;
}
