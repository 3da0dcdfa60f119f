#include "engine/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <atomic>

namespace tessera::log {

namespace {
std::atomic<std::int64_t> g_warnings{0};

// Logs go to stderr so that stdout stays clean for tables and JSON.
void install_default_logger() {
  static bool installed = [] {
    auto logger = spdlog::stderr_color_mt("tessera");
    logger->set_pattern("[%^%l%$] %v");
    spdlog::set_default_logger(logger);
    return true;
  }();
  (void)installed;
}
}  // namespace

void ensure_logger() { install_default_logger(); }

void set_level(Level level) {
  install_default_logger();
  constexpr spdlog::level::level_enum kMap[] = {spdlog::level::debug, spdlog::level::info, spdlog::level::warn,
                                                spdlog::level::err, spdlog::level::off};
  spdlog::set_level(kMap[static_cast<int>(level)]);
}

std::optional<Level> parse_level(std::string_view text) {
  if (text == "debug") return Level::Debug;
  if (text == "info") return Level::Info;
  if (text == "warn") return Level::Warn;
  if (text == "error") return Level::Error;
  if (text == "off") return Level::Off;
  return std::nullopt;
}

void count_warning() {
  install_default_logger();
  ++g_warnings;
}

std::int64_t warning_count() { return g_warnings.load(); }

}  // namespace tessera::log
