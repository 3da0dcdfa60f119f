#pragma once
// Star-shaped (polar) cost with the stadium profile, 2D only (iceshot-model.md
// section 2.5, `polar_curve_to_cost` with `spherocylinder_polar_curve`):
//   c = s (|z| / r0(theta))^p,  r0 = b rho(theta),  theta = angle of z from the axis n,
// with the unit stadium profile (k = ar - 1)
//   rho = 1 / |sin|                               if |cos| < k |sin| (flat sides),
//   rho = k |cos| + sqrt(1 - k^2 sin^2)            otherwise (caps).
// Since theta changes by z_perp / |z|^2 when z moves, z_perp = (-z_y, z_x),
//   G = dc/dx = s p g^(p-1) / (|z| r0) (-z + (rho' / rho) z_perp),  g = |z| / r0.
// cos and sin of theta come from the frame coordinates (X, Y) / |z| (no atan2).
//
// The shape is the stadium of spherocylinder.h evaluated along rays, so both families
// agree; this one is the template for other radial profiles. Unlike the reference,
// where C multiplies r0, C enters through the scaling s like every other family
// (the reference's form is Unit scaling with b replaced by C b).
#include <cmath>

#include "engine/host_device.h"
#include "engine/vec.h"
#include "sim/ot/costs/cell_cost.h"

namespace tessera {

// Unit stadium radius rho and its derivative d rho / d theta at direction (cos, sin).
TESSERA_HD inline void stadium_polar_profile(double cos_t, double sin_t, double k, double& rho, double& drho) {
  const double ac = ::fabs(cos_t), as = ::fabs(sin_t);
  if (ac < k * as) {
    rho = 1.0 / as;
    drho = -cos_t * (sin_t > 0 ? 1.0 : -1.0) / (sin_t * sin_t);
    return;
  }
  // 1 - k^2 sin^2 = sin^2 + (cos^2 - k^2 sin^2) >= sin^2 on the caps, and 1 where sin = 0:
  // the root is positive.
  const double root = ::sqrt(1.0 - k * k * sin_t * sin_t);
  rho = k * ac + root;
  drho = -k * (cos_t < 0 ? -1.0 : 1.0) * sin_t - k * k * sin_t * cos_t / root;
}

TESSERA_HD inline double polar_stadium_cost_value(const CellCost& c, const Vec3& z) {
  const double r = ::sqrt(z.x * z.x + z.y * z.y);
  if (r == 0) return 0.0;
  const double X = z.x * c.axis.x + z.y * c.axis.y;
  const double Y = -z.x * c.axis.y + z.y * c.axis.x;
  double rho, drho;
  stadium_polar_profile(X / r, Y / r, c.aspect - 1.0, rho, drho);
  return c.s * ::pow(r / (c.b * rho), c.p);
}

TESSERA_HD inline Vec3 polar_stadium_cost_seed_gradient(const CellCost& c, const Vec3& z) {
  const double r = ::sqrt(z.x * z.x + z.y * z.y);
  if (r == 0) return {};
  const double X = z.x * c.axis.x + z.y * c.axis.y;
  const double Y = -z.x * c.axis.y + z.y * c.axis.x;
  double rho, drho;
  stadium_polar_profile(X / r, Y / r, c.aspect - 1.0, rho, drho);
  const double r0 = c.b * rho;
  const double g = r / r0;
  const double factor = c.s * c.p * ::pow(g + kCostEpsilon, c.p - 1.0) / (r * r0);
  const double twist = drho / rho;
  return factor * Vec3{-z.x - twist * z.y, -z.y + twist * z.x, 0.0};
}

// r0 is largest along the axis, r0(0) = ar b, so c <= level implies
// |z| <= ar b (level / s)^(1/p) (exact).
TESSERA_HD inline double polar_stadium_support_radius(const CellCost& c, double level) {
  if (level <= 0) return 0.0;
  return c.aspect * c.b * ::pow(level / c.s, 1.0 / c.p);
}

}  // namespace tessera
