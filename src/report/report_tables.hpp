// Every report as a Table (table.hpp): what 统计通报 exports (.xlsx, CSV), what the bulletin
// prints and what `hazard-ledger report` writes — one builder per report, used by all of them.
#pragma once
#include "report/assessment.hpp"
#include "report/injuries.hpp"
#include "report/lookback.hpp"
#include "report/table.hpp"
#include "store/queries.hpp"

#include <string>
#include <vector>

namespace hz::report {

// Per unit: 检查企业, 排查隐患, 重大隐患, 已整改, 整改率, 已销号, 逾期 — units with nothing in the
// period are left out; a 合计 row ends the table.
Table unitFiguresTable(const std::string& title, UnitKind kind, const std::vector<UnitFigures>& units);
// 排名, the unit, each indicator's score, 总分, 区域, 说明.
Table assessmentTable(const std::string& title, const Assessment& a);
// A list of hazards: 序号, 隐患编号, 企业名称, 隐患描述, 责任部门, 责任人, 整改期限, 挂牌督办.
// At most `limit` rows (0 = all).
Table hazardListTable(const std::string& title, const std::vector<HazardRef>& list, size_t limit = 0);
Table missedTable(const std::string& title, const std::vector<MissedCase>& cases);
Table unwatchedTable(const std::string& title, const std::vector<UnwatchedCase>& cases, size_t limit = 0);
Table precisionTable(const std::string& title, const std::vector<TownshipPrecision>& towns);
Table precisionRowsTable(const std::string& title, const std::vector<PrecisionRow>& rows);
Table injuryTable(const std::string& title, const std::vector<InjuryRow>& rows, const char* unitColumn);

// The 明细表: the hazards matching `filter` with the column names of a real city ledger sheet
// (重大事故隐患排查及整改情况明细表), by number.
Result<Table> hazardSheet(store::Store& store, const store::HazardFilter& filter, const core::Date& today);
// The column names of hazardSheet(), in order.
const std::vector<std::string>& hazardSheetColumns();

} // namespace hz::report
