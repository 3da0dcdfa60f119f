#include "render/picking.h"

#include <algorithm>
#include <cmath>

namespace tessera {

FramebufferPoint cursor_to_framebuffer(double cursor_x, double cursor_y, int window_width, int window_height,
                                       int fb_width, int fb_height) {
  if (window_width <= 0 || window_height <= 0) return {};
  const double sx = static_cast<double>(fb_width) / window_width;
  const double sy = static_cast<double>(fb_height) / window_height;
  return {cursor_x * sx, fb_height - cursor_y * sy};
}

bool rect_contains(const PixelRect& rect, FramebufferPoint p) {
  return p.x >= rect.x && p.x < rect.x + rect.width && p.y >= rect.y && p.y < rect.y + rect.height;
}

Vec3 framebuffer_to_box(FramebufferPoint p, const PixelRect& rect, const Grid& grid, const SlicePlane& plane) {
  Vec3 out;
  if (rect.width <= 0 || rect.height <= 0) return out;
  // The rect spans the whole box along u and v (LabelView2D fits the box into it).
  out[plane.u] = (p.x - rect.x) / rect.width * grid.length[plane.u];
  out[plane.v] = (p.y - rect.y) / rect.height * grid.length[plane.v];
  if (grid.dim == 3) out[plane.normal] = (plane.index + 0.5) * grid.spacing(plane.normal);
  return out;
}

FramebufferPoint box_to_framebuffer(const Vec3& position, const PixelRect& rect, const Grid& grid,
                                    const SlicePlane& plane) {
  return {rect.x + position[plane.u] / grid.length[plane.u] * rect.width,
          rect.y + position[plane.v] / grid.length[plane.v] * rect.height};
}

std::int64_t framebuffer_to_index(FramebufferPoint p, const PixelRect& rect, const Grid& grid,
                                  const SlicePlane& plane) {
  if (!rect_contains(rect, p)) return -1;
  int c[3] = {0, 0, 0};
  // Grid pixel along u and v; the clamp absorbs rounding at the rect's far edge.
  c[plane.u] =
      std::clamp(static_cast<int>(std::floor((p.x - rect.x) / rect.width * grid.n[plane.u])), 0, grid.n[plane.u] - 1);
  c[plane.v] =
      std::clamp(static_cast<int>(std::floor((p.y - rect.y) / rect.height * grid.n[plane.v])), 0, grid.n[plane.v] - 1);
  if (grid.dim == 3) c[plane.normal] = plane.index;
  return grid.index(c[0], c[1], c[2]);
}

}  // namespace tessera
