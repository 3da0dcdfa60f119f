#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include "engine/error.h"
#include "engine/rng.h"
#include "sim/labels/label_mesh.h"
#include "sim/ot/laguerre.h"
#include "sim/tension/surface_tension_3d.h"
#include "test_support.h"
#include "tests/sim/ot/ball_labels.h"

using namespace tessera;
using test::Ball;

namespace {

struct Meshed {
  LabelMesh mesh;
  MeshGeometry geometry;
};

Meshed mesh_of(const Grid& grid, const std::vector<std::int32_t>& labels) {
  Meshed m;
  m.mesh = build_label_mesh(grid, labels);
  m.geometry = mesh_geometry(m.mesh);
  return m;
}

// Scale of the curvature pressure on one cell: sum over its triangles of a |kappa| gamma.
double pressure_scale(const Meshed& m, std::int32_t cell, double gamma) {
  double s = 0;
  for (std::size_t t = 0; t < m.mesh.triangles.size(); ++t)
    if (m.mesh.triangle_labels[t][0] == cell || m.mesh.triangle_labels[t][1] == cell)
      s += m.geometry.area[t] * std::fabs(m.geometry.mean_curvature[t]) * gamma;
  return s;
}

// Total area of the triangles between labels a < b.
double interface_area(const Meshed& m, std::int32_t a, std::int32_t b) {
  double s = 0;
  for (std::size_t t = 0; t < m.mesh.triangles.size(); ++t)
    if (m.mesh.triangle_labels[t][0] == a && m.mesh.triangle_labels[t][1] == b) s += m.geometry.area[t];
  return s;
}

// Only the positional (eta) term, with coefficient `eta` between all cells.
SurfaceTension3DParams eta_only(double eta) {
  SurfaceTension3DParams p;
  p.gamma = TypeTable(2);
  p.eta = TypeTable(2, eta);
  p.wall_pressure = 0;
  return p;
}

}  // namespace

TEST_CASE("3D surface tension: an isolated ball feels no net force and gets no correction", "[cpu][sim]") {
  const Grid grid = make_grid_3d(40, 40, 40);
  const std::vector<Ball> balls = {{Vec3{0.507, 0.491, 0.503}, 0.25}};
  const Meshed m = mesh_of(grid, test::ball_labels(grid, balls));
  const SurfaceTension3DParams params = default_surface_tension_3d_params();
  const std::vector<Vec3> seeds = {balls[0].center};
  const std::vector<std::int32_t> types = {1};
  const SurfaceForces3D f = surface_tension_forces_3d(m.mesh, m.geometry, seeds, types, params);
  const double scale = pressure_scale(m, 0, params.gamma(1, kMediumType));
  INFO("|F| / sum a gamma |kappa| = " << norm(f.attraction[0]) / scale);
  REQUIRE(scale > 0);
  REQUIRE(norm(f.attraction[0]) < 0.01 * scale);
  REQUIRE(f.aggregate_size.size() == 1);
  REQUIRE(f.aggregate_size[0] == 1);
  REQUIRE(norm(f.correction[0]) == 0.0);
}

