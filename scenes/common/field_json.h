#pragma once
// Parameter files from field tables (engine/field_table.h): every field of a struct is
// written, and read back strictly — unknown keys are refused, a missing key keeps the
// default, a value of the wrong kind or outside its range fails naming the key path
// ("solver.tolerance: must be in (0, 1) (got 2)"). A node that holds more than one table's
// keys is read with read_fields_among and checked once with only(field_names(...)).
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/field_table.h"
#include "scenes/common/json_node.h"

namespace tessera {

// Adds every field of `s` to `out` (an object).
template <class S>
void write_fields(const FieldTable<S>& table, const S& s, nlohmann::json& out) {
  for (const Field<S>& f : table) {
    const std::string key(f.name);
    const double v = f.get(s);
    switch (f.kind) {
      case FieldKind::Number: out[key] = v; break;
      case FieldKind::Integer: out[key] = static_cast<std::int64_t>(v); break;
      case FieldKind::Boolean: out[key] = v != 0.0; break;
      case FieldKind::Choice: out[key] = std::string(f.choices[static_cast<std::size_t>(v)]); break;
    }
  }
}

// The table's keys, for a JsonNode::only() list that also holds the caller's own keys.
template <class S>
std::vector<std::string_view> field_names(const FieldTable<S>& table, std::initializer_list<std::string_view> extra = {}) {
  std::vector<std::string_view> names(extra.begin(), extra.end());
  for (const Field<S>& f : table) names.push_back(f.name);
  return names;
}

// Reads the fields present in `n` into `s` and leaves every other key alone, for a node
// the table shares with other keys or tables (a scene file's root, the growth block): the
// caller refuses unknown keys itself, with only(field_names(table, {its keys})). Fields
// named in `skip` are read by the caller.
template <class S>
void read_fields_among(const FieldTable<S>& table, const JsonNode& n, S& s, std::span<const std::string_view> skip = {}) {
  for (const Field<S>& f : table) {
    bool skipped = false;
    for (std::string_view e : skip) skipped = skipped || e == f.name;
    if (skipped || !n.has(f.name)) continue;
    const JsonNode v = n[f.name];
    auto set_checked = [&](double x) {
      const std::string error = field_value_error(f, x);
      if (!error.empty()) v.fail(error);
      f.set(s, x);
    };
    switch (f.kind) {
      case FieldKind::Number: set_checked(v.number()); break;
      case FieldKind::Integer: set_checked(static_cast<double>(v.integer())); break;
      case FieldKind::Boolean: f.set(s, v.boolean() ? 1.0 : 0.0); break;
      case FieldKind::Choice: {
        const std::string text = v.string();
        std::size_t k = 0;
        while (k < f.choices.size() && f.choices[k] != text) ++k;
        if (k == f.choices.size()) {
          std::string accepted;
          for (std::string_view c : f.choices) accepted += (accepted.empty() ? "" : ", ") + std::string(c);
          v.fail("unknown value '" + text + "' (accepted: " + accepted + ")");
        }
        f.set(s, static_cast<double>(k));
        break;
      }
    }
  }
}

// Reads the fields present in `n` into `s`, strictly: keys outside the table and `extra`
// are refused. `extra` names the keys the caller reads itself (allowed, and skipped here).
template <class S>
void read_fields(const FieldTable<S>& table, const JsonNode& n, S& s, std::initializer_list<std::string_view> extra = {}) {
  n.only(field_names(table, extra));
  read_fields_among(table, n, s, std::span<const std::string_view>(extra.begin(), extra.size()));
}

}  // namespace tessera
