#pragma once
// Boundary pixels of a labelling (iceshot-model.md 4.4): a kept pixel is on a
// boundary when its full 3^d neighbourhood (periodic axes wrap; pixels off a walled
// edge or outside the mask are ignored) holds at least two distinct labels, the void
// counting as a label. Used for outlines, interface detection and surface tension.
#include <cstdint>

#include "engine/backend.h"
#include "engine/buffer.h"
#include "engine/grid.h"
#include "engine/host_device.h"

namespace tessera {

struct BoundaryKernel {
  Grid grid;
  const std::int32_t* labels = nullptr;  // kOutsideLabel (-2) marks pixels outside the mask
  std::uint8_t* boundary = nullptr;

  TESSERA_HD void operator()(std::int64_t idx) const {
    const std::int32_t own = labels[idx];
    std::uint8_t result = 0;
    if (own != -2) {
      int c[3];
      grid.coords(idx, c[0], c[1], c[2]);
      const int reach_z = grid.dim == 3 ? 1 : 0;
      for (int dz = -reach_z; dz <= reach_z && !result; ++dz)
        for (int dy = -1; dy <= 1 && !result; ++dy)
          for (int dx = -1; dx <= 1 && !result; ++dx) {
            int q[3] = {c[0] + dx, c[1] + dy, c[2] + dz};
            bool inside = true;
            for (int a = 0; a < grid.dim; ++a) {
              if (q[a] >= 0 && q[a] < grid.n[a]) continue;
              if (!grid.periodic[a]) inside = false;
              else q[a] = (q[a] + grid.n[a]) % grid.n[a];
            }
            if (!inside) continue;
            const std::int32_t other = labels[grid.index(q[0], q[1], q[2])];
            if (other != -2 && other != own) result = 1;
          }
    }
    boundary[idx] = result;
  }
};

// Marks the boundary pixels of `labels` (on the exec's backend; labels must be there)
// and downloads the mask into boundary.host().
void boundary_pixels(const Exec& exec, const Grid& grid, Mirrored<std::int32_t>& labels,
                     Mirrored<std::uint8_t>& boundary);

}  // namespace tessera
