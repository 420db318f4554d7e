// The one list of screens, in the navigation order of DESIGN.md. Screens never include each other.
#include "ui/app_ui.hpp"
#include "ui/screens/dashboard_screen.hpp"
#include "ui/screens/ledger_screen.hpp"
#include "ui/screens/placeholder_screen.hpp"

namespace hz::ui {

std::vector<std::unique_ptr<Screen>> createScreens() {
  std::vector<std::unique_ptr<Screen>> s;
  auto add = [&](const char* id, const char* title, const char* purpose, std::vector<const char*> planned) {
    s.push_back(std::make_unique<PlaceholderScreen>(id, title, purpose, std::move(planned)));
  };
  s.push_back(std::make_unique<DashboardScreen>());
  s.push_back(std::make_unique<LedgerScreen>());
  add("enterprises", "企业库", "一企一档：企业及其全部隐患与检查记录。",
      {"统一社会信用代码校验与重复提示", "企业档案：隐患、检查、变更历史"});
  add("inspections", "检查记录", "记录每次检查（四不两直、明查暗访、联合执法等）。",
      {"登记检查时间、方式、部门、检查人", "在检查记录中直接登记发现的隐患"});
  add("reports", "统计通报", "定期通报与考评排名。", {"按期生成通报", "红区、蓝区排名", "同比、环比"});
  add("standards", "判定标准", "重大事故隐患判定标准与条款库。", {"按行业查看判定标准及条款", "新增、修订标准与条款"});
  add("injuries", "工伤事件", "工伤与事故事件登记。", {"登记事件日期、企业、伤亡人数", "按乡镇、行业统计"});
  add("exchange", "数据交换", "与上下级单位交换台账文件。",
      {"导出台账文件（JSON）", "导入并合并下级单位台账", "冲突列表与处理"});
  add("settings", "设置", "本单位信息与字典维护。", {"单位名称、区划代码、级别、操作人员", "字典维护", "备份提醒"});
  return s;
}

} // namespace hz::ui