TEST_CASE("3D surface tension: walls repel a ball that touches them", "[cpu][sim]") {
  const Grid grid = make_grid_3d(40, 40, 40);
  // A ball of radius 10 voxels whose centre is 7 voxels above the wall z = 0.
  const std::vector<Ball> balls = {{Vec3{0.507, 0.491, 0.175}, 0.25}};
  const Meshed m = mesh_of(grid, test::ball_labels(grid, balls));
  const double wall_area = interface_area(m, kOutsideLabel, 0);
  REQUIRE(wall_area > 0);
  const std::vector<Vec3> seeds = {balls[0].center};
  const std::vector<std::int32_t> types = {1};

  // Wall pressure alone: F = gamma_b * (wall contact area) along +z exactly, since the
  // wall triangles are flat (z = 0) and their curvature term is switched off.
  SurfaceTension3DParams wall_only = default_surface_tension_3d_params();
  wall_only.gamma = TypeTable(1);
  const Vec3 f_wall = surface_tension_forces_3d(m.mesh, m.geometry, seeds, types, wall_only).attraction[0];
  Vec3 wall_normal_sum{};  // sum of a n over the (wall, cell) triangles: n points out of the wall
  for (std::size_t t = 0; t < m.mesh.triangles.size(); ++t)
    if (m.mesh.triangle_labels[t][0] == kOutsideLabel) wall_normal_sum += m.geometry.area[t] * m.geometry.normal[t];
  REQUIRE(f_wall.z == Approx(wall_only.wall_pressure * wall_normal_sum.z).epsilon(1e-12));
  // Smoothing tilts the triangles at the rim a little, so the projected area is within 2%.
  REQUIRE(f_wall.z == Approx(wall_only.wall_pressure * wall_area).epsilon(0.02));
  REQUIRE(std::fabs(f_wall.x) < 1e-3 * f_wall.z);
  REQUIRE(std::fabs(f_wall.y) < 1e-3 * f_wall.z);

  // Bubbles' parameters: gamma_b = 5 beats the Laplace pull gamma |kappa| ~ 0.7 / 0.25.
  const SurfaceTension3DParams bubbles = default_surface_tension_3d_params();
  const Vec3 f = surface_tension_forces_3d(m.mesh, m.geometry, seeds, types, bubbles).attraction[0];
  INFO("F = (" << f.x << ", " << f.y << ", " << f.z << "), wall area " << wall_area);
  REQUIRE(f.z > 0);
  REQUIRE(std::fabs(f.x) < 0.05 * f.z);
  REQUIRE(std::fabs(f.y) < 0.05 * f.z);

  // Tension alone: the truncated ball's curvature pressure pulls it onto the wall.
  SurfaceTension3DParams tension_only = bubbles;
  tension_only.wall_pressure = 0;
  tension_only.gamma.set(1, kWallType, 0.0);
  const Vec3 f_t = surface_tension_forces_3d(m.mesh, m.geometry, seeds, types, tension_only).attraction[0];
  REQUIRE(f_t.z < 0);
}

TEST_CASE("3D surface tension: per-type tensions scale the force; the positional term repels", "[cpu][sim]") {
  // Two balls mirror-symmetric about the plane x = 1/2 (a voxel boundary), overlapping
  // so that they share a flat disc; cell 0 has type 1, cell 1 type 2.
  const Grid grid = make_grid_3d(48, 48, 48);
  const double R = 10.0 / 48, d = 7.0 / 48;
  const std::vector<Ball> balls = {{Vec3{0.5 - d, 0.5, 0.5}, R}, {Vec3{0.5 + d, 0.5, 0.5}, R}};
  const Meshed m = mesh_of(grid, test::ball_labels(grid, balls));
  const std::vector<Vec3> seeds = {balls[0].center, balls[1].center};
  const std::vector<std::int32_t> types = {1, 2};
  const double contact = interface_area(m, 0, 1);
  // The shared disc has radius sqrt(R^2 - d^2).
  REQUIRE(contact == Approx(std::numbers::pi * (R * R - d * d)).epsilon(0.1));

  // Medium tension only, gamma_10 = 2 gamma_20: each truncated ball is pulled toward the
  // other, and cell 0's pull is twice cell 1's.
  SurfaceTension3DParams p;
  p.gamma = TypeTable(2);
  p.eta = TypeTable(2);
  p.wall_pressure = 0;
  p.gamma.set(1, kMediumType, 2.0);
  p.gamma.set(2, kMediumType, 1.0);
  const SurfaceForces3D f = surface_tension_forces_3d(m.mesh, m.geometry, seeds, types, p);
  INFO("F0 = " << f.attraction[0].x << ", F1 = " << f.attraction[1].x);
  REQUIRE(f.attraction[0].x > 0);
  REQUIRE(f.attraction[1].x < 0);
  REQUIRE(f.attraction[0].x == Approx(-2.0 * f.attraction[1].x).epsilon(0.03));
  REQUIRE(std::fabs(f.attraction[0].y) < 0.02 * f.attraction[0].x);
  // Doubling every tension doubles every force.
  SurfaceTension3DParams p2 = p;
  p2.gamma.set(1, kMediumType, 4.0);
  p2.gamma.set(2, kMediumType, 2.0);
  const SurfaceForces3D f2 = surface_tension_forces_3d(m.mesh, m.geometry, seeds, types, p2);
  REQUIRE(f2.attraction[0].x == Approx(2 * f.attraction[0].x).epsilon(1e-12));
  REQUIRE(f2.attraction[1].x == Approx(2 * f.attraction[1].x).epsilon(1e-12));

  // Positional term only: the cells push apart along x, equally, by about
  // eta * (contact area) / |x_0 - x_1| (the disc is flat).
  const SurfaceForces3D g = surface_tension_forces_3d(m.mesh, m.geometry, seeds, types, eta_only(1.0));
  REQUIRE(g.attraction[0].x < 0);
  REQUIRE(g.attraction[1].x == Approx(-g.attraction[0].x).epsilon(0.02));
  REQUIRE(-g.attraction[0].x == Approx(contact / (2 * d)).epsilon(0.02));
  // One aggregate, whose net force is already ~0, so the correction is small.
  REQUIRE(g.aggregate_size.size() == 1);
  REQUIRE(norm(g.correction[0]) < 0.02 * norm(g.attraction[0]));
  // Coincident seeds: the distance is floored at min_distance.
  const std::vector<Vec3> same = {seeds[0], seeds[0]};
  const SurfaceForces3D h = surface_tension_forces_3d(m.mesh, m.geometry, same, types, eta_only(1.0));
  REQUIRE(-h.attraction[0].x == Approx(-g.attraction[0].x * (2 * d) / 0.01).epsilon(1e-9));
}

