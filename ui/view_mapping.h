#pragma once
// Mapping between framebuffer pixels and box coordinates for the 2D view (GL-free, so
// the mouse tools are tested without a window). Framebuffer pixels have their origin at
// the bottom-left corner (GL convention); the view shows the box [0, L_0] x [0, L_1] in
// `rect`, and a 3D grid's slice at height `slice_z` (box units).
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/grid.h"
#include "engine/vec.h"

namespace tessera {

struct ViewRect {
  int x = 0, y = 0, width = 0, height = 0;  // framebuffer pixels, origin bottom-left
};

// The box point under framebuffer pixel (px, py), or nothing outside the view.
inline std::optional<Vec3> view_to_box(const ViewRect& rect, const Grid& grid, double px, double py,
                                       double slice_z = 0.0) {
  if (rect.width <= 0 || rect.height <= 0) return std::nullopt;
  const double u = (px - rect.x) / rect.width, v = (py - rect.y) / rect.height;
  if (u < 0 || u >= 1 || v < 0 || v >= 1) return std::nullopt;
  return Vec3{u * grid.length[0], v * grid.length[1], grid.dim == 3 ? slice_z : 0.0};
}

// The label at a box point (kVoidLabel-like negative values pass through), or nothing off the grid.
inline std::optional<std::int32_t> label_at(const Grid& grid, const std::vector<std::int32_t>& labels, const Vec3& p) {
  int c[3] = {0, 0, 0};
  for (int a = 0; a < grid.dim; ++a) {
    c[a] = static_cast<int>(p[a] / grid.spacing(a));
    if (p[a] < 0 || c[a] >= grid.n[a]) return std::nullopt;
  }
  const std::int64_t idx = grid.index(c[0], c[1], c[2]);
  if (idx < 0 || idx >= static_cast<std::int64_t>(labels.size())) return std::nullopt;
  return labels[static_cast<std::size_t>(idx)];
}

}  // namespace tessera
