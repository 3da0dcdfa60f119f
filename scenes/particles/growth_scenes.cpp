// TissueGrowth_3D (iceshot-model.md 5.17): a 3D aggregate grown from one big cell. To
// keep the resolution while it grows, the whole configuration is shrunk about the box
// centre whenever the aggregate gets too large, until the cells reach their final size.
//
// Deviation (CPU-sized): the reference grows to 50,000 cells on 400^3; the default here
// grows to kMaxCells on 128^3, so that the final cells hold about the same number of voxels.
// As in the reference, the growth rate and the cost's R are not rescaled by the zoom
// (section 8 item 18) while the gain tau = 10 / R1^2 is.
#include "scenes/particles/growth_scenes.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "scenes/particles/scene_builders.h"
#include "sim/particles/motion.h"

namespace tessera {

namespace {
constexpr int kMaxCells = 2000;
constexpr double kInitialRadius = 0.15;  // R1 of the first cell
const Vec3 kCenter{0.5, 0.5, 0.5};

double ball_volume(double r) { return 4.0 / 3.0 * std::numbers::pi * r * r * r; }
double ball_radius(double v) { return std::cbrt(3.0 * v / (4.0 * std::numbers::pi)); }

// Radius of the final cells: kMaxCells of them fill the unit box.
double final_radius() { return ball_radius(1.0 / kMaxCells); }
}  // namespace

SceneSetup build_tissue_growth_3d(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(128, options, 3, false);
  s.domain = build_domain(s.grid, s.domain_spec);
  const double v1 = ball_volume(kInitialRadius);
  s.params = default_sim_params();
  SpeciesParams& cells = s.params.species[0];
  cells.name = "cells";
  cells.cost.family = CostFamily::Power;
  cells.cost.scaling = CostScaling::Volume;
  cells.cost.p = 2;
  cells.cost.C = 0.1;
  cells.cost.R = kInitialRadius;  // fixed, as the reference
  cells.tau = 10.0 / (kInitialRadius * kInitialRadius);
  // The script's state lives in the parameters so that scene files carry it: the current
  // mature volume v1 (the zoom shrinks it) and the population cap.
  s.params.mature_volume = v1;
  s.params.max_cells = kMaxCells;
  s.params.dt = 0.002;
  s.params.seed = options.seed;
  const CounterRng rng{options.seed};
  s.cells.add(kCenter + Vec3{0.31 * s.grid.spacing(0), 0.17 * s.grid.spacing(1), 0.23 * s.grid.spacing(2)},
              random_unit_vector(rng, 1, 0, 3), 1.0, v1, 0, 0.0, 0.5 + 1.5 * rng.uniform(2, 0));
  s.relax_passes = 0;
  return s;
}

void tissue_growth_3d_script(Simulation& sim) {
  SimParams params = sim.params();
  CellState& cells = sim.mutable_cells();
  const double dt = params.dt;
  const std::int64_t step = sim.step_count();
  const CounterRng rng{params.seed};
  const double v1_initial = ball_volume(kInitialRadius);
  double v1 = params.mature_volume;
  double R1 = ball_radius(v1);

  // Growth at the initial rate (not rescaled by the zoom: section 8.18), capped at v1.
  const double growth_per_time = 6.0 * (v1_initial - 0.5 * v1_initial);
  for (int i = 0; i < cells.size(); ++i)
    cells.volume[i] = std::min(v1, cells.volume[i] + cells.growth_rate[i] * growth_per_time * dt);

  // Division of mature cells away from the walls, along their (random, never re-measured) axis.
  const double p_divide = 1.0 - std::exp(-3.0 * dt);
  std::vector<char> dividing(cells.size(), 0);
  int budget = params.max_cells - cells.size();
  for (int i = 0; i < cells.size() && budget > 0; ++i) {
    const Vec3 d = cells.x[i] - kCenter;
    const double box_distance = std::max({std::fabs(d.x), std::fabs(d.y), std::fabs(d.z)});
    if (cells.volume[i] > 0.8 * v1 && box_distance < 0.5 - R1 &&
        rng.uniform(random_stream(RandomPurpose::Division, step) ^ (1ull << 46), cells.id[i]) < p_divide) {
      dividing[i] = 1;
      --budget;
    }
  }
  DivisionParams division;
  division.offset = R1;
  divide_cells(cells, dividing, division, 3, rng, step);

  // Zoom-out: shrink about the centre so the aggregate stays within radius 0.3, until the
  // cells reach their final size (S = R_final / R1 reaches 1).
  const double V = cells.total_volume();
  const double R_m = 1.1 * ball_radius(V);
  const double S = final_radius() / R1;
  const double rho_target = std::min(1.0, 0.3 / R_m);
  const double S_next = std::min(1.0, S / rho_target);
  const double rho = S / S_next;
  if (rho < 1.0) {
    const double rho3 = rho * rho * rho;
    for (int i = 0; i < cells.size(); ++i) {
      cells.x[i] = kCenter + rho * (cells.x[i] - kCenter);
      cells.volume[i] *= rho3;
    }
    v1 *= rho3;
    R1 *= rho;
  }
  params.mature_volume = v1;
  params.species[0].tau = 10.0 / (R1 * R1);
  sim.set_params(params);
}

}  // namespace tessera
