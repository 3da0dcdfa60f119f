#include "sim/ot/boundary.h"

#include "engine/parallel.h"

namespace tessera {

void boundary_pixels(const Exec& exec, const Grid& grid, Mirrored<std::int32_t>& labels,
                     Mirrored<std::uint8_t>& boundary) {
  boundary.resize(static_cast<std::size_t>(grid.size()));
  parallel_for(exec, grid.size(), BoundaryKernel{grid, labels.data(exec), boundary.data(exec)});
  boundary.download(exec);
}

}  // namespace tessera
