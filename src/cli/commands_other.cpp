// The database and data commands: init, generate, stats.
#include "cli/cli.hpp"
#include "core/date.hpp"
#include "core/validation.hpp"
#include "ledger/exchange.hpp"
#include "ledger/generate.hpp"
#include "ledger/memory_store.hpp"
#include "ledger/reader.hpp"
#include "ledger/signing.hpp"
#include "ledger/validate.hpp"
#include "ledger/writer.hpp"
#include "report/injuries.hpp"
#include "report/stats_output.hpp"

#include <cstdio>
#include <cstdlib>
#include <optional>

namespace hz::cli {

namespace {

bool parseCount(const std::string& text, long long lo, long long hi, long long& out) {
  if (text.empty() || text.size() > 19) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  out = std::strtoll(text.c_str(), nullptr, 10);
  return out >= lo && out <= hi;
}

} // namespace

int cmdInit(const Args& a) {
  if (!a.has("--db") || !a.has("--office") || !a.has("--division") || !a.positional.empty()) {
    return usageError("用法：init --db DB --office NAME --division CODE [--level 乡镇|县区|市] [--operator NAME]",
                      "usage: init --db DB --office NAME --division CODE [--level ...] [--operator NAME]");
  }
  core::Office o;
  o.name = a.get("--office");
  o.divisionCode = a.get("--division");
  if (a.has("--level") && !core::fromChinese(a.get("--level"), o.level)) {
    return usageError("--level 应为 乡镇、县区 或 市", "--level must be 乡镇, 县区 or 市");
  }
  if (!a.has("--level")) {
    const auto c = core::checkDivisionCode(o.divisionCode);
    o.level = c.level == core::DivisionLevel::County ? core::OfficeLevel::County : core::OfficeLevel::Township;
  }
  if (a.has("--operator")) o.operators = {a.get("--operator")};
  auto db = store::Store::open(a.get("--db"));
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().describe().c_str());
    return kInvalid;
  }
  core::Office current = db->office();
  o.id = current.id;
  if (auto s = db->setOffice(o, a.has("--operator") ? a.get("--operator") : "系统管理员"); !s) {
    std::fprintf(stderr, "%s\n", s.error().describe().c_str());
    return kInvalid;
  }
  auto key = ledger::ensureOfficeKey(*db); // exported files are signed with it
  if (!key) {
    std::fprintf(stderr, "%s\n", key.error().describe().c_str());
    return kInvalid;
  }
  std::printf("已初始化 %s：%s（%s，%s），单位ID %s，密钥指纹 %s\n", a.get("--db").c_str(), o.name.c_str(),
              o.divisionCode.c_str(), core::toChinese(o.level), db->office().id.c_str(),
              ledger::fingerprint(key->publicKey).c_str());
  return kOk;
}

int cmdGenerate(const Args& a) {
  if (!a.has("--seed") || !a.has("-o") || !a.positional.empty()) {
    return usageError("用法：generate --seed N [--towns T] [--enterprises E] [--hazards H] [--signed] -o FILE",
                      "usage: generate --seed N [--towns T] [--enterprises E] [--hazards H] [--signed] -o FILE");
  }
  ledger::GenerateOptions o;
  long long v = 0;
  if (!parseCount(a.get("--seed"), 0, 4000000000000000000LL, v))
    return usageError("--seed 应为非负整数", "--seed must be a non-negative integer");
  o.seed = static_cast<uint64_t>(v);
  if (a.has("--towns")) {
    if (!parseCount(a.get("--towns"), 1, 99, v)) return usageError("--towns 应为 1–99", "--towns must be 1..99");
    o.towns = static_cast<int>(v);
  }
  if (a.has("--enterprises")) {
    if (!parseCount(a.get("--enterprises"), 1, 10000000, v))
      return usageError("--enterprises 应为 1–1000万", "--enterprises must be 1..10^7");
    o.enterprises = static_cast<int>(v);
  }
  if (a.has("--hazards")) {
    if (!parseCount(a.get("--hazards"), 0, 10000000, v))
      return usageError("--hazards 应为 0–1000万", "--hazards must be 0..10^7");
    o.hazards = static_cast<int>(v);
  }
  auto l = ledger::generateLedger(o);
  if (!l) {
    std::fprintf(stderr, "%s\n", l.error().describe().c_str());
    return kInvalid;
  }
  // Unsigned (version 2), as before office keys; --signed: signed by the generated office with a
  // demonstration key derived from the seed (a file as an office with a key sends it).
  std::optional<ledger::SigningKeys> keys;
  if (a.has("--signed")) keys = ledger::generatedKeys(o, *l);
  if (auto s = ledger::writeFileBytes(a.get("-o"), ledger::writeLedger(*l, keys ? &*keys : nullptr)); !s) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    return kInvalid;
  }
  std::printf("已生成 %s：企业 %zu，检查 %zu，隐患 %zu，历史 %zu\n", a.get("-o").c_str(),
              l->of(ledger::Kind::Enterprise).size(), l->of(ledger::Kind::Inspection).size(),
              l->of(ledger::Kind::Hazard).size(), l->events.size());
  return kOk;
}

