// Hazard numbers (隐患编号): the number people quote on the phone and in documents, given once by
// the office that records the hazard and kept for life by every office that receives it.
// Form: <division code>-<year>-<office token>-<NNNN>, e.g. 320102001-2026-KQTM-0042.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace hz::core {

// Four letters derived from the office id (a hash over the ULID, letters of Crockford's base32
// without I L O U: 22^4 = 234,256 tokens). Two offices of one district (same division code) then
// number their hazards apart without talking to each other; an office that reinstalls the app gets
// a new id and a new token. Letters only, so the token is never mistaken for the sequence.
std::string officeToken(std::string_view officeId);

// "<division>-<year>-<token>-<NNNN>" (at least four digits of sequence).
std::string formatHazardNumber(std::string_view division, int year, std::string_view token, int64_t sequence);

// The parts of a number in either form: today's, or the v1 form <division>-<year>-<NNNN> that
// earlier versions gave (token empty). False for anything else (numbers from sheets are kept as
// typed).
struct HazardNumberParts {
  std::string division;
  int year = 0;
  std::string token;
  int64_t sequence = 0;
};
bool parseHazardNumber(std::string_view number, HazardNumberParts& out);

// What a user typed into a search box is a hazard number, or its tail ("0023", "KQTM-0023"):
// digits, ASCII letters and '-' only, with at least one digit, and up to 40 characters.
bool looksLikeNumberQuery(std::string_view text);

} // namespace hz::core
