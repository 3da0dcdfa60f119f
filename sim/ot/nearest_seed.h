#pragma once
// Brute-force nearest-seed labelling: every pixel scans every seed. This is the
// reference the fast Laguerre assignment is tested against, and the labelling of
// the demo scene.
#include <cstdint>

#include "engine/backend.h"
#include "engine/buffer.h"
#include "engine/grid.h"
#include "engine/host_device.h"
#include "engine/vec.h"

namespace tessera {

// Kernel body: label[idx] = index of the closest seed (periodic axes wrap);
// ties go to the lowest index.
struct NearestSeedKernel {
  Grid grid;
  const Vec3* seeds;
  int n_seeds;
  std::int32_t* labels;

  TESSERA_HD void operator()(std::int64_t idx) const {
    const Vec3 y = grid.center(idx);
    std::int32_t best = -1;
    double best_d2 = 0;
    for (int s = 0; s < n_seeds; ++s) {
      const double d2 = norm2(grid.wrap_displacement(y - seeds[s]));
      if (best < 0 || d2 < best_d2) {
        best = s;
        best_d2 = d2;
      }
    }
    labels[idx] = best;
  }
};

// Uploads `seeds`, labels every pixel on the exec's backend and downloads the
// result into labels.host(). labels is resized to grid.size().
void nearest_seed_labels(const Exec& exec, const Grid& grid, Mirrored<Vec3>& seeds, Mirrored<std::int32_t>& labels);

}  // namespace tessera
