// Compact history column codecs and their SQL functions (see history_codec.hpp).
#include "store/history_codec.hpp"

#include "core/date.hpp"
#include "core/ids.hpp"
#include "store/store.hpp"

#include <sqlite3.h>

#include <cstring>

namespace hz::store {

namespace {

// Field names coded as one byte in packed changes. FROZEN: append only, never reorder —
// stored events refer to these positions (code = index + 1; 0 = the name follows as text).
const char* const kFieldCodes[] = {"kind",
                                   "uscc",
                                   "name",
                                   "division_code",
                                   "address",
                                   "industry",
                                   "place_type",
                                   "principal",
                                   "contact",
                                   "vessel_port",
                                   "vessel_reg_no",
                                   "notes",
                                   "retired",
                                   "date",
                                   "method",
                                   "department",
                                   "inspectors",
                                   "enterprise_id",
                                   "number",
                                   "category",
                                   "location",
                                   "description",
                                   "level",
                                   "source",
                                   "standard_id",
                                   "clause_ref",
                                   "inspection_id",
                                   "inspection_method",
                                   "found_date",
                                   "reporter",
                                   "reported_date",
                                   "measures",
                                   "responsible_department",
                                   "responsible_unit",
                                   "responsible_person",
                                   "deadline",
                                   "funds_wan",
                                   "five_target",
                                   "five_organization",
                                   "five_safety_measures",
                                   "five_time_limit",
                                   "five_funds",
                                   "supervision",
                                   "stop_production",
                                   "status",
                                   "completed_date",
                                   "completion_note",
                                   "rectified_by",
                                   "verifier",
                                   "verified_date",
                                   "verify_opinion",
                                   "closed_date",
                                   "review",
                                   "reviewer",
                                   "review_date",
                                   "review_note",
                                   "remarks",
                                   "enterprise_name",
                                   "deaths",
                                   "injuries",
                                   "title",
                                   "issuer",
                                   "doc_number",
                                   "year",
                                   "clauses",
                                   "operators",
                                   "value",
                                   "parent",
                                   "code",
                                   "article",
                                   "summary",
                                   "id",
                                   "origin",
                                   "rev",
                                   "created_at",
                                   "updated_at"};
constexpr int kFieldCount = static_cast<int>(sizeof kFieldCodes / sizeof kFieldCodes[0]);
constexpr unsigned char kChangesFormat = 1;

void putVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

bool getVarint(std::string_view& in, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) return false;
    const auto b = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    v |= uint64_t{b & 0x7Fu} << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

void putString(std::string& out, std::string_view s) {
  putVarint(out, s.size());
  out += s;
}

bool getString(std::string_view& in, std::string& s) {
  uint64_t n = 0;
  if (!getVarint(in, n) || n > in.size()) return false;
  s.assign(in.data(), static_cast<size_t>(n));
  in.remove_prefix(static_cast<size_t>(n));
  return true;
}

int hexValue(char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; }

std::string_view textArg(sqlite3_value* v) {
  const auto* p = sqlite3_value_text(v);
  return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_value_bytes(v)))
           : std::string_view();
}

std::string_view blobArg(sqlite3_value* v) {
  const void* p = sqlite3_value_blob(v);
  return p ? std::string_view(static_cast<const char*>(p), static_cast<size_t>(sqlite3_value_bytes(v)))
           : std::string_view();
}

void resultText(sqlite3_context* ctx, const std::string& s) {
  sqlite3_result_text(ctx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}
void resultBlob(sqlite3_context* ctx, const std::string& s) {
  sqlite3_result_blob(ctx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

void fnPackHash(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_TEXT) {
    if (auto b = packHash(textArg(argv[0]))) return resultBlob(ctx, *b);
  }
  sqlite3_result_value(ctx, argv[0]);
}

void fnUnpackHash(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_BLOB) return resultText(ctx, unpackHash(blobArg(argv[0])));
  sqlite3_result_value(ctx, argv[0]);
}

void fnPackTs(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_TEXT) {
    if (auto ms = packTimestamp(textArg(argv[0]))) return sqlite3_result_int64(ctx, *ms);
  }
  sqlite3_result_value(ctx, argv[0]);
}

void fnUnpackTs(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER) {
    return resultText(ctx, core::formatTimestamp(sqlite3_value_int64(argv[0])));
  }
  sqlite3_result_value(ctx, argv[0]);
}

