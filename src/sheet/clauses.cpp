#include "sheet/clauses.hpp"

#include "sheet/mapping.hpp"

#include <string_view>

namespace hz::sheet {

namespace {

bool isArticleHeader(const std::string& h) {
  for (std::string_view n : {"条款号", "条款", "条目", "条", "编号", "序号", "条文", "条款编号", "项"})
    if (h == n) return true;
  return false;
}

bool isSummaryHeader(const std::string& h) {
  for (std::string_view n : {"内容", "条款内容", "内容摘要", "摘要", "判定情形", "情形", "重大事故隐患情形", "隐患情形",
                             "判定内容", "条文内容"})
    if (h == n) return true;
  return h.find("情形") != std::string::npos || h.find("内容") != std::string::npos;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) s.pop_back();
  size_t a = 0;
  while (a < s.size() && (s[a] == ' ' || s[a] == '\n' || s[a] == '\r' || s[a] == '\t')) ++a;
  return s.substr(a);
}

} // namespace

Result<std::vector<core::Clause>> readClauseList(const Book& book, const std::string& fileName) {
  for (const Sheet& sheet : book.sheets) {
    // The header: the first of the first 10 rows that names a summary column.
    int headerRow = -1, articleCol = -1, summaryCol = -1;
    for (size_t r = 0; r < sheet.rows.size() && r < 10 && headerRow < 0; ++r) {
      for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const std::string h = normaliseHeader(cellText(sheet.rows[r][c]));
        if (summaryCol < 0 && isSummaryHeader(h))
          summaryCol = static_cast<int>(c);
        else if (articleCol < 0 && isArticleHeader(h))
          articleCol = static_cast<int>(c);
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
          c.article = trimmed(cellText(row[articleCol]));
        if (static_cast<size_t>(summaryCol) < row.size()) c.summary = trimmed(cellText(row[summaryCol]));
      } else {
        // No header: the first two filled cells are article and summary (one cell: the summary).
        std::vector<std::string> filled;
        for (const auto& cell : row)
          if (!cell.empty() && !trimmed(cellText(cell)).empty()) filled.push_back(trimmed(cellText(cell)));
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
