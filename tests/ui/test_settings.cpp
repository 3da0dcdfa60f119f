// The app's settings file (ui/settings.h): round trip, defaults, and warnings that never throw.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>

#include "engine/log.h"
#include "engine/temp_dir.h"
#include "test_support.h"
#include "ui/settings.h"

using namespace tessera;

namespace {

AppSettings custom_settings() {
  AppSettings s;
  s.window_width = 1600;
  s.window_height = 900;
  s.scene_name = "CellSorting3D";
  s.preset = "checkerboard";
  s.resolution = 96;
  s.color_mode = ColorMode::VolumeError;
  s.show_boundaries = false;
  s.show_seeds = false;
  s.show_arrows = true;
  return s;
}

// Sets an environment variable for the scope, restoring the old value after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    if (value != nullptr)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (m_old)
      ::setenv(m_name, m_old->c_str(), 1);
    else
      ::unsetenv(m_name);
  }

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

bool any_contains(const std::vector<std::string>& lines, const std::string& a, const std::string& b = "") {
  for (const std::string& line : lines)
    if (line.find(a) != std::string::npos && line.find(b) != std::string::npos && line.find('\n') == std::string::npos)
      return true;
  return false;
}

}  // namespace

TEST_CASE("settings: save then load gives the same settings", "[cpu][ui][settings]") {
  test::TempDir dir("settings_round_trip");
  const auto path = dir.path() / "deep" / "folder" / "settings.json";  // the folder is created
  const AppSettings saved = custom_settings();
  REQUIRE(save_settings(path, saved).empty());
  REQUIRE(std::filesystem::exists(path));
  REQUIRE_FALSE(std::filesystem::exists(path.string() + ".part"));  // the temporary file is gone
  const SettingsLoad loaded = load_settings(path);
  REQUIRE(loaded.found);
  REQUIRE(loaded.warnings.empty());
  REQUIRE(loaded.settings == saved);
  REQUIRE_THAT(test::read_bytes(path), Catch::Contains("\"color_mode\": \"volume_error\""));

  // Saving again replaces the file.
  AppSettings next = saved;
  next.scene_name.clear();
  next.scene_file = "/tmp/a scene.json";
  REQUIRE(save_settings(path, next).empty());
  REQUIRE(load_settings(path).settings == next);
}

TEST_CASE("settings: a missing file gives the defaults without a warning", "[cpu][ui][settings]") {
  test::TempDir dir("settings_missing");
  const std::int64_t warnings = log::warning_count();
  const SettingsLoad loaded = load_settings(dir / "none.json");
  REQUIRE_FALSE(loaded.found);
  REQUIRE(loaded.warnings.empty());
  REQUIRE(loaded.settings == default_app_settings());
  REQUIRE(log::warning_count() == warnings);
  REQUIRE(load_settings({}).settings == default_app_settings());
}

TEST_CASE("settings: a corrupt file gives the defaults and one line naming the file", "[cpu][ui][settings]") {
  test::expect_warnings();  // each bad file or key is reported
  test::TempDir dir("settings_corrupt");
  const auto path = dir / "settings.json";
  for (const std::string& text : {std::string("{\"window\": {\"width\": 1300,"), std::string(""),
                                  std::string("[1, 2, 3]"), std::string("\x01\x02garbage")}) {
    INFO(text);
    test::write_bytes(path, text);
    SettingsLoad loaded;
    REQUIRE_NOTHROW(loaded = load_settings(path));
    REQUIRE(loaded.found);
    REQUIRE(loaded.settings == default_app_settings());
    REQUIRE(loaded.warnings.size() == 1);
    REQUIRE(any_contains(loaded.warnings, path.string(), "using the defaults"));
  }
  // A folder where the file should be.
  std::filesystem::create_directories(dir / "folder.json");
  const SettingsLoad folder = load_settings(dir / "folder.json");
  REQUIRE(folder.settings == default_app_settings());
  REQUIRE(any_contains(folder.warnings, "folder.json", "folder"));
}

