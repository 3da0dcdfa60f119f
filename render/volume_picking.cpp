#include "render/volume_picking.h"

#include <algorithm>
#include <cmath>

namespace tessera {

std::int64_t pick_voxel(const Ray& ray, const Grid& grid, std::span<const std::int32_t> labels, const PickClip& clip) {
  if (grid.dim != 3 || static_cast<std::int64_t>(labels.size()) != grid.size()) return -1;
  // Slab intersection with the box [0, L]^3.
  double t0 = 0.0, t1 = HUGE_VAL;
  for (int a = 0; a < 3; ++a) {
    const double o = ray.origin[a], d = ray.direction[a];
    if (std::fabs(d) < 1e-12) {
      if (o < 0.0 || o > grid.length[a]) return -1;
      continue;
    }
    double near = (0.0 - o) / d, far = (grid.length[a] - o) / d;
    if (near > far) std::swap(near, far);
    t0 = std::max(t0, near);
    t1 = std::min(t1, far);
  }
  if (!(t0 <= t1)) return -1;
  const double h = 0.25 * std::min({grid.spacing(0), grid.spacing(1), grid.spacing(2)});
  const int clip_axis = static_cast<int>(clip.axis);
  const double clip_at = clip.position * grid.length[clip_axis];
  for (double t = t0 + 0.5 * h; t < t1; t += h) {
    double p[3];
    for (int a = 0; a < 3; ++a) p[a] = ray.origin[a] + t * ray.direction[a];
    if (clip.enabled && (clip.keep_above ? p[clip_axis] < clip_at : p[clip_axis] > clip_at)) continue;
    const std::int64_t idx = grid.index_at(Vec3{p[0], p[1], p[2]});
    if (labels[static_cast<std::size_t>(idx)] >= 0) return idx;
  }
  return -1;
}

}  // namespace tessera
