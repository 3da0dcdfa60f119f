#pragma once
// What the app remembers between runs: window size, the last scene and how it was
// viewed, in a small JSON file (by default $XDG_CONFIG_HOME/tessera/settings.json, else
// ~/.config/tessera/settings.json):
//
//   {"version": 1,
//    "window": {"width": 1280, "height": 800},
//    "scene":  {"name": "RunTumbleDisk", "file": "", "preset": "", "resolution": 0},
//    "view":   {"color_mode": "species", "boundaries": true, "seeds": true, "arrows": false}}
//
// Reading never fails: a missing file gives the defaults silently; an unreadable or
// corrupt file gives the defaults, and a key of the wrong type or out of range keeps its
// default, each with a one-line warning naming the file and the key; unknown keys are
// ignored with a warning. Writing creates the folder and replaces the file atomically
// (a temporary file renamed over it), so a crash never leaves half a file behind.
#include <filesystem>
#include <string>
#include <vector>

#include "scenes/particles/cell_colors.h"

namespace tessera {

inline constexpr int kSettingsVersion = 1;

struct AppSettings {
  // Window size in screen coordinates, each in [kMinWindowSize, kMaxWindowSize].
  int window_width = 1280;
  int window_height = 800;
  // The last scene: a registry name (scene_name) or a scene file (scene_file), at most one
  // of them non-empty; both empty: the app's default scene. preset "" = the scene's
  // default; resolution 0 = the scene's default grid, else grid points per axis (>= 0).
  std::string scene_name;
  std::string scene_file;
  std::string preset;
  int resolution = 0;
  // View options.
  ColorMode color_mode = ColorMode::Species;
  bool show_boundaries = true;
  bool show_seeds = true;
  bool show_arrows = false;  // axis / velocity arrows on the seeds

  bool operator==(const AppSettings&) const = default;
};

inline constexpr int kMinWindowSize = 64;
inline constexpr int kMaxWindowSize = 16384;

AppSettings default_app_settings();

// $XDG_CONFIG_HOME/tessera/settings.json when XDG_CONFIG_HOME is set to an absolute
// path, else $HOME/.config/tessera/settings.json; an empty path when neither is known
// (the app then neither loads nor saves).
std::filesystem::path default_settings_path();

struct SettingsLoad {
  AppSettings settings;
  // One line each, "settings file PATH: key 'view.seeds': expected true or false, got
  // string; using the default". Also logged (log::warn) as they are found.
  std::vector<std::string> warnings;
  bool found = false;  // the file existed
};

// Never throws (allocation failure aside).
SettingsLoad load_settings(const std::filesystem::path& path);

// Writes `settings` to `path`, creating its folder. Returns "" on success, else one line
// naming the file and the reason (the previous file, if any, is left unchanged). Never throws.
std::string save_settings(const std::filesystem::path& path, const AppSettings& settings);

}  // namespace tessera
