// The hazard window: create and edit a hazard (inline validation in Chinese next to each field),
// run workflow actions (only legal ones are shown; a refusal explains what is missing), and read
// its history timeline. One instance, owned by AppUi; screens ask for it through the Navigator.
#pragma once
#include "core/model.hpp"
#include "core/result.hpp"
#include "core/workflow.hpp"
#include "ui/app_context.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hz::ui {

class HazardEditor {
public:
  void open(const std::string& id);         // edit an existing hazard
  void create(const core::Hazard& prefill); // a new hazard (number assigned on save)
  void draw(AppContext& ctx);

private:
  void load(AppContext& ctx);
  void drawBasics(AppContext& ctx);
  void drawPlan(AppContext& ctx);
  void drawProgress(AppContext& ctx);
  void drawWorkflow(AppContext& ctx);
  void drawHistory(AppContext& ctx);
  bool save(AppContext& ctx); // validate + create/update; errors shown inline
  void runAction(AppContext& ctx, core::WorkflowAction action);
  std::string fieldError(const char* field) const;
  bool dirty() const;

  bool m_visible = false; // the window is shown
  bool m_openRequested = false;
  bool m_isNew = false;
  std::string m_pendingId;                     // to load on the next frame
  core::Hazard m_h, m_saved;                   // edited copy and the stored version
  std::map<std::string, std::string> m_errors; // field -> message
  std::string m_message;                       // summary line (error or success)
  bool m_messageIsError = false;
  std::optional<core::WorkflowAction> m_action; // action whose inputs are being entered
  core::WorkflowInput m_input;
  std::vector<Problem> m_actionProblems;
  std::vector<core::HistoryEvent> m_history;
  bool m_confirmDiscard = false;
};

} // namespace hz::ui
