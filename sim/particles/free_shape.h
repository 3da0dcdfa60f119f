#pragma once
// The incompressibility force measured against each cell's free shape
// (iceshot-model.md 4.1; used by FallingStuff, 5.15).
//
// The force F_i = -tau_i sum_{L_i} G_i / P is the seed gradient of the transport cost at
// fixed cells. Every cost family is even, c(-z) = c(z), so G_i is odd and integrates to
// zero over the free shape S_i = {c_i <= f_i}, the set the cell would fill alone (its
// sublevel set, symmetric about the seed). Hence, in the continuum,
//   F_i = tau_i * integral of G_i over S_i \ L_i:
// the force comes from what walls and other cells take away from the free shape.
// On a grid the lattice sum of G_i over S_i is not zero: the voxels of the free boundary
// enter and leave one at a time as the seed moves. With a stiff cost (p = 10) this error
// alone pushes an isolated sphere at several times gravity and pins it to the lattice
// (FallingStuff at 128^3: about 1 box length per time unit, gravity 0.3). Subtracting the
// lattice sum over S_i cancels it: an isolated cell feels no force, a cell cut by a wall
// or a neighbour feels the sum over the voxels it lost.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/grid.h"
#include "engine/vec.h"
#include "sim/ot/costs/cell_cost.h"

namespace tessera {

// Per cell: sum of G_i(y) / n_kept over the lattice points y of `grid` (pixel centres,
// extended beyond the box and ignoring any mask) with c_i(y - x_i) <= f_i, i.e. the
// lattice sum over the free shape with the solver's unbiased cost. Throws when a free
// shape is unbounded (a cost cap at or below the potential).
std::vector<Vec3> free_shape_gradient_sums(const Grid& grid, std::span<const Vec3> seeds,
                                           std::span<const CellCost> costs, std::span<const double> potentials,
                                           std::int64_t n_kept);

}  // namespace tessera
