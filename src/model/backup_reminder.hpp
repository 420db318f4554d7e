// Backup reminder for the status bar: days since the last ledger export, compared with the
// reminder interval set in 设置 (store settings "last_export_at" and "backup_reminder_days").
#pragma once
#include "core/date.hpp"

#include <string>

namespace hz::store {
class Store;
}

namespace hz::model {

// Settings keys (store settings table) of the app model.
inline constexpr const char* kSettingLastExport = "last_export_at";       // timestamp or YYYY-MM-DD
inline constexpr const char* kSettingBackupDays = "backup_reminder_days"; // "0" = no reminder
inline constexpr int kDefaultBackupDays = 7;
inline constexpr int kMaxBackupDays = 3650;

struct BackupReminder {
  bool enabled = true; // false when the interval is 0
  int intervalDays = kDefaultBackupDays;
  bool neverExported = true;
  int daysSinceExport = 0; // when exported
  bool due = false;        // never exported, or at least intervalDays ago
  std::string text;        // Chinese, for the status bar ("" when disabled)
};

BackupReminder backupReminder(store::Store& store, core::Date today);
// The reminder interval as stored (kDefaultBackupDays when unset or unreadable).
int backupReminderDays(store::Store& store);

} // namespace hz::model
