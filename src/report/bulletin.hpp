// The periodic bulletin (定期通报) in the form offices issue it: title and 文号 line, 一、总体情况 as
// prose with the figures filled in, tables by township and by department and industry, the named
// lists (逾期 and 挂牌督办 major hazards, 倒查), 排查精度 findings, the 考评 ranking with zones,
// 工伤 year over year and the editable 下步工作要求.
//
// One content path for every form: buildBulletin() gathers the figures (all from the statistics
// engine of this folder), bulletinDocument() lays them out as a Document (docx.hpp), and that
// one Document becomes the .docx (toDocx) and the printable HTML page (documentHtml). Bulletins
// issued are kept in the bulletin table (period, date, figures) so the next one can say what
// changed; the draft being edited is kept in the settings.
#pragma once
#include "report/assessment.hpp"
#include "report/docx.hpp"
#include "report/injuries.hpp"
#include "report/lookback.hpp"
#include "report/report_config.hpp"
#include "report/stats.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hz::report {

// [SECTION] What the user edits
struct BulletinDraft {
  Period period;
  std::string title;     // "" = defaultBulletinTitle()
  std::string number;    // 文号 line, e.g. "玄安委办〔2026〕12号"; "" = none
  std::string date;      // 成文日期 YYYY-MM-DD; "" = today
  std::string nextSteps; // 下步工作要求: one paragraph per line
  bool operator==(const BulletinDraft&) const = default;
};
std::string defaultBulletinTitle(const Period& p); // 关于2026年1—4月重大事故隐患专项排查整治情况的通报
// The 下步工作要求 a new draft starts with (the office edits it).
std::string defaultNextSteps();

inline constexpr const char* kBulletinDraftKey = "bulletin.draft";
Result<BulletinDraft> loadBulletinDraft(store::Store& store); // an empty draft when none is saved
Status saveBulletinDraft(store::Store& store, const BulletinDraft& d);

// [SECTION] Issued bulletins
struct IssuedBulletin {
  std::string id, issuedAt, number, title, nextSteps;
  Period period;
  nlohmann::json figures; // bulletinFigures() as issued
};
Result<std::vector<IssuedBulletin>> listBulletins(store::Store& store); // newest first
// The last bulletin issued for a period ending before `p` ends (the one to compare with).
Result<std::optional<IssuedBulletin>> previousBulletin(store::Store& store, const Period& p);

// [SECTION] The bulletin's content
struct Bulletin {
  BulletinDraft draft;
  std::string issuer; // the office's name
  std::string area;   // 全市 / 全区 / the township's name: who the figures are about
  core::Date today;
  PeriodComparison stats;
  std::vector<UnitFigures> townships, departments;
  Assessment assessment; // townships
  Lookback lookback;
  InjuryComparison injuries;
  std::vector<HazardRef> overdueMajor; // overdue major hazards (found up to the period's end)
  std::vector<HazardRef> supervised;   // 挂牌督办 major hazards not yet 已销号
  std::optional<IssuedBulletin> previous;
};
Result<Bulletin> buildBulletin(store::Store& store, const BulletinDraft& draft, const core::Date& today,
                               const ReportConfig& config);

// The figures kept with an issued bulletin and compared by the next one.
nlohmann::json bulletinFigures(const Bulletin& b);
// 一、总体情况 as sentences.
std::string overviewText(const Bulletin& b);
Document bulletinDocument(const Bulletin& b);

// Records the bulletin as issued (the draft's period, number, title and 下步工作要求, and its
// figures) and returns the record.
Result<IssuedBulletin> issueBulletin(store::Store& store, const Bulletin& b, const std::string& now);

// [SECTION] Printable HTML
// A self-contained A4 page (no outside resources): official-document fonts with common
// fallbacks, tables that break across pages with their header repeated, a print button hidden
// when printing.
std::string documentHtml(const Document& d);

} // namespace hz::report
