// tessera_fuzz_seeds OUT: writes a seed corpus for every fuzz entry, OUT/NAME/*, from the
// project's own writers (every registry scene's file, saved states with cells, curvatubes
// presets, settings, NRRD / raw / npy / NIfTI / VTK files of each sample type), so the
// seeds always match what the code writes today. `make fuzz` runs it before the targets.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/backend.h"
#include "engine/log.h"
#include "engine/nifti_io.h"
#include "engine/npy_io.h"
#include "engine/profile.h"
#include "engine/voxel_io.h"
#include "scenes/curvatubes/curvatubes_file.h"
#include "scenes/particles/scene_file.h"
#include "sim/curvatubes/presets.h"
#include "tests/fuzz/fuzz_entries.h"
#include "ui/settings.h"

namespace {

namespace fs = std::filesystem;
using namespace tessera;

// Patterned values of every sample type, `n` of each.
struct Samples {
  std::vector<std::int32_t> i32;
  std::vector<double> f64;
  std::vector<std::uint8_t> u8;
  std::vector<float> f32;
  explicit Samples(std::size_t n) {
    for (std::size_t k = 0; k < n; ++k) {
      i32.push_back(static_cast<std::int32_t>(k % 7) - 2);
      f64.push_back(0.25 * static_cast<double>(k) - 1.5);
      u8.push_back(static_cast<std::uint8_t>(k * 13));
      f32.push_back(static_cast<float>(k) * 0.5f);
    }
  }
  VoxelSpan span(VoxelType t) const {
    switch (t) {
      case VoxelType::Int32: return std::span<const std::int32_t>(i32);
      case VoxelType::Float64: return std::span<const double>(f64);
      case VoxelType::UInt8: return std::span<const std::uint8_t>(u8);
      case VoxelType::Float32: return std::span<const float>(f32);
    }
    return {};
  }
};

constexpr VoxelType kTypes[] = {VoxelType::Int32, VoxelType::Float64, VoxelType::UInt8, VoxelType::Float32};
std::string type_name(VoxelType t) { return kVoxelTypeNames[static_cast<int>(t)]; }

void scene_seeds(const fs::path& dir) {
  for (const SceneDef& scene : scene_registry()) {
    SceneOptions options;
    options.resolution = scene.min_resolution;
    const SceneFile file = scene_file_of(scene, options);
    save_scene_file(dir / (std::string(scene.name) + ".json"), file, true);
  }
  // Saved states with cells, small enough for the target to build them.
  for (const char* name : {"RunTumble3D", "Benchmark_3D"}) {
    const SceneDef& scene = require_scene(name);
    SceneOptions options;
    options.resolution = scene.min_resolution;
    const SceneFile file = scene_file_of(scene, options);
    Simulation sim = make_simulation(file, Exec{Backend::Cpu});
    Profile profile;
    sim.step(profile);
    save_scene_file(dir / (std::string(name) + "_state.json"), snapshot(file, sim), true);
  }
}

void curvatubes_seeds(const fs::path& dir) {
  CurvatubesFile plain;
  save_curvatubes_file(dir / "default.json", plain, true);
  int k = 0;
  for (const curvatubes::CurvatubesPreset& p : curvatubes::curvatubes_presets()) {
    if (k++ % 6 != 0) continue;  // six presets cover the keys; all 36 would only repeat them
    CurvatubesFile f;
    f.preset = std::string(p.name);
    f.params.coeffs = p.coeffs;
    f.params.m0 = p.m0;
    f.params.mu = p.mu;
    f.params.theta = p.theta;
    f.init = "start.npy";
    f.iterations = 10 * k;
    save_curvatubes_file(dir / (f.preset + ".json"), f, true);
  }
}

void settings_seeds(const fs::path& dir) {
  save_settings(dir / "default.json", default_app_settings());
  AppSettings s = default_app_settings();
  s.scene_file = "runs/state.json";
  s.preset = "n1000";
  s.resolution = 256;
  s.color_mode = ColorMode::Pressure;
  s.show_arrows = true;
  save_settings(dir / "changed.json", s);
}

void voxel_seeds(const fs::path& root) {
  const Samples samples(64);
  const Grid g2 = make_grid_2d(4, 3, 1.0, 0.75);
  const Grid g3 = make_grid_3d(4, 3, 2, 1.0, 0.75, 0.5);
  const Samples big(512);
  for (const VoxelType t : kTypes) {
    const std::string name = type_name(t);
    const VoxelSpan v2 = std::visit([](auto s) -> VoxelSpan { return s.first(12); }, samples.span(t));
    const VoxelSpan v3 = std::visit([](auto s) -> VoxelSpan { return s.first(24); }, samples.span(t));
    write_nrrd(root / "nrrd" / ("grid2d_" + name + ".nrrd"), g2, {"labels", v2}, true);
    write_nrrd(root / "nrrd" / ("grid3d_" + name + ".nrrd"), g3, {"labels", v3}, true);
    write_vti(root / "vti" / ("grid3d_" + name + ".vti"), g3, {{"a", v3}, {"b", v3}}, true);
    write_vti(root / "vti" / ("grid2d_" + name + "_zlib.vti"), g2, {{"a", v2}}, true, VtiCompression::Zlib);
    write_npy(root / "npy" / ("flat_" + name + ".npy"), {24}, v3, true);
    write_npy(root / "npy" / ("zxy_" + name + ".npy"), {2, 3, 4}, v3, true);
    write_npy(root / "npy" / ("scalar_" + name + ".npy"), {}, std::visit([](auto s) -> VoxelSpan { return s.first(1); },
                                                                         samples.span(t)), true);
    write_nifti(root / "nifti" / ("grid3d_" + name + ".nii"), g3, {"labels", v3}, true);
    write_nifti(root / "nifti" / ("grid3d_" + name + ".nii.gz"), g3, {"labels", v3}, true);
  }
  // Raw sidecars, all describing fuzz::kRawDataBytes bytes (the data file the target writes).
  struct RawCase {
    Grid grid;
    VoxelType type;
  };
  const RawCase raws[] = {{make_grid_3d(8, 8, 8), VoxelType::UInt8},   {make_grid_3d(4, 4, 4), VoxelType::Float64},
                          {make_grid_3d(8, 4, 4), VoxelType::Int32},   {make_grid_3d(8, 4, 4), VoxelType::Float32},
                          {make_grid_2d(16, 8), VoxelType::Int32},     {make_grid_2d(16, 32), VoxelType::UInt8}};
  const fs::path scratch = root / "raw_scratch";
  fs::create_directories(scratch);
  int k = 0;
  for (const RawCase& r : raws) {
    const VoxelSpan v = std::visit([&](auto s) -> VoxelSpan { return s.first(r.grid.size()); }, big.span(r.type));
    write_raw(scratch / "input.raw", r.grid, {"values", v}, true);
    fs::copy_file(scratch / "input.json", root / "raw" / ("case" + std::to_string(k++) + "_" + type_name(r.type) + ".json"),
                  fs::copy_options::overwrite_existing);
  }
  fs::remove_all(scratch);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: tessera_fuzz_seeds OUT_DIR\n");
    return 2;
  }
  try {
    log::set_level(log::Level::Warn);
    const fs::path out = argv[1];
    for (const fuzz::FuzzEntry& e : fuzz::fuzz_entries()) fs::create_directories(out / e.name);
    scene_seeds(out / "scene_file");
    curvatubes_seeds(out / "curvatubes_file");
    settings_seeds(out / "settings");
    voxel_seeds(out);
    int count = 0;
    for (const auto& item : fs::recursive_directory_iterator(out)) count += item.is_regular_file() ? 1 : 0;
    std::printf("tessera_fuzz_seeds: %d seed files under %s\n", count, out.string().c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tessera_fuzz_seeds: %s\n", e.what());
    return 1;
  }
}
