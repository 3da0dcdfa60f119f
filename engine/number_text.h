#pragma once
// Numbers as text for the file writers and readers: the shortest decimal string that
// reads back to the same double (std::to_chars), so tables and headers lose no precision,
// and strict parsing that accepts a field only when all of it is a number.
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace tessera {

inline std::string format_double(double value) {
  char buf[32];  // the longest shortest-form double is 24 characters
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, result.ptr);
}

inline std::string format_int(std::int64_t value) {
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, result.ptr);
}

// The whole of `text` as a number, or nothing (no leading '+', no trailing characters).
inline std::optional<double> parse_double(std::string_view text) {
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

inline std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace tessera
