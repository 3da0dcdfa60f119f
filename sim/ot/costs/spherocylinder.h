#pragma once
// Spherocylinder ("stadium") gauge cost, 2D only (iceshot-model.md section 2.4).
// In the cell frame X = <z, n>, Y = <z, n_perp>, n_perp = (-n_y, n_x), with
// k = ar - 1 >= 0, the gauge of the unit stadium (a 2k x 2 rectangle capped by two
// unit half-disks) is
//   Lambda = |Y|                                   on the flat sides, |X| < k |Y|,
//   Lambda = Q / (k |X| + sqrt(S))                 on the caps,
// Q = X^2 + Y^2, S = Q - k^2 Y^2 (the root of |(|X| - k t, Y)| = t). The cost is
// c = s (Lambda / b)^p, so {c <= s} is the stadium of half-width b and half-length ar b.
#include <cmath>

#include "engine/host_device.h"
#include "engine/vec.h"
#include "sim/ot/costs/cell_cost.h"

namespace tessera {

// Perpendicular of the in-plane axis (the 2D stadium frame).
TESSERA_HD inline Vec3 stadium_perp_axis(const Vec3& n) {
  return {-n.y, n.x, 0.0};
}

// Gauge Lambda(z) of the unit stadium with straight half-length k.
TESSERA_HD inline double stadium_gauge(double X, double Y, double k) {
  const double Q = X * X + Y * Y;
  if (Q == 0) return 0.0;
  const double ax = ::fabs(X), ay = ::fabs(Y);
  if (ax < k * ay) return ay;
  const double S = Q - k * k * Y * Y;
  return Q / (k * ax + ::sqrt(S < 0 ? 0.0 : S));
}

// Gradient of Lambda in the frame (dLambda/dX, dLambda/dY). On the caps the level
// set is the circle |w| = Lambda with w = (|X| - k Lambda, Y); Euler's identity
// <grad Lambda, z> = Lambda for a 1-homogeneous gauge then gives
// grad Lambda = (sign(X) (|X| - k Lambda), Y) / sqrt(S). Zero at z = 0 (a choice:
// the gauge is not differentiable there).
TESSERA_HD inline void stadium_gauge_gradient(double X, double Y, double k, double& dX, double& dY) {
  const double Q = X * X + Y * Y;
  dX = 0.0;
  dY = 0.0;
  if (Q == 0) return;
  const double ax = ::fabs(X), ay = ::fabs(Y);
  if (ax < k * ay) {
    dY = Y > 0 ? 1.0 : -1.0;
    return;
  }
  const double S = Q - k * k * Y * Y;
  const double root = ::sqrt(S < 0 ? 0.0 : S);
  const double lambda = Q / (k * ax + root);
  const double wx = ax - k * lambda;
  dX = X < 0 ? -wx / root : wx / root;
  dY = Y / root;
}

TESSERA_HD inline double spherocylinder_cost_value(const CellCost& c, const Vec3& z) {
  const Vec3 m = stadium_perp_axis(c.axis);
  const double g = stadium_gauge(z.x * c.axis.x + z.y * c.axis.y, dot(z, m), c.aspect - 1.0) / c.b;
  return c.s * ::pow(g, c.p);
}

// G = dc/dx = -(s p / b) (Lambda / b + eps)^(p - 1) grad_z Lambda.
TESSERA_HD inline Vec3 spherocylinder_cost_seed_gradient(const CellCost& c, const Vec3& z) {
  const Vec3 n{c.axis.x, c.axis.y, 0.0};
  const Vec3 m = stadium_perp_axis(c.axis);
  const double X = dot(z, n), Y = dot(z, m), k = c.aspect - 1.0;
  double dX, dY;
  stadium_gauge_gradient(X, Y, k, dX, dY);
  const double g = stadium_gauge(X, Y, k) / c.b;
  const double factor = c.s * c.p / c.b * ::pow(g + kCostEpsilon, c.p - 1.0);
  return -factor * (dX * n + dY * m);
}

// {c <= level} is the stadium of half-width t = b (level / s)^(1/p), whose farthest
// points are the cap tips at distance ar t along the axis (exact bound).
TESSERA_HD inline double spherocylinder_support_radius(const CellCost& c, double level) {
  if (level <= 0) return 0.0;
  return c.aspect * c.b * ::pow(level / c.s, 1.0 / c.p);
}

}  // namespace tessera
