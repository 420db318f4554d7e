// Streaming ledger reader (see reader.hpp). A byte scanner follows the top-level object of the
// file (keys, array brackets, commas) and captures each value below it whole: one header value or
// one array element. Each captured value is parsed with a nlohmann SAX handler that builds a small
// JSON value (catching duplicate keys and oversize values), then converted to a record, event or
// conflict and added to the checksum. No exception leaves this file.
#include "ledger/reader.hpp"

#include "core/date.hpp"
#include "core/text.hpp"
#include "ledger/checksum.hpp"
#include "ledger/compress.hpp"
#include "ledger/json_guard.hpp"
#include "ledger/record_json.hpp"
#include "ledger/signing.hpp"

#include <cstdio>
#include <iterator>
#include <map>
#include <optional>
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
const char* const kScalars[] = {"format",   "version", "exported_at", "office", "scope",
                                "checksum", "signers", "signature"}; // the last two: version 3 (signing.hpp)

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
  bool done() const { return m_done; }
  Json take() { return std::move(m_root); }
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
  bool m_done = false;
  size_t m_values = 0;
};

// Canonical JSON text (the form the checksum covers, nlohmann's dump()) written while a value is
// parsed: when every object's keys come in sorted order, the text as it arrives, re-escaped, is
// the canonical text, and the value need not be dumped again. Gives up at the first key out of
// order (or repeated); the caller then dumps the value.
class CanonicalWriter {
public:
  bool ok() const { return m_ok; }
  const std::string& text() const { return m_text; }
  void scalar(std::string_view literal) {
    if (!m_ok) return;
    separate();
    m_text += literal;
  }
  void string(const std::string& v) {
    if (!m_ok) return;
    separate();
    m_ok = core::appendJsonString(m_text, v, true); // the parser checked its UTF-8
  }
  void open(bool object) {
    if (!m_ok) return;
    separate();
    m_text += object ? '{' : '[';
    m_levels.push_back({object, true, {}});
  }
  void close() {
    if (!m_ok || m_levels.empty()) return;
    m_text += m_levels.back().object ? '}' : ']';
    m_levels.pop_back();
  }
  void key(const std::string& k) {
    if (!m_ok || m_levels.empty()) return;
    Level& l = m_levels.back();
    if (!l.first && !(l.lastKey < k)) {
      m_ok = false;
      return;
    }
    if (!l.first) m_text += ',';
    l.first = false;
    l.lastKey = k;
    m_ok = core::appendJsonString(m_text, k, true);
    m_text += ':';
  }

private:
  struct Level {
    bool object, first;
    std::string lastKey;
  };
  void separate() { // before a value: an array's comma (an object's came with the key)
    if (m_levels.empty() || m_levels.back().object) return;
    if (!m_levels.back().first) m_text += ',';
    m_levels.back().first = false;
  }
  std::string m_text;
  std::vector<Level> m_levels;
  bool m_ok = true;
};

// Parses one captured value (the scanner has already checked nesting, UTF-8 and string length).
class ValueHandler : public nlohmann::json_sax<Json> {
public:
  explicit ValueHandler(size_t maxValues) : m_max(maxValues) {}
  bool null() override {
    m_canon.scalar("null");
    return value(Json(nullptr));
  }
  bool boolean(bool v) override {
    m_canon.scalar(v ? "true" : "false");
    return value(Json(v));
  }
  bool number_integer(number_integer_t v) override {
    m_canon.scalar(std::to_string(v));
    return value(Json(v));
  }
  bool number_unsigned(number_unsigned_t v) override {
    m_canon.scalar(std::to_string(v));
    return value(Json(v));
  }
  bool number_float(number_float_t v, const string_t&) override {
    Json j(v);
    if (m_canon.ok()) m_canon.scalar(j.dump());
    return value(std::move(j));
  }
  bool string(string_t& v) override {
    m_canon.string(v);
    return value(Json(std::move(v)));
  }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override {
    m_canon.open(true);
    return open(Json::object());
  }
  bool start_array(std::size_t) override {
    m_canon.open(false);
    return open(Json::array());
  }
  bool end_object() override {
    m_canon.close();
    return close();
  }
  bool end_array() override {
    m_canon.close();
    return close();
  }
  bool key(string_t& k) override {
    m_canon.key(k);
    m_builder.key(k);
    return true;
  }
  // The canonical text of the value parsed, when it could be written as it came.
  const std::string* canonical() const { return m_canon.ok() ? &m_canon.text() : nullptr; }
  bool parse_error(std::size_t pos, const std::string& token, const nlohmann::detail::exception&) override {
    m_errorAt = pos > 0 ? pos - 1 : 0;
    m_errorToken = token;
    return false;
  }
  ValueBuilder& builder() { return m_builder; }
  bool tooBig() const { return m_tooBig; }
  std::optional<size_t> errorAt() const { return m_errorAt; }
  const std::string& errorToken() const { return m_errorToken; }

private:
  bool value(Json v) {
    m_builder.scalar(std::move(v));
    return check();
  }
  bool open(Json c) {
    m_builder.open(std::move(c));
    return check();
  }
  bool close() {
    m_builder.close();
    return true;
  }
  bool check() {
    if (m_builder.values() > m_max) m_tooBig = true;
    return !m_tooBig;
  }
  ValueBuilder m_builder;
  CanonicalWriter m_canon;
  size_t m_max;
  bool m_tooBig = false;
  std::optional<size_t> m_errorAt;
  std::string m_errorToken;
};

