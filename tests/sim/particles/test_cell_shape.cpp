#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "engine/rng.h"
#include "sim/particles/cell_shape.h"
#include "sim/ot/cost_setup.h"
#include "sim/ot/isolated_level.h"
#include "sim/ot/volume_fit.h"
#include "test_support.h"

using namespace tessera;

namespace {

// One isolated cell of the given cost at `seed`, holding `pixels` pixels; returns its moments.
CellMoments single_cell(const Domain& domain, const Vec3& seed, const CellCost& cost, double pixels) {
  LaguerreEngine engine(Exec{Backend::Cpu}, domain, true);
  const std::vector<Vec3> seeds = {seed};
  const std::vector<CellCost> costs = {cost};
  engine.set_cells(seeds, costs);
  const std::vector<double> f = {isolated_level(domain, seed, cost, pixels)};
  engine.assign(f);
  return engine.moments();
}

}  // namespace

TEST_CASE("2D shape update recovers the long axis of an ellipse, with sign continuity", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(200, 200));
  CostSpec spec;
  spec.family = CostFamily::AnisotropicPower;
  spec.scaling = CostScaling::Constant;
  for (double angle : {0.0, 0.4, 1.3, 2.5}) {
    const Vec3 n{std::cos(angle), std::sin(angle), 0};
    const CellMoments m = single_cell(domain, Vec3{0.5, 0.5, 0}, make_cell_cost(spec, n, 3.0, 2), 2500);
    const ShapeEstimate s = shape_from_covariance(m.covariance[0], 2, n);
    REQUIRE(s.valid);
    REQUIRE(dot(s.axis, n) > std::cos(2.0 * std::numbers::pi / 180));  // within 2 degrees, same sign
    REQUIRE(s.aspect == Approx(3.0).epsilon(0.05));  // the level set's aspect ratio is ar in 2D
    const ShapeEstimate flipped = shape_from_covariance(m.covariance[0], 2, -n);
    REQUIRE(dot(flipped.axis, n) < -0.99);
  }
}

TEST_CASE("3D shape update: ar = (a/b)^(4/3), clamped, axis along the spheroid", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_3d(64, 64, 64));
  CostSpec spec;
  spec.family = CostFamily::AnisotropicPower;
  spec.scaling = CostScaling::Constant;
  const Vec3 n = Vec3{1, 2, 2} * (1.0 / 3.0);
  // The level set of A(ar) is a spheroid of aspect ar^(3/4) (section 2.3), so the
  // estimate (a/b)^(4/3) gives ar back.
  const CellMoments m = single_cell(domain, Vec3{0.5, 0.5, 0.5}, make_cell_cost(spec, n, 2.0, 3), 12000);
  const ShapeEstimate s = shape_from_covariance(m.covariance[0], 3, n);
  REQUIRE(s.valid);
  REQUIRE(s.aspect == Approx(2.0).epsilon(0.06));
  REQUIRE(dot(s.axis, n) > 0.99);
  const ShapeEstimate clamped = shape_from_covariance(m.covariance[0], 3, n, 1.0, 1.5);
  REQUIRE(clamped.aspect == 1.5);
  const ShapeEstimate degenerate = shape_from_covariance({0, 0, 0, 0, 0, 0}, 3, n);
  REQUIRE_FALSE(degenerate.valid);
}

