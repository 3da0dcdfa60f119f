#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/grid.h"
#include "sim/particles/bubbles.h"
#include "sim/ot/laguerre.h"
#include "test_support.h"

using namespace tessera;

namespace {

// Parameters with every event switched off; each test switches on the one it checks.
BubbleParams quiet_params(const Grid& grid) {
  BubbleParams p = default_bubble_params(0.05);
  p.burst_rate = 0;
  p.fusion_rate = 0;
  p.insertion_rate = 0;
  p.fusion_grid = grid.n[0];  // pixel counts are taken as they are
  return p;
}

CellState bubbles_at(const std::vector<Vec3>& x, const std::vector<double>& v) {
  CellState c;
  for (std::size_t i = 0; i < x.size(); ++i) c.add(x[i], Vec3{1, 0, 0}, 1.0, v[i], 0);
  return c;
}

}  // namespace

TEST_CASE("bubbles: touching pairs count cell-cell boundary pixels, never those that see the medium", "[cpu][sim]") {
  const Grid grid = make_grid_3d(16, 16, 16);
  std::vector<std::int32_t> labels(grid.size());
  // Three slabs along x: cell 0 (x < 5), cell 1 (5 <= x < 10), cell 2.
  for (std::int64_t k = 0; k < grid.size(); ++k) {
    int i, j, l;
    grid.coords(k, i, j, l);
    labels[k] = i < 5 ? 0 : (i < 10 ? 1 : 2);
  }
  std::vector<TouchingPair> pairs = touching_pairs(grid, labels);
  REQUIRE(pairs.size() == 2);
  // Two voxel layers per interface, the whole 16 x 16 section (the walls clip the stencil,
  // they are not medium).
  REQUIRE(pairs[0].a == 0);
  REQUIRE(pairs[0].b == 1);
  REQUIRE(pairs[0].pixels == 2 * 16 * 16);
  REQUIRE(pairs[1].a == 1);
  REQUIRE(pairs[1].b == 2);
  REQUIRE(pairs[1].pixels == 2 * 16 * 16);

  // A medium layer at the bottom (z = 0): voxels that see it are medium pairs.
  for (int j = 0; j < 16; ++j)
    for (int i = 0; i < 16; ++i) labels[grid.index(i, j, 0)] = kVoidLabel;
  pairs = touching_pairs(grid, labels);
  REQUIRE(pairs.size() == 2);
  REQUIRE(pairs[0].pixels == 2 * 16 * 14);
  REQUIRE(pairs[1].pixels == 2 * 16 * 14);
}

TEST_CASE("bubbles: the vertical profile and the wall spreading force", "[cpu][sim]") {
  const Grid grid = make_grid_3d(8, 8, 8);
  const BubbleParams p = default_bubble_params(0.021);
  const std::vector<Vec3> x = {{0.5, 0.5, 0.1}, {0.5, 0.5, 0.9}, {0.5, 0.5, 0.5}, {0.7, 0.5, 0.5},
                               {0.95, 0.5, 0.2}, {0.73, 0.5, 0.3}, {0.5, 0.5, 0.51}};
  std::vector<Vec3> v(x.size());
  add_bubble_forces(v, x, grid, p);
  // Section 5.13: F_z = clamp(-7.738 (z - 0.5), -0.15, 0.5).
  REQUIRE(v[0].z == Approx(0.5));
  REQUIRE(v[1].z == Approx(-0.15));
  REQUIRE(v[2].z == Approx(0.0).margin(1e-12));
  // The linear part (slope -0.65 / (4 R_0)), plus the layer's spreading 0.015 (z - 0.5).
  REQUIRE(v[6].z == Approx(-7.738 * 0.01 + 0.015 * 0.01).epsilon(1e-3));
  // In the surface layer, away from the walls: spread toward the walls.
  REQUIRE(v[3].x == Approx(0.015 * 0.2));
  // Touching a wall (sup-distance 0.45 > 0.24): nothing but buoyancy.
  REQUIRE(v[4].x == 0.0);
  REQUIRE(v[4].z == Approx(0.5));
  // Near a wall (0.22 < 0.23 <= 0.24), below the layer: all three components.
  REQUIRE(v[5].x == Approx(0.015 * 0.23));
  REQUIRE(v[5].z == Approx(0.5 + 0.015 * (0.3 - 0.5)));

  std::vector<Vec3> y = {{-0.1, 0.5, 1.2}};
  clamp_bubble_seeds(y, p);
  REQUIRE(y[0].x == 0.02);
  REQUIRE(y[0].y == 0.5);
  REQUIRE(y[0].z == 0.98);
}

TEST_CASE("bubbles: bursting takes bubbles above the surface only; their volume returns to the medium", "[cpu][sim]") {
  const Grid grid = make_grid_3d(16, 16, 16);
  BubbleParams p = quiet_params(grid);
  p.burst_rate = 1e12;  // every bubble above burst_above bursts
  CellState cells = bubbles_at({{0.5, 0.5, 0.2}, {0.3, 0.3, 0.6}, {0.7, 0.7, 0.3}, {0.5, 0.5, 0.46}},
                               {0.01, 0.02, 0.03, 0.04});
  const BubbleEventCounts e = bubble_events(cells, {}, grid, p, 0.0025, CounterRng{1}, 0);
  REQUIRE(e.burst == 2);
  REQUIRE(e.fused == 0);
  REQUIRE(e.inserted == 0);
  REQUIRE(e.burst_volume == Approx(0.06));
  REQUIRE(cells.size() == 2);
  REQUIRE(cells.id == std::vector<std::uint64_t>{0, 2});  // survivors keep their ids
  REQUIRE(cells.total_volume() == Approx(0.04));

  // A moderate rate bursts a random subset that follows the cells, not their order.
  p.burst_rate = 2e4;
  CellState many, reversed;
  for (int k = 0; k < 40; ++k) many.add(Vec3{0.5, 0.5, 0.6}, Vec3{1, 0, 0}, 1.0, 0.01, 0);
  for (int k = 39; k >= 0; --k) {
    reversed.add(Vec3{0.5, 0.5, 0.6}, Vec3{1, 0, 0}, 1.0, 0.01, 0);
    reversed.id.back() = static_cast<std::uint64_t>(k);
  }
  const int burst = bubble_events(many, {}, grid, p, 0.0025, CounterRng{7}, 3).burst;
  bubble_events(reversed, {}, grid, p, 0.0025, CounterRng{7}, 3);
  REQUIRE(burst > 0);
  REQUIRE(burst < 40);
  std::vector<std::uint64_t> left = reversed.id;
  std::sort(left.begin(), left.end());
  REQUIRE(left == many.id);
}

