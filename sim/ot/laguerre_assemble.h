#pragma once
// Host-side assembly of the Laguerre engine's results from what its kernels
// reduce or record per pixel (sim/laguerre_kernels.h): moments from the per-cell
// sums, and the sparse adjacency / Jacobian from per-pixel pair records. The pixel
// records are scanned in pixel order, so the results do not depend on the backend
// or the thread count.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/grid.h"
#include "engine/vec.h"
#include "sim/ot/laguerre.h"

namespace tessera {

// sums: n_cells rows of moment_channels(dim) values (MomentsKernel). seeds are
// wrapped into the box; n_kept is P, the kept pixel count (pixel volume 1/P).
CellMoments moments_from_sums(const Grid& grid, std::span<const Vec3> seeds, const std::vector<double>& sums,
                              std::int64_t n_kept);

// labels: one per pixel; across: dim per pixel, the label across the +axis face or
// kNoPair (FaceNeighbourKernel).
Adjacency adjacency_from_faces(const std::vector<std::int32_t>& labels, const std::vector<std::int32_t>& across,
                               int dim, int n_cells);

// Per pixel: label a (or kNoPair), runner-up b (cell or kVoidLabel) and weight
// (JacobianKernel). H_ab = -sum of the weights of the pairs {a, b};
// H_aa = sum_b |H_ab| + the weights of the pairs {a, void}.
CountJacobian jacobian_from_pairs(const std::vector<std::int32_t>& pair_label,
                                  const std::vector<std::int32_t>& pair_other, const std::vector<double>& pair_weight,
                                  int n_cells);

}  // namespace tessera
