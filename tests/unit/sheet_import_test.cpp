// Sheet import over sample sheets saved the way offices save them (tests/data/sheets, written by
// make_sheets.py through LibreOffice and in GBK / UTF-8 with BOM): what is imported, what is
// refused and why, firms matched by USCC and by name, and a second import that changes nothing.
#include "ledger/exchange.hpp"
#include "ledger/reader.hpp"
#include "ledger/writer.hpp"
#include "sheet/clauses.hpp"
#include "sheet/import.hpp"
#include "sheet/mapping.hpp"
#include "sheet/reader.hpp"
#include "store/sqlite.hpp"
#include "store_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace hz;
using sheet::Cell;
using sheet::RowAction;

namespace {

std::string sheetBytes(const std::string& name) {
  auto b = ledger::readFileBytes(std::string(HZ_TEST_DATA_DIR) + "/sheets/" + name);
  REQUIRE_MESSAGE(b.ok(), name);
  return b.value();
}

sheet::Book readSheet(const std::string& name) {
  auto book = sheet::readBook(sheetBytes(name), name);
  REQUIRE_MESSAGE(book.ok(), (book.ok() ? std::string() : book.error().message));
  return book.value();
}

// A township office (城南街道) whose dictionary knows 城南街道 and 孝陵卫街道.
store::Store cityStore() {
  auto s = test::openMemory();
  core::Office o = s.office();
  o.name = "城南街道安委办";
  o.divisionCode = "320102001";
  o.level = core::OfficeLevel::Township;
  o.operators = {"王伟"};
  REQUIRE(s.setOffice(o, "王伟").ok());
  REQUIRE(s.addDictionaryEntry(store::kDictTownship, "城南街道", "", "320102001", "王伟").ok());
  REQUIRE(s.addDictionaryEntry(store::kDictTownship, "孝陵卫街道", "", "320102002", "王伟").ok());
  return s;
}

const sheet::PreviewRow& rowAt(const sheet::Preview& p, size_t sheetRow) {
  for (const auto& r : p.rows) {
    if (r.sheetRow == sheetRow) return r;
  }
  FAIL("no preview row for sheet row " << sheetRow);
  return p.rows.front();
}

bool mentions(const sheet::PreviewRow& r, const std::string& text) {
  return r.reason().find(text) != std::string::npos;
}

int64_t count(store::Store& s, const char* sql) {
  auto st = s.db().prepare(sql);
  REQUIRE(st.ok());
  auto r = st->step();
  REQUIRE(r.ok());
  return st->getInt(0);
}

Cell textCell(std::string t) {
  Cell c;
  c.kind = Cell::Kind::Text;
  c.text = std::move(t);
  return c;
}

} // namespace

