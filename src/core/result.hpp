// Result<T>: a value or an Error fit for a user (code + Chinese message + where it happened).
// Fallible operations in the core return this instead of throwing across module boundaries.
#pragma once
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hz {

enum class ErrorCode {
  Invalid,   // input failed validation (see Error::field)
  NotFound,  // a referenced record does not exist
  Conflict,  // a uniqueness or concurrency rule was broken
  Forbidden, // a workflow rule refuses the action
  Storage,   // SQLite or the file system failed
  Format,    // a file is not in the expected format
  Internal,  // a bug: should never reach a user
};

// One problem, located: which record and which field, and what is wrong (Chinese, for users).
struct Problem {
  std::string record;  // record id or human number; may be empty
  std::string field;   // field name as users/JSON see it; may be empty
  std::string message; // Chinese, says what is wrong and what is expected
};

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;           // summary, Chinese
  std::vector<Problem> problems; // details (e.g. every missing field of a workflow step)

  static Error invalid(std::string msg, std::vector<Problem> problems = {}) {
    return Error{ErrorCode::Invalid, std::move(msg), std::move(problems)};
  }
  static Error make(ErrorCode c, std::string msg) { return Error{c, std::move(msg), {}}; }
  // All problems joined as "field: message" lines, for logs and CLI output.
  std::string describe() const {
    std::string s = message;
    for (const auto& p : problems) {
      s += "\n  ";
      if (!p.record.empty()) s += p.record + ": ";
      if (!p.field.empty()) s += p.field + ": ";
      s += p.message;
    }
    return s;
  }
};

template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : m_v(std::move(value)) {}
  Result(Error error) : m_v(std::move(error)) {}
  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(m_v); }
  const T& value() const& { return std::get<0>(m_v); }
  T&& value() && { return std::get<0>(std::move(m_v)); }
  const Error& error() const { return std::get<1>(m_v); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

private:
  std::variant<T, Error> m_v;
};

struct Ok {};
using Status = Result<Ok>;
inline Status ok() { return Ok{}; }

} // namespace hz
