// The registry of record kinds (core/record_kinds.hpp) against the field tables, the JSON reader
// and writer, and docs/ledger.schema.json: the schema is checked by this suite, so the file that
// other tools read cannot drift from what the code writes and accepts.
#include "core/record_fields.hpp"
#include "core/record_kinds.hpp"
#include "ledger/reader.hpp"
#include "ledger/record_json.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace hz;
using Json = nlohmann::json;
using core::JsonType;

namespace {

const char* const kMeta[] = {"id", "origin", "rev", "created_at", "updated_at"};
const char* const kRequiredMeta[] = {"id", "origin", "rev"};

std::set<std::string> fieldNames(const core::RecordKindInfo& k) {
  std::set<std::string> out;
  for (const auto& f : k.fields()) out.insert(f.name);
  return out;
}

std::set<std::string> requiredOf(const core::RecordKindInfo& k) {
  std::set<std::string> out(std::begin(kRequiredMeta), std::end(kRequiredMeta));
  for (const char* r : k.required) out.insert(r);
  return out;
}

// The JSON Schema type names a value of a field's JSON type may have.
std::set<std::string> schemaTypes(JsonType t) {
  switch (t) {
  case JsonType::String:
    return {"string"};
  case JsonType::StringOrNull:
    return {"string", "null"};
  case JsonType::Boolean:
    return {"boolean"};
  case JsonType::Integer:
    return {"integer"};
  case JsonType::Number:
    return {"number"};
  case JsonType::ClauseArray:
    return {"array"};
  }
  return {};
}

std::string typeOfValue(const Json& v) {
  if (v.is_string()) return "string";
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "boolean";
  if (v.is_number_integer()) return "integer";
  if (v.is_number()) return "number";
  if (v.is_array()) return "array";
  return "object";
}

// A definition of the schema: "#/$defs/NAME" resolved.
const Json& resolve(const Json& schema, const Json& s) {
  if (!s.contains("$ref")) return s;
  const std::string ref = s["$ref"].get<std::string>();
  const std::string prefix = "#/$defs/";
  REQUIRE_MESSAGE(ref.rfind(prefix, 0) == 0, ref);
  const std::string name = ref.substr(prefix.size());
  REQUIRE_MESSAGE(schema["$defs"].contains(name), ref);
  return resolve(schema, schema["$defs"][name]);
}

// Every JSON type a value valid for the (sub)schema `s` can have: "type", "const", "enum",
// "anyOf"/"oneOf" and "$ref" as this schema uses them.
std::set<std::string> typesAllowed(const Json& schema, const Json& sub) {
  const Json& s = resolve(schema, sub);
  std::set<std::string> out;
  if (auto t = s.find("type"); t != s.end()) {
    if (t->is_string())
      out.insert(t->get<std::string>());
    else
      for (const auto& x : *t) out.insert(x.get<std::string>());
  }
  if (auto c = s.find("const"); c != s.end()) out.insert(typeOfValue(*c));
  if (auto e = s.find("enum"); e != s.end()) {
    for (const auto& v : *e) out.insert(typeOfValue(v));
  }
  for (const char* any : {"anyOf", "oneOf"}) {
    if (auto a = s.find(any); a != s.end()) {
      for (const auto& alt : *a) {
        for (const auto& t : typesAllowed(schema, alt)) out.insert(t);
      }
    }
  }
  return out;
}

std::set<std::string> keysOf(const Json& obj) {
  std::set<std::string> out;
  for (auto it = obj.begin(); it != obj.end(); ++it) out.insert(it.key());
  return out;
}

std::set<std::string> stringsOf(const Json& arr) {
  std::set<std::string> out;
  for (const auto& v : arr) out.insert(v.get<std::string>());
  return out;
}

// Sets compared as text so that a failure shows both sides: "a, b, c".
std::string text(const std::set<std::string>& s) {
  std::string out;
  for (const auto& v : s) out += (out.empty() ? "" : ", ") + v;
  return out;
}

Json loadSchema() {
  const std::string path = std::string(HZ_SOURCE_DIR) + "/docs/ledger.schema.json";
  auto bytes = ledger::readFileBytes(path);
  REQUIRE_MESSAGE(bytes.ok(), path);
  Json schema = Json::parse(bytes.value(), nullptr, false);
  REQUIRE_MESSAGE(!schema.is_discarded(), path << " is not JSON");
  REQUIRE(schema.contains("$defs"));
  REQUIRE(schema.contains("properties"));
  return schema;
}

// The default record of a kind, with meta, written as the exporter writes it.
Json defaultRecordJson(core::RecordKind kind) {
  ledger::Record r = core::withRecordType(kind, [](auto typed) { return ledger::toRecord(typed); });
  r.meta.id = "R1";
  r.meta.origin = "O1";
  r.meta.rev = "1764590400000-0000-O1";
  return ledger::recordToJson(kind, r);
}

// A value of the wrong JSON type for a field of type t.
Json wrongValue(JsonType t) { return t == JsonType::String || t == JsonType::StringOrNull ? Json(5) : Json("x"); }

bool hasProblem(const std::vector<Problem>& problems, const std::string& field) {
  for (const auto& p : problems) {
    if (p.field == field) return true;
  }
  return false;
}

} // namespace

