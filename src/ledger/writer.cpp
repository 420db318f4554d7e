// Canonical ledger writer (see writer.hpp).
#include "ledger/writer.hpp"

#include "ledger/checksum.hpp"
#include "ledger/record_json.hpp"
#include "ledger/signing.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

namespace hz::ledger {

std::vector<core::HistoryEvent> chainOrder(std::vector<core::HistoryEvent> group) {
  std::sort(group.begin(), group.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  std::unordered_map<std::string, size_t> byHash;
  for (size_t i = 0; i < group.size(); ++i) byHash.emplace(group[i].hash, i);
  std::unordered_map<std::string, std::vector<size_t>> children; // prev_hash -> events (id order)
  std::vector<size_t> starts;
  for (size_t i = 0; i < group.size(); ++i) {
    if (!group[i].prevHash.empty() && byHash.count(group[i].prevHash))
      children[group[i].prevHash].push_back(i);
    else
      starts.push_back(i);
  }
  std::vector<bool> done(group.size(), false);
  std::vector<core::HistoryEvent> out;
  out.reserve(group.size());
  auto walk = [&](size_t first) {
    std::vector<size_t> stack{first};
    while (!stack.empty()) {
      const size_t i = stack.back();
      stack.pop_back();
      if (done[i]) continue;
      done[i] = true;
      out.push_back(group[i]);
      auto it = children.find(group[i].hash);
      if (it == children.end()) continue;
      for (auto c = it->second.rbegin(); c != it->second.rend(); ++c) stack.push_back(*c);
    }
  };
  for (size_t s : starts) walk(s);
  for (size_t i = 0; i < group.size(); ++i) {
    if (!done[i]) walk(i); // only for cycles, which valid hashes cannot form
  }
  return out;
}

void canonicalize(Ledger& l) {
  for (auto& list : l.records) {
    std::sort(list.begin(), list.end(), [](const Record& a, const Record& b) { return a.meta.id < b.meta.id; });
  }
  std::sort(l.conflicts.begin(), l.conflicts.end(), [](const Conflict& a, const Conflict& b) { return a.id < b.id; });
  std::map<std::string, std::vector<core::HistoryEvent>> byOrigin;
  for (auto& e : l.events) byOrigin[e.origin].push_back(std::move(e));
  l.events.clear();
  for (auto& entry : byOrigin) {
    for (auto& e : chainOrder(std::move(entry.second))) l.events.push_back(std::move(e));
  }
}

std::string writeLedger(Ledger& l, const SigningKeys* keys) {
  canonicalize(l);
  const bool sign = keys && keys->own && l.version >= kFormatVersion;
  if (sign) {
    l.version = kSignedFormatVersion;
    std::optional<std::pair<std::string, std::string>> head; // this office's last event in the file
    std::set<std::string> hashes;                            // every event's, for the others' heads
    for (const auto& e : l.events) {
      if (e.origin == keys->ownOffice) head = std::make_pair(e.id, e.hash);
      hashes.insert(e.origin + "\n" + e.hash);
    }
    l.signers =
        signersFor(*keys, head, [&](const ChainHead& h) { return hashes.count(h.office + "\n" + h.headHash) > 0; });
  } else {
    if (l.version > kFormatVersion) l.version = kFormatVersion;
    l.signers.clear();
    l.signature.reset();
  }
  ChecksumBuilder sum(sharedSha3());
  std::string out = "{";
  auto header = [&](const char* name, const Json& v) {
    const std::string text = v.dump();
    sum.addValue(name, text);
    out += Json(name).dump();
    out += ':';
    out += text;
    out += ",\n";
  };
  header("format", Json(kFormatName));
  header("version", Json(l.version));
  header("exported_at", Json(l.exportedAt));
  header("office", officeToJson(l.office));
  header("scope", scopeToJson(l.scope, l.since, l.changes));
  if (sign) header("signers", signersToJson(l.signers));
  auto array = [&](const char* name, size_t count, const auto& elementJson) {
    sum.beginArray(name);
    out += Json(name).dump();
    out += ":[";
    for (size_t i = 0; i < count; ++i) {
      const std::string text = elementJson(i).dump();
      sum.addElement(name, text);
      out += i ? ",\n" : "\n";
      out += text;
    }
    out += count ? "\n],\n" : "],\n";
  };
  for (Kind k : kKinds) {
    const auto& list = l.of(k);
    array(arrayName(k), list.size(), [&](size_t i) { return recordToJson(k, list[i]); });
  }
  EventWriter events(l.version);
  array("events", l.events.size(), [&](size_t i) { return events.toJson(l.events[i]); });
  array("conflicts", l.conflicts.size(), [&](size_t i) { return conflictToJson(l.conflicts[i]); });
  l.checksum = sum.finish();
  out += "\"checksum\":" + Json(l.checksum).dump();
  if (sign) {
    l.signature = signFile(*keys, l.checksum);
    out += ",\n\"signature\":" + fileSignatureToJson(*l.signature).dump();
  }
  out += "}\n";
  return out;
}

Status writeFileBytes(const std::string& path, const std::string& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Error::make(ErrorCode::Storage, "无法写入文件 " + path);
  const bool good = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const bool closed = std::fclose(f) == 0;
  if (!good || !closed) return Error::make(ErrorCode::Storage, "写入文件 " + path + " 失败（磁盘已满？）");
  return ok();
}

} // namespace hz::ledger
