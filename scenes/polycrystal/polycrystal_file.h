#pragma once
// The polycrystal mode's generator file (JSON, "mode": "polycrystal"): every parameter
// of sim/polycrystal/params.h (from its field table, so none is saved but not read) and
// the number of fit rounds done. The microstructure is a pure function of these, so
// loading the file reproduces it voxel for voxel.
//
//   {"mode": "polycrystal", "version": 1, "dim": 3, "grains": 1000, "anisotropy": 0.25,
//    "periodic": false, "seed": 1, "resolution": 0, "tolerance": 0.01, "sizes": "equal",
//    "size_sigma": 0.35, "exclusion": 0, "pixel_prefactor": 2, "box_size": 0.0001,
//    "lloyd": 0, "rounds": 1}
#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/polycrystal/params.h"

namespace tessera {

struct PolycrystalFile {
  polycrystal::PolycrystalParams params = polycrystal::default_polycrystal_params();
  // Fit rounds done: 1 = the fit from the heuristic start, each further one a Lloyd sweep
  // and a warm re-fit (0: nothing fitted yet).
  std::int64_t rounds = 0;
};

nlohmann::json polycrystal_file_to_json(const PolycrystalFile& file);
// Strict: unknown keys, wrong types and bad values fail naming `source` and the key.
PolycrystalFile polycrystal_file_from_json(const nlohmann::json& json, const std::string& source);
PolycrystalFile load_polycrystal_file(const std::filesystem::path& path);
void save_polycrystal_file(const std::filesystem::path& path, const PolycrystalFile& file, bool overwrite = false);

}  // namespace tessera
