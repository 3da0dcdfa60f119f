// Scenes driven by differential surface tension (iceshot-model.md 4.5, 5.10, 5.3).
#include "scenes/particles/tension_scenes.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "engine/error.h"

#include "scenes/particles/scene_builders.h"

namespace tessera {

namespace {
constexpr std::array<std::uint8_t, 3> kOrange{255, 127, 14};  // type 1 (tab:orange)
constexpr std::array<std::uint8_t, 3> kBlue{31, 119, 180};    // type 2 (tab:blue)

// The (medium, type 1, type 2) table from the reference's (g11, g22, g12, g10, g20).
std::vector<double> two_type_table(double g11, double g22, double g12, double g10, double g20) {
  return {0.0, g10, g20,  //
          g10, g11, g12,  //
          g20, g12, g22};
}
// Two l2 species of reference radius R0 (type 1 orange, type 2 blue) with gain 1 / R0,
// the surface-tension frame settings shared by SurfaceTension and Engulfment.
void two_type_tension_params(SimParams& params, const char* name1, const char* name2, double R0) {
  params = default_sim_params();
  params.species.resize(2);
  for (int t = 0; t < 2; ++t) {
    SpeciesParams& sp = params.species[t];
    sp.name = t == 0 ? name1 : name2;
    sp.cost.family = CostFamily::Power;
    sp.cost.scaling = CostScaling::Volume;
    sp.cost.p = 2;
    sp.cost.C = 1;
    sp.cost.R = R0;
    sp.tau = 1.0 / R0;
    sp.color = t == 0 ? kOrange : kBlue;
  }
  params.correction_gain = 0.5;  // F0_inc
  params.surface_tension = SurfaceTensionRule{two_type_table(1, 1, 5, 30, 7), default_surface_tension_params(R0)};
}
}  // namespace

// 5.10: a mixed disk-shaped aggregate of two types sorts by differential tension. The
// default preset is internalisation (1, 1, 5, 30, 7): orange forms the core, blue the
// shell. Checkerboard (7, 7, 1, 30, 30) and separation (1, 1, 12, 5, 5) are a scene-file
// edit of `surface_tension.tensions` away.
SceneSetup build_surface_tension(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(600, options, 2, false);
  s.domain = build_domain(s.grid, s.domain_spec);
  const int n_per_type = 123;
  const double v = 0.4 / (2 * n_per_type);
  const double R0 = radius_of_fraction(s.domain, v);
  two_type_tension_params(s.params, "type1", "type2", R0);
  s.params.dt = 0.0005;
  s.params.seed = options.seed;
  const CounterRng rng{options.seed};
  const Vec3 center{0.5, 0.5, 0};
  const double radius = std::sqrt(0.12);
  add_random_cells(s.cells, 2 * n_per_type, v, 0, s.domain, [&](const Vec3& x) { return norm(x - center) < radius; }, rng);
  for (int i = 0; i < s.cells.size(); ++i) s.cells.species[i] = i % 2;  // positions are random: the types mix
  s.relax_passes = 10;
  return s;
}

// 5.3: a small orange aggregate (high medium tension) and a large blue one are pushed
// into contact; blue spreads around orange. Tensions (1, 1, 5, 30, 7).
SceneSetup build_engulfment(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(512, options, 2, false);
  s.domain = build_domain(s.grid, s.domain_spec);
  const int n1 = 14, n2 = 154;
  const double v = 0.34 / (n1 + n2);
  const double R0 = radius_of_fraction(s.domain, v);
  two_type_tension_params(s.params, "orange", "blue", R0);
  s.params.dt = 0.0002;
  s.params.seed = options.seed;
  TensionTable table(3);
  for (int a = 0; a < 3; ++a)
    for (int b = a; b < 3; ++b) table.set(a, b, s.params.surface_tension->tensions[a * 3 + b]);
  const std::string invalid = engulfment_tension_error(table);
  TESSERA_REQUIRE(invalid.empty(), "Engulfment: " + invalid);
  // Two disks holding half of each population's total volume, left and right.
  const double area = static_cast<double>(s.domain.n_kept) * s.grid.pixel_volume();
  const double V1 = n1 * v * area, V2 = n2 * v * area;
  const Vec3 c1{1.1 * std::sqrt(V1 / std::numbers::pi), 0.5, 0}, c2{1.0 - 1.2 * std::sqrt(V2 / std::numbers::pi), 0.5, 0};
  const double r1 = std::sqrt(0.5 * V1 / std::numbers::pi), r2 = std::sqrt(0.5 * V2 / std::numbers::pi);
  const CounterRng rng{options.seed};
  add_random_cells(s.cells, n1, v, 0, s.domain, [&](const Vec3& x) { return norm(x - c1) < r1; }, rng);
  add_random_cells(s.cells, n2, v, 1, s.domain, [&](const Vec3& x) { return norm(x - c2) < r2; }, rng);
  s.relax_passes = 7;
  return s;
}

void engulfment_contact(Simulation& sim) {
  const std::int64_t step = sim.step_count();
  if (step < 45 || step > 49) return;  // the reference's iterations 46-50
  CellState& c = sim.mutable_cells();
  double max_orange = -1e300, min_blue = 1e300, r_mean = 0;
  const double area = static_cast<double>(sim.domain().n_kept) * sim.domain().grid.pixel_volume();
  for (int i = 0; i < c.size(); ++i) {
    (c.species[i] == 0 ? max_orange : min_blue) =
        c.species[i] == 0 ? std::max(max_orange, c.x[i].x) : std::min(min_blue, c.x[i].x);
    r_mean += std::sqrt(c.volume[i] * area / std::numbers::pi);
  }
  r_mean /= std::max(1, c.size());
  const double shift = 0.94 * ((min_blue - max_orange) - 2.0 * r_mean);
  for (int i = 0; i < c.size(); ++i)
    if (c.species[i] == 0) c.x[i].x += shift;
}

}  // namespace tessera
