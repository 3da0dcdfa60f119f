#pragma once
// ReLU cost (iceshot-model.md section 2.5): c = s max(0, slope (|z| - r)),
// G = dc/dx = -s slope 1[|z| >= r] z / (|z| + eps). Flat (zero) inside the radius r,
// linear outside: the cell is indifferent to pixels within r of its seed.
#include <cmath>

#include "engine/host_device.h"
#include "engine/vec.h"
#include "sim/ot/costs/cell_cost.h"

namespace tessera {

TESSERA_HD inline double relu_cost_value(const CellCost& c, const Vec3& z) {
  const double excess = c.relu_slope * (norm(z) - c.relu_r);
  return excess > 0 ? c.s * excess : 0.0;
}

TESSERA_HD inline Vec3 relu_cost_seed_gradient(const CellCost& c, const Vec3& z) {
  const double r = norm(z);
  if (r < c.relu_r) return {};
  return -(c.s * c.relu_slope / (r + kCostEpsilon)) * z;
}

// c <= level <=> |z| <= r + level / (s slope) for level >= 0 (exact); at level 0 the
// whole flat disk or ball of radius r remains.
TESSERA_HD inline double relu_support_radius(const CellCost& c, double level) {
  if (level < 0) return 0.0;
  return c.relu_r + level / (c.s * c.relu_slope);
}

}  // namespace tessera
