// What screens get each frame: read access to the application's data and the services that
// change it. Screens keep only transient UI state (STYLE.md: the application owns the data).
#pragma once
#include "core/date.hpp"

#include <cstdint>
#include <string>

namespace hz::platform { class Platform; }
namespace hz::store { class Store; }

namespace hz::ui {

struct RecordCounts {
  long long hazards = 0, enterprises = 0, inspections = 0;
};

enum class SaveState { Saved, Saving, Failed, Memory }; // 已保存 保存中 未能保存 仅内存

// Implemented by the app (src/app) over the store; the UI never sees SQL.
class AppServices {
public:
  virtual ~AppServices() = default;
  virtual std::string officeName() const = 0;
  virtual RecordCounts counts() const = 0;
  virtual SaveState saveState() const = 0;
  virtual std::string lastExport() const = 0; // "" when never exported
  virtual std::string sqliteVersion() const = 0;
  virtual std::string storageDescription() const = 0; // where the data lives, for 关于
  virtual bool readOnly() const = 0;  // another tab holds the database: no edits here
  virtual std::string operatorName() const = 0; // who is working (history actor)
  // The data changed (after a domain command): refresh counts, redraw, persist.
  virtual void dataChanged() = 0;
  // Increases with every change (imports included): screens re-query when it moves.
  virtual uint64_t dataGeneration() const = 0;

  // Files (platform, issue 5): buttons of 数据交换 call these; progress and results are shown by
  // the app. Import: file picker (dropping files on the window imports them too). Export:
  // downloads <office>-<YYYYMMDD>.ledger.json (also Ctrl+S). Save to file: File System Access
  // (asks for the file once, then writes back to it), only where canSaveToFile().
  virtual void requestImport() {}
  virtual void requestExport() {}
  virtual bool canSaveToFile() const { return false; }
  virtual void requestSaveToFile() {}
};

class Navigator;
class Catalog;

// Screens read through the store's queries and change data only through its domain commands
// (createHazard, applyHazardAction, …), then call services.dataChanged().
struct AppContext {
  AppServices& services;
  store::Store& store;
  platform::Platform& platform;
  Navigator& nav;
  Catalog& catalog;        // cached lookups (townships, enterprises, dictionaries, standards)
  core::Date today;        // China date, from the store's clock
  float pixelRatio = 1.0f;
  float em() const;        // the current font size in pixels (layout unit)
};

const char* toChinese(SaveState s);

} // namespace hz::ui
