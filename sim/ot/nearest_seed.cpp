#include "sim/ot/nearest_seed.h"

#include "engine/parallel.h"

namespace tessera {

void nearest_seed_labels(const Exec& exec, const Grid& grid, Mirrored<Vec3>& seeds, Mirrored<std::int32_t>& labels) {
  labels.resize(static_cast<std::size_t>(grid.size()));
  seeds.upload(exec);
  const NearestSeedKernel kernel{grid, seeds.data(exec), static_cast<int>(seeds.size()), labels.data(exec)};
  parallel_for(exec, grid.size(), kernel);
  labels.download(exec);
}

}  // namespace tessera