TEST_CASE("3D surface tension: the correction zeroes each aggregate's net force (invariant 19)", "[cpu][sim]") {
  // An aggregate of 8 cells (a ball cut by a power diagram of random seeds), plus one
  // isolated ball, plus one ball that touches only the wall.
  const Grid grid = make_grid_3d(48, 48, 48);
  const CounterRng rng{7};
  std::vector<Ball> balls;
  for (int i = 0; i < 8; ++i) {
    double u0, u1, u2, u3;
    rng.uniform2(0, i, u0, u1);
    rng.uniform2(1, i, u2, u3);
    balls.push_back({Vec3{0.38 + 0.14 * u0, 0.38 + 0.14 * u1, 0.55 + 0.14 * u2}, 0.12 + 0.04 * u3});
  }
  balls.push_back({Vec3{0.8, 0.8, 0.2}, 0.1});
  balls.push_back({Vec3{0.2, 0.8, 0.09}, 0.12});
  const std::vector<std::int32_t> labels = test::ball_labels(grid, balls);
  const Meshed m = mesh_of(grid, labels);
  std::vector<Vec3> seeds;
  for (const Ball& b : balls) seeds.push_back(b.center);
  std::vector<std::int32_t> types;
  for (std::size_t i = 0; i < balls.size(); ++i) types.push_back(i % 2 == 0 ? 1 : 2);
  const SurfaceTension3DParams params = cell_sorting_3d_params(cell_sorting_ratios(CellSortingPreset::Separation));
  const SurfaceForces3D f = surface_tension_forces_3d(m.mesh, m.geometry, seeds, types, params);

  // Components: cells 0..7 connected (when present), 8 and 9 alone.
  REQUIRE(f.aggregate.size() == balls.size());
  REQUIRE(f.aggregate[0] == 0);
  REQUIRE(f.aggregate_size[0] >= 6);
  int n_present = 0;
  for (int i = 0; i < 8; ++i)
    if (interface_area(m, kVoidLabel, i) > 0) {  // the cell survived the power diagram
      ++n_present;
      CHECK(f.aggregate[i] == 0);
    }
  REQUIRE(f.aggregate_size[0] == n_present);
  REQUIRE(f.aggregate_size[f.aggregate[8]] == 1);
  REQUIRE(f.aggregate_size[f.aggregate[9]] == 1);
  REQUIRE(norm(f.correction[8]) == 0.0);
  REQUIRE(norm(f.correction[9]) == 0.0);

  double scale = 0;
  for (const Vec3& a : f.attraction) scale = std::max(scale, norm(a));
  for (std::size_t c = 0; c < f.aggregate_size.size(); ++c) {
    if (f.aggregate_size[c] < 2) continue;
    Vec3 net{}, attraction{};
    for (std::size_t i = 0; i < balls.size(); ++i)
      if (f.aggregate[i] == static_cast<std::int32_t>(c)) {
        net += f.attraction[i] + f.correction[i];
        attraction += f.attraction[i];
      }
    INFO("aggregate " << c << ": |sum F_att| = " << norm(attraction) << ", max |F_att| = " << scale);
    REQUIRE(norm(attraction) > 1e-6 * scale);  // there was something to correct
    REQUIRE(norm(net) < 1e-12 * scale);
  }
}

