#include "scenes/modes.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "engine/error.h"
#include "scenes/common/json_file.h"
#include "scenes/curvatubes/curvatubes_model.h"
#include "scenes/demo/drift_model.h"
#include "sim/curvatubes/presets.h"
#include "scenes/particles/scene.h"
#include "scenes/particles/scene_file.h"
#include "scenes/particles/session.h"
#include "scenes/polycrystal/polycrystal_model.h"

namespace tessera {

namespace {

// ---- particles: the reference scenes and their scene files ----
std::vector<ModeEntry> particle_entries() {
  std::vector<ModeEntry> out;
  for (const SceneDef& scene : scene_registry()) {
    ModeEntry e{std::string(scene.name), std::string(scene.category), std::string(scene.description), {}};
    for (std::string_view p : scene.presets) e.presets.emplace_back(p);
    out.push_back(std::move(e));
  }
  return out;
}

std::unique_ptr<Model> open_particles(const ModelRequest& request, const Exec& exec) {
  SceneOptions options;
  options.resolution = request.resolution;
  options.seed = request.seed;
  options.preset = request.preset;
  // No entry: the first reference scene (the window's default).
  const SceneDef& scene = request.entry.empty() ? scene_registry().front() : require_scene(request.entry);
  return std::make_unique<Session>(scene_file_of(scene, options), exec);
}

std::unique_ptr<Model> load_particles(const nlohmann::json& doc, const std::filesystem::path& path, const Exec& exec) {
  return std::make_unique<Session>(scene_file_from_json(doc, path.string()), exec);
}

bool owns_particles(const std::vector<std::string>& keys, std::string_view mode_key) {
  return mode_key == "particles" ||
         (mode_key.empty() && std::find(keys.begin(), keys.end(), "tessera_scene") != keys.end());
}

// ---- seed-drift: the walking-skeleton demo ----
std::vector<ModeEntry> drift_entries() {
  return {{"SeedDrift", "demo", "seeds take random steps; pixels take the nearest seed's label", {}}};
}

std::unique_ptr<Model> open_drift(const ModelRequest& request, const Exec& exec) {
  TESSERA_REQUIRE(request.entry.empty() || request.entry == "SeedDrift",
                  "the seed-drift mode has one entry, SeedDrift (got '" + request.entry + "')");
  TESSERA_REQUIRE(request.preset.empty(), "SeedDrift has no presets");
  return std::make_unique<DriftModel>(
      drift_params(request.count > 0 ? request.count : 64, request.resolution > 0 ? request.resolution : 256,
                   request.seed),
      exec);
}

std::unique_ptr<Model> load_drift(const nlohmann::json& doc, const std::filesystem::path& path, const Exec& exec) {
  return DriftModel::from_json(doc, path.string(), exec);
}

bool owns_drift(const std::vector<std::string>&, std::string_view mode_key) { return mode_key == "seed-drift"; }

// ---- curvatubes: phase-field curvature textures ----
std::vector<ModeEntry> curvatubes_entries() {
  std::vector<ModeEntry> out;
  for (const curvatubes::CurvatubesPreset& p : curvatubes::curvatubes_presets())
    out.push_back({std::string(p.name), "texture", std::string(p.description), {}});
  return out;
}

// A preset on a cube of `resolution` voxels (64 by default: seconds per hundred
// iterations on a laptop's CPU; the reference's 100^3 is `--size 100`).
std::unique_ptr<Model> open_curvatubes(const ModelRequest& request, const Exec& exec) {
  CurvatubesFile file;
  const std::string preset = request.entry.empty() ? std::string(curvatubes::curvatubes_presets().front().name) : request.entry;
  TESSERA_REQUIRE(curvatubes::find_preset(preset) != nullptr,
                  "unknown curvatubes preset '" + preset + "' (see tessera curvatubes --list)");
  TESSERA_REQUIRE(request.preset.empty(), "curvatubes entries are the presets themselves; no --preset");
  file.params = curvatubes::apply_preset(file.params, preset);
  file.preset = preset;
  file.params.nz = file.params.nx = file.params.ny = request.resolution > 0 ? request.resolution : 64;
  file.params.seed = request.seed;
  return std::make_unique<CurvatubesModel>(std::move(file), exec);
}

std::unique_ptr<Model> load_curvatubes(const nlohmann::json& doc, const std::filesystem::path& path, const Exec& exec) {
  return std::make_unique<CurvatubesModel>(curvatubes_file_of(doc, path), exec);
}

bool owns_curvatubes(const std::vector<std::string>&, std::string_view mode_key) { return mode_key == "curvatubes"; }

// ---- polycrystal: anisotropic power diagrams with exact grain volumes ----
std::vector<ModeEntry> polycrystal_entries() {
  return {{"Polycrystal3D", "grains", "3D grains: anisotropic power cells fitted to equal volumes", {}},
          {"Polycrystal2D", "grains", "2D grains: anisotropic power cells fitted to equal volumes", {}}};
}

// An entry with --resolution as voxels per axis (0: PyAPD's rule) and --seeds as N.
std::unique_ptr<Model> open_polycrystal(const ModelRequest& request, const Exec& exec) {
  TESSERA_REQUIRE(request.entry.empty() || request.entry == "Polycrystal3D" || request.entry == "Polycrystal2D",
                  "the polycrystal mode's entries are Polycrystal3D and Polycrystal2D (got '" + request.entry + "')");
  TESSERA_REQUIRE(request.preset.empty(), "polycrystal entries have no presets");
  PolycrystalFile file;
  file.params.dim = request.entry == "Polycrystal2D" ? 2 : 3;
  if (request.count > 0) file.params.grains = request.count;
  file.params.resolution = request.resolution;
  file.params.seed = request.seed;
  return std::make_unique<PolycrystalModel>(std::move(file), exec);
}

std::unique_ptr<Model> load_polycrystal(const nlohmann::json& doc, const std::filesystem::path& path, const Exec& exec) {
  return std::make_unique<PolycrystalModel>(polycrystal_file_from_json(doc, path.string()), exec);
}

bool owns_polycrystal(const std::vector<std::string>&, std::string_view mode_key) { return mode_key == "polycrystal"; }

}  // namespace

const std::vector<ModeDef>& mode_registry() {
  static const std::vector<ModeDef> modes = {
      {"particles", "incompressible deformable cells: the reference scenes", particle_entries, open_particles,
       load_particles, owns_particles},
      {"seed-drift", "the walking-skeleton demo: drifting seeds, nearest-seed labels", drift_entries, open_drift,
       load_drift, owns_drift},
      {"curvatubes", "tubular and membranous 3D textures grown by phase-field curvature flows", curvatubes_entries,
       open_curvatubes, load_curvatubes, owns_curvatubes},
      {"polycrystal", "synthetic polycrystals: anisotropic power diagrams with prescribed grain volumes",
       polycrystal_entries, open_polycrystal, load_polycrystal, owns_polycrystal},
  };
  return modes;
}

const ModeDef& require_mode(std::string_view name) {
  std::string known;
  for (const ModeDef& m : mode_registry()) {
    if (m.name == name) return m;
    known += (known.empty() ? "" : ", ") + std::string(m.name);
  }
  throw_error("unknown mode '" + std::string(name) + "' (known: " + known + ")");
}

const ModeDef& mode_of(const nlohmann::json& doc, const std::filesystem::path& path) {
  TESSERA_REQUIRE(doc.is_object(), path.string() + ": expected a JSON object at the top level");
  std::vector<std::string> keys;
  for (auto it = doc.begin(); it != doc.end(); ++it) keys.push_back(it.key());
  std::string mode_key;
  if (doc.contains("mode")) {
    TESSERA_REQUIRE(doc["mode"].is_string(), path.string() + ": key 'mode': expected a string");
    mode_key = doc["mode"].get<std::string>();
  }
  for (const ModeDef& m : mode_registry())
    if (m.owns(keys, mode_key)) return m;
  if (!mode_key.empty()) return require_mode(mode_key);  // names the known modes
  throw_error(path.string() + ": not a Tessera file (no \"mode\" key, and no \"tessera_scene\" key of a scene file)");
}

const ModeDef& mode_of_file(const std::filesystem::path& path) { return mode_of(read_json_file(path), path); }

std::unique_ptr<Model> load_model_file(const std::filesystem::path& path, const Exec& exec) {
  const nlohmann::json doc = read_json_file(path);
  return mode_of(doc, path).load(doc, path, exec);
}

}  // namespace tessera
