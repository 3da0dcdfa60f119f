#include "engine/label_image.h"

#include <cmath>

#include "engine/colormap.h"
#include "engine/error.h"

namespace tessera {

Image render_labels(const Grid& grid, std::span<const std::int32_t> labels, std::span<const Vec3> seeds,
                    const LabelImageStyle& style) {
  TESSERA_REQUIRE(static_cast<std::int64_t>(labels.size()) == grid.size(), "render_labels: label count does not match the grid");
  TESSERA_REQUIRE(style.scale >= 1, "render_labels: scale must be >= 1");
  TESSERA_REQUIRE(style.slice_axis >= 0 && style.slice_axis <= 2, "render_labels: slice_axis must be 0, 1 or 2");
  // The image's horizontal (u) and vertical (v) grid axes, and the slice across the third.
  const int across = grid.dim == 3 ? style.slice_axis : 2;
  const int u_axis = across == 0 ? 1 : 0, v_axis = across == 2 ? 1 : 2;
  const int nx = grid.n[u_axis], ny = grid.n[v_axis];
  const int slice = grid.dim == 3 ? grid.n[across] / 2 : 0;
  const int s = style.scale;
  Image image(nx * s, ny * s);
  auto label_at = [&](int i, int j) {
    int c[3];
    c[u_axis] = i;
    c[v_axis] = j;
    c[across] = slice;
    return labels[grid.index(c[0], c[1], c[2])];
  };
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      const std::int32_t label = label_at(i, j);
      Rgb8 c = label >= 0 && label < static_cast<std::int32_t>(style.cell_colors.size()) ? style.cell_colors[label]
                                                                                          : label_color(label);
      if (style.boundaries) {
        const bool edge = (i + 1 < nx && label_at(i + 1, j) != label) || (j + 1 < ny && label_at(i, j + 1) != label);
        if (edge) c = kBoundaryColor;
      }
      for (int dy = 0; dy < s; ++dy) {
        const int row = (ny - 1 - j) * s + dy;  // grid row j counts up from the bottom
        for (int dx = 0; dx < s; ++dx) {
          std::uint8_t* p = image.pixel(i * s + dx, row);
          p[0] = c.r;
          p[1] = c.g;
          p[2] = c.b;
          p[3] = 255;
        }
      }
    }
  }
  if (style.seeds) {
    const int r = style.seed_radius;
    for (const Vec3& x : seeds) {
      // A 3D image is the middle slice: only seeds near it are drawn.
      if (grid.dim == 3 && std::fabs(x[across] - (slice + 0.5) * grid.spacing(across)) > 1.5 * grid.spacing(across))
        continue;
      const int cx = static_cast<int>(std::floor(x[u_axis] / grid.length[u_axis] * nx * s));
      const int cy = image.height - 1 - static_cast<int>(std::floor(x[v_axis] / grid.length[v_axis] * ny * s));
      for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx) {
          const int px = cx + dx, py = cy + dy;
          if (dx * dx + dy * dy > r * r || px < 0 || py < 0 || px >= image.width || py >= image.height) continue;
          std::uint8_t* p = image.pixel(px, py);
          p[0] = p[1] = p[2] = 0;
        }
    }
  }
  return image;
}

}  // namespace tessera
