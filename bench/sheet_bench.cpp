// sheet_bench: a township's year in one .xlsx (default 20000 rows, the columns of a city ledger,
// 400 firms in 8 townships, dates in the forms people type) written with shared strings as Excel
// and WPS do (libxlsxwriter), then imported the way the app does it: read (FreeXL), preview
// (layout, values, firms, identities), apply in one transaction, and the same file previewed
// again (every row already imported). Natively and, in the wasm build, under Node.js. The sheet is
// also written to a file for the browser benchmark (bench/web_sheet.mjs).
// Usage: sheet_bench [rows] [out.xlsx] (with out.xlsx, 上报单位 is written as codes throughout)
#include "bench_support.hpp"
#include "ledger/reader.hpp"
#include "sheet/import.hpp"
#include "store/store.hpp"

#include <xlsxwriter.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace hz;

namespace {

using bench::Clock;
using bench::msSince;
using bench::must;

constexpr const char* kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

std::string uscc(int n) {
  char body[18];
  std::snprintf(body, sizeof body, "91320102MA%07d", n);
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += static_cast<int>(std::string_view(kAlphabet).find(body[i])) * kWeights[i];
  return std::string(body) + kAlphabet[(31 - sum % 31) % 31];
}

void writeSheet(const std::string& path, int rows, bool namesAsCodes) {
  static const char* kTowns[] = {"城南街道", "城北街道", "东湖街道", "西山街道",
                                 "南岗镇",   "北塘镇",   "梅园街道", "孝陵卫街道"};
  static const char* kIndustries[] = {"工贸", "危化", "消防", "城镇燃气", "建筑施工", "工贸/机械", "交通运输"};
  static const char* kStatus[] = {"已整改", "未整改", "整改中", "已销号", "完成"};
  static const char* kWhat[] = {
      "除尘系统未采取泄爆隔爆措施", "安全出口锁闭",   "液化气钢瓶存放在地下室", "有限空间作业未审批",
      "特种作业人员无证上岗",       "动火作业未审批", "消防通道堵塞",           "可燃气体报警装置失效",
      "外包施工无安全协议"};
  std::mt19937 rng(7);
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "重大隐患明细");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  const char* header[] = {
      "序号",     "上报单位",       "行业领域",    "企业名称", "统一社会信用代码", "重大隐患描述",
      "检查方式", "检查人",         "检查时间",    "是否整改", "实际整改完成时间", "整改责任部门/责任人",
      "整改措施", "治理经费(万元)", "举报情况备注"};
  worksheet_merge_range(ws, 0, 0, 0, 14, "全区重大事故隐患排查整治台账（截至2026年11月30日）", nullptr);
  for (int c = 0; c < 15; ++c) worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), header[c], nullptr);
  for (int i = 0; i < rows; ++i) {
    const lxw_row_t r = static_cast<lxw_row_t>(i + 2);
    const int firm = static_cast<int>(rng() % 400);
    const int town = firm % 8;
    const int month = 1 + static_cast<int>(rng() % 11), day = 1 + static_cast<int>(rng() % 28);
    worksheet_write_number(ws, r, 0, i + 1, nullptr);
    // 上报单位: the township's name in half the rows, its division code (as exports give it) in the
    // other half (the browser benchmark's database knows no township names).
    char code[16];
    std::snprintf(code, sizeof code, "320102%03d", town + 1);
    worksheet_write_string(ws, r, 1, (i % 2 || namesAsCodes) ? code : kTowns[town], nullptr);
    worksheet_write_string(ws, r, 2, kIndustries[firm % 7], nullptr);
    const std::string name = std::string(kTowns[town]).substr(0, 6) + "第" + std::to_string(firm) + "号制造有限公司";
    worksheet_write_string(ws, r, 3, name.c_str(), nullptr);
    worksheet_write_string(ws, r, 4, uscc(firm).c_str(), nullptr);
    const std::string what = std::string(kWhat[rng() % 9]) + "（第" + std::to_string(i + 1) + "处）";
    worksheet_write_string(ws, r, 5, what.c_str(), nullptr);
    worksheet_write_string(ws, r, 6, "四不两直", nullptr);
    worksheet_write_string(ws, r, 7, "张明、李强", nullptr);
    char text[32];
    switch (i % 4) { // a date cell, an Excel serial in a General cell, and two typed forms
    case 0: {
      lxw_datetime dt = {2026, month, day, 0, 0, 0};
      worksheet_write_datetime(ws, r, 8, &dt, date);
      break;
    }
    case 1: {
      lxw_datetime dt = {2026, month, day, 0, 0, 0};
      worksheet_write_number(ws, r, 8, lxw_datetime_to_excel_datetime(&dt), nullptr);
      break;
    }
    case 2:
      std::snprintf(text, sizeof text, "2026/%d/%d", month, day);
      worksheet_write_string(ws, r, 8, text, nullptr);
      break;
    default:
      std::snprintf(text, sizeof text, "2026年%d月%d日", month, day);
      worksheet_write_string(ws, r, 8, text, nullptr);
    }
    worksheet_write_string(ws, r, 9, kStatus[rng() % 5], nullptr);
    worksheet_write_string(ws, r, 11, "公司安环部/王伟", nullptr);
    worksheet_write_string(ws, r, 12, "立即停止相关作业，限期整改到位", nullptr);
    worksheet_write_number(ws, r, 13, static_cast<double>(rng() % 100) / 10.0, nullptr);
  }
  if (workbook_close(wb) != LXW_NO_ERROR) {
    std::fprintf(stderr, "writing %s failed\n", path.c_str());
    std::exit(1);
  }
}

} // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 20000;
  const std::string path = argc > 2 ? argv[2] : "sheet_bench.xlsx";
  auto t = Clock::now();
  // With an output path the sheet is for the browser benchmark: townships as codes only.
  writeSheet(path, rows, argc > 2);
  const std::string bytes = must(ledger::readFileBytes(path, 512u << 20), "reading the sheet back");
  std::printf("wrote %d rows to %s (%.1f MB) in %.0f ms\n", rows, path.c_str(), bytes.size() / 1048576.0, msSince(t));

  store::StoreOptions o;
  o.randomSeed = 1;
  store::Store db = must(store::Store::open(":memory:", o), "opening the database");
  core::Office office = db.office();
  office.name = "全区安委办";
  office.divisionCode = "320102";
  office.level = core::OfficeLevel::County;
  must(db.setOffice(office, "bench"), "setting the office");
  const char* towns[] = {"城南街道", "城北街道", "东湖街道", "西山街道", "南岗镇", "北塘镇", "梅园街道", "孝陵卫街道"};
  for (int i = 0; i < 8; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "320102%03d", i + 1);
    must(db.addDictionaryEntry(store::kDictTownship, towns[i], "", code, "bench"), "adding a township");
  }

  t = Clock::now();
  const auto total = Clock::now();
  sheet::Book book = must(sheet::readBook(bytes, "bench.xlsx"), "reading");
  const double readMs = msSince(t);
  t = Clock::now();
  sheet::Preview p = must(sheet::buildPreview(db, book, {"bench.xlsx"}), "preview");
  const double previewMs = msSince(t);
  t = Clock::now();
  sheet::ImportSummary sum = must(sheet::applyPreview(db, p, "bench", true), "import");
  const double applyMs = msSince(t);
  const double totalMs = msSince(total);
  std::printf("read (FreeXL)   %8.0f ms  %zu rows\n", readMs, book.sheets[0].rows.size());
  std::printf("preview         %8.0f ms  %zu to import, %zu refused, %zu new firms\n", previewMs,
              p.count(sheet::RowAction::Create), p.count(sheet::RowAction::Refused), p.newFirms());
  std::printf("import          %8.0f ms  %zu hazards, %zu firms in one transaction\n", applyMs, sum.hazardsCreated,
              sum.enterprisesCreated);
  std::printf("total           %8.0f ms\n", totalMs);
  t = Clock::now();
  sheet::Preview again = must(sheet::buildPreview(db, book, {"bench.xlsx"}), "second preview");
  std::printf("same file again %8.0f ms  %zu already imported, %zu to import\n", msSince(t),
              again.count(sheet::RowAction::Duplicate), again.count(sheet::RowAction::Create));
  return 0;
}
