#pragma once
// Test helper: 3D label grids made of balls, for the surface-mesh and 3D surface-tension tests.
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "engine/grid.h"
#include "engine/vec.h"
#include "sim/ot/laguerre.h"

namespace tessera::test {

struct Ball {
  Vec3 center;    // box units
  double radius;  // box units
};

// Voxel y goes to the ball of least power |y - c|^2 - r^2 among the balls that contain
// it (a power diagram clipped by the balls), else to the medium (kVoidLabel). Touching
// balls therefore share a flat interface.
inline std::vector<std::int32_t> ball_labels(const Grid& grid, std::span<const Ball> balls) {
  std::vector<std::int32_t> labels(grid.size(), kVoidLabel);
  for (std::int64_t idx = 0; idx < grid.size(); ++idx) {
    const Vec3 y = grid.center(idx);
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t b = 0; b < balls.size(); ++b) {
      const double d2 = norm2(y - balls[b].center), r2 = balls[b].radius * balls[b].radius;
      if (d2 <= r2 && d2 - r2 < best) {
        best = d2 - r2;
        labels[idx] = static_cast<std::int32_t>(b);
      }
    }
  }
  return labels;
}

}  // namespace tessera::test
