#pragma once
// Insertion of new cells (iceshot-model.md 4.8), the one rule behind Bubbles' creation
// (5.13) and FallingStuff's feeding of the funnel (5.15). Each step a Poisson(rate dt)
// count, truncated to max_per_step, of cells of volume `volume` appear at uniform random
// points of a box, while the population and a volume cap allow it. A new cell has
// potential 0 (the fit revives it from its isolated level), a random axis and ar = 1,
// so the volumes still sum to at most 1 with the void taking the rest.
//
// max_per_step = 1 turns the count into "one cell with probability 1 - exp(-rate dt)",
// FallingStuff's rule (probability 0.58 per step of dt = 0.005 is rate 173.5 per time
// unit), and keeps the rate per time unit when dt changes.
#include <cstdint>
#include <string>

#include "engine/field_table.h"
#include "engine/rng.h"
#include "engine/vec.h"
#include "sim/particles/cell_state.h"

namespace tessera {

struct InsertionParams {
  double rate = 0;                  // mean insertions per time unit
  int max_per_step = 0;             // at most this many per step (0: no limit)
  Vec3 region_min{}, region_max{};  // new seeds are uniform in this box (box units; min = max fixes an axis)
  double volume = 0;                // target volume of a new cell (fraction of the kept domain)
  int species = 0;
  int max_cells = 0;                // nothing is inserted once there are max_cells cells (0: no limit)
  // Volume cap: nothing is inserted once the cells whose seed lies in [cap_min, cap_max]
  // hold cap_volume or more (fraction of the kept domain). The default box holds everything.
  Vec3 cap_min{-1e30, -1e30, -1e30}, cap_max{1e30, 1e30, 1e30};
  double cap_volume = 1.0;
  // A drawn point closer than min_distance (box units) to an existing seed is skipped:
  // a cell cannot appear inside another one (0: no check).
  double min_distance = 0;
};

// The scalar fields of InsertionParams, once (the regions are read beside them).
const FieldTable<InsertionParams>& insertion_fields();

struct InsertionCounts {
  int inserted = 0;
  int blocked = 0;  // drawn points skipped because an existing seed was within min_distance
};

// One step of insertion. The count comes from (count_stream, counter 0) and each point
// from place_stream keyed by the new cell's id, so the draws do not depend on the cells'
// order. `dim` = 2 or 3 (2D points have z = 0).
InsertionCounts insert_cells(CellState& cells, const InsertionParams& params, int dim, double dt,
                             const CounterRng& rng, std::uint64_t count_stream, std::uint64_t place_stream);

// Empty when `params` are consistent; else why not, naming the parameter.
std::string insertion_params_error(const InsertionParams& params);

}  // namespace tessera
