// Form widgets used by every screen: a two-column form (label left, field right), text, number,
// date (typed YYYY-MM-DD or picked from a calendar), searchable dictionary combos (typing Chinese
// filters), check boxes, the inline validation message under a field and published notices.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace hz::ui::fields {

// A form is a two-column table; each row starts with its label (required fields get a red *).
bool beginForm(const char* id, float labelWidth = 0.0f);
void endForm();
void row(const char* label, bool required = false);

// Field widgets publish themselves in test mode under `label` (TestProbe::setNextLabel).
// They return true when the value was edited this frame.
bool text(const char* label, std::string& value, const char* hint = nullptr, bool required = false);
bool multiline(const char* label, std::string& value, float lines = 3.0f, bool required = false);
// A passphrase: shown as dots.
bool password(const char* label, std::string& value, const char* hint = nullptr);
bool number(const char* label, double& value, const char* format = "%.2f");
bool integer(const char* label, int& value);
bool date(const char* label, std::string& value, bool required = false);
bool check(const char* label, bool& value);
// Choice from `options` with a filter box; `allowEmpty` adds a 「（未选择）」 entry.
bool combo(const char* label, std::string& value, const std::vector<std::string>& options, bool required = false,
           bool allowEmpty = true);

// The message of a failed validation, in red under the field (no-op for empty text).
void error(const std::string& message);
// Wrapped coloured text that tests must be able to read: published in test mode (items()) under
// its own text, like a labelled widget (no-op for empty text).
void notice(const std::string& text, const ImVec4& colour);
// A muted help line.
void help(const char* text);

// The calendar popup behind date(): returns true when a day was picked.
bool calendarPopup(const char* popupId, std::string& value);

// Plain filter used by combos and lists: every byte sequence of `needle` appears in `hay`.
bool containsText(const std::string& hay, const std::string& needle);

} // namespace hz::ui::fields
