// What screens get each frame: the app model (data, status, domain commands, file jobs) and the
// UI's own helpers. Screens keep only transient UI state (STYLE.md: the application owns the data)
// and views derived from the data, which they reload when the model's stamp moves (StampWatch).
#pragma once
#include "core/date.hpp"
#include "model/app_model.hpp"

namespace hz::store {
class Store;
}

namespace hz::ui {

class Navigator;
class Catalog;

struct AppContext {
  model::AppModel& model;
  store::Store& store; // = model.store(): read queries and the store's domain commands
  Navigator& nav;
  Catalog& catalog; // cached lookups (townships, enterprises, dictionaries, standards)
  core::Date today; // China date, from the store's clock
  float pixelRatio = 1.0f;
  float em() const; // the current font size in pixels (layout unit)
};

} // namespace hz::ui
