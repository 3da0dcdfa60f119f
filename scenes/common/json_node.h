#pragma once
// Strict, path-aware access to a parsed JSON document, for scene files: every error
// names the file and the key path ("species[1].cost.p") and what was expected.
#include <array>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/error.h"
#include "engine/vec.h"

namespace tessera {

class JsonNode {
 public:
  JsonNode(const nlohmann::json& value, std::string path, const std::string& source)
      : m_value(&value), m_path(std::move(path)), m_source(&source) {}

  [[noreturn]] void fail(const std::string& what) const;

  bool has(std::string_view key) const { return m_value->is_object() && m_value->contains(key); }
  JsonNode operator[](std::string_view key) const;  // required member
  JsonNode at(std::size_t index) const;             // array element
  std::size_t size() const;                         // array length
  // Refuses keys other than `allowed` (typos must not pass silently).
  void only(std::initializer_list<std::string_view> allowed) const;
  void only(std::span<const std::string_view> allowed) const;

  double number() const;
  std::int64_t integer() const;
  bool boolean() const;
  std::string string() const;
  Vec3 vec3() const;  // [x, y] or [x, y, z]

  double number(std::string_view key, double fallback) const { return has(key) ? (*this)[key].number() : fallback; }
  std::int64_t integer(std::string_view key, std::int64_t fallback) const {
    return has(key) ? (*this)[key].integer() : fallback;
  }
  bool boolean(std::string_view key, bool fallback) const { return has(key) ? (*this)[key].boolean() : fallback; }
  Vec3 vec3(std::string_view key, const Vec3& fallback) const { return has(key) ? (*this)[key].vec3() : fallback; }

  // An enum from its name table; the error lists the accepted names.
  template <class E, std::size_t N>
  E enumeration(const std::array<std::string_view, N>& names) const {
    const std::string text = string();
    for (std::size_t i = 0; i < N; ++i)
      if (names[i] == text) return static_cast<E>(i);
    std::string accepted;
    for (std::string_view n : names) accepted += (accepted.empty() ? "" : ", ") + std::string(n);
    fail("unknown value '" + text + "' (accepted: " + accepted + ")");
  }
  template <class E, std::size_t N>
  E enumeration(std::string_view key, const std::array<std::string_view, N>& names, E fallback) const {
    return has(key) ? (*this)[key].enumeration<E>(names) : fallback;
  }

  const std::string& path() const { return m_path; }

 private:
  const nlohmann::json* m_value;
  std::string m_path;
  const std::string* m_source;
};

}  // namespace tessera
