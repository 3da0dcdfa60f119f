#pragma once
// Power cost (iceshot-model.md section 2.2): c = s |z|^p,
// G = dc/dx = -s p (|z|^2 + eps)^(p/2 - 1) z.
#include <cmath>

#include "engine/host_device.h"
#include "engine/vec.h"
#include "sim/ot/costs/cell_cost.h"

namespace tessera {

TESSERA_HD inline double power_cost_value(const CellCost& c, const Vec3& z) {
  const double r2 = norm2(z);
  return c.p == 2.0 ? c.s * r2 : c.s * ::pow(r2, 0.5 * c.p);
}
TESSERA_HD inline Vec3 power_cost_seed_gradient(const CellCost& c, const Vec3& z) {
  const double r2 = norm2(z);
  const double factor = c.p == 2.0 ? 2.0 * c.s : c.s * c.p * ::pow(r2 + kCostEpsilon, 0.5 * c.p - 1.0);
  return -factor * z;
}
// c <= level implies |z| <= radius (exact: the sublevel set is the ball of that radius).
TESSERA_HD inline double power_support_radius(const CellCost& c, double level) {
  return level <= 0 ? 0.0 : ::pow(level / c.s, 1.0 / c.p);
}

}  // namespace tessera
