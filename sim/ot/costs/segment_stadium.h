#pragma once
// Distance-to-segment stadium cost (iceshot-model.md section 2.5, `spherocylinders_cost`):
// with X = <z, n>, z_perp = z - X n and the axis segment of half-length k b, k = ar - 1,
//   u^2 = (max(0, |X| - k b)^2 + |z_perp|^2) / b^2,   c = s u^p,
// i.e. the distance to the segment in units of b. {u <= 1} is the stadium (2D) or
// capsule (3D) of half-width b and half-length ar b. The reference defines it in 2D;
// the same formula in 3D is the capsule, so both dimensions are allowed here.
#include <cmath>

#include "engine/host_device.h"
#include "engine/vec.h"
#include "sim/ot/costs/cell_cost.h"

namespace tessera {

TESSERA_HD inline double segment_stadium_cost_value(const CellCost& c, const Vec3& z) {
  const double X = dot(z, c.axis);
  const double along = ::fabs(X) - (c.aspect - 1.0) * c.b;
  const double m = along > 0 ? along : 0.0;
  const double u2 = (m * m + norm2(z - X * c.axis)) / (c.b * c.b);
  return c.p == 2.0 ? c.s * u2 : c.s * ::pow(u2, 0.5 * c.p);
}

// G = dc/dx = -(s p / b^2) (u^2 + eps)^(p/2 - 1) (sign(X) max(0, |X| - k b) n + z_perp),
// since d|z_perp|^2/dz = 2 z_perp.
TESSERA_HD inline Vec3 segment_stadium_cost_seed_gradient(const CellCost& c, const Vec3& z) {
  const double X = dot(z, c.axis);
  const double along = ::fabs(X) - (c.aspect - 1.0) * c.b;
  const double m = along > 0 ? along : 0.0;
  const Vec3 z_perp = z - X * c.axis;
  const double b2 = c.b * c.b;
  const double u2 = (m * m + norm2(z_perp)) / b2;
  const double power = c.p == 2.0 ? 1.0 : ::pow(u2 + kCostEpsilon, 0.5 * c.p - 1.0);
  const double factor = c.s * c.p / b2 * power;
  return -factor * ((X < 0 ? -m : m) * c.axis + z_perp);
}

// {c <= level} = {distance to the segment <= t}, t = b (level / s)^(1/p); its farthest
// points lie on the axis at k b + t (exact). At level 0 the segment itself remains.
TESSERA_HD inline double segment_stadium_support_radius(const CellCost& c, double level) {
  if (level < 0) return 0.0;
  return (c.aspect - 1.0) * c.b + c.b * ::pow(level / c.s, 1.0 / c.p);
}

}  // namespace tessera