int cmdStats(const Args& a) {
  const bool fromDb = a.has("--db");
  const char* usageZh = "用法：stats (--db DB | FILE) [--from DATE --to DATE] [--json] [--today YYYY-MM-DD]";
  const char* usageEn = "usage: stats (--db DB | FILE) [--from DATE --to DATE] [--json] [--today YYYY-MM-DD]";
  if (fromDb == (a.positional.size() == 1) || a.positional.size() > 1) return usageError(usageZh, usageEn);
  core::Date today;
  if (!todayOption(a, today)) return kUsage;
  report::Period period{a.get("--from"), a.get("--to")};
  const bool withPeriod = a.has("--from") || a.has("--to");
  if (withPeriod) {
    if (auto p = report::checkPeriod(period); !p.empty())
      return usageError("--from/--to：" + p, "--from/--to: invalid period");
  }
  // One engine (src/report/) for both: a ledger file is imported into an in-memory database.
  Result<store::Store> db = Error::make(ErrorCode::Invalid, "");
  if (fromDb) {
    store::StoreOptions so;
    so.open.create = false;
    db = store::Store::open(a.get("--db"), so);
  } else {
    std::vector<ledger::LedgerInput> inputs;
    auto bytes = ledger::readFileBytes(a.positional[0]);
    if (!bytes) {
      std::fprintf(stderr, "%s: -: -: %s\n", a.positional[0].c_str(), bytes.error().message.c_str());
      return kInvalid;
    }
    inputs.push_back({a.positional[0], ledger::readLedger(*bytes)});
    db = ledger::openInMemory(inputs);
    if (!db) {
      for (const auto& p : inputs[0].read.problems)
        std::fprintf(stderr, "%s\n", ledger::problemLine(a.positional[0], p).c_str());
    }
  }
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().describe().c_str());
    return kInvalid;
  }
  if (!withPeriod) {
    auto stats = report::computeStats(*db, {}, {}, today);
    if (!stats) {
      std::fprintf(stderr, "%s\n", stats.error().describe().c_str());
      return kInvalid;
    }
    if (a.has("--json"))
      std::printf("%s\n", report::statsJson(*stats).dump(2).c_str());
    else
      std::printf("%s", report::statsText(*stats).c_str());
    return kOk;
  }
  // A period: its figures with 环比, 同比 and 工伤 year over year.
  auto c = report::compareStats(*db, {}, period, today);
  auto injuries = report::injuryComparison(*db, {}, period);
  if (!c || !injuries) {
    std::fprintf(stderr, "%s\n", (!c ? c.error() : injuries.error()).describe().c_str());
    return kInvalid;
  }
  if (a.has("--json")) {
    std::printf("%s\n", report::comparisonJson(*c, *injuries).dump(2).c_str());
  } else {
    std::printf("%s", report::statsText(c->current).c_str());
    std::printf("%s", report::comparisonText(*c, *injuries).c_str());
  }
  return kOk;
}

} // namespace hz::cli
