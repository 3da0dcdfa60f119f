#include "sim/particles/cell_shape.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "engine/error.h"

namespace tessera {

namespace {
double gain(std::span<const double> tau, std::size_t i) {
  TESSERA_REQUIRE(!tau.empty(), "a force gain tau is needed (one value, or one per cell)");
  return tau.size() == 1 ? tau[0] : tau[i];
}
}  // namespace

std::vector<Vec3> incompressibility_forces(const CellMoments& moments, std::span<const double> tau) {
  const std::size_t n = moments.cost_gradient_sum.size();
  TESSERA_REQUIRE(tau.size() == 1 || tau.size() == n, "tau must hold one value or one per cell");
  std::vector<Vec3> force(n);
  for (std::size_t i = 0; i < n; ++i) force[i] = -gain(tau, i) * moments.cost_gradient_sum[i];
  return force;
}

std::vector<Vec3> semi_implicit_steps(std::span<const Vec3> forces, const CellMoments& moments,
                                      std::span<const double> tau, double dt) {
  const std::size_t n = forces.size();
  TESSERA_REQUIRE(moments.cost_stiffness.size() == n, "moments and forces must describe the same cells");
  TESSERA_REQUIRE(tau.size() == 1 || tau.size() == n, "tau must hold one value or one per cell");
  std::vector<Vec3> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    // A gain tau <= 0 or a cost that falls with distance has no spring to integrate implicitly.
    const double rate = std::max(0.0, gain(tau, i) * moments.cost_stiffness[i]);
    out[i] = (1.0 / (1.0 + dt * rate)) * forces[i];
  }
  return out;
}

std::vector<Vec3> barycentric_moves(const Grid& grid, const CellMoments& moments, std::span<const Vec3> seeds,
                                    std::span<const double> tau, Barycenter kind) {
  const std::size_t n = seeds.size();
  TESSERA_REQUIRE(moments.centroid.size() == n, "moments and seeds must describe the same cells");
  TESSERA_REQUIRE(tau.size() == 1 || tau.size() == n, "tau must hold one value or one per cell");
  const std::vector<Vec3>& target = kind == Barycenter::Plain ? moments.centroid : moments.weighted_centroid;
  std::vector<Vec3> move(n);
  for (std::size_t i = 0; i < n; ++i)
    move[i] = moments.counts[i] > 0 ? gain(tau, i) * grid.wrap_displacement(target[i] - seeds[i]) : Vec3{};
  return move;
}

ShapeEstimate shape_from_covariance(const std::array<double, 6>& c, int dim, const Vec3& old_axis, double aspect_min,
                                    double aspect_max) {
  ShapeEstimate out;
  out.axis = old_axis;
  Eigen::Matrix3d m = Eigen::Matrix3d::Zero();
  m(0, 0) = c[0];
  m(1, 1) = c[1];
  m(0, 1) = m(1, 0) = c[3];
  if (dim == 3) {
    m(2, 2) = c[2];
    m(0, 2) = m(2, 0) = c[4];
    m(1, 2) = m(2, 1) = c[5];
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> solver(m);
  const Eigen::Vector3d lambda = solver.eigenvalues();  // ascending; in 2D lambda(0) = 0 (the z row)
  const int lo = dim == 3 ? 0 : 1;
  const double l_min = lambda(lo), l_max = lambda(2);
  if (!(l_min > 0) || !std::isfinite(l_max)) return out;  // degenerate: keep the old shape
  const Eigen::Vector3d e = solver.eigenvectors().col(2);
  Vec3 axis{e(0), e(1), dim == 3 ? e(2) : 0.0};
  axis *= 1.0 / norm(axis);
  // Sign continuity: never flip against the previous axis (exactly orthogonal keeps e).
  if (dot(axis, old_axis) < 0) axis = -axis;
  out.axis = axis;
  if (dim == 3) {
    const double ar = std::pow(lambda(2) / std::sqrt(lambda(0) * lambda(1)), 2.0 / 3.0);
    out.aspect = std::clamp(ar, aspect_min, aspect_max);
  } else {
    out.aspect = std::sqrt(l_max / l_min);
  }
  out.valid = true;
  return out;
}

}  // namespace tessera