TEST_CASE("record kinds: the registry is consistent with itself and the field tables") {
  std::set<std::string> names, tables, arrays, labels;
  for (size_t i = 0; i < core::kRecordKindCount; ++i) {
    const core::RecordKindInfo& k = core::kRecordKindInfo[i];
    INFO("kind " << std::string(k.name));
    CHECK(static_cast<size_t>(k.kind) == i);
    CHECK(&core::kindInfo(k.kind) == &k);
    CHECK(names.insert(k.name).second);
    CHECK(tables.insert(k.table).second);
    CHECK(arrays.insert(k.array).second);
    CHECK(labels.insert(k.label).second);
    CHECK(std::string(k.shortLabel).size() > 0);
    CHECK(core::kindByName(k.name) == &k);
    CHECK(core::kindByArray(k.array) == &k);
    CHECK(core::isHistoryKind(k.name));
    // fields() is the field table: the names toFields writes, in its order.
    const core::FieldList fields = core::withRecordType(k.kind, [](auto typed) { return core::toFields(typed); });
    REQUIRE(fields.size() == k.fields().size());
    for (size_t f = 0; f < fields.size(); ++f) CHECK(fields[f].first == k.fields()[f].name);
    const std::set<std::string> known = fieldNames(k);
    CHECK(known.size() == fields.size());
    for (const char* r : k.required) CHECK_MESSAGE(known.count(r), r);
    for (const char* a : k.storedApart) CHECK_MESSAGE(known.count(a), a);
    // The typed C++ record and the enum agree both ways.
    core::withRecordType(k.kind, [&](auto typed) { CHECK(core::kindOf<decltype(typed)>() == k.kind); });
  }
  CHECK(core::kindByName("hazards") == nullptr);
  CHECK(core::kindByArray("hazard") == nullptr);
  CHECK(core::isHistoryKind(core::kKindOffice));
  CHECK(core::isHistoryKind(core::kKindDictionary));
  CHECK_FALSE(core::isHistoryKind("nothing"));
  // A field name has one JSON type in every kind (people and tools read names across kinds).
  std::map<std::string, JsonType> typeOf;
  for (const auto& k : core::kRecordKindInfo) {
    for (const auto& f : k.fields()) {
      auto [it, fresh] = typeOf.emplace(f.name, f.type);
      CHECK_MESSAGE((fresh || it->second == f.type), f.name);
    }
  }
}

TEST_CASE("record kinds: the reader and the writer use the registry's types and required fields") {
  for (const auto& k : core::kRecordKindInfo) {
    INFO("kind " << std::string(k.name));
    const Json good = defaultRecordJson(k.kind);
    // Written: every meta field and field, each with its JSON type.
    CHECK(keysOf(good).size() == std::size(kMeta) + k.fields().size());
    for (const auto& f : k.fields()) {
      INFO("field " << std::string(f.name));
      REQUIRE(good.contains(f.name));
      CHECK(schemaTypes(f.type).count(typeOfValue(good[f.name])));
    }
    ledger::Record back;
    std::vector<Problem> problems;
    CHECK(ledger::recordFromJson(k.kind, good, "x", back, problems));
    CHECK(problems.empty());
    // Read: a value of another type is refused, field by field.
    for (const auto& f : k.fields()) {
      INFO("field " << std::string(f.name));
      Json bad = good;
      bad[f.name] = wrongValue(f.type);
      problems.clear();
      CHECK_FALSE(ledger::recordFromJson(k.kind, bad, "x", back, problems));
      CHECK(hasProblem(problems, f.name));
    }
    // Read: each required field missing is a problem; a missing optional field is not.
    const std::set<std::string> required = requiredOf(k);
    for (const auto& name : keysOf(good)) {
      CAPTURE(name);
      Json missing = good;
      missing.erase(name);
      problems.clear();
      const bool read = ledger::recordFromJson(k.kind, missing, "x", back, problems);
      CHECK(read == !required.count(name));
      CHECK(hasProblem(problems, name) == (required.count(name) > 0));
    }
    // Read: an unknown field is refused.
    Json unknown = good;
    unknown["no_such_field"] = "";
    problems.clear();
    CHECK_FALSE(ledger::recordFromJson(k.kind, unknown, "x", back, problems));
    CHECK(hasProblem(problems, "no_such_field"));
  }
}