TEST_SUITE("sheet import") {

  TEST_CASE("values: dates in the forms people type, status words, amounts") {
    for (const char* form : {"2026-3-5", "2026/03/05", "2026.3.5", "2026年3月5日", "2026-03-05 14:30", "20260305"}) {
      CHECK_MESSAGE(sheet::parseDate(textCell(form)) == std::optional<std::string>("2026-03-05"), form);
    }
    Cell serial;
    serial.kind = Cell::Kind::Number;
    serial.number = 46086; // Excel's serial of 2026-03-05
    CHECK(sheet::parseDate(serial) == std::optional<std::string>("2026-03-05"));
    CHECK(sheet::parseDate(textCell("46086")) == std::optional<std::string>("2026-03-05"));
    serial.number = 5; // a bare number is no date
    CHECK_FALSE(sheet::parseDate(serial));
    for (const char* bad : {"2026-13-45", "2026-02-30", "昨天", "3月5日", "2026-3"}) {
      CHECK_FALSE_MESSAGE(sheet::parseDate(textCell(bad)).has_value(), bad);
    }
    using S = core::HazardStatus;
    CHECK(sheet::parseStatus("已整改") == S::AwaitingVerification);
    CHECK(sheet::parseStatus("完成") == S::AwaitingVerification);
    CHECK(sheet::parseStatus("是") == S::AwaitingVerification);
    CHECK(sheet::parseStatus("未整改") == S::Pending);
    CHECK(sheet::parseStatus("否") == S::Pending);
    CHECK(sheet::parseStatus("整改中") == S::InProgress);
    CHECK(sheet::parseStatus("已销号") == S::Closed);
    CHECK(sheet::parseStatus(" 待验收 ") == S::AwaitingVerification);
    CHECK_FALSE(sheet::parseStatus("研究中"));
    CHECK(sheet::parseLevel("重大") == core::HazardLevel::Major);
    CHECK(sheet::parseLevel("一般隐患") == core::HazardLevel::General);
    CHECK(sheet::parseWan(textCell("5万元")) == 5.0);
    CHECK(sheet::parseWan(textCell("5.5万")) == 5.5);
    CHECK(sheet::parseWan(textCell("50000元")) == doctest::Approx(5.0));
    CHECK(sheet::parseWan(textCell("￥3,000元")) == doctest::Approx(0.3));
    CHECK_FALSE(sheet::parseWan(textCell("若干")));
    CHECK(sheet::parseYesNo("√") == true);
    CHECK(sheet::parseYesNo("否") == false);
  }

  TEST_CASE("headers: variants, marks and full-width brackets") {
    CHECK(sheet::matchHeader("重大隐患描述") == "description");
    CHECK(sheet::matchHeader("举报问题描述") == "description");
    CHECK(sheet::matchHeader("存在问题") == "description");
    CHECK(sheet::matchHeader("*隐患描述(必填)") == "description");
    CHECK(sheet::matchHeader("治理经费（万元）") == "funds_wan");
    CHECK(sheet::matchHeader("企业名称\n（盖章）") == "enterprise_name");
    CHECK(sheet::matchHeader("检查时间") == "found_date");
    CHECK(sheet::matchHeader("实际整改完成时间") == "completed_date");
    CHECK(sheet::matchHeader("序号") == "");
    CHECK(sheet::matchHeader("联系人职务") == "");
  }

  TEST_CASE("CSV reader: RFC 4180 quoting, delimiters, encodings") {
    auto parsed = sheet::parseDelimited("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\r\n", ',');
    REQUIRE(parsed.ok());
    const auto& rows = parsed.value();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == std::vector<std::string>{"a", "b,1", "say \"hi\""});
    CHECK(rows[1] == std::vector<std::string>{"two\nlines", "x"});
    // A quote never closed would swallow the rest of the file: refused with the line it opened on.
    auto open = sheet::parseDelimited("a,b\r\n1,2\r\n3,\"four\r\n5,6\r\n", ',');
    REQUIRE_FALSE(open.ok());
    CHECK(open.error().message.find("第 3 行") != std::string::npos);
    auto unclosed = sheet::readBook("企业名称,隐患描述\n某厂,\"未闭合\n", "坏.csv");
    REQUIRE_FALSE(unclosed.ok());
    CHECK(unclosed.error().message.find("坏.csv：第 2 行") == 0);
    CHECK(sheet::detectDelimiter("a\tb\tc\n1\t2\t3\n") == '\t');
    CHECK(sheet::detectDelimiter("a;b;c\n1;2;3\n") == ';');
    // GBK bytes of "隐患" and UTF-16LE with a BOM.
    auto gbk = sheet::decodeText("\xD2\xFE\xBB\xBC");
    REQUIRE(gbk.ok());
    CHECK(gbk->utf8 == "隐患");
    CHECK(gbk->encoding == "GB18030");
    auto utf16 = sheet::decodeText(std::string("\xFF\xFE\x90\x96\xA3\x60", 6));
    REQUIRE(utf16.ok());
    CHECK(utf16->utf8 == "隐患");
    // Neither UTF-8 nor GB18030: refused with the byte offset.
    auto bad = sheet::decodeText("ab\x81\x20");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("第 3 字节") != std::string::npos);
    // A UTF-16 file that is not UTF-16 says so (not "GBK").
    auto badUtf16 = sheet::decodeText(std::string("\xFF\xFE\x00\xD8\x41\x00", 6)); // a lone high surrogate
    REQUIRE_FALSE(badUtf16.ok());
    CHECK(badUtf16.error().message.find("UTF-16") != std::string::npos);
    CHECK_FALSE(sheet::looksLikeSheet("{\"format\":\"hazard-ledger\"}"));
    CHECK_FALSE(sheet::looksLikeSheet("\xEF\xBB\xBF  \n{\"format\":\"hazard-ledger\"}"));
    CHECK(sheet::looksLikeSheet("企业名称,隐患描述\n"));
    CHECK(sheet::looksLikeSheet("\r\n企业名称\t隐患描述\r\n"));
    CHECK_FALSE(
        sheet::looksLikeSheet("会议纪要\n一、各街道于周五前报送，抄送区安委办。\n")); // a comma on a later line only
    CHECK(sheet::hasSheetExtension("台账.XLSX"));
    CHECK(sheet::hasSheetExtension("台账.csv"));
    CHECK_FALSE(sheet::hasSheetExtension("台账.ledger.json"));
  }

  TEST_CASE("an .xlsx saved by office software: title rows, refused rows, one firm under two spellings") {
    auto s = cityStore();
    const auto book = readSheet("city_ledger.xlsx");
    CHECK(book.format == sheet::Format::Xlsx);
    REQUIRE(book.sheets.size() == 2);
    auto p = sheet::buildPreview(s, book, {"city_ledger.xlsx"});
    REQUIRE_MESSAGE(p.ok(), (p.ok() ? std::string() : p.error().describe()));
    // The ledger sheet is chosen over the notes sheet; the header is row 3 under a merged title.
    CHECK(p->sheetIndex == 0);
    CHECK(p->layout.headerRow == 2);
    CHECK(p->layout.title == "城南区重大事故隐患排查整治台账（截至2026年3月31日）");
    CHECK(p->defaults.at("level") == "重大隐患");
    CHECK(p->count(RowAction::Create) == 5);
    CHECK(p->count(RowAction::Refused) == 4);

    // Dates: a date cell, an Excel serial in a General cell, 2026-3-5, 2026/03/09, 2026年3月10日.
    CHECK(rowAt(p.value(), 4).hazard.foundDate == "2026-03-05");
    CHECK(rowAt(p.value(), 5).hazard.foundDate == "2026-03-09");
    CHECK(rowAt(p.value(), 6).hazard.foundDate == "2026-03-05");
    CHECK(rowAt(p.value(), 7).hazard.foundDate == "2026-03-09");
    CHECK(rowAt(p.value(), 7).hazard.completedDate == "2026-03-12");
    CHECK(rowAt(p.value(), 8).hazard.foundDate == "2026-03-10");
    // Values mapped: status words, 万元, standard title to the library, 审核状态.
    CHECK(rowAt(p.value(), 4).hazard.status == core::HazardStatus::AwaitingVerification);
    CHECK(rowAt(p.value(), 4).hazard.fundsWan == 12.5);
    CHECK(rowAt(p.value(), 5).hazard.fundsWan == 5);
    CHECK(rowAt(p.value(), 5).hazard.status == core::HazardStatus::InProgress);
    CHECK(rowAt(p.value(), 7).hazard.status == core::HazardStatus::Closed);
    CHECK(rowAt(p.value(), 4).hazard.review == core::ReviewState::Approved);
    CHECK(rowAt(p.value(), 4).hazard.level == core::HazardLevel::Major);
    CHECK_FALSE(rowAt(p.value(), 4).hazard.standardId.empty());
    CHECK(rowAt(p.value(), 4).hazard.clauseRef == "第十一条(三)");
    CHECK(rowAt(p.value(), 6).hazard.industry == "工贸/轻工");
    CHECK(rowAt(p.value(), 7).hazard.remarks.find("12350 转办") != std::string::npos);
    CHECK(rowAt(p.value(), 4).hazard.remarks.find("序号：1") != std::string::npos); // unmapped column kept

    // Refused, each with its reason.
    CHECK(mentions(rowAt(p.value(), 9), "“2026-13-45”不是可识别的日期"));
    CHECK(rowAt(p.value(), 9).notes.size() == 1);
    CHECK(mentions(rowAt(p.value(), 10), "整改状态“研究中”无法识别"));
    CHECK(mentions(rowAt(p.value(), 11), "上报单位“河西镇”不是已知的街道/乡镇"));
    CHECK(mentions(rowAt(p.value(), 12), "统一社会信用代码“91320102MA20ABCD30”有误"));

    // Firms: 华达 under two spellings is one firm (same USCC); 城南食品 twice; 五金加工厂 has no USCC.
    CHECK(p->newFirms() == 3);
    CHECK(p->firmsToConfirm() == 0);
    const auto& twoSpellings = rowAt(p.value(), 5);
    CHECK(twoSpellings.firm == rowAt(p.value(), 4).firm);
    bool told = false;
    for (const auto& n : twoSpellings.notes)
      told = told || n.message.find("名称写作“南京华达机械制造有限责任公司”") != std::string::npos;
    CHECK(told);

    // Nothing is written while a row is refused.
    const int64_t before = count(s, "SELECT count(*) FROM hazard");
    auto refusedApply = sheet::applyPreview(s, p.value(), "王伟", false);
    CHECK_FALSE(refusedApply.ok());
    CHECK(count(s, "SELECT count(*) FROM hazard") == before);
    CHECK(count(s, "SELECT count(*) FROM enterprise") == 0);

    // The refused rows as a sheet with the reason column.
    const auto rejected = sheet::refusedRowsTable(p.value());
    REQUIRE(rejected.rows.size() == 4);
    CHECK(rejected.columns.back().title == "不能导入的原因");
    CHECK(rejected.rows[0].back().text.find("不是可识别的日期") != std::string::npos);

    // Good rows only: 5 hazards, 3 firms, one transaction; history says which file and row.
    auto sum = sheet::applyPreview(s, p.value(), "王伟", true);
    REQUIRE_MESSAGE(sum.ok(), (sum.ok() ? std::string() : sum.error().describe()));
    CHECK(sum->hazardsCreated == 5);
    CHECK(sum->enterprisesCreated == 3);
    CHECK(count(s, "SELECT count(*) FROM hazard") == 5);
    CHECK(count(s, "SELECT count(*) FROM enterprise") == 3);
    CHECK(count(s, "SELECT count(*) FROM enterprise WHERE name = '南京华达机械制造有限公司'") == 1);
    CHECK(count(s, "SELECT count(*) FROM history WHERE record_kind = 'hazard' AND note = '从表格导入：city_ledger.xlsx "
                   "第 4 行'") == 1);
    CHECK(s.verifyHistory().value().ok);

    // The same sheet again: nothing new, every good row recognised.
    auto again = sheet::buildPreview(s, book, {"city_ledger.xlsx"});
    REQUIRE(again.ok());
    CHECK(again->mappingRemembered);
    CHECK(again->count(RowAction::Create) == 0);
    CHECK(again->count(RowAction::Duplicate) == 5);
    CHECK(again->count(RowAction::Refused) == 4);
  }

  TEST_CASE("the same ledger saved as .xls (Excel 97-2003) imports the same rows") {
    auto s = cityStore();
    const auto book = readSheet("city_ledger.xls");
    CHECK(book.format == sheet::Format::Xls);
    auto p = sheet::buildPreview(s, book, {"city_ledger.xls"});
    REQUIRE(p.ok());
    CHECK(p->count(RowAction::Create) == 5);
    CHECK(p->count(RowAction::Refused) == 4);
    CHECK(rowAt(p.value(), 4).hazard.foundDate == "2026-03-05");
    CHECK(rowAt(p.value(), 5).hazard.foundDate == "2026-03-09");
    CHECK(rowAt(p.value(), 8).hazard.description == "燃气管道穿越地下室未设置可燃气体报警装置");
    // Imported from the .xlsx first, the .xls brings nothing new: identity is the content.
    auto xlsx = sheet::buildPreview(s, readSheet("city_ledger.xlsx"), {"city_ledger.xlsx"});
    REQUIRE(xlsx.ok());
    REQUIRE(sheet::applyPreview(s, xlsx.value(), "王伟", true).ok());
    auto after = sheet::buildPreview(s, book, {"city_ledger.xls"});
    REQUIRE(after.ok());
    CHECK(after->count(RowAction::Create) == 0);
    CHECK(after->count(RowAction::Duplicate) == 5);
  }

  TEST_CASE("a GBK CSV with a merged title row; firms written two ways without a USCC are confirmed") {
    auto s = cityStore();
    const auto book = readSheet("township_gbk.csv");
    CHECK(book.encoding == "GB18030");
    auto p = sheet::buildPreview(s, book, {"township_gbk.csv"});
    REQUIRE(p.ok());
    CHECK(p->layout.headerRow == 1);
    CHECK(p->layout.title == "孝陵卫街道重大事故隐患排查台账");
    CHECK(p->count(RowAction::Create) == 3);
    CHECK(mentions(rowAt(p.value(), 6), "“昨天”不是可识别的日期"));
    CHECK(rowAt(p.value(), 3).hazard.industry == "危险化学品"); // 危化
    CHECK(rowAt(p.value(), 3).hazard.deadline == "2026-04-30");
    CHECK(rowAt(p.value(), 4).hazard.foundDate == "2026-04-02");
    CHECK(rowAt(p.value(), 5).hazard.foundDate == "2026-04-03");
    CHECK(rowAt(p.value(), 3).hazard.divisionCode == "320102002");
    // 孝陵卫（南京）纸业有限公司 and 孝陵卫(南京)纸业有限责任公司: the same firm once brackets and
    // company form are set aside; without a USCC that takes a person's word.
    const auto& a = rowAt(p.value(), 4);
    const auto& b = rowAt(p.value(), 5);
    CHECK(a.firm == b.firm);
    CHECK(p->firmsToConfirm() == 1);
    CHECK(p->newFirms() == 2);
    CHECK_FALSE(p->canApply(true));
    CHECK_FALSE(sheet::applyPreview(s, p.value(), "王伟", true).ok());
    CHECK(count(s, "SELECT count(*) FROM enterprise") == 0);
    auto& paper = p->firms[static_cast<size_t>(a.firm)];
    CHECK(paper.spellings == std::vector<std::string>{"孝陵卫（南京）纸业有限公司", "孝陵卫(南京)纸业有限责任公司"});
    CHECK(sheet::firmQuestion(p.value(), paper) ==
          "表中“孝陵卫（南京）纸业有限公司”、“孝陵卫(南京)纸业有限责任公司”写法相近（第 4 行起 2 行），是否为同一企业");
    // Answered "different firms": one firm per spelling (a copy of the preview, so the next
    // answer starts from the same rows).
    {
      auto apart = test::openMemory(9);
      REQUIRE(apart.setOffice(s.office(), "王伟").ok());
      REQUIRE(apart.addDictionaryEntry(store::kDictTownship, "孝陵卫街道", "", "320102002", "王伟").ok());
      auto q = sheet::buildPreview(apart, book, {"township_gbk.csv"});
      REQUIRE(q.ok());
      q->firms[static_cast<size_t>(rowAt(q.value(), 4).firm)].sameFirm = false;
      CHECK(q->newFirms() == 3);
      auto sum = sheet::applyPreview(apart, q.value(), "王伟", true);
      REQUIRE(sum.ok());
      CHECK(sum->enterprisesCreated == 3);
      CHECK(count(apart, "SELECT count(*) FROM enterprise WHERE name LIKE '孝陵卫%纸业%'") == 2);
    }
    paper.sameFirm = true;
    CHECK(p->newFirms() == 2);

    // Import, then a database firm spelled differently is a similar firm to confirm, not a new one.
    REQUIRE(sheet::applyPreview(s, p.value(), "王伟", true).ok());
    CHECK(count(s, "SELECT count(*) FROM enterprise") == 2);
    CHECK(count(s, "SELECT count(*) FROM enterprise WHERE kind = '其他'") == 2); // no USCC: 其他, to complete

    sheet::Book other = book;
    auto& rows = other.sheets[0].rows;
    rows.resize(3);
    rows[2][3].text = "孝陵卫化工储运有限责任公司"; // company form written another way
    rows[2][5].text = "储罐区防火堤破损";
    auto similar = sheet::buildPreview(s, other, {"other.csv"});
    REQUIRE(similar.ok());
    REQUIRE(similar->count(RowAction::Create) == 1);
    CHECK(similar->firmsToConfirm() == 1);
    CHECK_FALSE(similar->canApply(false));
    CHECK_FALSE(sheet::applyPreview(s, similar.value(), "王伟", false).ok());
    similar->firms[0].sameFirm = true;
    auto sum = sheet::applyPreview(s, similar.value(), "王伟", false);
    REQUIRE(sum.ok());
    CHECK(sum->enterprisesMatched == 1);
    CHECK(sum->enterprisesCreated == 0);
    CHECK(count(s, "SELECT count(*) FROM enterprise") == 2);
  }

  TEST_CASE("a UTF-8 BOM CSV with variant headers; a mapping given and remembered") {
    auto s = cityStore();
    const auto book = readSheet("variant_bom.csv");
    CHECK(book.encoding == "UTF-8 (BOM)");
    auto p = sheet::buildPreview(s, book, {"variant_bom.csv"});
    REQUIRE(p.ok());
    const auto& cols = p->layout.columns;
    CHECK(cols[1] == "division_code");                           // 所属街道
    CHECK(cols[4] == "description");                             // 举报问题描述
    CHECK(cols[5] == "found_date");                              // 发现日期
    CHECK(cols[6] == "status");                                  // 整改状态
    CHECK(rowAt(p.value(), 2).hazard.foundDate == "2025-03-11"); // a serial number as text
    CHECK(rowAt(p.value(), 2).hazard.source == "群众举报(12350)");
    CHECK(rowAt(p.value(), 3).hazard.source == "群众举报(12350)"); // "12350"
    CHECK(rowAt(p.value(), 3).hazard.status == core::HazardStatus::Closed);
    CHECK(mentions(rowAt(p.value(), 4), "隐患描述为空"));

    // Map 备注 to 隐患描述 instead (a user's choice): row 4 then has a description, row 3 none;
    // the column no longer imported is kept in 备注.
    sheet::Mapping m;
    m.columns[sheet::normaliseHeader("备注")] = "description";
    m.columns[sheet::normaliseHeader("举报问题描述")] = "";
    m.defaults["industry"] = "工贸";
    auto fixed = sheet::buildPreview(s, book, {"variant_bom.csv", std::nullopt, m});
    REQUIRE(fixed.ok());
    CHECK(fixed->count(RowAction::Create) == 2);
    CHECK(mentions(rowAt(fixed.value(), 3), "隐患描述为空"));
    CHECK(rowAt(fixed.value(), 4).hazard.description == "描述为空");
    CHECK(rowAt(fixed.value(), 2).hazard.remarks.find("举报问题描述：夜间锁闭安全出口") != std::string::npos);
    REQUIRE(sheet::applyPreview(s, fixed.value(), "王伟", true).ok());
    // The next import of the same layout starts from the mapping used.
    auto next = sheet::buildPreview(s, book, {"variant_bom.csv"});
    REQUIRE(next.ok());
    CHECK(next->mappingRemembered);
    CHECK(next->layout.columns[8] == "description");
    CHECK(next->defaults.at("industry") == "工贸");
    CHECK(next->count(RowAction::Duplicate) == 2);
    CHECK(next->count(RowAction::Refused) == 1);

    // The mapping file form (--mapping) round-trips and refuses unknown fields.
    auto back = sheet::mappingFromJson(sheet::mappingToJson(m));
    REQUIRE(back.ok());
    CHECK(back->columns == m.columns);
    CHECK(back->defaults == m.defaults);
    CHECK_FALSE(sheet::mappingFromJson(R"({"columns":{"备注":"no_such_field"}})").ok());
  }

  TEST_CASE("a row with a 隐患编号 keeps that identity; damaged files say what is wrong") {
    auto s = cityStore();
    sheet::Book book;
    sheet::Sheet sh;
    sh.name = "t";
    sh.rows = {
        {textCell("隐患编号"), textCell("企业名称"), textCell("隐患描述"), textCell("检查时间"), textCell("行业领域")},
        {textCell("CN-2026-001"), textCell("城南五金加工厂"), textCell("砂轮机无防护罩"), textCell("2026-05-01"),
         textCell("工贸")}};
    book.sheets.push_back(sh);
    auto p = sheet::buildPreview(s, book, {"numbered.csv"});
    REQUIRE(p.ok());
    REQUIRE(p->count(RowAction::Create) == 1);
    REQUIRE(sheet::applyPreview(s, p.value(), "王伟", false).ok());
    CHECK(count(s, "SELECT count(*) FROM hazard WHERE number = 'CN-2026-001'") == 1);
    // Edited description, same number: still the same hazard.
    book.sheets[0].rows[1][2].text = "砂轮机无防护罩（已拍照）";
    auto again = sheet::buildPreview(s, book, {"numbered.csv"});
    REQUIRE(again.ok());
    CHECK(again->count(RowAction::Duplicate) == 1);

    auto zip = sheet::readBook(std::string("PK\x03\x04garbage", 11), "坏文件.xlsx");
    REQUIRE_FALSE(zip.ok());
    CHECK(zip.error().message.find("坏文件.xlsx") != std::string::npos);
    auto ole = sheet::readBook(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'), "坏.xls");
    REQUIRE_FALSE(ole.ok());
    CHECK(ole.error().message.find("坏.xls：无法读取") != std::string::npos);
    // Found by fuzz_sheet: an .xlsx whose sheet declares ~4 billion rows of no column was reserved
    // row by row (96 GB) before the size check, which counted rows x 0 columns.
    auto huge = sheet::readBook(sheetBytes("fuzz-huge-dimension.xlsx"), "fuzz-huge-dimension.xlsx");
    if (huge.ok()) {
      size_t rows = 0;
      for (const auto& one : huge->sheets) rows += one.rows.size();
      CHECK(rows < 1000000);
    } else {
      CHECK(huge.error().message.find("过大") != std::string::npos);
    }
  }

  TEST_CASE("a two-row header under merged parents, a footer row, an ambiguous 判定依据, an empty sheet") {
    auto s = cityStore();
    Cell none;
    sheet::Book book;
    sheet::Sheet sh;
    sh.name = "两行表头";
    // 整改责任 spans 部门 | 责任人; 整改情况 spans 状态 | 完成时间; 五落实 spans its first item only here.
    sh.rows = {
        {textCell("企业名称"), textCell("隐患描述"), textCell("检查时间"), textCell("行业领域"), textCell("整改责任"),
         none, textCell("整改情况"), none, textCell("判定依据")},
        {none, none, none, none, textCell("部门"), textCell("责任人"), textCell("状态"), textCell("完成时间"), none},
        {textCell("城南五金加工厂"), textCell("砂轮机无防护罩"), textCell("2026-05-01"), textCell("工贸"),
         textCell("安监办"), textCell("王伟"), textCell("已整改"), textCell("2026-05-10"), textCell("判定标准")},
        {textCell("填表人：张三    审核人：李四")}};
    book.sheets.push_back(sh);
    auto p = sheet::buildPreview(s, book, {"两行表头.xlsx"});
    REQUIRE(p.ok());
    CHECK(p->layout.firstDataRow == 2);
    CHECK(p->layout.headers[4] == "整改责任/部门");
    CHECK(p->layout.columns[4] == "responsible_department");
    CHECK(p->layout.columns[5] == "responsible_person");
    CHECK(p->layout.columns[6] == "status");
    CHECK(p->layout.columns[7] == "completed_date");
    const auto& row = rowAt(p.value(), 3);
    CHECK(row.action == RowAction::Create);
    CHECK(row.hazard.responsibleDepartment == "安监办");
    CHECK(row.hazard.responsiblePerson == "王伟");
    CHECK(row.hazard.completedDate == "2026-05-10");
    // "判定标准" is part of every title in the library: no standard is guessed, the text is kept.
    CHECK(row.hazard.standardId.empty());
    CHECK(row.hazard.remarks.find("判定依据：判定标准") != std::string::npos);
    // The footer is skipped, with why, and does not hold the import up.
    CHECK(rowAt(p.value(), 4).action == RowAction::Skipped);
    CHECK(p->count(RowAction::Skipped) == 1);
    CHECK(p->count(RowAction::Refused) == 0);
    CHECK(p->canApply(false));
    CHECK(sheet::previewText(p.value(), 0).find("第 4 行：跳过") != std::string::npos);

    // Only a header: said so, with the sheet and the row.
    book.sheets[0].rows.resize(2);
    auto empty = sheet::buildPreview(s, book, {"两行表头.xlsx"});
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message == "两行表头.xlsx：工作表“两行表头”在表头（第 1 行）之下没有数据");
  }

  TEST_CASE("判定标准 library: a clause list from a sheet, retired clauses kept and exchanged, citations") {
    // A sheet with a title, a header (条款号 | 重大事故隐患情形) and clauses; a blank row is skipped.
    sheet::Book book;
    sheet::Sheet sh;
    sh.name = "条款";
    sh.rows = {{textCell("城镇燃气经营安全重大隐患判定标准（摘要）")},
               {textCell("条款号"), textCell("重大事故隐患情形")},
               {textCell("第三条(一)"), textCell("未取得燃气经营许可证从事燃气经营活动")},
               {},
               {textCell("第三条(二)"), textCell("燃气场站安全间距不足")}};
    book.sheets.push_back(sh);
    auto clauses = sheet::readClauseList(book, "条款.xlsx");
    REQUIRE(clauses.ok());
    REQUIRE(clauses->size() == 2);
    CHECK(clauses->at(0).article == "第三条(一)");
    CHECK(clauses->at(1).summary == "燃气场站安全间距不足");
    sheet::Book none;
    none.sheets.push_back(sheet::Sheet{"空", {{textCell("标题")}}});
    auto bad = sheet::readClauseList(none, "空.xlsx");
    REQUIRE(bad.ok()); // one filled cell per row: read as a summary without an article
    sheet::Book empty;
    empty.sheets.push_back(sheet::Sheet{"空", {}});
    CHECK_FALSE(sheet::readClauseList(empty, "空.xlsx").ok());

    // A standard with one retired clause: stored, in the history text and the ledger file.
    auto s = cityStore();
    core::Standard std;
    std.title = "城镇燃气经营安全重大隐患判定标准（市补充）";
    std.industry = "城镇燃气";
    std.clauses = clauses.value();
    std.clauses[0].retired = true;
    auto created = s.createStandard(std, "王伟");
    REQUIRE(created.ok());
    auto back = s.getStandard(created->meta.id);
    REQUIRE(back.ok());
    CHECK(back->clauses[0].retired);
    CHECK_FALSE(back->clauses[1].retired);
    const std::string text = core::fieldValue(core::toFields(back.value()), "clauses");
    core::Standard parsed;
    REQUIRE(core::fromFields({{"clauses", text}}, parsed).empty());
    CHECK(parsed.clauses[0].retired);
    CHECK_FALSE(parsed.clauses[1].retired);

    auto exported = ledger::exportLedger(s);
    REQUIRE(exported.ok());
    const std::string json = ledger::writeLedger(exported.value());
    CHECK(json.find("\"retired\":true") != std::string::npos);
    auto other = test::openMemory(77);
    std::vector<ledger::LedgerInput> in(1);
    in[0].name = "city.ledger.json";
    in[0].read = ledger::readLedger(json);
    REQUIRE(in[0].read.problems.empty());
    REQUIRE(ledger::importLedgers(other, in).ok());
    auto received = other.getStandard(created->meta.id);
    REQUIRE(received.ok());
    CHECK(received->clauses[0].retired);

    // Citations per standard and clause.
    core::Enterprise e = test::sampleEnterprise();
    auto firm = s.createEnterprise(e, "王伟");
    REQUIRE(firm.ok());
    for (const char* ref : {"第三条(一)", "第三条(一)", "第三条(二)"}) {
      core::Hazard h = test::sampleHazard(firm->meta.id);
      h.standardId = created->meta.id;
      h.clauseRef = ref;
      REQUIRE(s.createHazard(h, "王伟").ok());
    }
    auto cites = s.standardCitations();
    REQUIRE(cites.ok());
    int64_t first = 0, total = 0;
    for (const auto& c : cites.value()) {
      if (c.standardId != created->meta.id) continue;
      total += c.hazards;
      if (c.clauseRef == "第三条(一)") first = c.hazards;
    }
    CHECK(first == 2);
    CHECK(total == 3);
  }

} // TEST_SUITE
