#pragma once
// One truth per parameter: a field table lists a parameter struct's fields once — name,
// kind, unit, range, one-line meaning, and how to read and write the member — and that
// list drives the parameter files (scenes/common/field_json.h), the panels' merge of
// edits (take_changed_fields), validation messages (check_fields) and tooltips (units
// and meaning), so a field cannot be saved but not merged, or edited but not saved.
// In the spirit of MuJoCo's field lists; no macros beyond the member accessors.
//
//   inline const auto& fit_fields() {
//     static const FieldTable<FitParams> t = {
//         TESSERA_NUMBER_FIELD(FitParams, tolerance, "", 0, 1, kOpenBoth, "relative volume error to reach"), ...};
//     return t; }
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

namespace tessera {

enum class FieldKind { Number, Integer, Boolean, Choice };

// Which ends of [min, max] are excluded.
enum FieldBounds : unsigned { kClosed = 0, kOpenMin = 1, kOpenMax = 2, kOpenBoth = 3 };

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

template <class S>
struct Field {
  std::string_view name;     // key in files and messages ("tolerance")
  FieldKind kind;
  std::string_view unit;     // "" for dimensionless, else e.g. "1/time", "box units"
  double min, max;           // allowed range (numbers and integers; -inf / +inf for none)
  unsigned bounds;           // FieldBounds
  std::string_view meaning;  // one line, for tooltips and docs
  std::span<const std::string_view> choices;  // Choice: the names, by enum value
  // The member as a double (Boolean: 0/1; Choice: the enum's index), and back.
  double (*get)(const S&);
  void (*set)(S&, double);
};

template <class S>
using FieldTable = std::vector<Field<S>>;

// "" when `v` is an allowed value of the field; else what is wrong, naming the range and
// the value. Check before set(): an integer out of range must never reach the member.
template <class S>
std::string field_value_error(const Field<S>& f, double v) {
  if (f.kind == FieldKind::Boolean) return {};
  if (f.kind == FieldKind::Choice)
    return v >= 0 && v < static_cast<double>(f.choices.size()) ? std::string() : std::string("unknown choice");
  if (!std::isfinite(v)) return "must be a finite number";
  if (f.kind == FieldKind::Integer && v != std::floor(v)) return "must be an integer";
  const bool low = (f.bounds & kOpenMin) ? v > f.min : v >= f.min;
  const bool high = (f.bounds & kOpenMax) ? v < f.max : v <= f.max;
  if (low && high) return {};
  char text[160];
  auto num = [](double x) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", x);
    return std::string(b);
  };
  if (f.max == kUnbounded)
    std::snprintf(text, sizeof text, "must be %s %s (got %s)", (f.bounds & kOpenMin) ? ">" : ">=", num(f.min).c_str(),
                  num(v).c_str());
  else if (f.min == -kUnbounded)
    std::snprintf(text, sizeof text, "must be %s %s (got %s)", (f.bounds & kOpenMax) ? "<" : "<=", num(f.max).c_str(),
                  num(v).c_str());
  else
    std::snprintf(text, sizeof text, "must be in %s%s, %s%s (got %s)", (f.bounds & kOpenMin) ? "(" : "[",
                  num(f.min).c_str(), num(f.max).c_str(), (f.bounds & kOpenMax) ? ")" : "]", num(v).c_str());
  return text;
}

template <class S>
std::string field_error(const Field<S>& f, const S& s) {
  return field_value_error(f, f.get(s));
}

// Throws tessera::Error naming the first bad field as `prefix` + name ("solver.tolerance").
template <class S>
void check_fields(const FieldTable<S>& table, const S& s, std::string_view prefix) {
  for (const Field<S>& f : table) {
    const std::string error = field_error(f, s);
    if (!error.empty()) throw_error(std::string(prefix) + std::string(f.name) + ": " + error);
  }
}

