#include "sheet/clauses.hpp"

#include "sheet/mapping.hpp"

#include <iterator>
#include <string_view>

namespace hz::sheet {

namespace {

// How well a header names the article column: the lower the better, -1 when it does not.
int articleRank(const std::string& h) {
  static const std::string_view names[] = {"条款号", "条款编号", "条款", "条目", "条文", "条", "项", "编号", "序号"};
  for (size_t i = 0; i < std::size(names); ++i)
    if (h == names[i]) return static_cast<int>(i);
  return -1;
}

bool isSummaryHeader(const std::string& h) {
  for (std::string_view n : {"内容", "条款内容", "内容摘要", "摘要", "判定情形", "情形", "重大事故隐患情形", "隐患情形",
                             "判定内容", "条文内容"})
    if (h == n) return true;
  return h.find("情形") != std::string::npos || h.find("内容") != std::string::npos;
}

} // namespace

Result<std::vector<core::Clause>> readClauseList(const Book& book, const std::string& fileName) {
  for (const Sheet& sheet : book.sheets) {
    // The header: the first of the first 10 rows that names a summary column.
    int headerRow = -1, articleCol = -1, summaryCol = -1;
    for (size_t r = 0; r < sheet.rows.size() && r < 10 && headerRow < 0; ++r) {
      int bestRank = -1;
      for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const std::string h = normaliseHeader(cellText(sheet.rows[r][c]));
        const int rank = articleRank(h);
        if (summaryCol < 0 && isSummaryHeader(h)) {
          summaryCol = static_cast<int>(c);
        } else if (rank >= 0 && (bestRank < 0 || rank < bestRank)) {
          articleCol = static_cast<int>(c); // 条款号 over 序号
          bestRank = rank;
        }
      }
      if (summaryCol >= 0)
        headerRow = static_cast<int>(r);
      else
        articleCol = -1;
    }
    std::vector<core::Clause> out;
    for (size_t r = static_cast<size_t>(headerRow + 1); r < sheet.rows.size(); ++r) {
      const auto& row = sheet.rows[r];
      core::Clause c;
      if (headerRow >= 0) {
        if (articleCol >= 0 && static_cast<size_t>(articleCol) < row.size())
          c.article = trimText(cellText(row[articleCol]));
        if (static_cast<size_t>(summaryCol) < row.size()) c.summary = trimText(cellText(row[summaryCol]));
      } else {
        // No header: the first two filled cells are article and summary (one cell: the summary).
        std::vector<std::string> filled;
        for (const auto& cell : row)
          if (!cell.empty() && !trimText(cellText(cell)).empty()) filled.push_back(trimText(cellText(cell)));
        if (filled.size() == 1) c.summary = filled[0];
        if (filled.size() >= 2) c.article = filled[0], c.summary = filled[1];
      }
      if (c.article.empty() && c.summary.empty()) continue;
      out.push_back(std::move(c));
    }
    if (!out.empty()) return out;
  }
  return Error::make(ErrorCode::Format,
                     fileName + "：没有找到条款。表中应有“条款号”和“内容”两列（或第一列条款号、第二列内容）");
}

} // namespace hz::sheet
