// A standard's clause list from a sheet (判定标准 → 从表格导入条款): one clause per row, the
// article (条款号) and its summary (内容), found by their headers or, without a header, as the
// first two filled columns.
#pragma once
#include "core/model.hpp"
#include "core/result.hpp"
#include "sheet/reader.hpp"

#include <vector>

namespace hz::sheet {

Result<std::vector<core::Clause>> readClauseList(const Book& book, const std::string& fileName);

} // namespace hz::sheet
