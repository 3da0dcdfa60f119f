#pragma once
// Isolated-cell levels: for cell i, the potential f such that the sublevel set
// {y in the domain : c_i(y - x_i) <= f} holds `target_pixels` kept pixels. An isolated
// cell (touching no other cell) is exactly that sublevel set (iceshot-model.md 1.3),
// so these levels are the natural cold start, and they revive cells that a large
// move left empty.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/vec.h"
#include "sim/ot/cost.h"
#include "sim/ot/domain.h"

namespace tessera {

// Host computation: gathers the costs of the kept pixels around the seed (growing
// the window until it holds enough pixels) and takes the k-th smallest. The costs are
// the solver's: times the cell's bias when it has one (section 2.8).
double isolated_level(const Domain& domain, const Vec3& seed, const CellCost& cost, double target_pixels,
                      const CellBias* bias = nullptr);

// Same for every cell listed in `cells` (all cells when empty), in parallel over cells;
// `biases` holds one bias per cell, or none.
void isolated_levels(const Domain& domain, std::span<const Vec3> seeds, std::span<const CellCost> costs,
                     std::span<const CellBias> biases, std::span<const double> target_pixels,
                     std::span<const int> cells, std::vector<double>& levels);

}  // namespace tessera