// Where a byte is, for messages: offset and 1-based line and column (columns in characters).
struct Pos {
  uint64_t offset = 0;
  uint64_t line = 1, col = 1;
  std::string text() const { return "第 " + std::to_string(line) + " 行第 " + std::to_string(col) + " 列"; }
  // The position `at` bytes into `text`, which starts here.
  Pos advanced(std::string_view text, size_t at) const {
    Pos p = *this;
    for (size_t i = 0; i < at && i < text.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (c == '\n') {
        ++p.line;
        p.col = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++p.col;
      }
      ++p.offset;
    }
    return p;
  }
};

class CollectSink final : public ReadSink {
public:
  explicit CollectSink(Ledger& l) : m_l(l) {}
  void record(Kind kind, Record&& r) override { m_l.of(kind).push_back(std::move(r)); }
  void event(core::HistoryEvent&& e, bool) override { m_l.events.push_back(std::move(e)); }
  void conflict(Conflict&& c) override { m_l.conflicts.push_back(std::move(c)); }

private:
  Ledger& m_l;
};

void checkFormatVersion(std::map<std::string, Json>& h, ReadResult& out);
void checkHeaderValue(const std::string& member, const Json& v, ReadResult& out);
void checkHeaderComplete(std::map<std::string, Json>& h, ReadResult& out);

} // namespace

// [SECTION] The scanner --------------------------------------------------------------------------

struct LedgerParser::Impl {
  Impl(ReadResult& o, ReadSink& s) : out(o), sink(s), sum(sharedSha3()) {}

  enum class State { Begin, Key, KeyOrEnd, Colon, Value, ElementOrEnd, Element, AfterElement, AfterValue, End };
  enum class Capture { None, Key, Container, String, Literal };

  ReadResult& out;
  ReadSink& sink;
  ChecksumBuilder sum;
  EventLinks links;                 // version 2: what events leave out
  SignatureCoverage coverage;       // version 3: which events each office's signature covers
  bool filledBeforeVersion = false; // events completed before `version` was read
  std::map<std::string, Json> header;
  std::set<std::string> seen;
  std::string member;
  size_t index = 0; // of the next element of the current array
  bool failed = false;

  // Input: detection of gzip and a byte order mark from the first bytes.
  std::string head; // the first bytes until three are known
  bool detected = false;
  std::unique_ptr<GunzipStream> gz;
  bool gzBroken = false;
  uint64_t fed = 0;

  // Scanner state.
  State state = State::Begin;
  Pos pos; // of the next byte
  int depth = 0;
  bool inString = false, escape = false;
  Pos stringStart;
  int utf8Need = 0;
  uint32_t cp = 0, cpMin = 0;
  Pos utf8Start;
  // The value being captured.
  Capture capture = Capture::None;
  int captureDepth = 0;
  Pos captureStart;
  std::string buf;

