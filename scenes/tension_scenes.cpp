// Scenes driven by differential surface tension (iceshot-model.md 4.5, 5.10, 5.3).
#include "scenes/tension_scenes.h"

#include <cmath>

#include "scenes/scene_builders.h"

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
  s.params = default_sim_params();
  s.params.species.resize(2);
  for (int t = 0; t < 2; ++t) {
    SpeciesParams& sp = s.params.species[t];
    sp.name = t == 0 ? "type1" : "type2";
    sp.cost.family = CostFamily::Power;
    sp.cost.scaling = CostScaling::Volume;
    sp.cost.p = 2;
    sp.cost.C = 1;
    sp.cost.R = R0;
    sp.tau = 1.0 / R0;
    sp.color = t == 0 ? kOrange : kBlue;
  }
  s.params.correction_gain = 0.5;  // F0_inc
  s.params.surface_tension = true;
  s.params.tensions = two_type_table(1, 1, 5, 30, 7);
  s.params.tension = default_surface_tension_params(R0);
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

}  // namespace tessera