void fnPackRev(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_TEXT) {
    if (auto r = packRevision(textArg(argv[0]), textArg(argv[1]))) return sqlite3_result_int64(ctx, *r);
  }
  sqlite3_result_value(ctx, argv[0]);
}

void fnUnpackRev(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER) {
    return resultText(ctx, unpackRevision(sqlite3_value_int64(argv[0]), textArg(argv[1])));
  }
  sqlite3_result_value(ctx, argv[0]);
}

void fnPackChanges(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_TEXT) {
    const std::string json(textArg(argv[0]));
    std::vector<core::FieldChange> changes;
    if (changesFromJson(json, changes) && changesToJson(changes) == json) return resultBlob(ctx, packChanges(changes));
  }
  sqlite3_result_value(ctx, argv[0]);
}

void fnUnpackChanges(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_BLOB) {
    std::vector<core::FieldChange> changes;
    if (!unpackChanges(blobArg(argv[0]), changes)) return resultText(ctx, "");
    return resultText(ctx, changesToJson(changes));
  }
  sqlite3_result_value(ctx, argv[0]);
}

} // namespace

std::optional<std::string> packHash(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  std::string out(32, '\0');
  for (size_t i = 0; i < 32; ++i) {
    const int hi = hexValue(hex[2 * i]), lo = hexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<char>(hi * 16 + lo);
  }
  return out;
}

std::string unpackHash(std::string_view bytes) {
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::optional<int64_t> packTimestamp(std::string_view text) {
  auto ms = core::parseTimestamp(text);
  if (!ms || core::formatTimestamp(*ms) != text) return std::nullopt;
  return ms;
}

std::optional<int64_t> packRevision(std::string_view rev, std::string_view origin) {
  auto r = core::Revision::parse(rev);
  if (!r || r->office != origin || r->counter > 0xFFFF || r->millis < 0 || r->millis >= (int64_t{1} << 46) ||
      r->toString() != rev) {
    return std::nullopt;
  }
  return r->millis * 65536 + static_cast<int64_t>(r->counter);
}

std::string unpackRevision(int64_t packed, std::string_view origin) {
  core::Revision r;
  r.millis = packed / 65536;
  r.counter = static_cast<uint32_t>(packed % 65536);
  r.office = std::string(origin);
  return r.toString();
}

std::string packChanges(const std::vector<core::FieldChange>& changes) {
  std::string out(1, static_cast<char>(kChangesFormat));
  for (const auto& c : changes) {
    int code = 0;
    for (int i = 0; i < kFieldCount && code == 0; ++i) {
      if (c.field == kFieldCodes[i]) code = i + 1;
    }
    putVarint(out, static_cast<uint64_t>(code));
    if (code == 0) putString(out, c.field);
    putString(out, c.oldValue);
    putString(out, c.newValue);
  }
  return out;
}

bool unpackChanges(std::string_view in, std::vector<core::FieldChange>& out) {
  out.clear();
  if (in.empty() || static_cast<unsigned char>(in.front()) != kChangesFormat) return false;
  in.remove_prefix(1);
  while (!in.empty()) {
    uint64_t code = 0;
    if (!getVarint(in, code) || code > static_cast<uint64_t>(kFieldCount)) return false;
    core::FieldChange c;
    if (code == 0) {
      if (!getString(in, c.field)) return false;
    } else {
      c.field = kFieldCodes[code - 1];
    }
    if (!getString(in, c.oldValue) || !getString(in, c.newValue)) return false;
    out.push_back(std::move(c));
  }
  return true;
}

int registerHistoryFunctions(sqlite3* db) {
  struct Fn {
    const char* name;
    int args;
    void (*fn)(sqlite3_context*, int, sqlite3_value**);
  };
  const Fn fns[] = {{"hz_pack_hash", 1, fnPackHash},       {"hz_unpack_hash", 1, fnUnpackHash},
                    {"hz_pack_ts", 1, fnPackTs},           {"hz_unpack_ts", 1, fnUnpackTs},
                    {"hz_pack_rev", 2, fnPackRev},         {"hz_unpack_rev", 2, fnUnpackRev},
                    {"hz_pack_changes", 1, fnPackChanges}, {"hz_unpack_changes", 1, fnUnpackChanges}};
  for (const auto& f : fns) {
    const int rc = sqlite3_create_function_v2(db, f.name, f.args, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                              nullptr, f.fn, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

} // namespace hz::store
