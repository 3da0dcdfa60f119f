#pragma once
// The curvatubes mode's parameter file (JSON, "mode": "curvatubes"): every generator
// parameter (from field tables, so none is saved but not read), the preset it came from,
// the initial field (noise from the seed, or a file), the iteration count reached and the
// snapshots asked for. Running it again reproduces the run exactly: the noise is a pure
// function of the seed, and loading a saved state replays its iterations.
//
//   {"mode": "curvatubes", "version": 1, "preset": "tubes",
//    "shape": [64, 64, 64], "h": 0.01, "eps": 0.02,
//    "coefficients": {"a20": 1, "a11": 2, "a02": 6, "b10": -40, "b01": -40, "c": 400},
//    "m0": -0.6, "mu": 0, "theta": [1, 0, 0], "flow": "cons", "boundary": "periodic",
//    "sigma_blur": 2, "xi": 1e-6, "xi_s": 1e-6, "adam": {"lr": 0.001, ...}, "seed": 1,
//    "init": "", "iterations": 0,
//    "steering": [{"iteration": 300, "coefficients": {...}, "m0": -0.5, ...}],
//    "strip": {"axis": "Y", "anchors": [{"at": 0, "preset": "layers"}, {"at": 100, "preset": "tubes"}]}}
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/field_table.h"
#include "sim/curvatubes/params.h"
#include "sim/curvatubes/strip.h"

namespace tessera {

// Live steering (the window's sliders while it runs): from `iteration` on, the run
// continued with `params` (only the steerable ones differ from the file's, see
// curvatubes::unsteerable_difference). Replaying the events reproduces a steered run.
struct SteeringEvent {
  std::int64_t iteration = 0;
  curvatubes::CurvatubesParams params;
};

struct CurvatubesFile {
  curvatubes::CurvatubesParams params = curvatubes::default_curvatubes_params();
  std::string preset;                 // the preset the coefficients came from ("" = given by hand)
  std::filesystem::path init;         // start from this field (.npy or .nii.gz; "" = noise from the seed)
  std::int64_t iterations = 0;        // iterations already done (a saved state replays them)
  std::vector<SteeringEvent> steering;  // in increasing iteration order, all below `iterations`
  // Spatialised coefficients (ref. 1.6) along one axis; params.spatial holds their fields
  // on the grid (the file keeps this description, not the fields).
  std::optional<curvatubes::CoefficientStrip> strip;
};

// Sets file.params.spatial from file.strip on the file's grid (clears it without a strip).
// Throws tessera::Error naming a bad anchor.
void apply_strip(CurvatubesFile& file);

// The scalar fields of the generator's parameters, its coefficients and Adam settings.
const FieldTable<curvatubes::CurvatubesParams>& curvatubes_fields();
const FieldTable<curvatubes::Coefficients>& coefficient_fields();
const FieldTable<curvatubes::AdamSettings>& adam_fields();

nlohmann::json curvatubes_file_to_json(const CurvatubesFile& file);
// Strict: unknown keys, wrong types and bad values fail naming `source` and the key.
CurvatubesFile curvatubes_file_from_json(const nlohmann::json& json, const std::string& source);
// A parsed file read from `path` (an initial field named relative to it is found beside it).
CurvatubesFile curvatubes_file_of(const nlohmann::json& json, const std::filesystem::path& path);
CurvatubesFile load_curvatubes_file(const std::filesystem::path& path);
void save_curvatubes_file(const std::filesystem::path& path, const CurvatubesFile& file, bool overwrite = false);

}  // namespace tessera
