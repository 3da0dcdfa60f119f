// Cell-migration scenes of iceshot-model.md section 5 whose motion comes from a bias of
// the solver's cost (section 2.8, sim/costs/cost_bias.h): the bias deforms the cell, and
// the seed follows the deformed shape. Radii are physical, as in the other scenes
// (section 8 item 19); the box is the unit square, so they equal the reference's.
#include "scenes/particles/migration_scenes.h"

#include "scenes/particles/scene_builders.h"
#include "sim/particles/motion.h"

namespace tessera {

// 5.2: ten cells sense a Gaussian chemoattractant centred in the box along every
// direction from their seed; the fan-shaped bias (the reference code's default, section
// 8.14) makes down-gradient pixels dearer, so each cell's centroid lies up the gradient
// and the barycentric relaxation, velocity tau (b_i - x_i) with the plain centroid and
// tau = 1 / R_mean, carries the seeds to the centre. The elongated variant is
// `cost_bias.chemotaxis.form = "elongated"` with `sign = -1` in the scene file.
SceneSetup build_chemo_deformation(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(512, options, 2, false);
  s.domain = build_domain(s.grid, s.domain_spec);
  const int n = 10;
  const double v = 0.01;
  const double R = radius_of_fraction(s.domain, v);
  s.params = default_sim_params();
  s.params.species[0] = power_species("cells", R, 1.0);
  s.params.species[0].tau = 1.0 / R;
  s.params.correction = Correction::Barycentric;
  s.params.barycenter = Barycenter::Plain;
  s.params.bias = CostBias::Chemotaxis;
  s.params.chemotaxis.center = Vec3{0.5, 0.5, 0};
  s.params.chemotaxis.width = 0.2;
  s.params.dt = 0.01;
  s.params.seed = options.seed;
  const CounterRng rng{options.seed};
  add_random_cells(
      s.cells, n, v, 0, s.domain,
      [&](const Vec3& x) { return x.x > 1.5 * R && x.x < 1 - 1.5 * R && x.y > 1.5 * R && x.y < 1 - 1.5 * R; }, rng);
  s.relax_passes = 10;
  return s;
}

// 5.7: eighteen cells, each with six fixed directions (from the angle of its initial
// random axis) whose amplitudes, initially U(0, 0.1), take random steps and decay; a
// protrusion lowers the cost along its direction, and the protrusion force pulls the
// seed toward the pixels beyond R0. Velocity 0.6 F_inc (unbiased l2 gradient,
// tau = 1 / R_mean) + 1.6 F_pro.
SceneSetup build_protrusions(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(300, options, 2, false);
  s.domain = build_domain(s.grid, s.domain_spec);
  const int n = 18;
  const double v = 0.28 / n;
  const double R0 = radius_of_fraction(s.domain, v);
  s.params = default_sim_params();
  s.params.species[0] = power_species("cells", R0, 1.0);
  s.params.species[0].tau = 1.0 / R0;
  s.params.correction = Correction::Force;
  s.params.correction_gain = 0.6;
  s.params.bias = CostBias::Protrusions;
  s.params.protrusions = default_protrusion_params(R0);
  s.params.dt = 0.01;
  s.params.seed = options.seed;
  const CounterRng rng{options.seed};
  add_random_cells(
      s.cells, n, v, 0, s.domain, [&](const Vec3& x) { return x.x > R0 && x.x < 1 - R0 && x.y > R0 && x.y < 1 - R0; },
      rng);
  // Initial amplitudes U(0, 0.1), on a stream of their own (the per-step noise uses the
  // Protrusion purpose with the step counter; bit 47 keeps this one apart).
  const std::uint64_t stream = random_stream(RandomPurpose::Protrusion, 0) ^ (1ull << 47);
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < kProtrusionDirections; ++k)
      s.cells.protrusion[i][k] = 0.1 * rng.uniform(stream, kProtrusionDirections * s.cells.id[i] + k);
  s.relax_passes = 10;
  return s;
}

}  // namespace tessera
