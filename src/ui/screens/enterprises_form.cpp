// EnterprisesScreen, form part: create and edit an enterprise. The USCC is normalised and checked
// as it is typed (message inline, organisation-code problems as a warning); an existing USCC needs
// an explicit confirmation, and a very similar existing name is pointed out.
#include "ui/screens/enterprises_screen.hpp"

#include "core/text.hpp"
#include "core/validation.hpp"
#include "store/store.hpp"
#include "ui/catalog.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/fields.hpp"
#include "ui/widgets/forms.hpp"

#include <imgui.h>

namespace hz::ui {

// [SECTION] Form

void EnterprisesScreen::startForm(AppContext&, const core::Enterprise* existing) {
  m_formIsNew = existing == nullptr;
  m_form = existing ? *existing : core::Enterprise{};
  m_formFeedback.clear();
  m_usccError.clear();
  m_usccWarning.clear();
  m_usccDuplicates.clear();
  m_similarNames.clear();
  m_confirmDuplicate = false;
  m_checkedUscc = "\x01"; // force the live checks to run once
  m_checkedName = "\x01";
  m_mode = Mode::Form;
}

void EnterprisesScreen::checkUsccLive(AppContext& ctx) {
  if (m_form.uscc == m_checkedUscc) return;
  m_checkedUscc = m_form.uscc;
  m_formFeedback.clearField("uscc"); // stale after an edit
  m_usccError.clear();
  m_usccWarning.clear();
  m_usccDuplicates.clear();
  m_confirmDuplicate = false;
  if (m_form.uscc.empty()) return;
  const core::UsccCheck c = core::checkUscc(m_form.uscc);
  if (!c.valid) {
    m_usccError = "统一社会信用代码：" + c.error;
    return;
  }
  if (!c.orgCodeWarning.empty()) m_usccWarning = "提示：" + c.orgCodeWarning + "（仍可保存，请核对）";
  if (auto found = ctx.store.findEnterprisesByUscc(m_form.uscc)) {
    for (auto& e : found.value())
      if (e.meta.id != m_form.meta.id) m_usccDuplicates.push_back(std::move(e));
  }
}

void EnterprisesScreen::checkNameLive(AppContext&) {
  if (m_form.name == m_checkedName) return;
  m_checkedName = m_form.name;
  m_formFeedback.clearField("name");
  m_similarNames.clear();
  if (core::utf8Length(m_form.name) < 2) return;
  for (const auto& e : m_all) {
    if (e.meta.id == m_form.meta.id || !core::similarEnterpriseNames(e.name, m_form.name)) continue;
    m_similarNames.push_back(e);
    if (m_similarNames.size() >= 5) break;
  }
}

void EnterprisesScreen::drawForm(AppContext& ctx) {
  const float em = ctx.em();
  theme::heading(m_formIsNew ? "新增企业" : "编辑企业信息");
  forms::beginBody("##ent_form", 48);
  if (fields::beginForm("##ent_fields", em * 8.5f)) {
    fields::row("企业类型", true);
    int kind = static_cast<int>(m_form.kind);
    const core::EnterpriseKind kinds[] = {core::EnterpriseKind::Firm, core::EnterpriseKind::IndividualBusiness,
                                          core::EnterpriseKind::FishingVessel,
                                          core::EnterpriseKind::ConstructionProject, core::EnterpriseKind::Other};
    for (int i = 0; i < 5; ++i) {
      if (i) ImGui::SameLine();
      if (ImGui::RadioButton(core::toChinese(kinds[i]), &kind, static_cast<int>(kinds[i]))) m_form.kind = kinds[i];
    }
    const bool vessel = m_form.kind == core::EnterpriseKind::FishingVessel;
    fields::text(vessel ? "船名" : "企业名称", m_form.name, "营业执照上的全称", true);
    checkNameLive(ctx);
    m_formFeedback.fieldError("name");
    for (const auto& e : m_similarNames)
      fields::notice("注意：已有名称相近的企业“" + e.name + "”（" + (e.uscc.empty() ? "无信用代码" : e.uscc) +
                         "），请确认不是同一家，避免重复建档",
                     theme::warning());

    const bool usccRequired = m_form.kind == core::EnterpriseKind::Firm;
    if (fields::text("统一社会信用代码", m_form.uscc, "18位，如 91350100M000100Y43", usccRequired)) {
      m_form.uscc = core::normalizeUscc(m_form.uscc);
    }
    const bool usccActive = ImGui::IsItemActive();
    checkUsccLive(ctx);
    // While typing, only complain once 18 characters are in (or when the field is left).
    if (!m_usccError.empty() && (!usccActive || m_form.uscc.size() >= 18))
      fields::notice(m_usccError, theme::danger());
    else if (m_usccError.empty())
      m_formFeedback.fieldError("uscc");
    fields::notice(m_usccWarning, theme::warning());
    for (const auto& e : m_usccDuplicates)
      fields::notice("该统一社会信用代码已存在：“" + e.name + "”。同一代码通常是同一家企业，请勿重复建档",
                     theme::warning());
    if (!m_usccDuplicates.empty()) ImGui::Checkbox("确认不是重复企业，仍要保存", &m_confirmDuplicate);

    std::string town = ctx.catalog.townshipLabel(m_form.divisionCode);
    if (fields::combo("乡镇街道", town, ctx.catalog.townshipLabels(), true))
      m_form.divisionCode = ctx.catalog.codeOfTownshipLabel(town);
    m_formFeedback.fieldError("division_code");
    fields::combo("行业领域", m_form.industry, ctx.catalog.values("industry"));
    fields::combo("场所类型", m_form.placeType, ctx.catalog.values("place_type"));
    fields::text("单位地址", m_form.address);
    fields::text("单位负责人", m_form.principal);
    fields::text("联系电话", m_form.contact);
    if (vessel) {
      fields::text("船籍港", m_form.vesselPort);
      fields::text("船舶登记号", m_form.vesselRegNo);
      m_formFeedback.fieldError("vessel_reg_no");
    }
    fields::multiline("备注", m_form.notes, 2.0f);
    if (!m_formIsNew) fields::check("已注销/停业", m_form.retired);
    fields::endForm();
  }
  const bool ro = ctx.model.readOnly();
  const bool unconfirmed = !m_usccDuplicates.empty() && !m_confirmDuplicate;
  const forms::Action action =
      forms::endBody(m_formFeedback, m_formIsNew ? "保存企业" : "保存修改", !ro && !unconfirmed);
  if (action == forms::Action::Save) saveForm(ctx);
  if (action == forms::Action::Cancel) m_mode = m_formIsNew ? Mode::List : Mode::Dossier;
  if (ro) {
    ImGui::SameLine();
    ImGui::TextColored(theme::mutedText(), "只读模式：另一个窗口正在编辑本数据库，不能保存。");
  } else if (!m_usccDuplicates.empty() && !m_confirmDuplicate) { // re-read: a save may have run
    ImGui::SameLine();
    ImGui::TextColored(theme::warning(), "统一社会信用代码重复：请先确认后再保存");
  }
}

bool EnterprisesScreen::saveForm(AppContext& ctx) {
  m_form.uscc = core::normalizeUscc(m_form.uscc);
  const bool confirmed = m_confirmDuplicate;
  m_checkedUscc = "\x01";
  checkUsccLive(ctx); // the store may have changed since the last check
  m_confirmDuplicate = confirmed;
  if (!m_formFeedback.accept(core::validate(m_form), !m_usccError.empty())) return false;
  if (!m_usccDuplicates.empty() && !m_confirmDuplicate) return false;
  auto r = m_formIsNew ? ctx.store.createEnterprise(m_form, ctx.model.operatorName())
                       : ctx.store.updateEnterprise(m_form, ctx.model.operatorName());
  if (!r) return m_formFeedback.refuse(r.error());
  m_formFeedback.clearMessage();
  openDossier(ctx, r.value().meta.id);
  return true;
}

} // namespace hz::ui
