#include "render/label_slice.h"

#include <algorithm>
#include <string>

#include "engine/error.h"

namespace tessera {

SlicePlane slice_plane(const Grid& grid, SliceAxis axis, int index) {
  if (grid.dim != 3) return {};
  SlicePlane plane;
  plane.normal = static_cast<int>(axis);
  plane.u = plane.normal == 0 ? 1 : 0;
  plane.v = plane.normal == 2 ? 1 : 2;
  const int n = grid.n[plane.normal];
  plane.index = index < 0 ? n / 2 : std::min(index, n - 1);
  return plane;
}

Grid slice_grid(const Grid& grid, const SlicePlane& plane) {
  Grid out;
  out.dim = 2;
  out.n[0] = grid.n[plane.u];
  out.n[1] = grid.n[plane.v];
  out.length[0] = grid.length[plane.u];
  out.length[1] = grid.length[plane.v];
  out.periodic[0] = grid.periodic[plane.u];
  out.periodic[1] = grid.periodic[plane.v];
  return out;
}

double slice_position(const Grid& grid, const SlicePlane& plane) {
  return grid.dim == 3 ? (plane.index + 0.5) * grid.spacing(plane.normal) : 0.0;
}

void extract_slice(std::span<const std::int32_t> labels, const Grid& grid, const SlicePlane& plane,
                   std::vector<std::int32_t>& out) {
  TESSERA_REQUIRE(static_cast<std::int64_t>(labels.size()) == grid.size(),
                  "slice: " + std::to_string(labels.size()) + " labels for a grid of " + std::to_string(grid.size()));
  const int nu = grid.n[plane.u], nv = grid.n[plane.v];
  out.resize(static_cast<std::size_t>(nu) * nv);
  // Flat-index strides of the grid's axes (x fastest).
  const std::int64_t stride[3] = {1, grid.n[0], static_cast<std::int64_t>(grid.n[0]) * grid.n[1]};
  const std::int64_t base = grid.dim == 3 ? plane.index * stride[plane.normal] : 0;
  for (int b = 0; b < nv; ++b)
    for (int a = 0; a < nu; ++a)
      out[static_cast<std::size_t>(a) + static_cast<std::size_t>(nu) * b] =
          labels[static_cast<std::size_t>(base + a * stride[plane.u] + b * stride[plane.v])];
}

}  // namespace tessera
