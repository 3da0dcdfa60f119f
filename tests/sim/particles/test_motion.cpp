#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "sim/particles/motion.h"
#include "test_support.h"

using namespace tessera;

namespace {
CellState grid_of_cells(int n, int dim) {
  CellState cells;
  for (int i = 0; i < n; ++i)
    cells.add(Vec3{0.1 + 0.8 * (i % 10) / 9.0, 0.1 + 0.8 * (i / 10 % 10) / 9.0, dim == 3 ? 0.5 : 0.0}, Vec3{1, 0, 0}, 1.0,
              0.01, i % 2);
  return cells;
}
}  // namespace

TEST_CASE("cell state: add, remove, stable ids, validation", "[cpu][sim]") {
  CellState cells = grid_of_cells(5, 2);
  REQUIRE(cells.size() == 5);
  REQUIRE(cells.total_volume() == Approx(0.05));
  cells.remove(1);
  REQUIRE(cells.size() == 4);
  REQUIRE(cells.id == std::vector<std::uint64_t>{0, 2, 3, 4});
  REQUIRE(cells.add(Vec3{}, Vec3{0, 1, 0}, 1, 0.02, 0) == 4);
  REQUIRE(cells.id.back() == 5);
  cells.remove_flagged({1, 0, 1, 0, 0});
  REQUIRE(cells.id == std::vector<std::uint64_t>{2, 4, 5});
  cells.validate();
  cells.x[1].y = std::nan("");
  REQUIRE_THROWS_WITH(cells.validate(), Catch::Contains("id 4"));
}

TEST_CASE("self-propulsion, body force and centripetal drift add velocities", "[cpu][sim]") {
  std::vector<Vec3> v(2), axis = {Vec3{1, 0, 0}, Vec3{0, 1, 0}}, x = {Vec3{0.2, 0.5, 0}, Vec3{0.5, 0.9, 0}};
  const std::vector<double> v0 = {0.3, 0.5};
  add_self_propulsion(v, axis, v0);
  add_body_force(v, Vec3{0, -0.4, 0});
  REQUIRE(v[0].x == Approx(0.3));
  REQUIRE(v[1].y == Approx(0.1));
  std::vector<Vec3> drift(2);
  add_centripetal_drift(drift, x, Vec3{0.5, 0.5, 0}, 0.2);
  REQUIRE(drift[0].x == Approx(0.2).epsilon(1e-4));
  REQUIRE(drift[1].y == Approx(-0.2).epsilon(1e-4));
  REQUIRE_THROWS(add_self_propulsion(v, axis, std::vector<double>{1, 2, 3}));
  // Bubbles: zero at the surface, clamped below and above.
  REQUIRE(buoyancy_profile(0.5, 0.5, -0.15, 0.5, 0.042) == Approx(0.0).margin(1e-12));
  REQUIRE(buoyancy_profile(0.1, 0.5, -0.15, 0.5, 0.042) == 0.5);
  REQUIRE(buoyancy_profile(0.9, 0.5, -0.15, 0.5, 0.042) == -0.15);
}

TEST_CASE("rotational diffusion: unit axes, angular variance 2 D_r t in 2D", "[cpu][sim]") {
  CellState cells;
  for (int i = 0; i < 2000; ++i) cells.add(Vec3{}, Vec3{1, 0, 0}, 1, 0.001, 0);
  const CounterRng rng{3};
  const double d_r = 2.0, dt = 1e-3;
  const int steps = 100;  // t = 0.1
  const std::vector<double> d = {d_r};
  for (int s = 0; s < steps; ++s) rotational_diffusion(cells, d, dt, 2, rng, s);
  double mean_cos = 0;
  for (const Vec3& n : cells.axis) {
    REQUIRE(norm(n) == Approx(1.0).epsilon(1e-12));
    mean_cos += n.x;
  }
  mean_cos /= cells.size();
  // <cos theta> = exp(-D_r t) for planar rotational diffusion (small-step limit).
  REQUIRE(mean_cos == Approx(std::exp(-d_r * steps * dt)).margin(0.03));
}

