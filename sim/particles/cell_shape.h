#pragma once
// What the dynamics take from a labelling (iceshot-model.md 4.1-4.3): the
// incompressibility force, barycentric moves, and the shape update (axis and
// aspect ratio) from each cell's second moments.
#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "engine/grid.h"
#include "engine/vec.h"
#include "sim/ot/laguerre.h"

namespace tessera {

// F_i = -tau_i * sum_{y in L_i} G_i(y) / P (section 4.1): minus tau times the
// derivative of the transport cost with respect to the seed, as a velocity.
// `tau` holds one gain per cell, or a single value for all.
std::vector<Vec3> incompressibility_forces(const CellMoments& moments, std::span<const double> tau);

// The same forces for a semi-implicit step (SimParams::correction_step):
// F_i / (1 + dt tau_i cost_stiffness_i), the velocity whose explicit step equals the
// implicit step of the spring F_i = tau_i cost_stiffness_i (b_i - x_i).
std::vector<Vec3> semi_implicit_steps(std::span<const Vec3> forces, const CellMoments& moments,
                                      std::span<const double> tau, double dt);

enum class Barycenter { Plain, CostWeighted };
inline constexpr std::array<std::string_view, 2> kBarycenterNames = {"plain", "cost_weighted"};

// F_i = tau_i * wr(b_i - x_i) with b_i the plain or cost-weighted barycentre (section
// 4.2). The displacement is wrapped, so tau != 1 behaves in periodic boxes (the
// reference wraps b_i first, a known jump). With tau = 1 and x += F this is Lloyd's step.
std::vector<Vec3> barycentric_moves(const Grid& grid, const CellMoments& moments, std::span<const Vec3> seeds,
                                    std::span<const double> tau, Barycenter kind);

struct ShapeEstimate {
  Vec3 axis;          // unit principal axis, sign continuous with the previous axis
  double aspect = 1;  // aspect ratio parameter ar (3D: from the eigenvalues; 2D: unchanged by the reference)
  bool valid = false; // false for degenerate covariances (fewer than 2 pixels, zero spread)
};

// Section 4.3. 2D: axis = eigenvector of the largest eigenvalue, sign fixed so that
// <axis, old_axis> >= 0 (an orthogonal flip keeps the old sign), aspect returned as
// sqrt(lambda_max / lambda_min) for information. 3D: ar = (l3 / sqrt(l1 l2))^(2/3),
// clamped to [aspect_min, aspect_max], with the l3 eigenvector as axis.
ShapeEstimate shape_from_covariance(const std::array<double, 6>& covariance, int dim, const Vec3& old_axis,
                                    double aspect_min = 1.0, double aspect_max = 4.0);

}  // namespace tessera
