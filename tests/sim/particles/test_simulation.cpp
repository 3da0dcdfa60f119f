#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <numbers>

#include "engine/rng.h"
#include "sim/particles/simulation.h"
#include "test_support.h"

using namespace tessera;

namespace {

// Run-and-tumble cells of graded stiffness in a disk (a small RunTumbleDisk).
struct Swarm {
  Domain domain;
  SimParams params;
  CellState cells;
};

Swarm run_tumble_swarm(int n, int m, std::uint64_t seed) {
  Swarm s;
  const Grid grid = make_grid_2d(m, m);
  s.domain = make_masked_domain(grid, disk_shape(Vec3{0.5, 0.5, 0}, 0.5));
  const double v = 0.8 / n;  // fractions of the disk
  const double R = std::sqrt(v * s.domain.n_kept * grid.pixel_volume() / std::numbers::pi);
  s.params = default_sim_params();
  SpeciesParams& sp = s.params.species[0];
  sp.cost.R = R;
  sp.tau = 1.0 / R;
  sp.v0 = 0.4;
  sp.tumble_rate = 1.0;
  s.params.correction_gain = 0.2;
  s.params.dt = 0.0025;
  s.params.seed = seed;
  const CounterRng rng{seed};
  for (std::uint64_t k = 0; s.cells.size() < n; ++k) {
    double u0, u1;
    rng.uniform2(1, k, u0, u1);
    const Vec3 x{u0, u1, 0};
    if (norm(x - Vec3{0.5, 0.5, 0}) > 0.42) continue;
    s.cells.add(x, Vec3{std::cos(7.0 * k), std::sin(7.0 * k), 0}, 1.0, v, 0);
  }
  return s;
}

std::uint64_t state_hash(const CellState& c) {
  std::uint64_t h = 1469598103934665603ull;
  h = test::fnv1a(h, c.x.data(), c.x.size() * sizeof(Vec3));
  h = test::fnv1a(h, c.axis.data(), c.axis.size() * sizeof(Vec3));
  return test::fnv1a(h, c.potential.data(), c.potential.size() * sizeof(double));
}

}  // namespace

TEST_CASE("frame: run-and-tumble cells stay in their disk, keep their volumes, never vanish", "[cpu][sim]") {
  Swarm s = run_tumble_swarm(24, 128, 3);
  Simulation sim(Exec{Backend::Cpu}, s.domain, s.params, s.cells);
  REQUIRE(sim.fit().converged);
  Profile profile;
  for (int step = 0; step < 40; ++step) {
    sim.step(profile);
    INFO("step " << step << ": " << sim.stats().last_fit.failure);
    REQUIRE(sim.stats().last_fit.converged);
    REQUIRE(sim.stats().last_fit.mean_error < 0.01);
  }
  REQUIRE(sim.stats().fit_failures == 0);
  REQUIRE(sim.cells().size() == 24);
  for (const Vec3& x : sim.cells().x) REQUIRE(norm(x - Vec3{0.5, 0.5, 0}) < 0.5);  // inside the disk
  REQUIRE(profile[Stage::Fit] > 0);
  REQUIRE(sim.step_count() == 40);
}

TEST_CASE("frame: same seed, same state after N steps; another seed differs", "[cpu][sim]") {
  std::uint64_t hashes[3];
  const std::uint64_t seeds[3] = {5, 5, 6};
  for (int r = 0; r < 3; ++r) {
    Swarm s = run_tumble_swarm(16, 96, 5);
    s.params.seed = seeds[r];
    Simulation sim(Exec{Backend::Cpu}, s.domain, s.params, s.cells);
    Profile profile;
    for (int step = 0; step < 15; ++step) sim.step(profile);
    hashes[r] = state_hash(sim.cells());
  }
  REQUIRE(hashes[0] == hashes[1]);
  REQUIRE(hashes[0] != hashes[2]);
}

