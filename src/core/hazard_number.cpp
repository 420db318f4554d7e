// Hazard numbers (see hazard_number.hpp).
#include "core/hazard_number.hpp"

#include <cstdio>

namespace hz::core {

namespace {

constexpr char kTokenLetters[] = "ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford's letters, no I L O U
constexpr uint64_t kTokenBase = sizeof kTokenLetters - 1;  // 22

bool isDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool isTokenText(std::string_view s) {
  if (s.size() != 4) return false;
  for (char c : s) {
    bool found = false;
    for (uint64_t i = 0; i < kTokenBase; ++i) found = found || kTokenLetters[i] == c;
    if (!found) return false;
  }
  return true;
}

} // namespace

std::string officeToken(std::string_view officeId) {
  // FNV-1a (64 bit), then a final avalanche so that ids differing only in their last characters
  // (ULIDs made in the same millisecond) spread over the whole token space.
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : officeId) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  std::string token(4, 'A');
  for (char& c : token) {
    c = kTokenLetters[h % kTokenBase];
    h /= kTokenBase;
  }
  return token;
}

std::string formatHazardNumber(std::string_view division, int year, std::string_view token, int64_t sequence) {
  char tail[48];
  std::snprintf(tail, sizeof tail, "-%04d-%s-%04lld", year, std::string(token).c_str(),
                static_cast<long long>(sequence));
  return std::string(division) + tail;
}

bool parseHazardNumber(std::string_view number, HazardNumberParts& out) {
  std::string_view parts[4];
  size_t n = 0;
  size_t start = 0;
  for (size_t i = 0; i <= number.size(); ++i) {
    if (i == number.size() || number[i] == '-') {
      if (n == 4) return false;
      parts[n++] = number.substr(start, i - start);
      start = i + 1;
    }
  }
  if (n < 3) return false;
  const std::string_view division = parts[0], year = parts[1], seq = parts[n - 1];
  if (!isDigits(division) || (division.size() != 6 && division.size() != 9 && division.size() != 12)) return false;
  if (!isDigits(year) || year.size() != 4 || !isDigits(seq) || seq.size() < 4 || seq.size() > 9) return false;
  if (n == 4 && !isTokenText(parts[2])) return false;
  out.division = std::string(division);
  out.year = std::stoi(std::string(year));
  out.token = n == 4 ? std::string(parts[2]) : std::string();
  out.sequence = std::stoll(std::string(seq));
  return true;
}

bool looksLikeNumberQuery(std::string_view text) {
  if (text.empty() || text.size() > 40) return false;
  bool digit = false;
  for (char c : text) {
    const bool d = c >= '0' && c <= '9';
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!d && !letter && c != '-') return false;
    digit = digit || d;
  }
  return digit;
}

} // namespace hz::core