TEST_CASE("3D surface tension: CellSorting3D parameters from the ratios (section 5.14)", "[cpu][sim]") {
  struct Row {
    CellSortingPreset preset;
    double g10, g20, g12, e11, e22, e12;
  };
  // Section 5.14's table (values rounded to 4 digits there).
  const Row rows[] = {{CellSortingPreset::Separation, 5, 5, 5, 4, 4, 12},
                      {CellSortingPreset::Checkerboard, 5, 5, 5, 4, 4, 1.2},
                      {CellSortingPreset::EngulfmentEtaAbove1, 10, 5, 1.333, 1.067, 4, 3.2},
                      {CellSortingPreset::EngulfmentEtaBelow1, 10, 5, 4, 3.2, 4, 0.96}};
  for (const Row& row : rows) {
    INFO(kCellSortingPresetNames[static_cast<int>(row.preset)]);
    const SurfaceTension3DParams p = cell_sorting_3d_params(cell_sorting_ratios(row.preset));
    CHECK(p.gamma(1, kMediumType) == Approx(row.g10).epsilon(1e-3));
    CHECK(p.gamma(2, kMediumType) == Approx(row.g20).epsilon(1e-3));
    CHECK(p.wall_pressure == Approx(row.g20).epsilon(1e-12));
    CHECK(p.gamma(1, 2) == Approx(row.g12).epsilon(1e-3));
    CHECK(p.gamma(2, 1) == p.gamma(1, 2));
    CHECK(p.eta(1, 1) == Approx(row.e11).epsilon(1e-3));
    CHECK(p.eta(2, 2) == Approx(row.e22).epsilon(1e-3));
    CHECK(p.eta(1, 2) == Approx(row.e12).epsilon(1e-3));
    CHECK(p.gamma(1, 1) == 0.0);
    CHECK(p.gamma(2, 2) == 0.0);
    CHECK(p.gamma(1, kWallType) == p.wall_pressure);
    CHECK(p.eta(1, kMediumType) == 0.0);
    // The ratios come back: r_eta = eta_12 / eta_11, r_gamma = gamma_10 / gamma_20,
    // r_k = gamma_b eta_11 / (gamma_10 eta_22).
    const CellSortingRatios r = cell_sorting_ratios(row.preset);
    CHECK(p.eta(1, 2) / p.eta(1, 1) == Approx(r.r_eta));
    CHECK(p.gamma(1, kMediumType) / p.gamma(2, kMediumType) == Approx(r.r_gamma));
    CHECK(p.wall_pressure * p.eta(1, 1) / (p.gamma(1, kMediumType) * p.eta(2, 2)) == Approx(r.r_k));
  }
  const SurfaceTension3DParams b = default_surface_tension_3d_params();
  CHECK(b.gamma(1, 1) == 0.7);
  CHECK(b.gamma(1, kMediumType) == 0.7);
  CHECK(b.eta(1, 1) == 0.7);
  CHECK(b.wall_pressure == 5.0);
  CHECK_THROWS_AS(b.gamma(2, 1), Error);
  CHECK_THROWS_AS(TypeTable(0), Error);
}

TEST_CASE("3D surface tension: inconsistent input is refused", "[cpu][sim]") {
  const Grid grid = make_grid_3d(20, 20, 20);
  const std::vector<Ball> balls = {{Vec3{0.3, 0.5, 0.5}, 0.2}, {Vec3{0.7, 0.5, 0.5}, 0.2}};
  const Meshed m = mesh_of(grid, test::ball_labels(grid, balls));
  const SurfaceTension3DParams p = default_surface_tension_3d_params();
  const std::vector<Vec3> one_seed = {balls[0].center};
  const std::vector<Vec3> two_seeds = {balls[0].center, balls[1].center};
  const std::vector<std::int32_t> one_type = {1}, bad_type = {2}, three_types = {1, 1, 1};
  CHECK_THROWS_AS(surface_tension_forces_3d(m.mesh, m.geometry, one_seed, one_type, p), Error);  // label 1 >= n
  CHECK_THROWS_AS(surface_tension_forces_3d(m.mesh, m.geometry, two_seeds, bad_type, p), Error);
  CHECK_THROWS_AS(surface_tension_forces_3d(m.mesh, m.geometry, two_seeds, three_types, p), Error);
  MeshGeometry short_geometry = m.geometry;
  short_geometry.area.pop_back();
  CHECK_THROWS_AS(surface_tension_forces_3d(m.mesh, short_geometry, two_seeds, one_type, p), Error);
  CHECK_NOTHROW(surface_tension_forces_3d(m.mesh, m.geometry, two_seeds, one_type, p));
}
