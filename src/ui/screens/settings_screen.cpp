// SettingsScreen: tabs for the office identity, dictionaries, townships and the backup reminder.
// Changes go through the store's commands (setOffice, add/rename/retireDictionaryEntry, setSetting).
#include "ui/screens/settings_screen.hpp"

#include "core/text.hpp"
#include "core/validation.hpp"
#include "ui/format.hpp"
#include "ui/test_probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"
#include "ui/widgets/lists.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace hz::ui {

namespace {
struct KindName {
  const char* kind;
  const char* name;
};
const KindName kKinds[] = {
    {"industry", "行业领域"},
    {"place_type", "场所类型"},
    {"source", "隐患来源"},
    {"method", "检查方式"},
    {"hazard_category", "隐患分类"},
    {"department", "部门"},
    {"supervision_level", "挂牌督办级别"},
    {"enterprise_level", "企业层级"},
};

std::string kindName(const std::string& kind) {
  for (const auto& k : kKinds)
    if (kind == k.kind) return k.name;
  return kind;
}

} // namespace

void SettingsScreen::draw(AppContext& ctx) {
  theme::heading("设置");
  if (ctx.model.readOnly()) fields::help("只读模式：另一个窗口正在编辑本数据库，这里的设置只能查看，不能修改。");
  if (!ImGui::BeginTabBar("##settings_tabs")) return;
  if (ImGui::BeginTabItem("本单位信息")) {
    drawOffice(ctx);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("字典维护")) {
    drawDictionaries(ctx);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("乡镇街道")) {
    drawTownships(ctx);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("统计与考评")) {
    drawReports(ctx);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("备份提醒")) {
    drawBackup(ctx);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("密钥与受信任单位")) {
    drawKeys(ctx);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

// [SECTION] Office identity

void SettingsScreen::loadOffice(AppContext& ctx) {
  m_officeLoaded = true;
  m_officeGeneration = ctx.model.stamp();
  m_office = m_officeStored = ctx.store.office();
  m_operators = core::joinNames(m_office.operators);
  m_currentOperator = m_office.operators.empty() ? std::string() : m_office.operators.front();
  m_officeFeedback.clearFields();
}

void SettingsScreen::saveOffice(AppContext& ctx) {
  core::Office o = m_office;
  o.operators = core::splitNames(m_operators);
  // The current operator goes first: the app records history under the first name.
  if (auto s = ctx.model.saveOffice(o, m_currentOperator); !s) {
    m_officeFeedback.refuse(s.error());
    return;
  }
  loadOffice(ctx);
  m_officeFeedback.succeed("本单位信息已保存。");
}

void SettingsScreen::drawOffice(AppContext& ctx) {
  // Re-read after outside changes (an import, the first-run wizard) unless the form was edited.
  const bool edited = m_office.name != m_officeStored.name || m_office.divisionCode != m_officeStored.divisionCode ||
                      m_office.level != m_officeStored.level ||
                      m_operators != core::joinNames(m_officeStored.operators);
  if (!m_officeLoaded || (!edited && m_officeGeneration != ctx.model.stamp())) loadOffice(ctx);
  const float em = ctx.em();
  ImGui::BeginChild("##office", ImVec2(std::min(ImGui::GetContentRegionAvail().x, em * 44), 0));
  if (fields::beginForm("##office_form", em * 7.5f)) {
    fields::text("单位名称", m_office.name, "如：玄武区孝陵卫街道安委办", true);
    m_officeFeedback.fieldError("name");
    fields::text("行政区划代码", m_office.divisionCode, "6位县区、9位乡镇街道或12位村居代码", true);
    const bool codeActive = ImGui::IsItemActive();
    if (!m_office.divisionCode.empty() && !codeActive) {
      const core::DivisionCheck dc = core::checkDivisionCode(m_office.divisionCode);
      if (dc.level == core::DivisionLevel::Invalid) fields::notice("行政区划代码：" + dc.error, theme::danger());
    } else {
      m_officeFeedback.fieldError("division_code");
    }
    fields::row("单位级别", true);
    int level = static_cast<int>(m_office.level);
    const core::OfficeLevel levels[] = {core::OfficeLevel::Township, core::OfficeLevel::County,
                                        core::OfficeLevel::City};
    for (int i = 0; i < 3; ++i) {
      if (i) ImGui::SameLine();
      if (ImGui::RadioButton(core::toChinese(levels[i]), &level, i)) m_office.level = levels[i];
    }
    fields::text("操作人员", m_operators, "多人用顿号分隔，如：王明、李强");
    m_officeFeedback.fieldError("operators");
    std::vector<std::string> names = core::splitNames(m_operators);
    if (std::find(names.begin(), names.end(), m_currentOperator) == names.end())
      m_currentOperator = names.empty() ? std::string() : names.front();
    fields::combo("当前操作人", m_currentOperator, names, false, false);
    fields::row("");
    fields::help("历史记录中的“操作人”为当前操作人；验收人不能与整改上报人相同。");
    fields::endForm();
  }
  ImGui::Spacing();
  ImGui::BeginDisabled(ctx.model.readOnly());
  if (ImGui::Button("保存单位信息")) saveOffice(ctx);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("撤销修改")) {
    loadOffice(ctx);
    m_officeFeedback.clearMessage();
  }
  m_officeFeedback.message();
  ImGui::Spacing();
  ImGui::TextColored(theme::mutedText(), "单位标识：%s（交换台账时用于识别本单位，不可修改）", m_office.id.c_str());
  ImGui::EndChild();
}

// [SECTION] Dictionaries and townships

void SettingsScreen::drawDictionaries(AppContext& ctx) {
  if (m_dict.kind.empty()) m_dict.kind = "industry";
  std::vector<std::string> kinds;
  if (auto k = ctx.store.dictionaryKinds())
    for (const auto& kind : k.value())
      if (kind != store::kDictTownship) kinds.push_back(kind);
  for (const auto& k : kKinds)
    if (std::find(kinds.begin(), kinds.end(), k.kind) == kinds.end()) kinds.push_back(k.kind);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("字典类别");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ctx.em() * 10);
  TestProbe::instance().setNextLabel("字典类别");
  const std::string preview = kindName(m_dict.kind);
  if (ImGui::BeginCombo("##dict_kind", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const auto& k : kinds) {
      const std::string name = kindName(k);
      if (ImGui::Selectable(name.c_str(), k == m_dict.kind)) {
        m_dict.kind = k;
        m_dict.selectedId = 0;
        m_dict.feedback.clearMessage();
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextColored(theme::mutedText(),
                     "改名后，旧名称作为曾用名保留，已有记录照常可查；停用的项不再出现在选择列表中。");
  drawDictPanel(ctx, m_dict);
}

void SettingsScreen::drawTownships(AppContext& ctx) {
  m_towns.kind = store::kDictTownship;
  m_towns.withCode = true;
  ImGui::TextColored(theme::mutedText(),
                     "乡镇街道名单用于隐患、企业的归属和统计。区划代码为9位（GB/T 10114），改名不改变代码。");
  drawDictPanel(ctx, m_towns);
}

void SettingsScreen::drawDictPanel(AppContext& ctx, DictPanel& p) {
  if (p.loadedGeneration != ctx.model.stamp() || p.loadedKind != p.kind) {
    p.loadedGeneration = ctx.model.stamp();
    p.loadedKind = p.kind;
    p.entries.clear();
    if (auto d = ctx.store.dictionary(p.kind, true)) p.entries = std::move(d.value());
    if (p.withCode)
      std::stable_sort(p.entries.begin(), p.entries.end(), [](auto& a, auto& b) { return a.code < b.code; });
  }
  const float em = ctx.em();
  const float rightW = std::min(em * 22, ImGui::GetContentRegionAvail().x * 0.4f);
  ImGui::BeginChild("##dict_list", ImVec2(-rightW - ImGui::GetStyle().ItemSpacing.x, 0));
  drawDictTable(ctx, p);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##dict_edit", ImVec2(0, 0));
  drawDictEditor(ctx, p);
  ImGui::EndChild();
}

void SettingsScreen::drawDictTable(AppContext&, DictPanel& p) {
  if (!lists::beginTable("##dict_table", {lists::stretch(p.withCode ? "乡镇街道" : "名称", 1.5f),
                                          lists::fixed(p.withCode ? "区划代码" : "上级", 6.5f),
                                          lists::stretch("曾用名", 1.5f), lists::fixed("状态", 3.5f)}))
    return;
  for (const auto& e : p.entries) {
    if (e.retired) ImGui::PushStyleColor(ImGuiCol_Text, theme::mutedText());
    if (lists::selectableRow(std::to_string(e.id), e.value.c_str(), e.id == p.selectedId)) {
      p.selectedId = e.id;
      p.renameTo = e.value;
      p.feedback.clearMessage();
    }
    if (e.retired) ImGui::PopStyleColor();
    lists::cell(p.withCode ? e.code.c_str() : (e.parent.empty() ? "—" : e.parent.c_str()));
    std::string aliases;
    for (const auto& a : e.aliases) aliases += (aliases.empty() ? "" : "、") + a;
    lists::wrappedCell(aliases.empty() ? "—" : aliases.c_str());
    ImGui::TableNextColumn();
    if (e.retired)
      ImGui::TextColored(theme::warning(), "已停用");
    else
      ImGui::TextUnformatted("在用");
  }
  ImGui::EndTable();
}

void SettingsScreen::drawDictEditor(AppContext& ctx, DictPanel& p) {
  const bool ro = ctx.model.readOnly();
  const std::string actor = ctx.model.operatorName();
  ImGui::SeparatorText(p.withCode ? "新增乡镇街道" : "新增字典项");
  if (fields::beginForm("##dict_add", ctx.em() * 5.5f)) {
    fields::text(p.withCode ? "乡镇街道名称" : "新字典项", p.newValue);
    if (p.withCode) {
      fields::text("区划代码", p.newCode, "9位，如 320102003");
    } else {
      std::vector<std::string> parents;
      for (const auto& e : p.entries)
        if (e.parent.empty() && !e.retired) parents.push_back(e.value);
      fields::combo("上级项", p.newParent, parents);
    }
    fields::endForm();
  }
  ImGui::BeginDisabled(ro);
  if (ImGui::Button(p.withCode ? "添加乡镇街道" : "添加字典项")) {
    std::string value = p.newValue;
    while (!value.empty() && value.back() == ' ') value.pop_back();
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    // A child is stored as "上级/下级", like the seeded ones; the store checks the name and code.
    if (!p.withCode && !p.newParent.empty()) value = p.newParent + "/" + value;
    if (auto r = ctx.store.addDictionaryEntry(p.kind, value, p.withCode ? "" : p.newParent, p.withCode ? p.newCode : "",
                                              actor);
        !r) {
      p.feedback.fail(r.error().message);
    } else {
      p.feedback.succeed("已添加“" + value + "”");
      p.selectedId = r.value().id;
      p.renameTo = value;
      p.newValue.clear();
      p.newCode.clear();
    }
  }
  ImGui::EndDisabled();
  if (p.withCode && !p.newCode.empty()) {
    const std::string office = ctx.store.office().divisionCode;
    if (office.size() >= 6 && p.newCode.rfind(office.substr(0, 6), 0) != 0)
      fields::help(("提示：该代码不在本单位所在县区（" + office.substr(0, 6) + "）内。").c_str());
  }

  auto sel = std::find_if(p.entries.begin(), p.entries.end(), [&](auto& e) { return e.id == p.selectedId; });
  ImGui::Spacing();
  ImGui::SeparatorText("修改选中项");
  if (sel == p.entries.end()) {
    fields::help("在左侧列表中点一项，可改名、停用或恢复使用。");
  } else {
    ImGui::TextWrapped("选中：%s%s", sel->value.c_str(), sel->retired ? "（已停用）" : "");
    if (fields::beginForm("##dict_rename", ctx.em() * 5.5f)) {
      fields::text("改名为", p.renameTo);
      fields::endForm();
    }
    ImGui::BeginDisabled(ro || p.renameTo.empty() || p.renameTo == sel->value);
    if (ImGui::Button("改名")) {
      // A child keeps its "上级/" prefix; only its own part may be renamed.
      const std::string prefix = sel->parent.empty() ? std::string() : sel->parent + "/";
      std::string target = p.renameTo;
      if (!prefix.empty() && target.rfind(prefix, 0) == 0) target = target.substr(prefix.size());
      if (auto r = ctx.store.renameDictionaryEntry(sel->id, prefix + target, actor); !r) {
        p.feedback.fail(r.error().message);
      } else {
        p.feedback.succeed("已改名为“" + prefix + target + "”，旧名称作为曾用名保留");
        p.renameTo = prefix + target;
      }
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(ro);
    const bool retired = sel->retired;
    if (ImGui::Button(retired ? "恢复使用" : "停用")) {
      const std::string name = sel->value;
      if (auto r = ctx.store.retireDictionaryEntry(sel->id, !retired, actor); !r) {
        p.feedback.fail(r.error().message);
      } else {
        p.feedback.succeed(retired ? "已恢复使用“" + name + "”" : "已停用“" + name + "”，已有记录不受影响");
      }
    }
    ImGui::EndDisabled();
  }
  ImGui::Spacing();
  p.feedback.message();
}

// [SECTION] Backup reminder

void SettingsScreen::drawBackup(AppContext& ctx) {
  if (!m_backupLoaded) {
    m_backupLoaded = true;
    m_backupDays = model::backupReminderDays(ctx.store);
  }
  const model::BackupReminder& r = ctx.model.backupReminder();
  const float em = ctx.em();
  ImGui::BeginChild("##backup", ImVec2(std::min(ImGui::GetContentRegionAvail().x, em * 44), 0));
  fields::help("浏览器中的数据可能因清理浏览器数据、重装系统而丢失。请定期在“数据交换”中导出台账文件，"
               "保存到U盘或其他电脑。超过设定天数未导出时，底部状态栏会提醒。");
  ImGui::Spacing();
  const std::string& last = ctx.model.lastExportAt();
  const std::string lastText = last.empty() ? "从未导出" : localTime(last);
  ImGui::Text("上次导出：%s", lastText.c_str());
  if (!r.text.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(r.due ? theme::warning() : theme::success(), "（%s）", r.text.c_str());
  }
  if (fields::beginForm("##backup_form", em * 9.0f)) {
    fields::integer("提醒间隔（天）", m_backupDays);
    fields::row("");
    fields::help("填 0 表示不提醒。");
    fields::endForm();
  }
  ImGui::BeginDisabled(ctx.model.readOnly());
  if (ImGui::Button("保存提醒设置")) {
    m_backupDays = std::clamp(m_backupDays, 0, model::kMaxBackupDays);
    if (auto s = ctx.model.setBackupReminderDays(m_backupDays); !s) {
      m_backupMessage = s.error().message;
    } else {
      m_backupMessage =
          m_backupDays == 0 ? "已关闭备份提醒。" : "已保存：超过 " + std::to_string(m_backupDays) + " 天未导出时提醒。";
    }
  }
  ImGui::EndDisabled();
  fields::notice(m_backupMessage, theme::success());
  ImGui::EndChild();
}

// [SECTION] 密钥与受信任单位

void SettingsScreen::drawKeys(AppContext& ctx) {
  const float em = ctx.em();
  const bool ro = ctx.model.readOnly();
  ImGui::BeginChild("##keys");
  ImGui::SeparatorText("本单位密钥");
  fields::help("本单位导出的台账文件都带本单位的签名。收件单位第一次收到时会记下密钥指纹，"
               "以后若有人冒充本单位发送文件，对方会看到警告。对方来电核对时，请念出下面的指纹。");
  const std::string own = ctx.model.keyFingerprint();
  ImGui::Text("密钥指纹：");
  ImGui::SameLine();
  ImGui::PushFont(nullptr, theme::kBaseFontSize * 1.2f);
  ImGui::TextColored(theme::accent(), "%s", own.empty() ? "（尚未生成）" : own.c_str());
  TestProbe::instance().recordLastItem(own);
  ImGui::PopFont();
  m_keyFeedback.message();
  ImGui::Spacing();
  ImGui::BeginChild("##key_backup", ImVec2(std::min(ImGui::GetContentRegionAvail().x, em * 44), 0),
                    ImGuiChildFlags_AutoResizeY);
  ImGui::SeparatorText("备份密钥");
  fields::help("重装系统或换电脑后，用备份恢复本单位的密钥，收件单位就不会看到“密钥已更换”的警告。"
               "备份文件用口令加密，请另行记住口令；丢失口令则无法恢复。");
  if (fields::beginForm("##key_backup_form", em * 7.0f)) {
    fields::password("备份口令", m_backupPass, "至少 8 个字");
    fields::password("再输一次", m_backupPass2);
    fields::endForm();
  }
  if (ImGui::Button("下载密钥备份")) {
    if (m_backupPass != m_backupPass2) {
      m_keyFeedback.fail("两次输入的口令不一致");
    } else if (auto st = ctx.model.downloadKeyBackup(m_backupPass); !st) {
      m_keyFeedback.fail(st.error().message);
    } else {
      m_backupPass.clear();
      m_backupPass2.clear();
      m_keyFeedback.succeed("已下载密钥备份，请保存到U盘等安全的地方");
    }
  }
  ImGui::SeparatorText("从备份恢复密钥");
  ImGui::BeginDisabled(ro);
  if (ImGui::Button("选择密钥备份文件")) ctx.model.requestKeyBackupFile();
  ImGui::EndDisabled();
  if (!ctx.model.keyBackupFileName().empty()) {
    ImGui::SameLine();
    ImGui::TextUnformatted(("已选择：" + ctx.model.keyBackupFileName()).c_str());
    if (fields::beginForm("##key_restore_form", em * 7.0f)) {
      fields::password("备份的口令", m_restorePass);
      fields::endForm();
    }
    ImGui::BeginDisabled(ro);
    if (ImGui::Button("恢复密钥")) {
      if (auto st = ctx.model.restoreKey(m_restorePass); !st) {
        m_keyFeedback.fail(st.error().message);
      } else {
        m_restorePass.clear();
        m_keyFeedback.succeed("已恢复本单位密钥，指纹 " + ctx.model.keyFingerprint());
      }
    }
    ImGui::EndDisabled();
  }
  ImGui::EndChild();

  ImGui::SeparatorText("受信任单位");
  fields::help("收到某单位的第一个签名文件时记下其密钥。以后该单位的文件若换了密钥，导入时会警告，"
               "须电话核对新指纹后才能接受。");
  const auto offices = ctx.model.trustedOffices();
  if (offices.empty()) {
    fields::help("尚未收到其他单位的签名文件。");
  } else if (lists::beginTable("##trusted",
                               {lists::stretch("单位"), lists::fixed("密钥指纹", 24), lists::fixed("首次收到", 9),
                                lists::fixed("最近收到", 9), lists::fixed("更换密钥", 5)})) {
    for (const auto& o : offices) {
      ImGui::TableNextRow();
      lists::cell(o.officeName.empty() ? o.officeId : o.officeName + "（" + o.officeId + "）");
      lists::cell(o.fingerprint);
      TestProbe::instance().recordLastItem(o.fingerprint);
      lists::cell(localTime(o.firstSeen));
      lists::cell(localTime(o.lastSeen));
      lists::cell(o.keyChanges ? std::to_string(o.keyChanges) + " 次" : std::string("—"));
    }
    ImGui::EndTable();
  }
  const auto changes = ctx.model.keyChanges();
  if (!changes.empty()) {
    ImGui::SeparatorText("密钥变更记录");
    if (lists::beginTable("##key_changes",
                          {lists::fixed("时间", 9), lists::fixed("单位", 14), lists::stretch("原指纹"),
                           lists::stretch("新指纹"), lists::fixed("确认人", 6), lists::stretch("说明")})) {
      for (const auto& c : changes) {
        ImGui::TableNextRow();
        lists::cell(localTime(c.at));
        lists::cell(c.officeId);
        lists::cell(c.oldFingerprint);
        lists::cell(c.newFingerprint);
        lists::cell(c.actor);
        lists::cell(c.note);
      }
      ImGui::EndTable();
    }
  }
  ImGui::EndChild();
}

// [SECTION] 统计与考评

void SettingsScreen::drawReports(AppContext& ctx) {
  model::ReportsModel& reports = ctx.model.reports();
  if (!m_reportLoaded) {
    m_reportLoaded = true;
    m_report = reports.config();
    m_triggerWords = core::joinNames(m_report.triggerWords);
    m_reportFeedback.clear();
  }
  const float em = ctx.em();
  ImGui::BeginChild("##report_settings", ImVec2(std::min(ImGui::GetContentRegionAvail().x, em * 46), 0));
  bool edited = false;
  if (fields::beginForm("##report_form", em * 12.0f)) {
    edited |= fields::date("专项行动开始日期", m_report.campaignFrom);
    edited |= fields::date("专项行动结束日期", m_report.campaignTo);
    fields::row("");
    fields::help("“统计通报”中的“专项行动期间”按此统计；结束日期不填则到今天。");
    for (auto& w : m_report.indicators) {
      const std::string label = std::string("权重：") + report::indicatorName(w.id);
      edited |= fields::number(label.c_str(), w.weight, "%.0f");
    }
    fields::row("");
    fields::help("权重为0的指标不参与考评。各项得分0–100，按权重加权得总分。");
    edited |= fields::integer("逾期重大隐患每处扣分", m_report.overduePenalty);
    edited |= fields::integer("上报时限（天）", m_report.timelyDays);
    fields::row("分区方式");
    int mode = m_report.zones.mode == report::ZoneMode::ByRank ? 0 : 1;
    if (ImGui::RadioButton("按排名", &mode, 0)) edited = true;
    ImGui::SameLine();
    if (ImGui::RadioButton("按分数线", &mode, 1)) edited = true;
    m_report.zones.mode = mode == 0 ? report::ZoneMode::ByRank : report::ZoneMode::ByScore;
    if (mode == 0) {
      double red = m_report.zones.redShare * 100, blue = m_report.zones.blueShare * 100;
      edited |= fields::number("红区：排名后（%）", red, "%.0f");
      edited |= fields::number("蓝区：排名前（%）", blue, "%.0f");
      m_report.zones.redShare = red / 100;
      m_report.zones.blueShare = blue / 100;
    } else {
      edited |= fields::number("红区：总分低于", m_report.zones.redBelow, "%.1f");
      edited |= fields::number("蓝区：总分不低于", m_report.zones.blueFrom, "%.1f");
    }
    edited |= fields::integer("倒查时间窗（天）", m_report.lookbackDays);
    edited |= fields::text("倒查来源关键词", m_triggerWords, "用顿号分隔，如：上级、督导、举报、事故");
    edited |= fields::integer("描述字数下限", m_report.minDescriptionChars);
    edited |= fields::integer("隐患多而无重大：数量", m_report.manyHazardsNoMajor);
    edited |= fields::integer("疑似重复时间窗（天）", m_report.duplicateWindowDays);
    fields::endForm();
  }
  if (edited) m_reportFeedback.clear();
  ImGui::BeginDisabled(ctx.model.readOnly());
  if (ImGui::Button("保存统计与考评设置")) {
    m_report.triggerWords = core::splitNames(m_triggerWords);
    if (auto s = reports.saveConfig(m_report); !s)
      m_reportFeedback.fail(s.error().message);
    else
      m_reportFeedback.succeed("已保存，统计通报按新设置计算。");
  }
  ImGui::SameLine();
  if (ImGui::Button("恢复默认")) {
    m_report = report::ReportConfig::defaults();
    m_triggerWords = core::joinNames(m_report.triggerWords);
    m_reportFeedback.clear();
  }
  ImGui::EndDisabled();
  m_reportFeedback.message();
  ImGui::EndChild();
}

} // namespace hz::ui
