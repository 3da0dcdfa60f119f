#include "scenes/polycrystal/exports.h"

#include <cmath>

#include "engine/file_output.h"
#include "engine/number_text.h"
#include "engine/table_io.h"
#include "engine/voxel_io.h"

namespace tessera {

using polycrystal::GrainStats;
using polycrystal::Polycrystal;
using polycrystal::PolycrystalStats;

Grid metric_grid(const Polycrystal& pc) {
  Grid g = pc.grid();
  for (int a = 0; a < 3; ++a) g.length[a] = a < g.dim ? pc.params().box_size : g.length[a];
  return g;
}

void write_damask_vti(const std::filesystem::path& path, Polycrystal& pc, bool overwrite) {
  const std::vector<std::int32_t>& labels = pc.labels();
  write_vti(path, metric_grid(pc), {VoxelField{"material", std::span<const std::int32_t>(labels)}}, overwrite,
            VtiCompression::Zlib, VtiSamples::Cells);
}

void write_labels_raw(const std::filesystem::path& path, Polycrystal& pc, bool overwrite) {
  const std::vector<std::int32_t>& labels = pc.labels();
  write_raw(path, metric_grid(pc), VoxelField{"material", std::span<const std::int32_t>(labels)}, overwrite);
}

void write_material_yaml(const std::filesystem::path& path, const Polycrystal& pc, bool overwrite) {
  // DAMASK 3 layout: homogenization and phase definitions, then one material per grain
  // (the grid's `material` id indexes this list, 0-based).
  std::string y;
  y += "# DAMASK material configuration written by tessera polycrystal (" + std::to_string(pc.n_grains()) +
       " grains).\n# Material i is grain i of the grid's `material` array. The phase is elastic\n"
       "# aluminium (cubic Hooke constants in Pa); replace it with your constitutive model.\n";
  y += "homogenization:\n  SX:\n    N_constituents: 1\n    mechanical: {type: pass}\n\n";
  y += std::string("phase:\n  ") + kPolycrystalPhase + ":\n    lattice: cF\n    mechanical:\n";
  y += "      output: [F, P]\n      elastic: {type: Hooke, C_11: 106.75e+9, C_12: 60.41e+9, C_44: 28.34e+9}\n\n";
  y += "material:\n";
  for (const polycrystal::Quaternion& q : pc.orientations()) {
    y += std::string("  - homogenization: SX\n    constituents:\n      - phase: ") + kPolycrystalPhase +
         "\n        v: 1.0\n        O: [" + format_double(q[0]) + ", " + format_double(q[1]) + ", " +
         format_double(q[2]) + ", " + format_double(q[3]) + "]\n";
  }
  PartFile file(path, overwrite);
  file.write(y);
  file.commit();
}

std::vector<std::string> grain_columns(int dim) {
  std::vector<std::string> c = {"id", "phase", "target_volume", "volume", "volume_error", "voxels"};
  const char* axis[3] = {"x", "y", "z"};
  for (int a = 0; a < dim; ++a) c.push_back(std::string("seed_") + axis[a]);
  for (int a = 0; a < dim; ++a) c.push_back(std::string("centroid_") + axis[a]);
  c.push_back("equivalent_diameter");
  for (int k = 0; k < dim; ++k) c.push_back("semi_axis_" + std::to_string(k + 1));
  for (int k = 0; k < dim; ++k)
    for (int a = 0; a < dim; ++a) c.push_back("axis_" + std::to_string(k + 1) + "_" + axis[a]);
  c.push_back("aspect_ratio");
  if (dim == 3) c.push_back("aspect_ratio_2");
  for (const char* q : {"neighbours", "components", "q_w", "q_x", "q_y", "q_z"}) c.emplace_back(q);
  return c;
}

void write_grains_csv(const std::filesystem::path& path, const Polycrystal& pc, const PolycrystalStats& stats,
                      bool overwrite) {
  const int dim = pc.grid().dim;
  const double L = pc.params().box_size, volume = std::pow(L, dim);
  CsvWriter csv(path, grain_columns(dim), overwrite);
  for (int i = 0; i < pc.n_grains(); ++i) {
    const GrainStats& g = stats.grains[i];
    // Volumes in m^3 (m^2 in 2D), lengths in metres.
    TableRow row = {std::int64_t{i}, std::string(kPolycrystalPhase), g.target * volume, g.volume * volume,
                    g.volume_error, g.voxels};
    for (int a = 0; a < dim; ++a) row.emplace_back(pc.seeds()[i][a] * L);
    for (int a = 0; a < dim; ++a) row.emplace_back(g.centroid[a] * L);
    row.emplace_back(g.equivalent_diameter * L);
    for (int k = 0; k < dim; ++k) row.emplace_back(g.semi_axes[k] * L);
    for (int k = 0; k < dim; ++k)
      for (int a = 0; a < dim; ++a) row.emplace_back(g.axes[k][a]);
    // Longest over shortest (and, in 3D, longest over middle); 0 where undefined.
    const double shortest = g.semi_axes[dim - 1];
    row.emplace_back(shortest > 0 ? g.semi_axes[0] / shortest : 0.0);
    if (dim == 3) row.emplace_back(g.semi_axes[1] > 0 ? g.semi_axes[0] / g.semi_axes[1] : 0.0);
    row.emplace_back(std::int64_t{g.neighbours});
    row.emplace_back(std::int64_t{g.components});
    for (double q : pc.orientations()[i]) row.emplace_back(q);
    csv.write_row(row);
  }
  csv.close();
}

nlohmann::json fit_summary(const Polycrystal& pc, const FitResult& fit, const PolycrystalStats& stats, int rounds,
                           double total_ms) {
  const Grid& g = pc.grid();
  return {{"grains", pc.n_grains()},
          {"dim", g.dim},
          {"resolution", g.n[0]},
          {"voxels", g.size()},
          {"periodic", pc.params().periodic},
          {"rounds", rounds},
          {"converged", fit.converged},
          {"failure", fit.failure},
          {"warning", fit.warning},
          {"newton_iterations", fit.newton_iterations},
          {"lbfgs_iterations", fit.lbfgs_iterations},
          {"passes", fit.passes},
          {"max_volume_error", stats.max_abs_error},
          {"mean_volume_error", fit.mean_error},
          {"tolerance", pc.params().tolerance},
          {"empty_grains", stats.n_empty},
          {"disconnected_grains", stats.n_disconnected},
          {"fit_ms", fit.total_ms},
          {"total_ms", total_ms}};
}

}  // namespace tessera
