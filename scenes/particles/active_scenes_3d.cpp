// 3D active-matter scenes of iceshot-model.md section 5 (radii are physical, as in
// active_scenes.cpp).
#include "scenes/particles/active_scenes_3d.h"

#include "scenes/particles/scene_builders.h"

namespace tessera {

namespace {
// n volumes proportional to lo + (1 - lo) U, scaled to sum to `total`.
std::vector<double> random_volumes(int n, double lo, double total, const CounterRng& rng) {
  std::vector<double> v(n);
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += v[i] = lo + (1.0 - lo) * rng.uniform(99, i);
  for (double& x : v) x *= total / sum;
  return v;
}
}  // namespace

// 5.16: run-and-tumble soft spheres, stiffness C from 0.5 to 3.5, 80 % packing, gain 1 / R_i^2.
SceneSetup build_run_tumble_3d(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(128, options, 3, false);
  s.domain = build_domain(s.grid, s.domain_spec);
  const int n = 126;
  const CounterRng rng{options.seed};
  const std::vector<double> volumes = random_volumes(n, 0.5, 0.8, rng);
  s.params = default_sim_params();
  SpeciesParams& cells = s.params.species[0];
  cells.cost.family = CostFamily::Power;
  cells.cost.scaling = CostScaling::Volume;
  cells.cost.p = 2;
  cells.cost.R = radius_of_fraction(s.domain, volumes.back());
  cells.tau = 1.0;
  cells.tau_radius_exponent = 2;
  cells.v0 = 0.4;
  cells.tumble_rate = 1.0;
  s.params.correction_gain = 0.2;
  s.params.dt = 0.0025;
  s.params.seed = options.seed;
  add_random_cells(s.cells, n, 0.0, 0, s.domain, [](const Vec3&) { return true; }, rng);
  for (int i = 0; i < n; ++i) {
    s.cells.volume[i] = volumes[i];
    s.cells.stiffness[i] = 0.5 + 3.0 * i / (n - 1.0);
  }
  return s;
}

// 5.12: ellipsoidal cells filling 80 % of a box move along their principal axis; axis
// and aspect ratio are re-measured each step, so crowding elongates and turns them.
SceneSetup build_benchmark_3d(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(128, options, 3, false);
  s.domain = build_domain(s.grid, s.domain_spec);
  s.preset = options.preset.empty() ? std::string(kBenchmark3DPresets[0]) : options.preset;
  const int n = s.preset == "n1000" ? 1000 : 101;
  const CounterRng rng{options.seed};
  const std::vector<double> volumes = random_volumes(n, 0.2, 0.8, rng);
  s.params = default_sim_params();
  SpeciesParams& cells = s.params.species[0];
  cells.cost.family = CostFamily::AnisotropicPower;
  cells.cost.scaling = CostScaling::Volume;
  cells.cost.p = 2;
  cells.cost.b = 1.0;  // the reference passes no b: s = 5/3 C ar^(-2/3)
  cells.cost.R = radius_of_fraction(s.domain, 0.8 / n);
  cells.tau = 42.0;
  cells.tau_radius_exponent = 2;
  cells.v0 = 0.3;
  cells.axis_from_shape = true;
  cells.aspect_from_shape = true;
  cells.aspect_min = 1.0;
  cells.aspect_max = 4.0;
  s.params.dt = 0.005;
  s.params.seed = options.seed;
  add_random_cells(s.cells, n, 0.0, 0, s.domain, [](const Vec3&) { return true; }, rng);
  for (int i = 0; i < n; ++i) {
    s.cells.volume[i] = volumes[i];
    s.cells.stiffness[i] = 3.0 + (4.0 - 3.0) * i / (n - 1.0);  // C from 3 (cell 0) to 4
  }
  return s;
}

}  // namespace tessera