// The panels' merge: every field that differs between `base` (what the panels' copy was
// taken from) and `edited` is copied onto `current`; the others keep current's value.
template <class S>
void take_changed_fields(const FieldTable<S>& table, const S& base, const S& edited, S& current) {
  for (const Field<S>& f : table)
    if (f.get(base) != f.get(edited)) f.set(current, f.get(edited));
}

// Every field equal (the round-trip tests compare whole structs through the table).
template <class S>
bool fields_equal(const FieldTable<S>& table, const S& a, const S& b) {
  for (const Field<S>& f : table)
    if (f.get(a) != f.get(b)) return false;
  return true;
}

// The field called `name`, or nullptr.
template <class S>
const Field<S>* find_field(const FieldTable<S>& table, std::string_view name) {
  for (const Field<S>& f : table)
    if (f.name == name) return &f;
  return nullptr;
}

// The same field under another file key: the key stays when a member's name differs from
// it (the scene file's "void" is SimParams::with_void), so old files keep loading.
template <class S>
Field<S> with_key(std::string_view key, Field<S> f) {
  f.name = key;
  return f;
}

// "meaning. Unit: u; range: r.", for a tooltip.
template <class S>
std::string field_tooltip(const Field<S>& f) {
  std::string out(f.meaning);
  out += ".";
  if (!f.unit.empty()) out += " Unit: " + std::string(f.unit) + ".";
  if (f.kind == FieldKind::Number || f.kind == FieldKind::Integer) {
    char range[96] = "";
    if (f.min != -kUnbounded && f.max != kUnbounded)
      std::snprintf(range, sizeof range, "%s%g, %g%s", (f.bounds & kOpenMin) ? "(" : "[", f.min, f.max,
                    (f.bounds & kOpenMax) ? ")" : "]");
    else if (f.min != -kUnbounded)
      std::snprintf(range, sizeof range, "%s %g", (f.bounds & kOpenMin) ? ">" : ">=", f.min);
    else if (f.max != kUnbounded)
      std::snprintf(range, sizeof range, "%s %g", (f.bounds & kOpenMax) ? "<" : "<=", f.max);
    if (range[0] != '\0') out += " Range: " + std::string(range) + ".";
  }
  return out;
}

}  // namespace tessera

// Accessors for one member, as captureless lambdas (they convert to the function pointers).
#define TESSERA_FIELD_ACCESS(S, member, T)                                  \
  [](const S& s) { return static_cast<double>(s.member); },                \
      [](S& s, double v) { s.member = static_cast<T>(v); }

#define TESSERA_NUMBER_FIELD(S, member, unit, min, max, bounds, meaning) \
  ::tessera::Field<S> { #member, ::tessera::FieldKind::Number, unit, min, max, bounds, meaning, {}, TESSERA_FIELD_ACCESS(S, member, double) }
#define TESSERA_INTEGER_FIELD(S, member, unit, min, max, meaning) \
  ::tessera::Field<S> { #member, ::tessera::FieldKind::Integer, unit, min, max, ::tessera::kClosed, meaning, {}, TESSERA_FIELD_ACCESS(S, member, int) }
#define TESSERA_BOOL_FIELD(S, member, meaning)                                                                    \
  ::tessera::Field<S> {                                                                                           \
    #member, ::tessera::FieldKind::Boolean, "", 0, 1, ::tessera::kClosed, meaning, {},                              \
        [](const S& s) { return s.member ? 1.0 : 0.0; }, [](S& s, double v) { s.member = v != 0.0; }                \
  }
#define TESSERA_CHOICE_FIELD(S, member, E, names, meaning)                                                       \
  ::tessera::Field<S> {                                                                                          \
    #member, ::tessera::FieldKind::Choice, "", 0, static_cast<double>(names.size() - 1), ::tessera::kClosed,      \
        meaning, std::span<const std::string_view>(names), TESSERA_FIELD_ACCESS(S, member, E)                     \
  }
