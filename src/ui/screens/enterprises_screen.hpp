// 企业库 (一企一档): the searchable enterprise list, the dossier of one enterprise (its fields,
// hazards, inspections and history) and the create/edit form with USCC validation and warnings
// about an existing USCC or a very similar name. Form helpers live in enterprises_form.cpp.
#pragma once
#include "core/model.hpp"
#include "store/queries.hpp"
#include "ui/screen.hpp"
#include "ui/widgets/forms.hpp"

#include <string>
#include <vector>

namespace hz::ui {

class EnterprisesScreen final : public Screen {
public:
  const char* id() const override { return "enterprises"; }
  const char* title() const override { return "企业库"; }
  void draw(AppContext& ctx) override;

private:
  enum class Mode { List, Dossier, Form };

  // list (enterprises_screen.cpp)
  void reload(AppContext& ctx);
  void applyFilter(AppContext& ctx);
  void drawList(AppContext& ctx);
  // dossier (enterprises_dossier.cpp)
  void openDossier(AppContext& ctx, const std::string& id);
  void drawDossier(AppContext& ctx);
  void drawDossierFields(AppContext& ctx);
  void drawDossierHazards(AppContext& ctx);
  void drawDossierInspections(AppContext& ctx);
  void drawDossierHistory(AppContext& ctx);
  // form (enterprises_form.cpp)
  void startForm(AppContext& ctx, const core::Enterprise* existing);
  void drawForm(AppContext& ctx);
  void checkUsccLive(AppContext& ctx);
  void checkNameLive(AppContext& ctx);
  bool saveForm(AppContext& ctx);

  Mode m_mode = Mode::List;
  model::StampWatch m_watch; // reload when the data changed

  // list
  std::vector<core::Enterprise> m_all;
  std::vector<size_t> m_rows; // indices into m_all matching the filter
  std::string m_search, m_townFilter, m_industryFilter;
  bool m_showRetired = false;
  bool m_filterDirty = true;

  // dossier
  std::string m_openId;
  store::EnterpriseDossier m_dossier;
  bool m_dossierLoaded = false;
  std::string m_dossierError;

  // form
  core::Enterprise m_form;
  bool m_formIsNew = true;
  forms::Feedback m_formFeedback;
  std::string m_usccError, m_usccWarning;
  std::vector<core::Enterprise> m_usccDuplicates;
  std::vector<core::Enterprise> m_similarNames;
  bool m_confirmDuplicate = false;
  std::string m_checkedUscc, m_checkedName; // inputs the live checks last ran on
};

} // namespace hz::ui
