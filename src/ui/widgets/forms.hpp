// What the record forms share: the feedback of a save (messages under the fields, the outcome
// above the buttons), the scrolling body of a form with its footer (outcome, save, 取消), and the
// choice of an enterprise from the enterprise list.
#pragma once
#include "core/result.hpp"

#include <string>
#include <utility>
#include <vector>

namespace hz::ui {
class Catalog;
}

namespace hz::ui::forms {

// The outcome of the last save or command of a form: problems per field and one message, red or
// green. Screens keep one per form (the message may also show above the list the form returns to).
class Feedback {
public:
  void clear() {
    clearFields();
    clearMessage();
  }
  void clearFields() { m_fields.clear(); }
  void clearMessage() { m_message.clear(); }
  void clearField(const char* field); // a field's messages are stale once it is edited
  // Takes the validation problems found before a save. With any (or `otherProblem`, one shown by
  // the screen itself) the message says how many need fixing and it returns false.
  bool accept(const std::vector<Problem>& problems, bool otherProblem = false);
  // A refused store command: its problems go under their fields, its message above the buttons.
  // Returns false.
  bool refuse(const Error& error);
  void fail(std::string message);    // a red message
  void succeed(std::string message); // a green message

  // Draw: the messages of one field (red, under it), and the message.
  void fieldError(const char* field) const;
  void message() const;

private:
  std::vector<std::pair<std::string, std::string>> m_fields; // field -> message
  std::string m_message;
  bool m_isError = false;
};

// The scrolling body of a form, at most `maxWidthEm` font sizes wide (0: the whole width); it
// leaves room for the footer that endBody() draws under it.
void beginBody(const char* id, float maxWidthEm = 0.0f);

enum class Action { None, Save, Cancel };
// Ends the body; under a separator: the feedback's message, then the save button (disabled
// unless `canSave`) and 取消. Returns the button clicked. 取消 clears the message (it must not
// follow the user out of the form).
Action endBody(Feedback& feedback, const char* saveLabel, bool canSave);

// A choice among the enterprises that are not retired (and the current one), each shown as
// "名称（统一社会信用代码）" (or the division code), since names repeat. True when a choice was made
// this frame (`enterpriseId` is then its id, or empty for 「（未选择）」).
bool enterprise(const char* label, std::string& enterpriseId, const Catalog& catalog, bool required = false);

} // namespace hz::ui::forms