  bool fail(std::string message) {
    if (!failed) out.problems.push_back({"", "", std::move(message)});
    failed = true;
    out.fatal = true;
    return false;
  }
  // The byte guard's findings (encoding, string length, nesting, size) make every other problem
  // noise: they are reported alone, as when the guard ran before any parsing.
  bool guardFail(std::string message) {
    out.problems.clear();
    failed = false;
    return fail(std::move(message));
  }
  // A syntax error (or a top level that is not an object) is reported at the end, after the
  // rest of the bytes have passed the guard; nothing more is parsed.
  bool syntaxFail(std::string message) {
    if (pendingSyntax.empty()) pendingSyntax = std::move(message);
    junk = true;
    capture = Capture::None;
    return true;
  }
  bool syntaxError(const Pos& at, char c) {
    std::string token(1, c);
    return syntaxFail("JSON 语法错误（" + at.text() + "）：此处的内容“" + token + "”不符合 JSON 语法");
  }
  std::string pendingSyntax;
  bool junk = false; // after a syntax error: only the guard's checks run

  // True while more bytes may change the outcome: a compressed file is inflated to its end even
  // after its text failed, since damage to the compressed stream explains broken text best.
  bool feed(std::string_view bytes) {
    if (failed && !(gz && !gzBroken)) return false;
    fed += bytes.size();
    if (!detected) {
      if (head.empty() && bytes.size() >= 3) {
        detected = true;
        return route(bytes);
      }
      head.append(bytes);
      if (head.size() < 3) return true;
      detected = true;
      std::string first;
      first.swap(head);
      return route(first);
    }
    return route(bytes);
  }

  bool route(std::string_view bytes) {
    if (gz || (pos.offset == 0 && isGzip(bytes))) {
      if (!gz) gz = std::make_unique<GunzipStream>(kMaxFileBytes);
      auto s = gz->feed(
          bytes,
          [](void* self, std::string_view piece) {
            auto* me = static_cast<Impl*>(self);
            if (!me->failed) (void)me->plain(piece);
          },
          this);
      if (!s) {
        gzBroken = true;
        return guardFail(s.error().message);
      }
      return true;
    }
    return plain(bytes);
  }

  // Plain JSON text, in order (a byte order mark at the start is skipped, even when the
  // inflated text arrives a byte at a time).
  bool plain(std::string_view text) {
    if (failed) return false;
    if (!bomChecked) {
      if (bomHead.empty() && text.size() >= 3) {
        bomChecked = true;
        return checked(stripBom(text));
      }
      bomHead.append(text);
      if (bomHead.size() < 3) return true;
      bomChecked = true;
      std::string first;
      first.swap(bomHead);
      return checked(stripBom(first)); // scan() copies what it keeps
    }
    return checked(text);
  }
  std::string bomHead;

  bool checked(std::string_view text) {
    if (pos.offset + text.size() > kMaxFileBytes) {
      return guardFail("文件过大，上限为 " + std::to_string(kMaxFileBytes / (1024 * 1024)) +
                       " MB，请按时间范围分批导出");
    }
    return scan(text);
  }
  bool bomChecked = false;

  // A value starts at text[i] of the current piece.
  void beginCapture(Capture kind, size_t i) {
    capture = kind;
    captureDepth = depth;
    captureStart = pos;
    buf.clear();
    segment = i;
  }
  size_t segment = 0; // start of the captured bytes in the current piece

  bool scan(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    segment = 0;
    for (size_t i = 0; i < n;) {
      const unsigned char c = p[i];
      if (inString && pos.offset - stringStart.offset > kMaxStringBytes) return tooLong();
      // UTF-8 well-formedness everywhere (a sequence may continue in the next piece).
      if (utf8Need > 0) {
        if ((c & 0xC0) != 0x80) return badUtf8();
        cp = (cp << 6) | (c & 0x3F);
        if (--utf8Need == 0 && (cp < cpMin || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) return badUtf8();
        advance(c, i);
        continue;
      }
      if (c >= 0x80) {
        utf8Start = pos;
        if (c >= 0xC2 && c <= 0xDF) {
          utf8Need = 1, cpMin = 0x80, cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
          utf8Need = 2, cpMin = 0x800, cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
          utf8Need = 3, cpMin = 0x10000, cp = c & 0x07;
        } else {
          return badUtf8();
        }
        if (!inString && !junk && !syntaxErrorAt(c)) return false;
        advance(c, i);
        continue;
      }
      if (inString) {
        if (escape) {
          escape = false;
        } else if (c == '\\') {
          escape = true;
        } else if (c == '"') {
          inString = false;
          advance(c, i);
          if (capture == Capture::String || capture == Capture::Key) {
            if (!completeCapture(text, i)) return false;
          }
          continue;
        }
        advance(c, i);
        continue;
      }
      // Outside strings.
      if (junk) {
        junkByte(c);
        if (failed) return false;
        advance(c, i);
        continue;
      }
      if (capture == Capture::Literal && !literalChar(c)) {
        if (!completeCapture(text, i)) return false; // the delimiter is read again below
        continue;
      }
      if (capture == Capture::Container) {
        if (c == '"') {
          startString();
        } else if (c == '{' || c == '[') {
          if (!deeper()) return false;
        } else if (c == '}' || c == ']') {
          --depth;
          if (depth == captureDepth) {
            advance(c, i);
            if (!completeCapture(text, i)) return false;
            continue;
          }
        }
        advance(c, i);
        continue;
      }
      if (capture == Capture::Literal) {
        advance(c, i);
        continue;
      }
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        advance(c, i);
        continue;
      }
      if (!grammar(c, i)) return false;
    }
    if (capture != Capture::None) buf.append(text.substr(segment));
    return !failed;
  }

