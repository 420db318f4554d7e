// Streaming ledger reader (see reader.hpp). A nlohmann SAX handler keeps a depth counter, builds
// header values and single array elements as small JSON values, and hands each finished element
// to the record converters and the checksum; no exception leaves this file.
#include "ledger/reader.hpp"

#include "core/date.hpp"
#include "ledger/checksum.hpp"
#include "ledger/compress.hpp"
#include "ledger/json_guard.hpp"
#include "ledger/record_json.hpp"

#include <cstdio>
#include <iterator>
#include <map>
#include <set>
#include <vector>

namespace hz::ledger {

namespace {

constexpr size_t kMaxElementValues = 100000; // values inside one array element

// The arrays of a file: one per record kind (the registry, in file order), then these two.
const char* const kOtherArrays[] = {"events", "conflicts"};
std::vector<const char*> arrayMembers() {
  std::vector<const char*> out;
  for (const auto& k : core::kRecordKindInfo) out.push_back(k.array);
  out.insert(out.end(), std::begin(kOtherArrays), std::end(kOtherArrays));
  return out;
}
const char* const kScalars[] = {"format", "version", "exported_at", "office", "scope", "checksum"};

bool isArrayMember(const std::string& n) {
  if (core::kindByArray(n)) return true;
  for (const char* a : kOtherArrays) {
    if (n == a) return true;
  }
  return false;
}
bool isScalarMember(const std::string& n) {
  for (const char* a : kScalars) {
    if (n == a) return true;
  }
  return false;
}

// Builds one JSON value from SAX events (pointers stay valid: see the note in add()).
class ValueBuilder {
public:
  bool active() const { return m_active; }
  void start() {
    m_root = Json();
    m_stack.clear();
    m_active = true;
    m_done = false;
    m_values = 0;
  }
  bool done() const { return m_done; }
  Json take() {
    m_active = false;
    return std::move(m_root);
  }
  size_t values() const { return m_values; }
  const std::string& duplicateKey() const { return m_duplicate; }
  void key(const std::string& k) {
    if (!m_stack.empty() && m_stack.back()->is_object() && m_stack.back()->contains(k) && m_duplicate.empty()) {
      m_duplicate = k;
    }
    m_key = k;
  }
  void scalar(Json v) {
    (void)add(std::move(v));
    if (m_stack.empty()) m_done = true;
  }
  void open(Json container) { m_stack.push_back(add(std::move(container))); }
  void close() {
    if (!m_stack.empty()) m_stack.pop_back();
    if (m_stack.empty()) m_done = true;
  }
  void clearDuplicate() { m_duplicate.clear(); }

private:
  // A container's children are only added while it is the innermost open one, so a parent
  // (array) never reallocates while a pointer to one of its children is on the stack.
  Json* add(Json v) {
    ++m_values;
    if (m_stack.empty()) {
      m_root = std::move(v);
      return &m_root;
    }
    Json& top = *m_stack.back();
    if (top.is_object()) {
      Json& slot = top[m_key];
      slot = std::move(v);
      return &slot;
    }
    top.push_back(std::move(v));
    return &top.back();
  }
  Json m_root;
  std::vector<Json*> m_stack;
  std::string m_key, m_duplicate;
  bool m_active = false, m_done = false;
  size_t m_values = 0;
};

class Handler : public nlohmann::json_sax<Json> {
public:
  Handler(std::string_view text, ReadResult& out) : m_text(text), m_out(out), m_sum(sharedSha3()) {}

