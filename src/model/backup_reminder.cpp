// Backup reminder: reads the last export time and the reminder interval from store settings.
#include "model/backup_reminder.hpp"

#include "store/store.hpp"

#include <algorithm>
#include <cstdlib>

namespace hz::model {

namespace {
// The China date of a stored export time: a timestamp ("2026-11-29T13:45:07.123Z") or a date.
std::optional<core::Date> exportDate(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (auto ms = core::parseTimestamp(text)) return core::dateOfMillisChina(*ms);
  if (text.size() >= 10) return core::Date::parse(std::string_view(text).substr(0, 10));
  return std::nullopt;
}
} // namespace

int backupReminderDays(store::Store& store) {
  auto v = store.setting(kSettingBackupDays);
  if (!v || v.value().empty()) return kDefaultBackupDays;
  char* end = nullptr;
  const long n = std::strtol(v.value().c_str(), &end, 10);
  if (end == v.value().c_str() || n < 0 || n > kMaxBackupDays) return kDefaultBackupDays;
  return static_cast<int>(n);
}

BackupReminder backupReminder(store::Store& store, core::Date today) {
  BackupReminder r;
  r.intervalDays = backupReminderDays(store);
  r.enabled = r.intervalDays > 0;
  auto last = store.setting(kSettingLastExport);
  const auto date = exportDate(last ? last.value() : std::string());
  r.neverExported = !date.has_value();
  if (date) r.daysSinceExport = static_cast<int>(std::max<int64_t>(0, today.toDays() - date->toDays()));
  if (!r.enabled) return r;
  r.due = r.neverExported || r.daysSinceExport >= r.intervalDays;
  if (r.neverExported) {
    r.text = "尚未导出过备份，请在“数据交换”中导出台账文件";
  } else if (r.due) {
    r.text = "已 " + std::to_string(r.daysSinceExport) + " 天未导出备份，请导出台账文件";
  } else if (r.daysSinceExport == 0) {
    r.text = "今天已导出备份";
  } else {
    r.text = "距上次导出 " + std::to_string(r.daysSinceExport) + " 天";
  }
  return r;
}

} // namespace hz::model