TEST_CASE("frame: periodic active Brownian cells wrap into the box", "[cpu][sim]") {
  const Grid grid = make_grid_2d(96, 96, 1.0, 1.0, true);
  SimParams params = default_sim_params();
  const int n = 12;
  const double v = 0.7 / n;
  params.species[0].cost.R = std::sqrt(v / std::numbers::pi);
  params.species[0].cost.p = 2.5;
  params.species[0].tau = 3.0 / params.species[0].cost.R;
  params.species[0].v0 = 1.0;  // the right column crosses the edge within the run
  params.species[0].rotational_diffusion = 1;
  params.dt = 0.005;
  CellState cells;
  for (int i = 0; i < n; ++i) cells.add(Vec3{0.2 + 0.25 * (i % 4), 0.2 + 0.3 * (i / 4), 0}, Vec3{1, 0, 0}, 1.0, v, 0);
  Simulation sim(Exec{Backend::Cpu}, make_box_domain(grid), params, cells);
  Profile profile;
  for (int step = 0; step < 20; ++step) sim.step(profile);
  int crossed = 0;
  for (const Vec3& x : sim.cells().x) crossed += x.x < 0.2;  // came back in on the left
  REQUIRE(crossed > 0);
  for (const Vec3& x : sim.cells().x) {
    REQUIRE(x.x >= 0.0);
    REQUIRE(x.x < 1.0);
    REQUIRE(x.y >= 0.0);
    REQUIRE(x.y < 1.0);
  }
  REQUIRE(sim.stats().fit_failures == 0);
}

TEST_CASE("frame: the axis follows the shape; bad input is refused", "[cpu][sim]") {
  Swarm s = run_tumble_swarm(10, 96, 7);
  s.params.species[0].axis_from_shape = true;
  s.params.species[0].tumble_rate = 0;
  Simulation sim(Exec{Backend::Cpu}, s.domain, s.params, s.cells);
  Profile profile;
  for (int step = 0; step < 5; ++step) sim.step(profile);
  // Each cell's second moments, measured here from the labels the last shape update read
  // (the fit before the move): the axis must be the principal direction of every cell
  // that is elongated enough for it to be defined.
  const std::vector<std::int32_t>& labels = sim.labels();
  const Grid& grid = s.domain.grid;
  const int n = sim.cells().size();
  std::vector<double> m0(n), mx(n), my(n), mxx(n), myy(n), mxy(n);
  for (std::int64_t k = 0; k < grid.size(); ++k) {
    const std::int32_t i = labels[static_cast<std::size_t>(k)];
    if (i < 0) continue;
    // Unwrapped about the seed (the disk domain is walled, so no image is needed).
    const Vec3 d = grid.center(k) - sim.cells().x[static_cast<std::size_t>(i)];
    m0[i] += 1;
    mx[i] += d.x;
    my[i] += d.y;
    mxx[i] += d.x * d.x;
    myy[i] += d.y * d.y;
    mxy[i] += d.x * d.y;
  }
  int checked = 0;
  for (int i = 0; i < n; ++i) {
    const double cx = mx[i] / m0[i], cy = my[i] / m0[i];
    const double sxx = mxx[i] / m0[i] - cx * cx, syy = myy[i] / m0[i] - cy * cy, sxy = mxy[i] / m0[i] - cx * cy;
    const double mean = 0.5 * (sxx + syy), diff = std::sqrt(0.25 * (sxx - syy) * (sxx - syy) + sxy * sxy);
    const double l1 = mean + diff, l2 = mean - diff;
    const Vec3 axis = sim.cells().axis[static_cast<std::size_t>(i)];
    REQUIRE(norm(axis) == Approx(1.0));
    if (l1 < 1.15 * l2) continue;  // nearly round: no principal direction to follow
    // The principal eigenvector: (S - l1 I) e = 0 gives e = (sxy, l1 - sxx), up to sign.
    Vec3 e{sxy, l1 - sxx, 0};
    if (norm(e) < 1e-12) e = Vec3{1, 0, 0};
    e = (1.0 / norm(e)) * e;
    INFO("cell " << i << ": axis (" << axis.x << ", " << axis.y << "), principal (" << e.x << ", " << e.y << ")");
    CHECK(std::fabs(axis.x * e.x + axis.y * e.y) > 0.99);
    ++checked;
  }
  REQUIRE(checked >= 3);

  CellState bad = s.cells;
  bad.species[3] = 4;
  REQUIRE_THROWS_WITH(Simulation(Exec{Backend::Cpu}, s.domain, s.params, bad), Catch::Contains("cell 3"));
  SimParams no_dt = s.params;
  no_dt.dt = 0;
  REQUIRE_THROWS_WITH(Simulation(Exec{Backend::Cpu}, s.domain, no_dt, s.cells), Catch::Contains("dt"));
}

TEST_CASE("frame: a diverging step stops with the reason", "[cpu][sim]") {
  Swarm s = run_tumble_swarm(10, 96, 8);
  s.params.species[0].v0 = 1e6;  // absurdly fast: one step would cross the box many times
  Simulation sim(Exec{Backend::Cpu}, s.domain, s.params, s.cells);
  Profile profile;
  REQUIRE_THROWS_WITH(sim.step(profile), Catch::Contains("too stiff for dt"));
}
