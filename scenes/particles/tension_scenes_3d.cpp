// Scenes driven by 3D surface tension on the interface mesh (iceshot-model.md 4.6,
// 5.13, 5.14). In both the incompressibility gain is 0: the fit only provides
// volume-constrained shapes, and the seeds move by the surface forces (plus, for the
// bubbles, buoyancy). The cost is c_i = C_i |y - x_i|^2 (power p = 2, `constant`
// scaling) with C_i = gamma_type / R_i, through the species' cost_radius_exponent = 1.
#include "scenes/particles/tension_scenes_3d.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "engine/error.h"
#include "scenes/particles/scene_builders.h"
#include "sim/particles/motion.h"

namespace tessera {

namespace {

constexpr std::array<std::uint8_t, 3> kOrange{255, 127, 14};  // type 1 (tab:orange)
constexpr std::array<std::uint8_t, 3> kBlue{31, 119, 180};    // type 2 (tab:blue)
constexpr std::array<std::uint8_t, 3> kCyan{23, 190, 207};    // bubbles (tab:cyan)

// A species of the 3D tension scenes: c_i = (C / R_i) |y - x_i|^2, no correction force.
SpeciesParams tension_species(const char* name, double C, double R, const std::array<std::uint8_t, 3>& color) {
  SpeciesParams sp;
  sp.name = name;
  sp.cost.family = CostFamily::Power;
  sp.cost.scaling = CostScaling::Constant;
  sp.cost.p = 2;
  sp.cost.C = C;
  sp.cost.R = R;  // informative only: the constant scaling ignores it, C_i uses the cell's own radius
  sp.cost_radius_exponent = 1;
  sp.tau = 0;
  sp.color = color;
  return sp;
}

// Volume fraction of a ball of radius r (box units) in the kept domain.
double ball_fraction(const Domain& domain, double r) {
  return 4.0 / 3.0 * std::numbers::pi * r * r * r / (static_cast<double>(domain.n_kept) * domain.grid.pixel_volume());
}

// n cells with seeds uniform in the box [lo, hi] (box units) and random axes.
void add_cells_in_box(CellState& cells, int n, double volume, int species, const Vec3& lo, const Vec3& hi,
                      const CounterRng& rng) {
  const std::uint64_t stream = random_stream(RandomPurpose::Insertion, species);
  for (int k = 0; k < n; ++k) {
    double u[3];
    rng.uniform2(stream, 2 * static_cast<std::uint64_t>(k), u[0], u[1]);
    u[2] = rng.uniform(stream, 2 * static_cast<std::uint64_t>(k) + 1);
    Vec3 x;
    for (int a = 0; a < 3; ++a) x[a] = lo[a] + (hi[a] - lo[a]) * u[a];
    cells.add(x, random_unit_vector(rng, random_stream(RandomPurpose::DivisionAxis, species), k, 3), 1.0, volume,
              species);
  }
}

// The same in the cube center +- half.
void add_cells_in_cube(CellState& cells, int n, double volume, int species, const Vec3& center, double half,
                       const CounterRng& rng) {
  const Vec3 h{half, half, half};
  add_cells_in_box(cells, n, volume, species, center - h, center + h, rng);
}

struct SortingPreset {
  CellSortingPreset ratios;
  bool split;  // `split` placement: the two types start as two touching aggregates
};

SortingPreset sorting_preset(std::string_view name) {
  // Section 5.14's table: the split runs reuse the engulfment ratios.
  constexpr SortingPreset kPresets[] = {
      {CellSortingPreset::Separation, false},          {CellSortingPreset::Checkerboard, false},
      {CellSortingPreset::EngulfmentEtaAbove1, false}, {CellSortingPreset::EngulfmentEtaBelow1, false},
      {CellSortingPreset::EngulfmentEtaAbove1, true},  {CellSortingPreset::EngulfmentEtaBelow1, true}};
  static_assert(std::size(kPresets) == kCellSorting3DPresets.size());
  const auto it = std::find(kCellSorting3DPresets.begin(), kCellSorting3DPresets.end(), name);
  TESSERA_REQUIRE(it != kCellSorting3DPresets.end(), "CellSorting3D: unknown preset '" + std::string(name) + "'");
  return kPresets[it - kCellSorting3DPresets.begin()];
}

}  // namespace

// 5.14: 128 cells of two types (64 each, R = 0.055, 8.9 % of the box) rearrange under
// interfacial tensions alone: separation, checkerboard or engulfment by the preset.
SceneSetup build_cell_sorting_3d(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(128, options, 3, false);
  s.domain = build_domain(s.grid, s.domain_spec);
  s.preset = options.preset.empty() ? std::string(kCellSorting3DPresets[0]) : options.preset;
  const SortingPreset preset = sorting_preset(s.preset);
  const CellSortingRatios ratios = cell_sorting_ratios(preset.ratios);
  const SurfaceTension3DParams tables = cell_sorting_3d_params(ratios);

  const int n_per_type = 64;
  const double R = 0.055;
  s.params = default_sim_params();
  s.params.species = {
      tension_species("type1", 1.0, R, kOrange),
      // c = (gamma_20 / gamma_10) |y - x|^2 / R for type 2 (the reference's cost gamma_a0 |y - x|^2 / R,
      // normalised by gamma_10).
      tension_species("type2", tables.gamma(2, kMediumType) / tables.gamma(1, kMediumType), R, kBlue)};
  s.params.surface_tension_3d = tables;
  s.params.mesh = default_label_mesh_params();
  // The reference's dt = 0.0003 ("too small", says its author). Ten times larger gives
  // the same trajectory: at 64^3 the separation run's homotypic contact share agrees
  // within 0.006 with dt = 0.0003 up to t = 0.6, at a tenth of the steps.
  s.params.dt = 0.003;
  s.params.seed = options.seed;

  // `uniform`: both types mixed in the cube 0.5 +- 0.14; `split`: type 1 in 0.4 +- 0.1,
  // type 2 in 0.6 +- 0.1 (the cubes overlap at a corner, so the aggregates touch).
  const double v = ball_fraction(s.domain, R);
  const CounterRng rng{options.seed};
  if (preset.split) {
    add_cells_in_cube(s.cells, n_per_type, v, 0, Vec3{0.4, 0.4, 0.4}, 0.1, rng);
    add_cells_in_cube(s.cells, n_per_type, v, 1, Vec3{0.6, 0.6, 0.6}, 0.1, rng);
  } else {
    add_cells_in_cube(s.cells, 2 * n_per_type, v, 0, Vec3{0.5, 0.5, 0.5}, 0.14, rng);
    for (int i = n_per_type; i < 2 * n_per_type; ++i) s.cells.species[i] = 1;  // seeds are random: the types mix
  }
  // The reference relaxes with 10 passes of a partial (tau = 0.4) barycentric move; 10
  // full Lloyd passes spread the packed seeds into a compact aggregate the same way.
  s.relax_passes = 10;
  return s;
}

// 5.13: bubbles rise from the bottom of a liquid, gather in a raft at the surface
// z = 1/2, burst there and fuse; new ones appear at the bottom while the foam is small.
SceneSetup build_bubbles(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(192, options, 3, false);
  s.domain = build_domain(s.grid, s.domain_spec);
  const double R0 = 0.021;  // base bubble radius (box units)
  const int n = 42;

  s.params = default_sim_params();
  s.params.species = {tension_species("bubbles", 1.0, R0, kCyan)};  // C_i = 1 / R_i
  s.params.surface_tension_3d = default_surface_tension_3d_params();
  s.params.mesh = default_label_mesh_params();
  s.params.bubbles = default_bubble_params(R0);
  s.params.bubbles->insert_volume = ball_fraction(s.domain, R0);
  s.params.dt = 0.0025;
  s.params.seed = options.seed;

  // 42 bubbles of volume v_b (1 + 4 U) with seeds in the lower 40 % of the box.
  const CounterRng rng{options.seed};
  const Vec3 top{s.grid.length[0], s.grid.length[1], 0.4 * s.grid.length[2]};
  add_cells_in_box(s.cells, n, 0.0, 0, Vec3{}, top, rng);
  const std::uint64_t volume_stream = random_stream(RandomPurpose::Insertion, 0) ^ (1ull << 47);
  for (int i = 0; i < n; ++i) s.cells.volume[i] = s.params.bubbles->insert_volume * (1.0 + 4.0 * rng.uniform(volume_stream, i));
  // The reference's initial solve has tau = 0: the seeds stay where they were drawn.
  s.relax_passes = 0;
  return s;
}

}  // namespace tessera
