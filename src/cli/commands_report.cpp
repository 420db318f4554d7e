// The report commands: bulletin, report, assess, and export of the 明细表 (.xlsx / .csv). All of
// them call src/report/, the same code the app's 统计通报 screen uses.
#include "cli/cli.hpp"
#include "ledger/writer.hpp"
#include "report/assessment.hpp"
#include "report/bulletin.hpp"
#include "report/report_config.hpp"
#include "report/report_tables.hpp"
#include "report/table.hpp"

#include <cstdio>
#include <optional>

namespace hz::cli {

namespace {

int fail(const Error& e) {
  std::fprintf(stderr, "%s\n", e.describe().c_str());
  return kInvalid;
}

// --from and --to, both required and valid.
bool periodOption(const Args& a, report::Period& out) {
  out = {a.get("--from"), a.get("--to")};
  if (auto p = report::checkPeriod(out); !p.empty()) {
    usageError("--from/--to：" + p, "--from and --to must be valid YYYY-MM-DD dates, from <= to");
    return false;
  }
  return true;
}

// What every report command starts from: the period, today, the database and its report settings.
struct ReportInput {
  report::Period period;
  core::Date today;
  std::optional<store::Store> db;
  report::ReportConfig config;
};

// kOk, or the exit code after printing why not.
int openReport(const Args& a, ReportInput& in) {
  if (!periodOption(a, in.period) || !todayOption(a, in.today)) return kUsage;
  auto db = openExisting(a.get("--db"));
  if (!db) return fail(db.error());
  in.db.emplace(std::move(db.value()));
  auto config = report::loadReportConfig(*in.db);
  if (!config) return fail(config.error());
  in.config = std::move(config.value());
  return kOk;
}

int writeOut(const std::string& path, const std::string& bytes) {
  if (auto s = ledger::writeFileBytes(path, bytes); !s) return fail(s.error());
  return kOk;
}

// A table as CSV on stdout (--csv) or as .xlsx/.csv in -o FILE.
int writeTable(const Args& a, const report::Table& t) {
  const std::string out = a.get("-o");
  if (out.empty() || endsWith(out, ".csv")) {
    const std::string csv = report::toCsv(t);
    if (out.empty()) {
      std::fwrite(csv.data(), 1, csv.size(), stdout);
      return kOk;
    }
    return writeOut(out, csv);
  }
  auto x = report::toXlsx({t});
  if (!x) return fail(x.error());
  if (int rc = writeOut(out, *x); rc != kOk) return rc;
  std::printf("已写入 %s（%zu 行）\n", out.c_str(), t.rows.size());
  return kOk;
}

} // namespace

int cmdBulletin(const Args& a) {
  const std::string out = a.get("-o");
  if (!a.has("--db") || out.empty() || !a.positional.empty() || !(endsWith(out, ".html") || endsWith(out, ".docx")))
    return usageError(
        "用法：bulletin --db DB --from DATE --to DATE [--today DATE] [--number 文号] -o FILE.html|FILE.docx",
        "usage: bulletin --db DB --from DATE --to DATE [--today DATE] [--number TEXT] -o FILE.html|FILE.docx");
  ReportInput in;
  if (int rc = openReport(a, in); rc != kOk) return rc;
  store::Store& db = *in.db;
  const report::Period& period = in.period;
  // The office's saved draft (下步工作要求, 文号) when it is for the same period.
  auto draft = report::loadBulletinDraft(db);
  if (!draft) return fail(draft.error());
  report::BulletinDraft d;
  if (draft->period == period) d = *draft;
  d.period = period;
  if (a.has("--number")) d.number = a.get("--number");
  auto b = report::buildBulletin(db, d, in.today, in.config);
  if (!b) return fail(b.error());
  const report::Document doc = report::bulletinDocument(*b);
  if (endsWith(out, ".html")) {
    if (int rc = writeOut(out, report::documentHtml(doc)); rc != kOk) return rc;
  } else {
    auto bytes = report::toDocx(doc);
    if (!bytes) return fail(bytes.error());
    if (int rc = writeOut(out, *bytes); rc != kOk) return rc;
  }
  std::printf("已生成通报 %s：%s\n", out.c_str(), b->draft.title.c_str());
  return kOk;
}

int cmdReport(const Args& a) {
  const auto kind = report::unitKindFromKey(a.get("--by"));
  if (!a.has("--db") || !kind || !a.positional.empty() || (a.has("--csv") == a.has("-o")))
    return usageError(
        "用法：report --db DB --from DATE --to DATE --by township|industry|source|department (--csv | -o FILE.xlsx)",
        "usage: report --db DB --from DATE --to DATE --by township|industry|source|department (--csv | -o FILE.xlsx)");
  ReportInput in;
  if (int rc = openReport(a, in); rc != kOk) return rc;
  auto units = report::unitFigures(*in.db, *kind, in.period, in.today, in.config.timelyDays);
  if (!units) return fail(units.error());
  const std::string title =
      std::string("按") + report::unitKindName(*kind) + "统计（" + report::periodText(in.period) + "）";
  return writeTable(a, report::unitFiguresTable(title, *kind, *units));
}

int cmdAssess(const Args& a) {
  const std::string by = a.has("--by") ? a.get("--by") : "township";
  const auto kind = report::unitKindFromKey(by);
  if (!a.has("--db") || !a.positional.empty() || !kind || *kind == report::UnitKind::Industry ||
      *kind == report::UnitKind::Source)
    return usageError("用法：assess --db DB --from DATE --to DATE [--today DATE] [--by township|department] [--json]",
                      "usage: assess --db DB --from DATE --to DATE [--today DATE] [--by township|department] [--json]");
  ReportInput in;
  if (int rc = openReport(a, in); rc != kOk) return rc;
  auto result = report::assess(*in.db, *kind, in.period, in.today, in.config);
  if (!result) return fail(result.error());
  if (a.has("--json")) {
    std::printf("%s\n", report::assessmentJson(*result).dump(2).c_str());
    return kOk;
  }
  std::printf("考评（%s，%s）\n", report::unitKindName(*kind), report::periodText(in.period).c_str());
  for (const auto& u : result->units)
    std::printf("%3d  %-24s %6.1f  %s  %s\n", u.rank, u.figures.name.c_str(), u.total, report::zoneName(u.zone),
                u.zoneReason.c_str());
  return kOk;
}

int exportSheet(const Args& a) {
  if (a.has("--since"))
    return usageError("明细表导出不支持 --since（导出全部隐患）", "--since applies to ledger files, not to the sheet");
  core::Date today;
  if (!todayOption(a, today)) return kUsage;
  auto db = openExisting(a.get("--db"));
  if (!db) return fail(db.error());
  auto sheet = report::hazardSheet(*db, {}, today);
  if (!sheet) return fail(sheet.error());
  return writeTable(a, *sheet);
}

} // namespace hz::cli
