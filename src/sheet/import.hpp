// Sheet import: a workbook read by sheet/reader, laid out by sheet/mapping, checked row by row
// against this office's database into a preview — nothing is written — and then applied in one
// transaction. One code path for the app (数据交换 → 导入表格), the CLI (`import FILE.xlsx`), the
// tests and the benchmark.
//
// Identity: a row with a 隐患编号 is that number; otherwise a digest of firm, township, date and
// description (table sheet_row), so the same sheet imported twice creates nothing new.
// Enterprises: by USCC first, then by the same name in the township; a name that is equal only
// once brackets, widths and 有限公司/有限责任公司 are ignored is a similar firm that a person confirms.
#pragma once
#include "core/model.hpp"
#include "report/table.hpp"
#include "sheet/mapping.hpp"
#include "sheet/reader.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hz::store {
class Store;
}

namespace hz::sheet {

struct ImportOptions {
  std::string fileName;
  std::optional<size_t> sheetIndex; // default: the sheet whose header names the most fields
  std::optional<Mapping> mapping;   // default: the one remembered for this layout, else detection
};

// What a row's cells say that will not import (refusing) or that the user should know (warning).
struct CellNote {
  int column = -1; // 0-based column of the sheet; -1 = the row as a whole
  std::string message;
  bool refusing = true;
};

// Skipped: a row with one filled cell under the table (填表说明, 合计, 填表人): shown with why, not
// imported, and it does not hold up the import as a refused row does.
enum class RowAction { Create, Duplicate, Refused, Skipped };

struct PreviewRow {
  size_t sheetRow = 0; // 1-based, as the spreadsheet shows it
  RowAction action = RowAction::Create;
  std::vector<std::string> cells; // display text per column
  std::vector<CellNote> notes;
  core::Hazard hazard;     // what will be written (enterprise id set when applied)
  int firm = -1;           // index into Preview::firms (-1 when refused before matching)
  std::string firmName;    // the firm's name as this row writes it
  std::string key;         // identity (sheet_row.key)
  std::string duplicateOf; // Duplicate: "隐患编号 …" or "第 N 行"
  bool refused() const { return action == RowAction::Refused; }
  std::string reason() const; // the refusing notes joined, for the rejected-rows sheet
};

// A firm as the sheet names it (rows grouped by USCC, else by township and normalised name) and
// what it matched in the database.
struct FirmGroup {
  enum class Match { Existing, Similar, New };
  core::Enterprise firm;              // from the sheet's first row of the group
  std::vector<std::string> spellings; // every name the rows use, in row order
  std::vector<size_t> rows;           // indexes into Preview::rows
  Match match = Match::New;
  std::string existingId, existingName, matchedBy; // Existing/Similar
  // A person's answer where names are alike but not equal: true = all rows are one firm (the one
  // in the database, if any); false = one firm per spelling. Unset = not yet answered.
  std::optional<bool> sameFirm;
  // Names that differ only in brackets, widths or company form, without a USCC to settle it.
  bool variantNames() const { return firm.uscc.empty() && spellings.size() > 1; }
  bool needsAnswer() const { return (match == Match::Similar || variantNames()) && !sameFirm.has_value(); }
  // How many firms the import creates for this group, by the answer given.
  size_t firmsToCreate() const;
};

struct Preview {
  std::string fileName;
  Format format = Format::Csv;
  std::string encoding;
  std::vector<std::string> sheetNames;
  size_t sheetIndex = 0;
  Layout layout;
  std::map<std::string, std::string> defaults; // field key -> value used when no column gives it
  bool mappingRemembered = false;              // the layout's mapping came from an earlier import
  std::vector<PreviewRow> rows;
  std::vector<FirmGroup> firms;
  size_t counts[4] = {0, 0, 0, 0}; // rows by RowAction, kept by the check (rows do not change after)

  size_t count(RowAction a) const { return counts[static_cast<size_t>(a)]; }
  size_t newFirms() const;
  size_t firmsToConfirm() const;
  bool canApply(bool skipBad) const; // nothing unanswered, and no refused rows unless skipBad
};

// Reads the chosen sheet, lays it out (the mapping given, else remembered, else detected) and
// checks every row. Writes nothing.
Result<Preview> buildPreview(store::Store& store, const Book& book, const ImportOptions& options);
// Re-checks the rows after the user changed the layout's columns or defaults (answers to similar
// firms are kept where the same firm is still asked about).
Result<Preview> rebuildPreview(store::Store& store, const Book& book, const Preview& previous);

struct ImportSummary {
  size_t hazardsCreated = 0, enterprisesCreated = 0, enterprisesMatched = 0, duplicates = 0, refused = 0;
};
// Writes the rows to create in one transaction (refused rows only with skipBad; otherwise a
// refused row fails the whole import and nothing is written). Remembers the layout's mapping.
Result<ImportSummary> applyPreview(store::Store& store, const Preview& preview, const std::string& actor, bool skipBad);

// What a person is asked about a firm group that needs an answer (CLI text and the app's window).
std::string firmQuestion(const Preview& preview, const FirmGroup& group);

// The refused rows as a sheet: the original columns and a 不能导入的原因 column.
report::Table refusedRowsTable(const Preview& preview);
// The preview as text (CLI): layout, counts, firms to confirm, every refused row with its reasons,
// and up to maxRows rows to create.
std::string previewText(const Preview& preview, size_t maxRows);

// Mapping remembered per layout (settings key "sheet.mapping.<digest of the signature>").
std::optional<Mapping> rememberedMapping(store::Store& store, const std::string& signature);
Status rememberMapping(store::Store& store, const Layout& layout, const std::map<std::string, std::string>& defaults);

} // namespace hz::sheet
