// The files of the modes and the app: scene files, curvatubes parameter files, settings.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "engine/backend.h"
#include "engine/error.h"
#include "scenes/curvatubes/curvatubes_file.h"
#include "scenes/particles/scene_file.h"
#include "tests/fuzz/fuzz_entries.h"
#include "ui/settings.h"

namespace tessera::fuzz {

namespace fs = std::filesystem;

namespace {

// Scene files this small are also built (domain, cells, first fit): the building checks
// run on every fuzz input that gets that far, at a few milliseconds each. 32^3 is the
// smallest 3D grid a scene accepts; 2D scenes need at least 128^2.
constexpr std::int64_t kMaxBuildPoints = 33000;
constexpr int kMaxBuildCells = 64;

void run_scene_file(const fs::path& path) {
  const SceneFile file = load_scene_file(path);
  // What loads can be saved and loads again to the same file ("Save state", then "Load file").
  const nlohmann::json written = scene_file_to_json(file);
  SceneFile again;
  try {
    again = scene_file_from_json(nlohmann::json::parse(written.dump()), path.string());
  } catch (const Error& e) {
    throw FuzzFailure(std::string("a scene file that loaded does not load again once saved: ") + e.what());
  }
  if (scene_file_to_json(again) != written) throw FuzzFailure("saving a loaded scene file changes it");
  if (file.grid.size() <= kMaxBuildPoints && (!file.cells || file.cells->size() <= kMaxBuildCells)) {
    SceneFile small = file;
    small.relax_passes = std::min(small.relax_passes, 1);  // relaxing is the solver's business, not the parser's
    (void)make_simulation(small, Exec{Backend::Cpu});
  }
}

void run_curvatubes_file(const fs::path& path) {
  const CurvatubesFile file = load_curvatubes_file(path);
  const nlohmann::json written = curvatubes_file_to_json(file);
  CurvatubesFile again;
  try {
    again = curvatubes_file_from_json(nlohmann::json::parse(written.dump()), path.string());
  } catch (const Error& e) {
    throw FuzzFailure(std::string("a curvatubes file that loaded does not load again once saved: ") + e.what());
  }
  if (curvatubes_file_to_json(again) != written) throw FuzzFailure("saving a loaded curvatubes file changes it");
}

void run_settings(const fs::path& path) {
  // The settings reader never throws: a bad file gives defaults and warnings.
  SettingsLoad loaded;
  try {
    loaded = load_settings(path);
  } catch (const std::exception& e) {
    throw FuzzFailure(std::string("load_settings threw: ") + e.what());
  }
  // Whatever it kept saves and reads back unchanged, without a warning.
  const fs::path saved = path.parent_path() / "saved_settings.json";
  const std::string error = save_settings(saved, loaded.settings);
  if (!error.empty()) throw FuzzFailure("save_settings failed: " + error);
  const SettingsLoad back = load_settings(saved);
  if (!(back.settings == loaded.settings) || !back.warnings.empty())
    throw FuzzFailure("settings that loaded do not read back the same once saved");
}

}  // namespace

const std::vector<FuzzEntry>& fuzz_entries() {
  static const std::vector<FuzzEntry> entries = [] {
    std::vector<FuzzEntry> all = {
        {"scene_file", "input.json", run_scene_file},
        {"curvatubes_file", "input.json", run_curvatubes_file},
        {"settings", "settings.json", run_settings},
    };
    all.insert(all.end(), reader_entries().begin(), reader_entries().end());
    return all;
  }();
  return entries;
}

const FuzzEntry& fuzz_entry(std::string_view name) { return find_fuzz_entry(name, fuzz_entries()); }

}  // namespace tessera::fuzz