TEST_CASE("record kinds: docs/ledger.schema.json agrees with the registry") {
  const Json schema = loadSchema();
  const Json& top = schema["properties"];
  const std::set<std::string> topRequired = stringsOf(schema["required"]);
  CHECK(schema["additionalProperties"] == false);
  for (const auto& k : core::kRecordKindInfo) {
    INFO("kind " << std::string(k.name));
    // The array: required at the top level, an array of the kind's item schema.
    CHECK(topRequired.count(k.array));
    REQUIRE(top.contains(k.array));
    const Json& array = top[k.array];
    CHECK(array["type"] == "array");
    REQUIRE(array.contains("items"));
    const Json& item = resolve(schema, array["items"]);
    CHECK(item["type"] == "object");
    CHECK(item["additionalProperties"] == false);
    REQUIRE(item.contains("properties"));
    const Json& props = item["properties"];
    // Exactly the meta fields and the registry's fields, each with the registry's JSON type.
    std::set<std::string> expected(std::begin(kMeta), std::end(kMeta));
    for (const auto& f : k.fields()) expected.insert(f.name);
    CHECK(text(keysOf(props)) == text(expected));
    for (const char* m : kMeta) {
      INFO("member " << std::string(m));
      if (props.contains(m)) CHECK(text(typesAllowed(schema, props[m])) == "string");
    }
    for (const auto& f : k.fields()) {
      INFO("field " << std::string(f.name));
      if (!props.contains(f.name)) continue; // reported above
      CHECK(text(typesAllowed(schema, props[f.name])) == text(schemaTypes(f.type)));
      if (f.type == JsonType::ClauseArray) {
        const Json& clause = resolve(schema, props[f.name]["items"]);
        CHECK(clause["type"] == "object");
        CHECK(clause["additionalProperties"] == false);
        CHECK(text(keysOf(clause["properties"])) == "article, id, retired, summary");
        CHECK(text(typesAllowed(schema, clause["properties"]["retired"])) == "boolean");
        for (const char* c : {"id", "article", "summary"}) {
          CHECK(text(typesAllowed(schema, clause["properties"][c])) == "string");
        }
        CHECK(text(stringsOf(clause["required"])) == "id");
      }
      // Enum values of the schema are the values the field table accepts.
      const Json& p = resolve(schema, props[f.name]);
      if (p.contains("enum")) {
        for (const auto& v : p["enum"]) {
          INFO("value " << v.get<std::string>());
          core::withRecordType(k.kind, [&](auto typed) {
            CHECK(core::fromFields({{f.name, v.get<std::string>()}}, typed).empty());
          });
        }
      }
    }
    // Required: id, origin, rev and the registry's required fields.
    REQUIRE(item.contains("required"));
    CHECK(text(stringsOf(item["required"])) == text(requiredOf(k)));
  }
  // Record kinds named in conflicts and history events.
  std::set<std::string> kindNames;
  for (const auto& k : core::kRecordKindInfo) kindNames.insert(k.name);
  const Json& conflict = resolve(schema, top["conflicts"]["items"]);
  CHECK(text(stringsOf(conflict["properties"]["record_kind"]["enum"])) == text(kindNames));
  std::set<std::string> historyKinds = kindNames;
  historyKinds.insert(core::kKindOffice);
  historyKinds.insert(core::kKindDictionary);
  const Json& event = resolve(schema, top["events"]["items"]);
  const std::set<std::string> eventKinds = stringsOf(event["properties"]["record_kind"]["enum"]);
  CHECK(text(eventKinds) == text(historyKinds));
  for (const auto& e : eventKinds) CHECK_MESSAGE(core::isHistoryKind(e), e);
  // The top level: the record arrays, events, conflicts and the header members, nothing else.
  std::set<std::string> members = {"format", "version", "exported_at", "office",
                                   "scope",  "events",  "conflicts",   "checksum"};
  for (const auto& k : core::kRecordKindInfo) members.insert(k.array);
  CHECK(text(keysOf(top)) == text(members));
}
