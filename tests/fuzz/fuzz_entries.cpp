#include "tests/fuzz/fuzz_entries.h"

#include <algorithm>
#include <fstream>
#include <variant>

#include <nlohmann/json.hpp>

#include "engine/backend.h"
#include "engine/error.h"
#include "engine/nifti_io.h"
#include "engine/npy_io.h"
#include "engine/voxel_io.h"
#include "scenes/curvatubes/curvatubes_file.h"
#include "scenes/particles/scene_file.h"
#include "sim/particles/simulation.h"
#include "ui/settings.h"

namespace tessera::fuzz {

namespace fs = std::filesystem;

namespace {

// Scene files this small are also built (domain, cells, first fit): the building checks
// run on every fuzz input that gets that far, at a few milliseconds each. 32^3 is the
// smallest 3D grid a scene accepts; 2D scenes need at least 128^2.
constexpr std::int64_t kMaxBuildPoints = 33000;
constexpr int kMaxBuildCells = 64;

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("fuzz: cannot write " + path.string());
}

// Every array a reader returns holds one value per grid point.
void check_counts(const VoxelVolume& v, const fs::path& path) {
  if (v.names.size() != v.arrays.size()) throw FuzzFailure(path.string() + ": names and arrays differ in number");
  for (const VoxelValues& a : v.arrays) {
    if (static_cast<std::int64_t>(voxel_count(voxel_span(a))) != v.size())
      throw FuzzFailure(path.string() + ": an array's length is not the grid's point count");
  }
}

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

void run_nrrd(const fs::path& path) { check_counts(read_nrrd(path), path); }
void run_vti(const fs::path& path) { check_counts(read_vti(path), path); }
void run_raw(const fs::path& path) { check_counts(read_raw(path), path); }

void prepare_raw(const fs::path& dir) {
  std::string data(kRawDataBytes, '\0');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 37 + 11);
  write_file(dir / "input.raw", data);
}

void run_npy(const fs::path& path) {
  const NpyArray a = read_npy(path);
  if (static_cast<std::int64_t>(voxel_count(voxel_span(a.values))) != a.size())
    throw FuzzFailure(path.string() + ": value count differs from the shape's");
  // An initial curvatubes field goes through to_float32.
  if (!std::holds_alternative<std::vector<float>>(a.values) && !std::holds_alternative<std::vector<double>>(a.values))
    return;
  if (static_cast<std::int64_t>(a.to_float32().size()) != a.size()) throw FuzzFailure("to_float32 lost values");
}

void run_nifti(const fs::path& path) {
  const NiftiVolume v = read_nifti(path);
  const std::int64_t n = static_cast<std::int64_t>(v.n[0]) * v.n[1] * v.n[2];
  if (static_cast<std::int64_t>(voxel_count(voxel_span(v.values))) != n)
    throw FuzzFailure(path.string() + ": value count differs from the dims'");
  if (std::holds_alternative<std::vector<float>>(v.values) || std::holds_alternative<std::vector<double>>(v.values)) {
    int shape[3];
    if (static_cast<std::int64_t>(read_nifti_zxy(path, shape).size()) != n) throw FuzzFailure("read_nifti_zxy lost values");
  }
}

}  // namespace

const std::vector<FuzzEntry>& fuzz_entries() {
  static const std::vector<FuzzEntry> entries = {
      {"scene_file", "input.json", run_scene_file},
      {"curvatubes_file", "input.json", run_curvatubes_file},
      {"settings", "settings.json", run_settings},
      {"nrrd", "input.nrrd", run_nrrd},
      {"raw", "input.json", run_raw, prepare_raw},
      {"npy", "input.npy", run_npy},
      {"nifti", "input.nii", run_nifti},
      {"vti", "input.vti", run_vti},
  };
  return entries;
}

const FuzzEntry& fuzz_entry(std::string_view name) {
  std::string known;
  for (const FuzzEntry& e : fuzz_entries()) {
    if (e.name == name) return e;
    known += (known.empty() ? "" : ", ") + std::string(e.name);
  }
  throw std::invalid_argument("no fuzz entry '" + std::string(name) + "' (known: " + known + ")");
}

void run_fuzz_input(const FuzzEntry& entry, std::string_view bytes, const fs::path& dir) {
  const fs::path path = dir / entry.file_name;
  write_file(path, bytes);
  if (entry.prepare != nullptr) entry.prepare(dir);
  try {
    entry.run(path);
  } catch (const Error&) {
    // A clean refusal: what bad input should get.
  }
}

}  // namespace tessera::fuzz
