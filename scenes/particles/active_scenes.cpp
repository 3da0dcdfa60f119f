// Active-matter scenes of iceshot-model.md section 5: self-propelled cells with
// noise, tumbles or gravity. Deviation common to all: radii R are physical (from
// the true area of a cell's volume fraction of the kept domain), where the reference
// uses volume fractions of the domain as if it had area 1 (section 8 item 19).
#include "scenes/particles/active_scenes.h"

#include <numbers>

#include "scenes/particles/scene_builders.h"
#include "sim/particles/motion.h"

namespace tessera {

namespace {
constexpr int kRunTumbleDiskResolution = 512;
constexpr int kActiveBrownianResolution = 512;
constexpr int kFallingSpheresResolution = 512;
}  // namespace

// 5.9: run-and-tumble disks of graded stiffness C in [0.4, 3.5] in a circular arena.
SceneSetup build_run_tumble_disk(const SceneOptions& options) {
  SceneSetup s;
  const Vec3 center{0.5, 0.5, 0};
  s.grid = scene_grid(kRunTumbleDiskResolution, options, 2, false);
  s.domain_spec = DomainSpec{DomainShape::Disk, center, 0.5, {}};
  s.domain = build_domain(s.grid, s.domain_spec);
  s.preset = options.preset.empty() ? std::string(kRunTumbleDiskPresets[0]) : options.preset;
  const int n = s.preset == "n1000" ? 1000 : 126;
  const double v = 0.875 / n;
  const double R = radius_of_fraction(s.domain, v);
  s.params = default_sim_params();
  s.params.species[0] = power_species("cells", R, 1.0);
  s.params.species[0].tau = 1.0 / R;
  s.params.species[0].v0 = 0.4;
  s.params.species[0].tumble_rate = 1.0;
  s.params.correction_gain = 0.2;
  s.params.dt = 0.0025;
  s.params.seed = options.seed;
  const CounterRng rng{options.seed};
  add_random_cells(s.cells, n, v, 0, s.domain, [&](const Vec3& x) { return norm(x - center) < 0.45; }, rng);
  for (int i = 0; i < n; ++i) s.cells.stiffness[i] = 0.4 + (3.5 - 0.4) * i / (n - 1.0);
  return s;
}

// 5.1: active Brownian deformable disks in a periodic box; p is the hard/soft knob.
SceneSetup build_active_brownian(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(kActiveBrownianResolution, options, 2, true);
  s.domain = build_domain(s.grid, s.domain_spec);
  const int n = 250;
  const double v = 0.94 / n;
  const double R = radius_of_fraction(s.domain, v);
  s.params = default_sim_params();
  s.params.species[0] = power_species("swimmers", R, 0.1, 2.5);
  s.params.species[0].tau = 3.0 / R;
  s.params.species[0].v0 = 0.3;
  s.params.species[0].rotational_diffusion = 20;
  s.params.dt = 0.002;
  s.params.seed = options.seed;
  const CounterRng rng{options.seed};
  add_random_cells(s.cells, n, v, 0, s.domain, [](const Vec3&) { return true; }, rng);
  s.relax_passes = 10;
  return s;
}

// 5.5: soft spheres falling onto the floor of a box under gravity (the script's
// single hard species, p = 10).
SceneSetup build_falling_spheres(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(kFallingSpheresResolution, options, 2, false);
  s.domain = build_domain(s.grid, s.domain_spec);
  const int n = 30;
  const double v = 0.3 / n;
  const double R = radius_of_fraction(s.domain, v);
  s.params = default_sim_params();
  s.params.species[0] = power_species("spheres", R, 1.0 / 8.0, 10.0);
  s.params.species[0].color = {31, 119, 180};  // tab:blue
  s.params.species[0].tau = 1.5 / R;
  s.params.gravity = Vec3{0, -0.4, 0};
  s.params.dt = 0.001;
  s.params.seed = options.seed;
  const CounterRng rng{options.seed};
  add_random_cells(s.cells, n, v, 0, s.domain, [](const Vec3& x) { return x.x > 0.1 && x.x < 0.9 && x.y > 0.1 && x.y < 0.9; }, rng);
  s.relax_passes = 14;
  return s;
}


// 5.4: pedestrians steering to a door in the middle of the right wall. Hard agents
// (p = 8, the default) form an arch that clogs the door; soft ones (p = 0.5) squeeze out.
SceneSetup build_evacuation(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(512, options, 2, false);
  s.domain = build_domain(s.grid, s.domain_spec);
  const int n = 111;
  const double v = 0.42 / n;
  const double R = radius_of_fraction(s.domain, v);
  const Vec3 door{1.0, 0.5, 0};
  s.params = default_sim_params();
  s.params.species[0] = power_species("pedestrians", R, 0.1, 8.0);
  s.params.species[0].tau = 3.0 / R;
  s.params.species[0].v0 = 0.4;
  s.params.species[0].steering_noise = 0.2;
  s.params.steer_target = door;
  s.params.exit = ExitRegion{Vec3{1.0 - 1.02 * R, 0.5 - 1.05 * R, 0},
                             Vec3{2.0, 0.5 + 1.05 * R, 0}};  // anything past the door
  s.params.dt = 0.001;
  s.params.seed = options.seed;
  const CounterRng rng{options.seed};
  add_random_cells(s.cells, n, v, 0, s.domain, [](const Vec3& x) { return x.x > 0.05 && x.x < 0.9 && x.y > 0.05 && x.y < 0.95; }, rng);
  for (int i = 0; i < n; ++i) {
    const Vec3 d = door - s.cells.x[i];
    s.cells.axis[i] = d * (1.0 / norm(d));  // everyone heads for the door
  }
  s.relax_passes = 10;
  return s;
}


// 5.8: self-propelled rods (stadium gauge cost, ar = 3) whose axis is re-read from
// their shape every step, in a periodic box: collisions align them into streams.
SceneSetup build_rod_shape(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(512, options, 2, true);
  s.domain = build_domain(s.grid, s.domain_spec);
  const int n = 300;
  const double v = 0.65 / n;
  const double aspect = 3.0;
  const double area = v * static_cast<double>(s.domain.n_kept) * s.grid.pixel_volume();
  s.params = default_sim_params();
  SpeciesParams& rods = s.params.species[0];
  rods.name = "rods";
  rods.cost.family = CostFamily::Spherocylinder;
  rods.cost.scaling = CostScaling::Volume;
  rods.cost.p = 3.5;
  rods.cost.C = 1.0;
  rods.cost.b = std::sqrt(area / (std::numbers::pi + 4.0 * (aspect - 1.0)));  // stadium of area v
  rods.cost.aspect = aspect;
  rods.cost.R = radius_of_fraction(s.domain, v);
  rods.tau = 0.14 / rods.cost.R;
  rods.v0 = 0.3;
  rods.axis_from_shape = true;
  s.params.dt = 0.002;
  s.params.seed = options.seed;
  const CounterRng rng{options.seed};
  add_random_cells(s.cells, n, v, 0, s.domain, [](const Vec3&) { return true; }, rng);
  for (double& a : s.cells.aspect) a = aspect;
  s.relax_passes = 20;
  return s;
}


// 5.11: a colony grown from one cell: linear growth to a mature volume, stochastic
// division along the cell's principal axis, a drift toward the centre; about 400 cells.
SceneSetup build_tissue_growth(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(800, options, 2, false);
  s.domain = build_domain(s.grid, s.domain_spec);
  const int n_max = 400;
  const double v1 = 0.75 / n_max;  // mature volume; newborns have v1 / 2
  const double R1 = radius_of_fraction(s.domain, v1);
  s.params = default_sim_params();
  SpeciesParams& cells = s.params.species[0];
  cells = power_species("cells", R1, 0.1);
  cells.tau = 1.0;
  cells.tau_radius_exponent = 1;  // tau_i = 1 / R_i, the current radius
  cells.axis_from_shape = true;
  s.params.center_drift = 0.2;
  s.params.drift_center = Vec3{0.5, 0.5, 0};
  GrowthParams& growth = s.params.growth.emplace();
  growth.speed = (v1 - 0.5 * v1) / 0.5;
  growth.divide_above = 0.8;
  growth.division_rate = 5.0;
  growth.division_offset = R1;
  s.params.mature_volume = v1;
  s.params.max_cells = n_max;
  s.params.dt = 0.01;
  s.params.seed = options.seed;
  const CounterRng rng{options.seed};
  // A fraction of a pixel off the grid's symmetry point: a disk centred on a pixel corner
  // gains pixels four or eight at a time, too coarse for 1 % on coarse grids.
  const Vec3 start{0.5 + 0.31 * s.grid.spacing(0), 0.5 + 0.17 * s.grid.spacing(1), 0};
  s.cells.add(start, random_unit_vector(rng, 1, 0, 2), 1.0, v1, 0, 0.0, 0.5 + 1.5 * rng.uniform(2, 0));
  s.relax_passes = 0;
  return s;
}


// 5.6: one cell at the mouth of a thin tube is aspirated by a constant drift of its seed.
// Liquid-like cells (small p) flow into the tube, solid-like ones (large p) stay at the
// entrance. The reference runs p in {0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4}; the default here is 1.
SceneSetup build_micropipette(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(800, options, 2, false);
  const double r = 0.08;
  s.domain_spec = DomainSpec{DomainShape::Micropipette, Vec3{}, r, {}};
  s.domain = build_domain(s.grid, s.domain_spec);
  const PipetteGeometry pipette = pipette_geometry(r);
  const double kept_area = static_cast<double>(s.domain.n_kept) * s.grid.pixel_volume();
  s.params = default_sim_params();
  SpeciesParams& cell = s.params.species[0];
  cell = power_species("cell", r, 1.0, 1.0);
  // The reference's gain 0.3 / r times P / M^2 (its pixel volume 1/P -> true area 1/M^2).
  cell.tau = 0.3 / r * static_cast<double>(s.domain.n_kept) / (s.grid.n[0] * static_cast<double>(s.grid.n[1]));
  cell.v0 = 0.5;
  s.params.dt = 0.005;
  s.params.seed = options.seed;
  s.cells.add(Vec3{pipette.tube_start() - r, 0.5, 0}, Vec3{1, 0, 0}, 1.0, std::numbers::pi * r * r / kept_area, 0);
  s.relax_passes = 0;
  return s;
}

}  // namespace tessera
