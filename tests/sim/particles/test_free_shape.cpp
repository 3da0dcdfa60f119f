#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "sim/particles/cell_shape.h"
#include "sim/ot/cost_setup.h"
#include "sim/particles/free_shape.h"
#include "sim/ot/isolated_level.h"
#include "sim/ot/laguerre.h"

using namespace tessera;

namespace {

struct OneCell {
  CellMoments moments;
  Vec3 free_sum;  // lattice sum of G over the free shape, / P
};

// One hard sphere (p = 10) of `pixels` voxels with its seed at `seed`, in a walled 48^3 box.
OneCell hard_sphere(const Vec3& seed, double pixels) {
  const Domain domain = make_box_domain(make_grid_3d(48, 48, 48));
  CostSpec spec;
  spec.p = 10;
  spec.R = 0.12;
  const std::vector<CellCost> costs = {make_cell_cost(spec, Vec3{1, 0, 0}, 1.0, 3)};
  const std::vector<Vec3> seeds = {seed};
  LaguerreEngine engine(Exec{Backend::Cpu}, domain, true);
  engine.set_cells(seeds, costs);
  const std::vector<double> f = {isolated_level(domain, seed, costs[0], pixels)};
  engine.assign(f);
  OneCell out;
  out.moments = engine.moments();
  out.free_sum = free_shape_gradient_sums(domain.grid, seeds, costs, f, domain.n_kept)[0];
  return out;
}

}  // namespace

TEST_CASE("free shape: an isolated sphere feels no contacts force, though the lattice pushes it", "[cpu][sim]") {
  const OneCell c = hard_sphere(Vec3{0.5031, 0.4987, 0.5113}, 1500);
  const Vec3 cell_sum = c.moments.cost_gradient_sum[0];
  // The plain sum over the voxelised ball is not zero (the lattice error the contacts form removes)...
  REQUIRE(norm(cell_sum) > 0);
  // ...and the free shape is exactly the cell, so the two sums cancel up to rounding.
  REQUIRE(norm(cell_sum - c.free_sum) <= 1e-9 * norm(cell_sum));
}

TEST_CASE("free shape: a sphere cut by a wall is pushed off it, as by the plain force", "[cpu][sim]") {
  // Seed 0.6 R above the floor z = 0 (R ~ 7 voxels): the floor takes a cap of the ball.
  const double pixels = 1500, radius = std::cbrt(3 * pixels / (4 * std::numbers::pi)) / 48;
  const OneCell c = hard_sphere(Vec3{0.5031, 0.4987, 0.6 * radius}, pixels);
  const Vec3 plain = -1.0 * c.moments.cost_gradient_sum[0];
  const Vec3 contacts = plain + c.free_sum;
  INFO("plain " << plain.z << ", contacts " << contacts.z);
  REQUIRE(contacts.z > 0);
  REQUIRE(std::fabs(contacts.x) < 0.1 * contacts.z);
  REQUIRE(std::fabs(contacts.y) < 0.1 * contacts.z);
  // The two forms differ by the free shape's lattice error only: small against a real contact.
  REQUIRE(norm(contacts - plain) < 0.1 * contacts.z);
}

TEST_CASE("the power cost's force is a spring toward the weighted barycentre; the semi-implicit step divides it by 1 + dt lambda",
          "[cpu][sim]") {
  const double pixels = 1500, radius = std::cbrt(3 * pixels / (4 * std::numbers::pi)) / 48;
  const OneCell c = hard_sphere(Vec3{0.5031, 0.4987, 0.6 * radius}, pixels);
  const CellMoments& m = c.moments;
  const double stiffness = m.cost_stiffness[0];
  REQUIRE(stiffness > 0);
  // -sum G / P = stiffness (b_w - x): exact up to the 1e-8 regulariser of the weights.
  const Vec3 force = -1.0 * m.cost_gradient_sum[0];
  const Vec3 spring = stiffness * (m.weighted_centroid[0] - Vec3{0.5031, 0.4987, 0.6 * radius});
  REQUIRE(norm(force - spring) <= 1e-6 * norm(force));

  // The frame's velocity tau F, stepped semi-implicitly: divided by 1 + dt tau stiffness.
  const std::vector<double> tau = {40.0};
  const std::vector<Vec3> forces = {tau[0] * force};
  const double lambda = tau[0] * stiffness;
  const Vec3 step = semi_implicit_steps(forces, m, tau, 0.01)[0];
  REQUIRE(norm(step - (1.0 / (1.0 + 0.01 * lambda)) * forces[0]) <= 1e-12 * norm(forces[0]));
  // The implicit spring never carries the seed past its barycentre, however long the step.
  const double gap = norm(m.weighted_centroid[0] - Vec3{0.5031, 0.4987, 0.6 * radius});
  for (double dt : {0.01, 1.0, 100.0}) REQUIRE(dt * norm(semi_implicit_steps(forces, m, tau, dt)[0]) < gap * 1.000001);
}
