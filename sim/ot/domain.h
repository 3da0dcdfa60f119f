#pragma once
// The simulation domain: a grid plus an optional mask of kept pixels (disk,
// hourglass, arbitrary voxel mask). Volumes are counted in kept pixels; the void
// (medium), when present, takes the kept pixels no cell claims.
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/buffer.h"
#include "engine/grid.h"
#include "engine/vec.h"

namespace tessera {

struct Domain {
  Grid grid;
  Mirrored<std::uint8_t> mask;  // empty: the whole box; else 1 = kept, 0 = outside (grid.size() entries)
  std::int64_t n_kept = 0;      // number of kept pixels

  bool has_mask() const { return mask.size() != 0; }
};

// The whole box.
Domain make_box_domain(const Grid& grid);
// Keeps the pixels whose centre satisfies `inside` (e.g. a disk). Throws when none is kept.
Domain make_masked_domain(const Grid& grid, const std::function<bool(const Vec3&)>& inside);
// Keeps the pixels with mask[idx] != 0 (grid.size() entries). Throws on size mismatch or an empty mask.
Domain make_masked_domain(const Grid& grid, std::vector<std::uint8_t> mask);

// Common shapes (box units).
std::function<bool(const Vec3&)> disk_shape(const Vec3& center, double radius);  // ball in 3D

}  // namespace tessera