TEST_CASE("settings: unknown keys are ignored with a warning", "[cpu][ui][settings]") {
  test::TempDir dir("settings_unknown");
  const auto path = dir / "settings.json";
  test::write_bytes(path, R"({"version": 1, "window": {"width": 1500, "height": 700, "dpi": 2},
                              "theme": "dark", "view": {"seeds": false, "glyphs": true}})");
  test::expect_warnings();
  const std::int64_t warnings = log::warning_count();
  const SettingsLoad loaded = load_settings(path);
  REQUIRE(loaded.settings.window_width == 1500);
  REQUIRE(loaded.settings.window_height == 700);
  REQUIRE_FALSE(loaded.settings.show_seeds);
  REQUIRE(loaded.warnings.size() == 3);
  REQUIRE(any_contains(loaded.warnings, "key 'window.dpi'", "unknown key"));
  REQUIRE(any_contains(loaded.warnings, "key 'theme'", "unknown key"));
  REQUIRE(any_contains(loaded.warnings, "key 'view.glyphs'", path.string()));
  REQUIRE(log::warning_count() == warnings + 3);  // also logged
}

TEST_CASE("settings: a value of the wrong type or range keeps its default, the rest is read", "[cpu][ui][settings]") {
  test::expect_warnings();  // each bad file or key is reported
  test::TempDir dir("settings_types");
  const auto path = dir / "settings.json";
  test::write_bytes(path, R"({"window": {"width": "wide", "height": 20},
                              "scene": {"name": "Bubbles", "resolution": 1.5, "preset": 3},
                              "view": {"color_mode": "rainbow", "boundaries": "no", "arrows": true}})");
  const SettingsLoad loaded = load_settings(path);
  const AppSettings defaults = default_app_settings();
  REQUIRE(loaded.settings.window_width == defaults.window_width);
  REQUIRE(loaded.settings.window_height == defaults.window_height);
  REQUIRE(loaded.settings.scene_name == "Bubbles");
  REQUIRE(loaded.settings.resolution == defaults.resolution);
  REQUIRE(loaded.settings.preset == defaults.preset);
  REQUIRE(loaded.settings.color_mode == defaults.color_mode);
  REQUIRE(loaded.settings.show_boundaries == defaults.show_boundaries);
  REQUIRE(loaded.settings.show_arrows);
  REQUIRE(loaded.warnings.size() == 6);
  REQUIRE(any_contains(loaded.warnings, "key 'window.width'", "expected an integer, got string"));
  REQUIRE(any_contains(loaded.warnings, "key 'window.height'", "outside"));
  REQUIRE(any_contains(loaded.warnings, "key 'scene.resolution'", "expected an integer"));
  REQUIRE(any_contains(loaded.warnings, "key 'scene.preset'", "expected a string"));
  REQUIRE(any_contains(loaded.warnings, "key 'view.color_mode'", "rainbow"));
  REQUIRE(any_contains(loaded.warnings, "key 'view.boundaries'", "true or false"));

  // A section that is not an object.
  test::write_bytes(path, R"({"view": [1], "window": {"width": 800}})");
  const SettingsLoad section = load_settings(path);
  REQUIRE(section.settings.window_width == 800);
  REQUIRE(section.warnings.size() == 1);
  REQUIRE(any_contains(section.warnings, "key 'view'", "expected an object"));
}

TEST_CASE("settings: saving reports an unwritable place instead of throwing", "[cpu][ui][settings]") {
  test::TempDir dir("settings_unwritable");
  test::write_bytes(dir / "a_file", "x");
  std::string error;
  REQUIRE_NOTHROW(error = save_settings(dir / "a_file" / "settings.json", default_app_settings()));
  REQUIRE_THAT(error, Catch::Contains("a_file"));
  REQUIRE(error.find('\n') == std::string::npos);
  REQUIRE_FALSE(save_settings({}, default_app_settings()).empty());
}

TEST_CASE("settings: the default path follows XDG_CONFIG_HOME, then HOME", "[cpu][ui][settings]") {
  {
    const ScopedEnv xdg("XDG_CONFIG_HOME", "/xdg/config");
    REQUIRE(default_settings_path() == std::filesystem::path("/xdg/config/tessera/settings.json"));
  }
  {
    const ScopedEnv xdg("XDG_CONFIG_HOME", "relative/ignored");
    const ScopedEnv home("HOME", "/home/someone");
    REQUIRE(default_settings_path() == std::filesystem::path("/home/someone/.config/tessera/settings.json"));
  }
  {
    const ScopedEnv xdg("XDG_CONFIG_HOME", nullptr);
    const ScopedEnv home("HOME", nullptr);
    REQUIRE(default_settings_path().empty());
  }
}
