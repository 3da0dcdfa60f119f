#pragma once
// The mode registry: every mode Tessera hosts, with what its entries are (scenes,
// presets), how to open one and how to load the mode's own file. The window's mode
// picker, `tessera run`, `tessera list` and the tests read it; a new mode adds one
// entry here (and its workbench in ui/workbenches.cpp), not branches elsewhere. No
// graphics.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/backend.h"
#include "scenes/model.h"

namespace tessera {

// One thing a mode can open: a scene, a preset family, ...
struct ModeEntry {
  std::string name;
  std::string category;
  std::string description;  // one line
  std::vector<std::string> presets;
};

// What to open: an entry of a mode (empty: the mode's first entry), with its options
// (0 / "" = the entry's defaults).
struct ModelRequest {
  std::string entry;
  std::string preset;
  int resolution = 0;      // grid points per axis
  std::uint64_t seed = 1;  // random seed
  int count = 0;           // number of seeds/cells where the entry takes one (SeedDrift)
};

struct ModeDef {
  std::string_view name;         // "particles", "seed-drift", ...
  std::string_view description;  // one line
  std::vector<ModeEntry> (*entries)();
  std::unique_ptr<Model> (*open)(const ModelRequest& request, const Exec& exec);
  // The mode's file (what Model::save writes), parsed; `path` is where it was read from.
  std::unique_ptr<Model> (*load)(const nlohmann::json& doc, const std::filesystem::path& path, const Exec& exec);
  // Whether a parsed file's top-level keys say it is this mode's file.
  bool (*owns)(const std::vector<std::string>& keys, std::string_view mode_key);
};

const std::vector<ModeDef>& mode_registry();
// Throws tessera::Error listing the modes when `name` is unknown.
const ModeDef& require_mode(std::string_view name);
// The mode whose file `path` is (read from its "mode" key; particle scene files are
// recognised by their "tessera_scene" key); throws tessera::Error naming the file.
const ModeDef& mode_of_file(const std::filesystem::path& path);
// The same for a file already parsed (`path` names it in messages).
const ModeDef& mode_of(const nlohmann::json& doc, const std::filesystem::path& path);
// Loads any mode's file (read and parsed once).
std::unique_ptr<Model> load_model_file(const std::filesystem::path& path, const Exec& exec);

}  // namespace tessera