  bool null() override { return value(Json(nullptr)); }
  bool boolean(bool v) override { return value(Json(v)); }
  bool number_integer(number_integer_t v) override { return value(Json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return value(Json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return value(Json(v)); }
  bool string(string_t& v) override { return value(Json(std::move(v))); }
  bool binary(binary_t&) override { return fail("文件含有二进制数据，不是台账文件"); }

  bool start_object(std::size_t) override { return open(Json::object()); }
  bool start_array(std::size_t) override { return open(Json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    if (m_depth == 1) {
      if (!m_seen.insert(k).second) return fail("顶层字段“" + k + "”重复出现");
      m_member = k;
      if (!isArrayMember(k) && !isScalarMember(k)) {
        m_out.problems.push_back({"", k, "未知的顶层字段（第1版台账文件没有这个字段）"});
      }
      return true;
    }
    m_builder.key(k);
    return true;
  }

  bool parse_error(std::size_t pos, const std::string& token, const nlohmann::detail::exception&) override {
    const size_t at = pos > 0 ? pos - 1 : 0;
    std::string what = at >= m_text.size() || token.empty() ? "文件不完整，可能在传输或保存时被截断"
                                                            : "此处的内容“" + token.substr(0, 40) + "”不符合 JSON 语法";
    return fail("JSON 语法错误（" + positionText(m_text, at) + "）：" + what);
  }

  bool failed() const { return m_failed; }
  std::string checksum() { return m_sum.finish(); }
  std::map<std::string, Json>& header() { return m_header; }

private:
  bool fail(std::string message) {
    if (!m_failed) m_out.problems.push_back({"", "", std::move(message)});
    m_failed = true;
    m_out.fatal = true;
    return false;
  }

  bool value(Json v) {
    if (m_depth == 0) return fail("文件顶层应为 JSON 对象 {…}，不是台账文件");
    if (m_depth == 1) { // a whole header value, or a record array given as something else
      if (!isArrayMember(m_member) && m_member != "checksum") m_sum.addValue(m_member, v.dump());
      m_header[m_member] = std::move(v);
      return true;
    }
    if (!m_builder.active()) m_builder.start();
    m_builder.scalar(std::move(v));
    return afterValue();
  }

  bool open(Json container) {
    ++m_depth;
    if (m_depth > kMaxDepth) return fail("嵌套层级过深（超过 " + std::to_string(kMaxDepth) + " 层）");
    if (m_depth == 1) {
      if (!container.is_object()) return fail("文件顶层应为 JSON 对象 {…}，不是台账文件");
      return true;
    }
    if (m_depth == 2 && isArrayMember(m_member) && container.is_array()) {
      m_inArray = true;
      m_index = 0;
      m_sum.beginArray(m_member);
      m_header[m_member] = Json::array(); // marks the member as present
      return true;
    }
    if (!m_builder.active()) m_builder.start();
    m_builder.open(std::move(container));
    return true;
  }

  bool close() {
    --m_depth;
    if (m_depth == 0) return true;
    if (m_depth == 1 && m_inArray && !m_builder.active()) {
      m_inArray = false;
      return true;
    }
    m_builder.close();
    return afterValue();
  }

  bool afterValue() {
    if (m_builder.values() > (m_inArray ? kMaxElementValues : kMaxHeaderValues)) {
      return fail("顶层字段“" + m_member + "”中的单个值过大（超过 " +
                  std::to_string(m_inArray ? kMaxElementValues : kMaxHeaderValues) + " 个元素）");
    }
    if (!m_builder.done()) return true;
    const std::string duplicate = m_builder.duplicateKey();
    m_builder.clearDuplicate();
    Json v = m_builder.take();
    if (!duplicate.empty()) {
      std::string where = m_inArray ? m_member + "[" + std::to_string(m_index) + "]" : std::string();
      if (v.is_object() && v.contains("id") && v["id"].is_string() && isValidId(v["id"].get<std::string>())) {
        where = v["id"].get<std::string>();
      }
      m_out.problems.push_back({where, duplicate, "字段重复出现（同一对象中只能出现一次）"});
    }
    if (!m_inArray) {
      if (m_member != "checksum") m_sum.addValue(m_member, v.dump());
      m_header[m_member] = std::move(v);
      return true;
    }
    m_sum.addElement(m_member, v.dump());
    const std::string where = m_member + "[" + std::to_string(m_index++) + "]";
    Ledger& l = m_out.ledger;
    Kind kind;
    if (kindFromArrayName(m_member, kind)) {
      Record r;
      if (recordFromJson(kind, v, where, r, m_out.problems)) l.of(kind).push_back(std::move(r));
    } else if (m_member == "events") {
      core::HistoryEvent e;
      if (eventFromJson(v, where, e, m_out.problems)) l.events.push_back(std::move(e));
    } else {
      Conflict c;
      if (conflictFromJson(v, where, c, m_out.problems)) l.conflicts.push_back(std::move(c));
    }
    if (m_out.problems.size() > kMaxProblems)
      return fail("问题过多（超过 " + std::to_string(kMaxProblems) + " 条），已停止检查");
    return true;
  }

  std::string_view m_text;
  ReadResult& m_out;
  ChecksumBuilder m_sum;
  ValueBuilder m_builder;
  std::map<std::string, Json> m_header;
  std::set<std::string> m_seen;
  std::string m_member;
  int m_depth = 0;
  bool m_inArray = false;
  size_t m_index = 0;
  bool m_failed = false;
};

} // namespace

// [SECTION] Header checks and the entry point --------------------------------------------------

namespace {

void checkHeader(std::map<std::string, Json>& h, ReadResult& out) {
  auto& P = out.problems;
  auto format = h.find("format");
  if (format == h.end()) {
    P.push_back({"", "format", "缺少 format 字段，不是台账文件（应为 \"hazard-ledger\"）"});
    out.fatal = true;
    return;
  }
  if (!format->second.is_string() || format->second.get<std::string>() != kFormatName) {
    P.push_back({"", "format", "文件格式为 " + format->second.dump() + "，不是隐患台账文件（应为 \"hazard-ledger\"）"});
    out.fatal = true;
    return;
  }
  auto version = h.find("version");
  if (version == h.end() || !version->second.is_number_integer()) {
    P.push_back({"", "version", "缺少版本号或版本号不是整数（应为 1）"});
    out.fatal = true;
    return;
  }
  if (version->second.get<int64_t>() != kFormatVersion) {
    P.push_back(
        {"", "version",
         "不支持的台账文件版本 " + version->second.dump() + "（本程序支持版本 1），请升级程序或让对方导出版本 1"});
    out.fatal = true;
    return;
  }
  Ledger& l = out.ledger;
  auto exported = h.find("exported_at");
  if (exported == h.end())
    P.push_back({"", "exported_at", "缺少必填字段"});
  else if (!exported->second.is_string() || !core::parseTimestamp(exported->second.get<std::string>())) {
    P.push_back({"", "exported_at", "导出时间应为如 \"2026-11-29T13:45:07.123Z\" 的字符串"});
  } else {
    l.exportedAt = exported->second.get<std::string>();
  }
  auto office = h.find("office");
  if (office == h.end())
    P.push_back({"", "office", "缺少必填字段"});
  else
    (void)officeFromJson(office->second, l.office, P);
  auto scope = h.find("scope");
  if (scope == h.end())
    P.push_back({"", "scope", "缺少必填字段"});
  else
    (void)scopeFromJson(scope->second, l, P);
  for (const char* a : arrayMembers()) {
    auto it = h.find(a);
    if (it == h.end()) {
      if (std::string(a) != "conflicts") P.push_back({"", a, "缺少必填字段（没有记录时应为空数组 []）"});
    } else if (!it->second.is_array()) {
      P.push_back({"", a, std::string("类型错误：应为数组，实际为") + jsonTypeName(it->second)});
    }
  }
  auto checksum = h.find("checksum");
  if (checksum == h.end())
    P.push_back({"", "checksum", "缺少校验值"});
  else if (!checksum->second.is_string())
    P.push_back({"", "checksum", "校验值应为64位十六进制字符串"});
  else
    l.checksum = checksum->second.get<std::string>();
}

} // namespace

ReadResult readLedger(std::string_view bytes) {
  ReadResult out;
  if (isGzip(bytes)) {
    auto inflated = gunzip(bytes, kMaxFileBytes);
    if (!inflated) {
      out.problems.push_back({"", "", inflated.error().message});
      out.fatal = true;
      return out;
    }
    return readLedger(inflated.value());
  }
  const std::string_view text = stripBom(bytes);
  if (auto p = guardJsonBytes(text)) {
    out.problems.push_back(std::move(*p));
    out.fatal = true;
    return out;
  }
  try {
    Handler handler(text, out);
    const bool parsed = Json::sax_parse(text.begin(), text.end(), &handler);
    if (!parsed || handler.failed()) {
      out.fatal = true;
      if (out.problems.empty()) out.problems.push_back({"", "", "无法解析文件"});
      return out;
    }
    checkHeader(handler.header(), out);
    if (out.fatal) {
      // Wrong format or version: record problems would only be noise.
      std::vector<Problem> header;
      for (auto& p : out.problems) {
        if (p.record.empty() && (p.field == "format" || p.field == "version")) header.push_back(std::move(p));
      }
      out.problems = std::move(header);
      return out;
    }
    out.computedChecksum = handler.checksum();
  } catch (const std::exception& e) { // defensive: the handler never throws on purpose
    out.problems.push_back({"", "", std::string("无法解析文件：") + e.what()});
    out.fatal = true;
  }
  return out;
}

Result<std::string> readFileBytes(const std::string& path, size_t maxBytes) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Error::make(ErrorCode::NotFound, "无法打开文件");
  std::string data;
  if (std::fseek(f, 0, SEEK_END) == 0) {
    const long size = std::ftell(f);
    if (size > 0 && static_cast<unsigned long>(size) > maxBytes) {
      std::fclose(f);
      return Error::make(ErrorCode::Format, "文件过大（" + std::to_string(size / (1024 * 1024)) + " MB），上限为 " +
                                                std::to_string(maxBytes / (1024 * 1024)) + " MB");
    }
    if (size > 0) data.reserve(static_cast<size_t>(size));
    std::fseek(f, 0, SEEK_SET);
  }
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    data.append(buf, n);
    if (data.size() > maxBytes) {
      std::fclose(f);
      return Error::make(ErrorCode::Format, "文件过大，上限为 " + std::to_string(maxBytes / (1024 * 1024)) + " MB");
    }
  }
  const bool bad = std::ferror(f) != 0;
  std::fclose(f);
  if (bad) return Error::make(ErrorCode::Storage, "读取文件失败");
  return data;
}

} // namespace hz::ledger
