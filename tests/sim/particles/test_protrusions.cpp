// The protrusion rules of sim/protrusions.h (iceshot-model.md 5.7) and the per-cell
// protrusion state of CellState.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include "engine/rng.h"
#include "sim/particles/cell_state.h"
#include "sim/particles/protrusions.h"
#include "test_support.h"

using namespace tessera;

TEST_CASE("protrusion state: angle from the initial axis, copied and compacted with the cell", "[cpu][sim]") {
  CellState cells;
  cells.add(Vec3{0.2, 0.2, 0}, Vec3{0, 1, 0}, 1.0, 0.01, 0);
  cells.add(Vec3{0.5, 0.5, 0}, Vec3{-1, 0, 0}, 1.0, 0.01, 0);
  cells.add(Vec3{0.8, 0.8, 0}, Vec3{1, 1, 0}, 1.0, 0.01, 0);
  REQUIRE(cells.protrusion_angle[0] == Approx(0.5 * std::numbers::pi));
  REQUIRE(cells.protrusion_angle[1] == Approx(std::numbers::pi));
  REQUIRE(cells.protrusion[2] == std::array<double, kProtrusionDirections>{});
  cells.protrusion[2][4] = 0.25;
  cells.remove(1);
  REQUIRE(cells.size() == 2);
  REQUIRE(cells.protrusion[1][4] == 0.25);
  REQUIRE(cells.protrusion_angle[1] == Approx(0.25 * std::numbers::pi));
  CellState copy;
  copy.add_copy(cells, 1);
  REQUIRE(copy.protrusion[0] == cells.protrusion[1]);
  REQUIRE(copy.protrusion_angle[0] == cells.protrusion_angle[1]);
  copy.protrusion[0][0] = -0.1;
  REQUIRE_THROWS_WITH(copy.validate(), Catch::Contains("protrusion amplitude"));
}

TEST_CASE("protrusion amplitudes: bounded random steps, reproducible, then decay", "[cpu][sim]") {
  const ProtrusionParams params = default_protrusion_params(0.07);
  REQUIRE(params.max_amplitude == Approx(0.35));
  CellState cells;
  for (int i = 0; i < 20; ++i) cells.add(Vec3{0.5, 0.5, 0}, Vec3{1, 0, 0}, 1.0, 0.01, 0);
  const CounterRng rng{3};
  const double dt = 0.01;
  double moved = 0;
  for (int step = 0; step < 200; ++step) {
    const CellState before = cells;
    fluctuate_protrusions(cells, params, dt, rng, step);
    for (int i = 0; i < cells.size(); ++i)
      for (int k = 0; k < kProtrusionDirections; ++k) {
        const double a = cells.protrusion[i][k];
        REQUIRE(a >= 0);
        REQUIRE(a <= params.max_amplitude);
        REQUIRE(std::fabs(a - before.protrusion[i][k]) <= params.noise * dt + 1e-15);
        moved += std::fabs(a - before.protrusion[i][k]);
      }
  }
  REQUIRE(moved > 0.1 * 200 * 20 * kProtrusionDirections * params.noise * dt);
  // The same seed and step give the same amplitudes; the cells' order does not matter.
  CellState a = cells, b = cells;
  fluctuate_protrusions(a, params, dt, rng, 500);
  b.remove(0);
  fluctuate_protrusions(b, params, dt, rng, 500);
  REQUIRE(b.protrusion[0] == a.protrusion[1]);
  // Decay: a <- a (1 - decay dt).
  const double a0 = a.protrusion[3][2];
  decay_protrusions(a, params, dt);
  REQUIRE(a.protrusion[3][2] == Approx(a0 * (1 - params.decay * dt)));
}

TEST_CASE("protrusions retract when their tip nears a wall, not across periodic axes", "[cpu][sim]") {
  ProtrusionParams params = default_protrusion_params(0.07);
  CellState cells;
  cells.add(Vec3{0.05, 0.5, 0}, Vec3{1, 0, 0}, 1.0, 0.01, 0);  // theta0 = 0: direction k at -pi + k pi / 3
  cells.protrusion[0].fill(0.2);
  CellState periodic = cells;
  retract_protrusions_at_walls(cells, params, make_grid_2d(100, 100));
  // k = 0 points to -x: tip at x = -0.02, beyond the wall. k = 1, 5 (-+2 pi / 3): tips at
  // x = 0.015, just clear of the margin 0.01. The others point into the box.
  const std::array<double, kProtrusionDirections> expected{0.0, 0.2, 0.2, 0.2, 0.2, 0.2};
  REQUIRE(cells.protrusion[0] == expected);
  params.edge_margin = 0.02;
  retract_protrusions_at_walls(cells, params, make_grid_2d(100, 100));
  REQUIRE(cells.protrusion[0][1] == 0.0);
  REQUIRE(cells.protrusion[0][5] == 0.0);
  REQUIRE(cells.protrusion[0][3] == 0.2);
  retract_protrusions_at_walls(periodic, params, make_grid_2d(100, 100, 1.0, 1.0, true));
  REQUIRE(periodic.protrusion[0][0] == 0.2);
}

TEST_CASE("protrusion force: pulls toward the pixels beyond R0", "[cpu][sim]") {
  const Grid g = make_grid_2d(100, 100);
  const Vec3 x = g.center(50, 50);
  const double R0 = 0.07;
  std::vector<std::int32_t> labels(static_cast<std::size_t>(g.size()), -1);
  // A disk of radius 0.05 < R0: no pixel beyond R0, no force.
  for (std::int64_t idx = 0; idx < g.size(); ++idx)
    if (norm(g.center(idx) - x) < 0.05) labels[idx] = 0;
  REQUIRE(norm(protrusion_forces(g, labels, std::vector<Vec3>{x}, R0)[0]) == 0.0);
  // One pixel at distance r along +x: F = K sqrt(r^2 - R0^2) / (1 + 1e-7) along +x.
  const std::int64_t tip = g.index(60, 50);
  labels[tip] = 0;
  const double r = norm(g.center(tip) - x);
  const Vec3 f = protrusion_forces(g, labels, std::vector<Vec3>{x}, R0)[0];
  REQUIRE(f.x == Approx(kProtrusionDirections * std::sqrt(r * r - R0 * R0) / (1 + 1e-7)));
  REQUIRE(f.y == 0.0);
  // A spike up: the force turns toward it; a second cell's pixels do not count.
  for (int j = 58; j < 64; ++j) labels[g.index(50, j)] = 0;
  for (int j = 0; j < 10; ++j) labels[g.index(j, j)] = 1;
  const std::vector<Vec3> both = protrusion_forces(g, labels, std::vector<Vec3>{x, g.center(5, 5)}, R0);
  REQUIRE(both[0].y > both[0].x);
  REQUIRE(both[0].x > 0);
}
