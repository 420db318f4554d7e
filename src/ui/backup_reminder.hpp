// Backup reminder for the status bar: days since the last ledger export, compared with the
// reminder interval set in 设置 (store settings "last_export_at" and "backup_reminder_days").
#pragma once
#include "core/date.hpp"

#include <string>

namespace hz::store { class Store; }

namespace hz::ui {

inline constexpr const char* kSettingLastExport = "last_export_at";        // timestamp or YYYY-MM-DD
inline constexpr const char* kSettingBackupDays = "backup_reminder_days";  // "0" = no reminder
inline constexpr int kDefaultBackupDays = 7;

struct BackupReminder {
  bool enabled = true;     // false when the interval is 0
  int intervalDays = kDefaultBackupDays;
  bool neverExported = true;
  int daysSinceExport = 0; // when exported
  bool due = false;        // never exported, or at least intervalDays ago
  std::string text;        // Chinese, for the status bar ("" when disabled)
};

BackupReminder backupReminder(store::Store& store, core::Date today);
// The status-bar text, e.g. "距上次导出 3 天" or "已 9 天未导出备份，请导出台账文件".
std::string backupReminderText(store::Store& store, core::Date today);
// The reminder interval as stored (kDefaultBackupDays when unset or unreadable).
int backupReminderDays(store::Store& store);

} // namespace hz::ui