TEST_CASE("run-and-tumble: tumble frequency 1 - exp(-lambda dt), uniform new directions", "[cpu][sim]") {
  CellState cells;
  for (int i = 0; i < 20000; ++i) cells.add(Vec3{}, Vec3{1, 0, 0}, 1, 0.001, 0);
  const CounterRng rng{4};
  const std::vector<double> rate = {5.0};
  const int tumbles = run_and_tumble(cells, rate, 0.02, 3, rng, 0);
  const double expected = cells.size() * (1 - std::exp(-0.1));
  REQUIRE(std::fabs(tumbles - expected) < 4 * std::sqrt(expected));
  Vec3 mean;
  int moved = 0;
  for (const Vec3& n : cells.axis)
    if (n.x != 1.0) {
      mean += n;
      ++moved;
    }
  REQUIRE(moved == tumbles);
  REQUIRE(norm(mean) / moved < 0.05);  // isotropic
  // Deterministic: the same seed and step give the same tumbles.
  CellState again;
  for (int i = 0; i < 20000; ++i) again.add(Vec3{}, Vec3{1, 0, 0}, 1, 0.001, 0);
  REQUIRE(run_and_tumble(again, rate, 0.02, 3, rng, 0) == tumbles);
  REQUIRE(again.axis[123].x == cells.axis[123].x);
}

TEST_CASE("steering turns the axis toward the target", "[cpu][sim]") {
  CellState cells;
  cells.add(Vec3{0.2, 0.5, 0}, Vec3{0, 1, 0}, 1, 0.01, 0);
  const CounterRng rng{5};
  const std::vector<double> no_noise = {0.0};
  // Without noise the angle to the target obeys d(theta)/dt = -sin(theta):
  // from 90 degrees, tan(theta / 2) = exp(-t), so about 2 degrees at t = 5.
  for (int s = 0; s < 500; ++s) steer_toward(cells, Vec3{1, 0.5, 0}, no_noise, 0.01, 2, rng, s);
  REQUIRE(cells.axis[0].x > 0.99);
  REQUIRE(norm(cells.axis[0]) == Approx(1.0));
}

TEST_CASE("growth is capped; division conserves volume and places daughters on the axis", "[cpu][sim]") {
  CellState cells = grid_of_cells(6, 2);
  for (double& g : cells.growth_rate) g = 1.0;
  grow_volumes(cells, 0.5, 0.0105, 0.002);
  REQUIRE(cells.volume[0] == Approx(0.0105));
  const double before = cells.total_volume();
  const Vec3 parent = cells.x[2], parent_axis = cells.axis[2];
  const std::uint64_t next = cells.next_id;
  const CounterRng rng{6};
  const int divided = divide_cells(cells, {0, 0, 1, 0, 1, 0}, DivisionParams{0.02, 0.5, 2.0}, 2, rng, 0);
  REQUIRE(divided == 2);
  REQUIRE(cells.size() == 8);
  REQUIRE(cells.total_volume() == Approx(before));
  // Daughters of cell 2 sit at indices 2 and 3, symmetric about the parent along its axis.
  REQUIRE(norm(cells.x[2] + cells.x[3] - 2.0 * parent) < 1e-12);
  REQUIRE(norm(cells.x[3] - cells.x[2] - 0.02 * parent_axis) < 1e-12);
  REQUIRE(cells.id[2] == next);
  REQUIRE(cells.id[3] == next + 1);
  REQUIRE(cells.id[0] == 0);
  REQUIRE(cells.growth_rate[2] == 1.0);
  REQUIRE(cells.growth_rate[3] >= 0.5);
  REQUIRE(cells.growth_rate[3] <= 2.0);
  REQUIRE(cells.aspect[3] == 1.0);
  const std::vector<char> exit = flag_cells(cells, [](const Vec3& x) { return x.x > 0.5; });
  REQUIRE(std::count(exit.begin(), exit.end(), 1) > 0);
}