  void advance(unsigned char c, size_t& i) {
    ++i;
    ++pos.offset;
    if (c == '\n') {
      ++pos.line;
      pos.col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++pos.col;
    }
  }
  static bool literalChar(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+' ||
           c == '.';
  }
  void startString() {
    inString = true;
    escape = false;
    stringStart = pos;
  }
  bool deeper() {
    if (++depth > kMaxDepth) {
      return guardFail("嵌套层级过深（" + pos.text() + " 超过 " + std::to_string(kMaxDepth) +
                       " 层），不是有效的台账文件");
    }
    return true;
  }
  bool badUtf8() {
    const Pos at = utf8Need > 0 && utf8Start.offset < pos.offset ? utf8Start : pos;
    return guardFail("文件不是有效的 UTF-8 编码（" + at.text() + "，字节偏移 " + std::to_string(at.offset) +
                     "），请以 UTF-8 保存（GBK 等编码不受支持）");
  }
  bool tooLong() {
    return guardFail("字符串过长（" + stringStart.text() + " 开始，超过 " + std::to_string(kMaxStringBytes / 1024) +
                     " KB 上限）");
  }
  bool syntaxErrorAt(unsigned char c) {
    if (state == State::Begin && depth == 0) return syntaxFail("文件顶层应为 JSON 对象 {…}，不是台账文件");
    return syntaxError(pos, static_cast<char>(c));
  }
  // After a syntax error: strings and nesting are still followed for the guard.
  void junkByte(unsigned char c) {
    if (c == '"') {
      startString();
    } else if (c == '{' || c == '[') {
      (void)deeper();
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }

  // One structural byte outside any captured value.
  bool grammar(unsigned char c, size_t& i) {
    switch (state) {
    case State::Begin:
      if (c == '{') {
        if (!deeper()) return false;
        state = State::KeyOrEnd;
        advance(c, i);
        return true;
      }
      if (c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n')
        return syntaxFail("文件顶层应为 JSON 对象 {…}，不是台账文件");
      return syntaxError(pos, static_cast<char>(c));
    case State::KeyOrEnd:
    case State::Key:
      if (c == '"') {
        beginCapture(Capture::Key, i);
        startString();
        advance(c, i);
        return true;
      }
      if (c == '}' && state == State::KeyOrEnd) return closeObject(c, i);
      return syntaxError(pos, static_cast<char>(c));
    case State::Colon:
      if (c != ':') return syntaxError(pos, static_cast<char>(c));
      state = State::Value;
      advance(c, i);
      return true;
    case State::Value:
      if (c == '[' && isArrayMember(member)) {
        if (!deeper()) return false;
        sum.beginArray(member);
        header[member] = Json::array(); // marks the member as present
        index = 0;
        state = State::ElementOrEnd;
        advance(c, i);
        return true;
      }
      return startValue(c, i);
    case State::ElementOrEnd:
    case State::Element:
      if (c == ']' && state == State::ElementOrEnd) {
        --depth;
        state = State::AfterValue;
        advance(c, i);
        return true;
      }
      return startValue(c, i);
    case State::AfterElement:
      if (c == ',') {
        state = State::Element;
      } else if (c == ']') {
        --depth;
        state = State::AfterValue;
      } else {
        return syntaxError(pos, static_cast<char>(c));
      }
      advance(c, i);
      return true;
    case State::AfterValue:
      if (c == ',') {
        state = State::Key;
        advance(c, i);
        return true;
      }
      if (c == '}') return closeObject(c, i);
      return syntaxError(pos, static_cast<char>(c));
    case State::End:
      return syntaxError(pos, static_cast<char>(c));
    }
    return true;
  }

  bool closeObject(unsigned char c, size_t& i) {
    --depth;
    state = State::End;
    advance(c, i);
    return true;
  }

  bool startValue(unsigned char c, size_t& i) {
    if (c == '{' || c == '[') {
      beginCapture(Capture::Container, i);
      if (!deeper()) return false;
    } else if (c == '"') {
      beginCapture(Capture::String, i);
      startString();
    } else if (literalChar(c)) {
      beginCapture(Capture::Literal, i);
    } else {
      return syntaxError(pos, static_cast<char>(c));
    }
    advance(c, i);
    return true;
  }

  // The captured value ends before text[i].
  bool completeCapture(std::string_view text, size_t i) {
    buf.append(text.substr(segment, i - segment));
    segment = i;
    const Capture kind = capture;
    capture = Capture::None;
    if (kind == Capture::Key) return takeKey();
    const bool inArray = state == State::Element || state == State::ElementOrEnd;
    ValueHandler handler(inArray ? kMaxElementValues : kMaxHeaderValues);
    bool parsed = false;
    try {
      parsed = Json::sax_parse(buf, &handler);
    } catch (const std::exception& e) { // defensive: the handler never throws on purpose
      return fail(std::string("无法解析文件：") + e.what());
    }
    if (handler.tooBig()) {
      return fail("顶层字段“" + member + "”中的单个值过大（超过 " +
                  std::to_string(inArray ? kMaxElementValues : kMaxHeaderValues) + " 个元素）");
    }
    if (!parsed || !handler.builder().done()) {
      const size_t at = handler.errorAt().value_or(buf.size());
      const Pos where = captureStart.advanced(buf, at);
      const std::string& token = handler.errorToken();
      if (at >= buf.size() || token.empty()) return syntaxError(where, at < buf.size() ? buf[at] : ' ');
      return fail("JSON 语法错误（" + where.text() + "）：此处的内容“" + token.substr(0, 40) + "”不符合 JSON 语法");
    }
    std::string duplicate = handler.builder().duplicateKey();
    Json v = handler.builder().take();
    if (inArray) {
      state = State::AfterElement;
      return element(std::move(v), duplicate, handler.canonical());
    }
    state = State::AfterValue;
    if (!duplicate.empty()) out.problems.push_back({"", duplicate, "字段重复出现（同一对象中只能出现一次）"});
    // The checksum covers every member but itself and the signature over it.
    if (!isArrayMember(member) && member != "checksum" && member != "signature") sum.addValue(member, v.dump());
    checkHeaderValue(member, v, out);
    if (member == "signers") coverage.signers(out.ledger.signers);
    header[member] = std::move(v);
    if ((member == "format" || member == "version") && header.count("format") && header.count("version")) {
      checkFormatVersion(header, out);
      if (out.fatal) failed = true;
    }
    return !failed;
  }

  bool takeKey() {
    Json k = Json::parse(buf, nullptr, false);
    if (!k.is_string()) return syntaxFail("JSON 语法错误（" + captureStart.text() + "）：字段名不符合 JSON 语法");
    member = k.get<std::string>();
    state = State::Colon;
    if (!seen.insert(member).second) return fail("顶层字段“" + member + "”重复出现");
    if (!isArrayMember(member) && !isScalarMember(member)) {
      out.problems.push_back({"", member, "未知的顶层字段（台账文件没有这个字段）"});
    }
    return true;
  }

  bool element(Json v, const std::string& duplicate, const std::string* canonical) {
    const std::string where = member + "[" + std::to_string(index++) + "]";
    if (!duplicate.empty()) {
      std::string id = where;
      if (v.is_object() && v.contains("id") && v["id"].is_string() && isValidId(v["id"].get<std::string>())) {
        id = v["id"].get<std::string>();
      }
      out.problems.push_back({id, duplicate, "字段重复出现（同一对象中只能出现一次）"});
    }
    if (canonical)
      sum.addElement(member, *canonical);
    else
      sum.addElement(member, v.dump());
    Kind kind;
    if (kindFromArrayName(member, kind)) {
      Record r;
      if (recordFromJson(kind, v, where, r, out.problems)) {
        coverage.record(r.meta.rev);
        sink.record(kind, std::move(r));
      }
    } else if (member == "events") {
      // Version 2 leaves out what can be recomputed. Writers put `version` first; an event read
      // before it (members re-sorted, as `jq -S` does) is read by version 2's rules, and a file
      // that then turns out to be of version 1 is refused in finish() if anything was filled in.
      const auto ver = header.find("version");
      const bool known = ver != header.end() && ver->second.is_number_integer();
      const bool v1 = known && ver->second.get<int64_t>() < 2;
      core::HistoryEvent e;
      if (eventFromJson(v, where, e, out.problems, v1)) {
        const bool hasPrev = v.contains("prev_hash"), hasHash = v.contains("hash");
        if (!v1) {
          links.complete(e, hasPrev, hasHash);
          if (!known && !(hasPrev && hasHash)) filledBeforeVersion = true;
        }
        coverage.event(e.origin, e.id, e.prevHash, e.hash);
        sink.event(std::move(e), !v1 && !hasHash);
      }
    } else {
      Conflict c;
      if (conflictFromJson(v, where, c, out.problems)) sink.conflict(std::move(c));
    }
    if (out.problems.size() > kMaxProblems)
      return fail("问题过多（超过 " + std::to_string(kMaxProblems) + " 条），已停止检查");
    if (out.fatal) failed = true; // the sink may stop the reading (e.g. a database error)
    return !failed;
  }

  void finish() {
    segment = 0;
    if (!detected) { // fewer than three bytes in all
      detected = true;
      std::string first;
      first.swap(head);
      if (!first.empty()) (void)route(first);
    }
    if (!bomChecked && !failed) { // fewer than three bytes of text in all
      bomChecked = true;
      std::string first;
      first.swap(bomHead);
      if (!first.empty()) (void)checked(stripBom(first));
    }
    if (gz && !gzBroken) {
      if (auto s = gz->finish(); !s) {
        gzBroken = true;
        guardFail(s.error().message);
        return;
      }
    }
    if (failed) return filterFatal();
    if (pos.offset == 0 && state == State::Begin) {
      fail("文件为空，不是台账文件");
      return;
    }
    // A character cut at the end is a cut file, reported as such below.
    if (inString && pos.offset - stringStart.offset > kMaxStringBytes) {
      tooLong();
      return;
    }
    if (capture == Capture::Literal) {
      if (!completeCapture(std::string_view(), 0)) return filterFatal();
    }
    if (!pendingSyntax.empty()) {
      fail(pendingSyntax);
      return filterFatal();
    }
    if (state != State::End) {
      if (state == State::Begin) {
        fail("文件顶层应为 JSON 对象 {…}，不是台账文件");
        return;
      }
      fail("JSON 语法错误（" + pos.text() + "）：文件不完整，可能在传输或保存时被截断");
      return;
    }
    checkHeaderComplete(header, out);
    if (out.fatal) return filterFatal();
    if (filledBeforeVersion && out.ledger.version < 2) {
      out.problems.push_back(
          {"", "events", "第 1 版台账文件的每条历史记录都须带 hash 和 prev_hash，本文件有历史记录缺少"});
    }
    out.computedChecksum = sum.finish();
    const bool hasSignature = header.count("signers") || header.count("signature");
    if (out.ledger.version < kSignedFormatVersion && hasSignature) {
      out.problems.push_back({"", header.count("signers") ? "signers" : "signature",
                              "第 " + std::to_string(kSignedFormatVersion) + " 版起的台账文件才有签名，本文件为第 " +
                                  std::to_string(out.ledger.version) + " 版"});
    } else if (out.ledger.version >= kSignedFormatVersion && !header.count("signers")) {
      out.problems.push_back({"", "signers", "第 3 版台账文件缺少各单位的历史签名（signers）"});
    }
    coverage.finish(out.ledger, out.problems, out.unsignedOrigins);
  }

  // Wrong format or version: record problems would only be noise.
  void filterFatal() {
    bool headerFatal = false;
    for (const auto& p : out.problems) {
      if (p.record.empty() && (p.field == "format" || p.field == "version")) headerFatal = true;
    }
    if (!headerFatal) return;
    std::vector<Problem> kept;
    for (auto& p : out.problems) {
      if (p.record.empty() && (p.field == "format" || p.field == "version")) kept.push_back(std::move(p));
    }
    out.problems = std::move(kept);
  }
};

LedgerParser::LedgerParser(ReadResult& out, ReadSink& sink) : m(std::make_unique<Impl>(out, sink)) {}
LedgerParser::~LedgerParser() = default;
bool LedgerParser::feed(std::string_view bytes) { return m->feed(bytes); }
void LedgerParser::finish() { m->finish(); }
uint64_t LedgerParser::bytesFed() const { return m->fed; }
uint64_t LedgerParser::bytesParsed() const { return m->pos.offset; }

// [SECTION] Header checks and the entry point --------------------------------------------------

namespace {

// Called once, when the second of format and version has been read, or at the end when one is
// missing: a wrong format or version makes the file unusable (out.fatal).
void checkFormatVersion(std::map<std::string, Json>& h, ReadResult& out) {
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
    P.push_back({"", "version", "缺少版本号或版本号不是整数（应为 " + std::to_string(kFormatVersion) + "）"});
    out.fatal = true;
    return;
  }
  const int64_t v = version->second.get<int64_t>();
  if (v < kOldestFormatVersion || v > kNewestFormatVersion) {
    P.push_back({"", "version",
                 "不支持的台账文件版本 " + version->second.dump() + "（本程序支持版本 " +
                     std::to_string(kOldestFormatVersion) + " 至 " + std::to_string(kNewestFormatVersion) +
                     "），请升级程序或让对方导出本程序支持的版本"});
    out.fatal = true;
    return;
  }
  out.ledger.version = static_cast<int>(v);
}

// A header value as soon as it is read (office and scope are then known to the sink).
void checkHeaderValue(const std::string& member, const Json& v, ReadResult& out) {
  auto& P = out.problems;
  Ledger& l = out.ledger;
  if (member == "exported_at") {
    if (!v.is_string() || !core::parseTimestamp(v.get<std::string>()))
      P.push_back({"", "exported_at", "导出时间应为如 \"2026-11-29T13:45:07.123Z\" 的字符串"});
    else
      l.exportedAt = v.get<std::string>();
  } else if (member == "office") {
    (void)officeFromJson(v, l.office, P);
  } else if (member == "scope") {
    (void)scopeFromJson(v, l, P);
  } else if (member == "signers") {
    l.signers.clear();
    (void)signersFromJson(v, l.signers, P);
  } else if (member == "signature") {
    FileSignature sig;
    if (fileSignatureFromJson(v, sig, P)) l.signature = std::move(sig);
  } else if (member == "checksum") {
    if (!v.is_string())
      P.push_back({"", "checksum", "校验值应为64位十六进制字符串"});
    else
      l.checksum = v.get<std::string>();
  }
}

// At the end of the file: what is missing, and arrays given as something else.
void checkHeaderComplete(std::map<std::string, Json>& h, ReadResult& out) {
  auto& P = out.problems;
  if (!h.count("format") || !h.count("version")) {
    checkFormatVersion(h, out);
    if (out.fatal) return;
  }
  for (const char* m : {"exported_at", "office", "scope"}) {
    if (!h.count(m)) P.push_back({"", m, "缺少必填字段"});
  }
  for (const char* a : arrayMembers()) {
    auto it = h.find(a);
    if (it == h.end()) {
      if (std::string(a) != "conflicts") P.push_back({"", a, "缺少必填字段（没有记录时应为空数组 []）"});
    } else if (!it->second.is_array()) {
      P.push_back({"", a, std::string("类型错误：应为数组，实际为") + jsonTypeName(it->second)});
    }
  }
  if (!h.count("checksum")) P.push_back({"", "checksum", "缺少校验值"});
}

} // namespace

ReadResult readLedger(std::string_view bytes) {
  ReadResult out;
  CollectSink sink(out.ledger);
  LedgerParser parser(out, sink);
  (void)parser.feed(bytes);
  parser.finish(); // after a fatal problem: keeps only the reason the file is unusable
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
