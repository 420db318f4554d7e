// Groundwork for sheet import (issue 13): FreeXL 2.x (hz_freexl) reads back an .xlsx written by
// our own report::toXlsx, Chinese text included. Native only.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "report/table.hpp"

#include <cstdio>
#include <doctest/doctest.h>
#include <freexl.h>
#include <string>

namespace {

std::string cellText(const void* h, unsigned row, unsigned short col) {
  FreeXL_CellValue v{};
  if (freexl_get_cell_value(h, row, col, &v) != FREEXL_OK) return "<error>";
  if (v.type != FREEXL_CELL_TEXT && v.type != FREEXL_CELL_SST_TEXT) return "<not text>";
  return v.value.text_value;
}

} // namespace

TEST_CASE("freexl reads an .xlsx from report::toXlsx") {
  using namespace hz::report;
  Table t;
  t.title = "隐患明细";
  t.columns = {{"名称"}, {"整改情况"}};
  t.rows = {{text("消防通道堵塞"), text("已整改")}};
  auto bytes = toXlsx({t});
  REQUIRE(bytes.ok());
  const std::string path = "freexl_smoke.xlsx";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  REQUIRE(std::fwrite(bytes.value().data(), 1, bytes.value().size(), f) == bytes.value().size());
  std::fclose(f);

  const void* h = nullptr;
  REQUIRE(freexl_open_xlsx(path.c_str(), &h) == FREEXL_OK);
  CHECK(freexl_select_active_worksheet(h, 0) == FREEXL_OK);
  CHECK(cellText(h, 0, 0) == "名称");
  CHECK(cellText(h, 1, 0) == "消防通道堵塞");
  CHECK(cellText(h, 1, 1) == "已整改");
  freexl_close(h);
  std::remove(path.c_str());
}
