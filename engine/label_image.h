#pragma once
// Label grids to images without OpenGL, for PNG export and tests. 2D grids are
// drawn bottom row last (y up); a 3D grid shows its middle z slice.
#include <cstdint>
#include <span>

#include "engine/colormap.h"
#include "engine/grid.h"
#include "engine/image_io.h"
#include "engine/vec.h"

namespace tessera {

struct LabelImageStyle {
  int scale = 1;              // pixels per grid point
  bool boundaries = true;     // darken pixels whose neighbour has another label
  bool seeds = true;          // draw seeds as dark dots (3D: those within 1.5 voxels of the slice)
  int slice_axis = 2;         // 3D: the middle slice across this axis is drawn; 2 (z): image (x, y),
                              // 1 (y): image (x, z), 0 (x): image (y, z), the second axis pointing up
  int seed_radius = 2;        // in image pixels
  std::span<const Rgb8> cell_colors;  // when set: the colour of each label (>= 0); else the hash palette
};

Image render_labels(const Grid& grid, std::span<const std::int32_t> labels, std::span<const Vec3> seeds,
                    const LabelImageStyle& style = {});

}  // namespace tessera
