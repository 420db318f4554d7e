// Change-file bookkeeping and history gaps (see change_files.hpp).
#include "ledger/change_files.hpp"

#include "ledger/record_json.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace hz::ledger {

namespace {

constexpr const char* kSentPrefix = "changes.sent:";
constexpr const char* kReceivedPrefix = "changes.received:";

Result<SentChanges> loadSent(store::Store& db, const std::string& recipient) {
  SentChanges s;
  s.recipient = recipient;
  auto text = db.setting(kSentPrefix + recipient);
  if (!text) return text.error();
  if (text->empty()) return s;
  const Json j = Json::parse(*text, nullptr, false);
  if (!j.is_object()) return s;
  s.number = j.value("number", int64_t{0});
  s.seq = j.value("seq", int64_t{0});
  s.exportedAt = j.value("exported_at", std::string());
  s.file = j.value("file", std::string());
  return s;
}

Status saveSent(store::Store& db, const SentChanges& s) {
  const Json j{{"number", s.number}, {"seq", s.seq}, {"exported_at", s.exportedAt}, {"file", s.file}};
  return db.setSetting(kSentPrefix + s.recipient, j.dump());
}

std::string numberList(const std::vector<int64_t>& numbers) {
  std::string s;
  const size_t shown = std::min<size_t>(numbers.size(), 10);
  for (size_t i = 0; i < shown; ++i) s += (i ? "、" : "") + std::to_string(numbers[i]);
  if (numbers.size() > shown) s += " 等 " + std::to_string(numbers.size()) + " 个";
  return s;
}

} // namespace

Result<std::vector<SentChanges>> sentChanges(store::Store& db) {
  auto st = db.db().prepare("SELECT substr(key, ?1) FROM settings WHERE key >= ?2 AND key < ?3 ORDER BY key");
  if (!st) return st.error();
  const std::string prefix = kSentPrefix;
  st->bind(1, static_cast<int64_t>(prefix.size() + 1))
      .bind(2, prefix)
      .bind(3, prefix.substr(0, prefix.size() - 1) + ";");
  std::vector<std::string> names;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!r.value()) break;
    names.push_back(st->getText(0));
  }
  std::vector<SentChanges> out;
  for (const auto& n : names) {
    auto s = loadSent(db, n);
    if (!s) return s.error();
    out.push_back(std::move(s.value()));
  }
  return out;
}

Result<NextChangeFile> nextChangeFile(store::Store& db, const std::string& recipient) {
  if (recipient.empty() || recipient.size() > 200) return Error::invalid("接收单位名称应为1-200字节");
  auto last = loadSent(db, recipient);
  if (!last) return last.error();
  auto mark = store::lastHistorySeq(db.db());
  if (!mark) return mark.error();
  NextChangeFile next;
  next.options.changeFile = true;
  next.options.afterSeq = last->seq;
  next.options.changes.to = recipient;
  next.options.changes.number = last->number + 1;
  next.options.changes.after = last->seq > 0 ? last->number : 0;
  next.markSeq = *mark;
  return next;
}

Status recordSent(store::Store& db, const NextChangeFile& next, const std::string& exportedAt,
                  const std::string& file) {
  SentChanges s;
  s.recipient = next.options.changes.to;
  s.number = next.options.changes.number;
  s.seq = std::max<int64_t>(next.markSeq, 1);
  s.exportedAt = exportedAt;
  s.file = file;
  return saveSent(db, s);
}

Status resetRecipient(store::Store& db, const std::string& recipient) {
  auto last = loadSent(db, recipient);
  if (!last) return last.error();
  last->seq = 0;
  return saveSent(db, *last);
}

Result<std::vector<int64_t>> receivedChanges(store::Store& db, const std::string& senderId) {
  auto text = db.setting(kReceivedPrefix + senderId);
  if (!text) return text.error();
  std::vector<int64_t> out;
  const Json j = Json::parse(text->empty() ? "[]" : *text, nullptr, false);
  if (j.is_array()) {
    for (const auto& v : j) {
      if (v.is_number_integer()) out.push_back(v.get<int64_t>());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Status recordReceived(store::Store& db, const std::vector<const LedgerInput*>& inputs) {
  std::map<std::string, std::set<int64_t>> add;
  for (const LedgerInput* in : inputs) {
    const Ledger& l = in->read.ledger;
    if (l.scope == "changes" && l.changes.number > 0) add[l.office.id].insert(l.changes.number);
  }
  for (const auto& [sender, numbers] : add) {
    auto have = receivedChanges(db, sender);
    if (!have) return have.error();
    std::set<int64_t> all(have->begin(), have->end());
    all.insert(numbers.begin(), numbers.end());
    if (auto s = db.setSetting(kReceivedPrefix + sender, Json(std::vector<int64_t>(all.begin(), all.end())).dump()); !s)
      return s;
  }
  return ok();
}

Result<std::vector<std::string>> historyGaps(store::Store& db, const std::vector<ChainStarts>& files) {
  std::vector<std::string> out;
  for (const auto& file : files) {
    const LedgerInput& in = *file.input;
    const Ledger& l = in.read.ledger;
    std::vector<std::string> brokenOrigins;
    for (const auto& [origin, prevHash] : file.starts) {
      auto has = store::holdsEvent(db.db(), origin, prevHash);
      if (!has) return has.error();
      if (!has.value()) brokenOrigins.push_back(origin);
    }
    if (brokenOrigins.empty()) continue;
    const std::string sender = l.office.name.empty() ? l.office.id : l.office.name;
    std::vector<int64_t> missing;
    if (l.scope == "changes" && l.changes.after > 0) {
      auto have = receivedChanges(db, l.office.id);
      if (!have) return have.error();
      std::set<int64_t> got(have->begin(), have->end());
      for (const auto& other : files) {
        const Ledger& o = other.input->read.ledger;
        if (o.office.id == l.office.id && o.scope == "changes" && o.changes.number > 0) got.insert(o.changes.number);
      }
      for (int64_t n = 1; n <= l.changes.after; ++n) {
        if (!got.count(n)) missing.push_back(n);
      }
    }
    if (!missing.empty()) {
      out.push_back(in.name + "：缺少" + sender + "发来的第 " + numberList(missing) +
                    " 号变更文件，历史记录暂不完整（本文件已导入，收到缺少的文件后导入即可补齐）");
    } else {
      out.push_back(in.name + "：本文件接续的较早历史记录不在本库中（来源 " + std::to_string(brokenOrigins.size()) +
                    " 个），历史记录暂不完整；请" + sender + "发送一次完整台账文件");
    }
  }
  return out;
}

} // namespace hz::ledger
