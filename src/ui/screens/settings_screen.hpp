// 设置: office identity (name, division code, level, operators), dictionary maintenance (add,
// rename, retire/restore values; former names keep matching old records), the township list with
// division codes, the 统计与考评 settings (campaign period, 考评 weights and zones, 倒查 and
// 排查精度 thresholds) and the backup reminder interval shown in the status bar.
#pragma once
#include "report/report_config.hpp"
#include "store/store.hpp"
#include "ui/screen.hpp"
#include "ui/widgets/forms.hpp"

#include <string>
#include <vector>

namespace hz::ui {

class SettingsScreen final : public Screen {
public:
  const char* id() const override { return "settings"; }
  const char* title() const override { return "设置"; }
  void draw(AppContext& ctx) override;

private:
  // One dictionary being edited (the 字典维护 tab, or the township list).
  struct DictPanel {
    std::string kind;
    bool withCode = false; // townships: value = name, code = 9-digit division code
    std::vector<store::DictionaryEntry> entries;
    uint64_t loadedGeneration = ~0ull;
    std::string loadedKind;
    int64_t selectedId = 0;
    std::string newValue, newParent, newCode, renameTo;
    forms::Feedback feedback;
  };

  void drawOffice(AppContext& ctx);
  void drawDictionaries(AppContext& ctx);
  void drawTownships(AppContext& ctx);
  void drawBackup(AppContext& ctx);
  void drawKeys(AppContext& ctx);
  void drawReports(AppContext& ctx);
  void drawDictPanel(AppContext& ctx, DictPanel& p);
  void drawDictTable(AppContext& ctx, DictPanel& p);
  void drawDictEditor(AppContext& ctx, DictPanel& p);
  void loadOffice(AppContext& ctx);
  void saveOffice(AppContext& ctx);

  // office form
  bool m_officeLoaded = false;
  uint64_t m_officeGeneration = 0;
  core::Office m_officeStored; // as loaded, to tell whether the form was edited
  core::Office m_office;
  std::string m_operators; // "、"-separated
  std::string m_currentOperator;
  forms::Feedback m_officeFeedback;

  // 密钥与受信任单位
  std::string m_backupPass, m_backupPass2, m_restorePass;
  forms::Feedback m_keyFeedback;

  DictPanel m_dict, m_towns;
  // 统计与考评
  bool m_reportLoaded = false;
  report::ReportConfig m_report;
  std::string m_triggerWords; // "、"-separated
  forms::Feedback m_reportFeedback;
  // backup reminder
  bool m_backupLoaded = false;
  int m_backupDays = 7;
  std::string m_backupMessage;
};

} // namespace hz::ui
