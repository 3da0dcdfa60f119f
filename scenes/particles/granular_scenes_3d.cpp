// FallingStuff (iceshot-model.md 5.15): hard spheres fed into the funnel of a 3D
// hourglass squeeze one by one through its neck (narrower than a sphere), hit a
// ball-shaped obstacle and pile up in the lower chamber.
//
// Deviations from the reference script, each for a measured reason (README, Scenes):
//   * 128^3 by default instead of 512^3 (345 voxels per sphere instead of 22,000), so
//     that it runs on a CPU; at least 96^3 (145 voxels).
//   * R0 = (3 v / 4 pi)^(1/3) = 0.0391 with v the volume fraction, the reference's radius
//     "as if the kept domain had volume 1" (section 8 item 19), not the physical radius
//     0.034 the other scenes use: with p = 10 the force scales as R^-12, and the physical
//     radius would make every contact 5.3 times stiffer than the reference's.
//   * The first seeds are drawn in the part of the reference's seed cube that lies inside
//     the funnel (its lower corners poke out of the cone); relaxed with p = 2 as the reference.
//   * The incompressibility force is measured against each sphere's free shape
//     (ForceSum::Contacts, sim/free_shape.h). At 128^3 the lattice error of the plain sum
//     pushes a free-falling sphere at 1-3 box lengths per time unit (gravity is 0.3) and
//     pins it to the lattice when dt is small; the free-shape form is zero for a sphere
//     that touches nothing and equal to the reference's force in the continuum.
//   * The force enters the step semi-implicitly (CorrectionStep::SemiImplicit). A sphere's
//     force is a spring of rate lambda_i toward its weighted barycentre with dt lambda_i
//     = 3-6 at dt = 0.005 (above 2, explicit Euler's limit): explicit steps jump past the
//     barycentre, a sphere pressed by the pile into the funnel wall ends up beyond the wall,
//     is cut in half and gets ~200 box lengths per time unit. The semi-implicit step divides
//     each sphere's force by 1 + dt lambda_i, so contacts are that much softer than the
//     reference's; the explicit step with dt = 0.0025 stays stable for the first 50 spheres
//     (scene file: "correction_step": "explicit", "dt": 0.0025).
//   * Insertion is on (the reference has it commented out, its published images show it):
//     while the spheres whose seed is in the funnel fill less than 85 % of it, one sphere
//     with probability 0.58 per reference step (as a rate, so it does not depend on dt) at
//     a random point of the seed box's top, z = 0.95 - but never within a sphere diameter
//     of another seed (the reference would put seeds inside spheres: two seeds at one
//     point push each other at ~70 box lengths per time unit). At most kCpuMaxSpheres.
#include "scenes/particles/granular_scenes_3d.h"

#include <cmath>
#include <numbers>

#include "scenes/particles/scene_builders.h"

namespace tessera {

namespace {
constexpr int kReferenceMaxSpheres = 2000;                    // N_max of the reference: it sets the sphere size
constexpr double kSphereVolume = 0.5 / kReferenceMaxSpheres;  // fraction of the kept domain
constexpr int kCpuMaxSpheres = 1000;                          // the population cap here
constexpr int kInitialSpheres = 50;
const Vec3 kSeedBoxCenter{0.5, 0.5, 0.85};                    // the reference's seed cube, side 0.3
constexpr double kSeedBoxHalf = 0.15;
constexpr double kInsertHeight = 0.95;
constexpr double kReferenceDt = 0.005;
constexpr double kInsertProbability = 0.58;                   // per reference step
constexpr double kFunnelFill = 0.85;                          // insertion stops at this fill of the funnel

bool in_seed_box(const Vec3& x) {
  const Vec3 d = x - kSeedBoxCenter;
  return std::fabs(d.x) < kSeedBoxHalf && std::fabs(d.y) < kSeedBoxHalf && std::fabs(d.z) < kSeedBoxHalf;
}
}  // namespace

SceneSetup build_falling_stuff(const SceneOptions& options) {
  SceneSetup s;
  s.grid = scene_grid(128, options, 3, false);
  s.domain_spec = DomainSpec{DomainShape::Hourglass, Vec3{0.5, 0.5, 0.37}, 0.1, {}};
  s.domain = build_domain(s.grid, s.domain_spec);
  const HourglassGeometry hourglass = hourglass_geometry(s.domain_spec);

  // Hard spheres: p = 10 with the `volume` scaling, C = 1 / (p0 + 2) for the p0 = 2 of the
  // initial relaxation; gain 6 / R0^2, gravity 0.3 down.
  const double R0 = std::cbrt(3.0 * kSphereVolume / (4.0 * std::numbers::pi));
  s.params = default_sim_params();
  s.params.species[0] = power_species("spheres", R0, 1.0 / 4.0, 10.0);
  s.params.species[0].color = {214, 39, 40};  // tab:red
  s.params.species[0].tau = 6.0 / (R0 * R0);
  s.params.force_sum = ForceSum::Contacts;
  s.params.correction_step = CorrectionStep::SemiImplicit;
  s.params.gravity = Vec3{0, 0, -0.3};
  s.params.dt = kReferenceDt;
  s.params.seed = options.seed;

  // The funnel feed (sim/insertion.h); its cap counts the spheres whose seed is above the neck.
  std::int64_t funnel_voxels = 0;
  for (std::int64_t idx = 0; idx < s.grid.size(); ++idx)
    if (s.domain.mask.host()[idx] != 0 && s.grid.center(idx).z > hourglass.neck_z) ++funnel_voxels;
  InsertionParams& feed = s.params.insertion.emplace();
  feed.rate = -std::log(1.0 - kInsertProbability) / kReferenceDt;
  feed.max_per_step = 1;
  feed.region_min = Vec3{kSeedBoxCenter.x - kSeedBoxHalf, kSeedBoxCenter.y - kSeedBoxHalf, kInsertHeight};
  feed.region_max = Vec3{kSeedBoxCenter.x + kSeedBoxHalf, kSeedBoxCenter.y + kSeedBoxHalf, kInsertHeight};
  feed.volume = kSphereVolume;
  feed.max_cells = kCpuMaxSpheres;
  feed.cap_min = Vec3{-1e30, -1e30, hourglass.neck_z};
  feed.cap_volume = kFunnelFill * static_cast<double>(funnel_voxels) / static_cast<double>(s.domain.n_kept);
  feed.min_distance = 2.0 * radius_of_fraction(s.domain, kSphereVolume);

  const CounterRng rng{options.seed};
  add_random_cells(s.cells, kInitialSpheres, kSphereVolume, 0, s.domain,
                   [&](const Vec3& x) { return in_seed_box(x) && hourglass.inside(x); }, rng);
  s.relax_passes = 5;
  s.relax_cost_p = 2.0;
  return s;
}

}  // namespace tessera