TEST_CASE("bubbles: fusion merges the most probable pair first, one fusion per bubble, volume conserved", "[cpu][sim]") {
  const Grid grid = make_grid_3d(16, 16, 16);
  BubbleParams p = quiet_params(grid);
  const double dt = 0.0025;
  // Probability fusion_rate dt / n: pair (1, 2) with 5 pixels is certain, pair (0, 1) with
  // 10 pixels has 1/2; both share bubble 1, so only (1, 2) can fuse this step.
  p.fusion_rate = 5.0 / dt;
  const std::vector<TouchingPair> pairs = {{0, 1, 10}, {1, 2, 5}};
  CellState cells = bubbles_at({{0.2, 0.5, 0.5}, {0.4, 0.5, 0.5}, {0.6, 0.5, 0.5}}, {0.01, 0.03, 0.01});
  const double total = cells.total_volume();
  const BubbleEventCounts e = bubble_events(cells, pairs, grid, p, dt, CounterRng{1}, 0);
  REQUIRE(e.fused == 1);
  REQUIRE(cells.size() == 2);
  REQUIRE(cells.id == std::vector<std::uint64_t>{0, 1});  // the larger bubble (1) absorbed bubble 2
  REQUIRE(cells.volume[1] == Approx(0.04));
  REQUIRE(cells.x[1].x == Approx((0.03 * 0.4 + 0.01 * 0.6) / 0.04));
  REQUIRE(cells.total_volume() == Approx(total));  // nothing goes to the medium (section 8 item 12)

  // A burst bubble cannot fuse: its pair is dropped before the draw.
  CellState again = bubbles_at({{0.4, 0.5, 0.6}, {0.6, 0.5, 0.3}}, {0.02, 0.02});
  p.burst_rate = 1e12;
  const std::vector<TouchingPair> one = {{0, 1, 1}};
  const BubbleEventCounts b = bubble_events(again, one, grid, p, dt, CounterRng{1}, 0);
  REQUIRE(b.burst == 1);
  REQUIRE(b.fused == 0);
  REQUIRE(again.total_volume() == Approx(0.02));

  // Pairs that do not index the cells are refused.
  const std::vector<TouchingPair> stale = {{0, 5, 3}};
  REQUIRE_THROWS_WITH(bubble_events(again, stale, grid, p, dt, CounterRng{1}, 1), Catch::Contains("touching pair"));
}

TEST_CASE("bubbles: insertion follows its Poisson rate near the bottom and stops at the cap", "[cpu][sim]") {
  const Grid grid = make_grid_3d(16, 16, 16);
  BubbleParams p = quiet_params(grid);
  p.insertion_rate = 120;
  const double dt = 0.0025;  // Poisson(0.3) per step
  CellState cells;
  int inserted = 0;
  for (int step = 0; step < 400; ++step) inserted += bubble_events(cells, {}, grid, p, dt, CounterRng{3}, step).inserted;
  // 120 bubbles expected; the seeded draw is fixed, the bounds are +-4 standard deviations.
  REQUIRE(inserted > 120 - 44);
  REQUIRE(inserted < 120 + 44);
  REQUIRE(cells.size() == inserted);
  for (int i = 0; i < cells.size(); ++i) {
    REQUIRE(cells.x[i].z <= p.insert_height);
    REQUIRE(cells.volume[i] == p.insert_volume);
    REQUIRE(cells.id[i] == static_cast<std::uint64_t>(i));
  }
  // At the cap, nothing more appears, however long we wait (section 8 item 11).
  CellState full = bubbles_at({{0.5, 0.5, 0.2}}, {p.max_total_volume});
  for (int step = 0; step < 400; ++step) REQUIRE(bubble_events(full, {}, grid, p, dt, CounterRng{3}, step).inserted == 0);
  REQUIRE(full.size() == 1);
}

TEST_CASE("bubbles: parameters that cannot work are refused", "[cpu][sim]") {
  const Grid grid = make_grid_3d(32, 32, 32);
  BubbleParams p = default_bubble_params(0.021);  // 1.3 voxels per new bubble at 32^3
  REQUIRE_THROWS_WITH(validate_bubble_params(p, grid, grid.size()), Catch::Contains("min_insert_voxels"));
  p = default_bubble_params(0.15);
  REQUIRE_NOTHROW(validate_bubble_params(p, grid, grid.size()));
  p.max_total_volume = 1.5;
  REQUIRE_THROWS_WITH(validate_bubble_params(p, grid, grid.size()), Catch::Contains("max_total_volume"));
  REQUIRE_THROWS_WITH(validate_bubble_params(default_bubble_params(0.15), make_grid_2d(32, 32), 32 * 32),
                      Catch::Contains("3D"));
}
