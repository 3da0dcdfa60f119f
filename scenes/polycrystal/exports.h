#pragma once
// The files of one polycrystal, for crystal-plasticity solvers and analysis:
//   grains.vti       DAMASK's grid: VTK ImageData, cell data `material` (int32, 0-based
//                    grain id), x fastest, origin 0, spacing and size in metres
//   material.yaml    DAMASK's material configuration: one `material` entry per grain (in id
//                    order) with its phase and orientation quaternion O = [w, x, y, z],
//                    homogenization SX; a `phase` section with an elastic fcc phase to
//                    replace with the user's constitutive model
//   labels.raw/.json the same ids as bare little-endian int32 plus a JSON header (numpy, Fiji)
//   grains.csv       one row per grain (columns in grain_columns())
//   fit.json         how the fit went: iterations, passes, times, errors, empty and
//                    disconnected grains
// Lengths in metres (box_size), volumes as fractions of the box.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/ot/volume_fit.h"
#include "sim/polycrystal/generator.h"
#include "sim/polycrystal/grain_stats.h"

namespace tessera {

// The one phase written (elastic aluminium, cF): DAMASK needs a phase per constituent.
inline constexpr const char* kPolycrystalPhase = "Aluminum";

std::vector<std::string> grain_columns(int dim);

void write_damask_vti(const std::filesystem::path& path, polycrystal::Polycrystal& pc, bool overwrite);
void write_material_yaml(const std::filesystem::path& path, const polycrystal::Polycrystal& pc, bool overwrite);
void write_grains_csv(const std::filesystem::path& path, const polycrystal::Polycrystal& pc,
                      const polycrystal::PolycrystalStats& stats, bool overwrite);
void write_labels_raw(const std::filesystem::path& path, polycrystal::Polycrystal& pc, bool overwrite);
// The fit summary (fit.json's content).
nlohmann::json fit_summary(const polycrystal::Polycrystal& pc, const FitResult& fit,
                           const polycrystal::PolycrystalStats& stats, int rounds, double total_ms);

// The grid in metres (box_size per axis): what the .vti and the raw header carry.
Grid metric_grid(const polycrystal::Polycrystal& pc);

}  // namespace tessera
