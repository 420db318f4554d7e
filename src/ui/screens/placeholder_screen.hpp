// A screen that is planned but not built yet: says what it will hold, so the navigation of
// DESIGN.md is complete from the first version.
#pragma once
#include "ui/screen.hpp"

#include <string>
#include <vector>

namespace hz::ui {

class PlaceholderScreen final : public Screen {
public:
  PlaceholderScreen(const char* id, const char* title, const char* purpose, std::vector<const char*> planned);
  const char* id() const override { return m_id; }
  const char* title() const override { return m_title; }
  void draw(AppContext& ctx) override;

private:
  const char* m_id;
  const char* m_title;
  const char* m_purpose;
  std::vector<const char*> m_planned;
};

} // namespace hz::ui