TEST_CASE("incompressibility force: zero for an isolated cell, equal and opposite for two", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(160, 160));
  CostSpec spec;
  spec.R = 0.08;
  const CellCost cost = make_cell_cost(spec, Vec3{1, 0, 0}, 1.0, 2);
  const std::vector<double> tau = {2.0};
  const CellMoments alone = single_cell(domain, Vec3{0.5, 0.5, 0}, cost, 3000);
  const Vec3 f_alone = incompressibility_forces(alone, tau)[0];

  const std::vector<Vec3> seeds = {Vec3{0.45, 0.5, 0}, Vec3{0.55, 0.5, 0}};
  const std::vector<CellCost> costs = {cost, cost};
  LaguerreEngine engine(Exec{Backend::Cpu}, domain, true);
  engine.set_cells(seeds, costs);
  std::vector<double> f = {0, 0};
  const std::vector<double> targets = {3000.0 / domain.n_kept, 3000.0 / domain.n_kept};
  REQUIRE(fit_volumes(engine, CellSetView{seeds, costs, {}}, targets, f, default_fit_params()).converged);
  const CellMoments m = engine.moments();
  const std::vector<Vec3> force = incompressibility_forces(m, tau);
  // Squeezed against each other, the cells push apart along x, mirror-symmetrically.
  REQUIRE(force[0].x < 0);
  REQUIRE(force[1].x > 0);
  REQUIRE(force[0].x == Approx(-force[1].x).epsilon(0.02));
  REQUIRE(std::fabs(force[0].y) < 0.05 * std::fabs(force[0].x));
  REQUIRE(norm(f_alone) < 0.02 * std::fabs(force[0].x));
  // l2 cost: F = 2 s tau (m / P) (centroid - seed) exactly (section 4.1).
  const double m0 = static_cast<double>(m.counts[0]) / domain.n_kept;
  const Vec3 expected = 2 * cost.s * tau[0] * m0 * (m.centroid[0] - seeds[0]);
  REQUIRE(force[0].x == Approx(expected.x).epsilon(1e-9));
  REQUIRE(force[0].y == Approx(expected.y).margin(1e-9));
}

TEST_CASE("barycentric moves: cost weights reduce to the centroid for p = 2; Lloyd converges", "[cpu][sim]") {
  const Grid grid = make_grid_2d(128, 128);
  const Domain domain = make_box_domain(grid);
  const int n = 16;
  const CounterRng rng{21};
  std::vector<Vec3> seeds;
  for (int i = 0; i < n; ++i) {
    double u0, u1;
    rng.uniform2(0, i, u0, u1);
    seeds.push_back(Vec3{0.1 + 0.8 * u0, 0.1 + 0.8 * u1, 0});
  }
  CostSpec spec;
  spec.R = std::sqrt(0.7 / n / std::numbers::pi);
  const std::vector<CellCost> costs(n, make_cell_cost(spec, Vec3{1, 0, 0}, 1.0, 2));
  const std::vector<double> targets(n, 0.7 / n);
  std::vector<double> f(n, 0.0);
  LaguerreEngine engine(Exec{Backend::Cpu}, domain, true);
  const std::vector<double> one = {1.0};
  double first_gap = 0, last_gap = 0;
  for (int pass = 0; pass < 12; ++pass) {
    engine.set_cells(seeds, costs);
    REQUIRE(fit_volumes(engine, CellSetView{seeds, costs, {}}, targets, f, default_fit_params()).converged);
    const CellMoments m = engine.moments();
    const std::vector<Vec3> plain = barycentric_moves(grid, m, seeds, one, Barycenter::Plain);
    const std::vector<Vec3> weighted = barycentric_moves(grid, m, seeds, one, Barycenter::CostWeighted);
    double gap = 0;
    for (int i = 0; i < n; ++i) {
      REQUIRE(weighted[i].x == Approx(plain[i].x).margin(1e-6));  // the 1e-8 regulariser in w
      REQUIRE(weighted[i].y == Approx(plain[i].y).margin(1e-6));
      gap = std::max(gap, norm(plain[i]));
      seeds[i] += plain[i];
    }
    if (pass == 0) first_gap = gap;
    last_gap = gap;
  }
  INFO("first " << first_gap * 128 << " px, last " << last_gap * 128 << " px");
  REQUIRE(last_gap < 0.2 * first_gap);
  REQUIRE(last_gap * 128 < 1.5);  // toward pixel size (invariant 17)
}

TEST_CASE("cost-weighted barycentre differs from the centroid for p != 2 next to a wall", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(160, 160));
  CostSpec spec;
  spec.p = 6;
  spec.R = 0.08;
  const CellCost cost = make_cell_cost(spec, Vec3{1, 0, 0}, 1.0, 2);
  // A cell whose seed sits near the left wall is cut by it: both barycentres move right,
  // and the |z|^(p-2) weights favour the far pixels, so the weighted one moves further.
  const CellMoments m = single_cell(domain, Vec3{0.04, 0.5, 0}, cost, 3000);
  REQUIRE(m.centroid[0].x > 0.04);
  REQUIRE(m.weighted_centroid[0].x > m.centroid[0].x);
  REQUIRE(m.weighted_centroid[0].y == Approx(0.5).margin(1e-3));
}
