#include "engine/label_image.h"

#include <cmath>

#include "engine/colormap.h"
#include "engine/error.h"

namespace tessera {

Image render_labels(const Grid& grid, std::span<const std::int32_t> labels, std::span<const Vec3> seeds,
                    const LabelImageStyle& style) {
  TESSERA_REQUIRE(static_cast<std::int64_t>(labels.size()) == grid.size(), "render_labels: label count does not match the grid");
  TESSERA_REQUIRE(style.scale >= 1, "render_labels: scale must be >= 1");
  const int nx = grid.n[0], ny = grid.n[1];
  const int slice = grid.dim == 3 ? grid.n[2] / 2 : 0;
  const int s = style.scale;
  Image image(nx * s, ny * s);
  auto label_at = [&](int i, int j) { return labels[grid.index(i, j, slice)]; };
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
      if (grid.dim == 3 && std::fabs(x.z - (slice + 0.5) * grid.spacing(2)) > 1.5 * grid.spacing(2)) continue;
      const int cx = static_cast<int>(std::floor(x.x / grid.length[0] * nx * s));
      const int cy = image.height - 1 - static_cast<int>(std::floor(x.y / grid.length[1] * ny * s));
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
