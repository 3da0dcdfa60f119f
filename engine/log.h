#pragma once
// Logging through spdlog, behind a small facade so the rest of the code does not
// depend on the logger's configuration. Messages use fmt-style "{}" fields.
#include <spdlog/spdlog.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace tessera::log {

enum class Level { Debug, Info, Warn, Error, Off };

void set_level(Level level);
std::optional<Level> parse_level(std::string_view text);
// Warnings and errors logged since start-up (tests fail on unexpected warnings).
std::int64_t warning_count();
// Installs the stderr logger on first use; called by every logging function.
void ensure_logger();
void count_warning();

template <class... Args>
void debug(spdlog::format_string_t<Args...> fmt, Args&&... args) {
  ensure_logger();
  spdlog::debug(fmt, std::forward<Args>(args)...); }
template <class... Args>
void info(spdlog::format_string_t<Args...> fmt, Args&&... args) {
  ensure_logger();
  spdlog::info(fmt, std::forward<Args>(args)...); }
template <class... Args>
void warn(spdlog::format_string_t<Args...> fmt, Args&&... args) {
  count_warning();
  spdlog::warn(fmt, std::forward<Args>(args)...);
}
template <class... Args>
void error(spdlog::format_string_t<Args...> fmt, Args&&... args) {
  count_warning();
  spdlog::error(fmt, std::forward<Args>(args)...);
}

}  // namespace tessera::log
