#include "sim/particles/free_shape.h"

#include <cmath>
#include <string>

#include "engine/error.h"
#include "engine/parallel.h"
#include "sim/ot/cost.h"

namespace tessera {

std::vector<Vec3> free_shape_gradient_sums(const Grid& grid, std::span<const Vec3> seeds,
                                           std::span<const CellCost> costs, std::span<const double> potentials,
                                           std::int64_t n_kept) {
  const std::size_t n = seeds.size();
  TESSERA_REQUIRE(costs.size() == n && potentials.size() == n, "free shapes: one cost and one potential per seed");
  TESSERA_REQUIRE(n_kept > 0, "free shapes: the domain keeps no pixel");
  const int dim = grid.dim;
  std::vector<double> radii(n);
  for (std::size_t i = 0; i < n; ++i) {
    radii[i] = cost_support_radius(costs[i], potentials[i], dim);
    TESSERA_REQUIRE(std::isfinite(radii[i]), "free shapes: cell " + std::to_string(i) +
                                                 " has an unbounded sublevel set (a cost cap at or below its potential)");
  }
  std::vector<Vec3> sums(n);
  parallel_for_host(static_cast<std::int64_t>(n), [&](std::int64_t i) {
    const double radius = radii[i];
    // Lattice indices whose pixel centre (k + 1/2) h can lie within the support radius.
    int lo[3] = {0, 0, 0}, hi[3] = {0, 0, 0};
    for (int a = 0; a < dim; ++a) {
      const double h = grid.spacing(a);
      lo[a] = static_cast<int>(std::ceil((seeds[i][a] - radius) / h - 0.5));
      hi[a] = static_cast<int>(std::floor((seeds[i][a] + radius) / h - 0.5));
    }
    Vec3 sum;
    for (int k = lo[2]; k <= hi[2]; ++k)
      for (int j = lo[1]; j <= hi[1]; ++j)
        for (int l = lo[0]; l <= hi[0]; ++l) {
          // The pixel centre as Grid::center writes it, and the solver's membership test.
          const Vec3 z = grid.wrap_displacement(grid.center(l, j, k) - seeds[i]);
          if (!(capped_cost_value(costs[i], z, dim) - potentials[i] <= 0)) continue;
          sum += cost_seed_gradient(costs[i], z, dim);
        }
    sums[i] = (1.0 / static_cast<double>(n_kept)) * sum;
  });
  return sums;
}

}  // namespace tessera
