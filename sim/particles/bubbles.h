#pragma once
// The rules of the Bubbles scene (iceshot-model.md 5.13, events of section 4.8), as
// functions over a CellState and the labels of the last fit, like sim/motion.h:
//
//   forces  : vertical buoyancy/gravity profile (section 4.7) and the wall spreading
//             force of bubbles in the surface layer or near a side wall;
//   clamp   : seeds are clamped to [clamp_min, clamp_max]^3 before each move;
//   events  : bursting above the surface, pairwise fusion of touching bubbles, and
//             insertion of new bubbles near the bottom while the foam is below a cap
//             (the shared rule of sim/insertion.h).
//
// Departures from the reference script, all bookkeeping slips of section 8:
//   * insertion draws a fresh Poisson count every step and inserts nothing once the cap
//     is reached (item 11: the script reuses the last count after the cap);
//   * a fusion adds the absorbed volume to the survivor only, so the volumes always sum
//     to at most 1 (item 12: the script also returns it to the void);
//   * fusion pairs are ranked by their own probabilities (item 12: the script pairs the
//     ranked pairs with unranked probabilities), and bursting and fusion see the same
//     labels, indexed by the cells of the fit (item 25: the script's labels go stale
//     after a burst);
//   * a fusion pair's boundary-pixel count n_ij is rescaled to the reference's 256^3
//     grid, n_ij (256 / M)^2, so that the fusion rate per contact does not depend on the
//     resolution (the counts grow as M^2).
// Random numbers come from (seed, purpose + step, cell id), so the events do not depend
// on the cells' order.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/field_table.h"
#include "engine/grid.h"
#include "engine/rng.h"
#include "engine/vec.h"
#include "sim/particles/cell_state.h"

namespace tessera {

struct BubbleParams {
  // Vertical force F_z = clamp((gravity - buoyancy) / (2 width) (z - surface), gravity, buoyancy):
  // buoyancy below the liquid surface, gravity above, linear across a layer of 2 width
  // (width = 2 R_0 in the reference). Box units per time unit.
  double surface = 0.5;
  double buoyancy = 0.5;
  double gravity = -0.15;
  double profile_width = 0.042;
  // Wall spreading F = spread (x - box centre) (all three components, as in the
  // reference) for bubbles in the surface layer (layer_min < z < layer_max) or whose
  // sup-distance from the box centre exceeds near_wall, unless it exceeds touching_wall.
  double spread = 0.015;
  double layer_min = 0.45, layer_max = 0.55;
  double near_wall = 0.22, touching_wall = 0.24;
  // Seeds are clamped to this range on every axis before each move (box units).
  double clamp_min = 0.02, clamp_max = 0.98;
  // Bursting: a bubble whose seed is above burst_above bursts with probability
  // 1 - exp(-burst_rate v_i dt) per step (v_i its volume fraction): large ones burst first.
  double burst_above = 0.45;
  double burst_rate = 85;
  // Fusion: a touching pair (n_ij cell-cell boundary pixels, medium excluded) fuses with
  // probability fusion_rate dt / (n_ij (fusion_grid / M)^2); pairs are taken greedily by
  // decreasing probability, each bubble in at most one candidate pair per step.
  double fusion_rate = 6;
  int fusion_grid = 256;
  // Insertion: while the bubbles fill less than max_total_volume of the box, Poisson(insertion_rate dt)
  // bubbles of volume insert_volume appear at (U, U, insert_height U) (box units).
  double insertion_rate = 120;
  double insert_volume = 3.8792e-5;  // v_b = 4/3 pi 0.021^3
  double insert_height = 0.3;
  double max_total_volume = 0.25;
  // Below this many voxels per new bubble the fit cannot reach 1 % (the reference refuses < 200).
  double min_insert_voxels = 200;
};

// The reference's values with base bubble radius R_0 (box units): profile width 2 R_0,
// insert volume 4/3 pi R_0^3.
BubbleParams default_bubble_params(double base_radius = 0.021);
// Every field of BubbleParams, once (scene files, checks); clamp_min < clamp_max is checked beside it.
const FieldTable<BubbleParams>& bubble_fields();

// velocity_i += (0, 0, F_z(z_i)) + the wall spreading force, on a walled box of `grid`.
void add_bubble_forces(std::span<Vec3> velocity, std::span<const Vec3> x, const Grid& grid, const BubbleParams& params);

// x_i <- clamp(x_i, clamp_min, clamp_max) per axis.
void clamp_bubble_seeds(std::span<Vec3> x, const BubbleParams& params);

// A pair of touching cells a < b and the number of its boundary pixels.
struct TouchingPair {
  std::int32_t a = 0, b = 0;
  std::int64_t pixels = 0;
};

// Cell-cell boundary pixels (section 4.4, full 3^3 stencil, clipped at walled box faces,
// wrapped on periodic axes): a kept voxel counts for the pair of the two largest cell
// labels in its neighbourhood when that neighbourhood holds at least two cells and no
// medium (the reference ranks the medium above every cell, so such a voxel's pair is a
// medium pair, which fusion ignores). Sorted by (a, b). 3D grids only.
std::vector<TouchingPair> touching_pairs(const Grid& grid, std::span<const std::int32_t> labels);

struct BubbleEventCounts {
  int burst = 0, fused = 0, inserted = 0;
  double burst_volume = 0;  // volume fraction returned to the medium by bursting
};

// One step of events (order: bursting, fusion among the survivors, insertion). `pairs`
// come from the labels of the fit of the current cells (same indices). Ids stay stable:
// removed cells are compacted out with CellState::remove_flagged, new ones get fresh ids.
// A fusion merges the smaller bubble into the larger (ties: the lower index survives):
// x <- (v_a x_a + v_b x_b) / (v_a + v_b), v <- v_a + v_b; the survivor keeps its id,
// potential and axis. New bubbles have species 0, potential 0 (the fit revives them)
// and a random axis.
BubbleEventCounts bubble_events(CellState& cells, std::span<const TouchingPair> pairs, const Grid& grid,
                                const BubbleParams& params, double dt, const CounterRng& rng, std::int64_t step);

// Throws tessera::Error naming the parameter when `params` cannot work on `grid`.
void validate_bubble_params(const BubbleParams& params, const Grid& grid, std::int64_t n_kept);

}  // namespace tessera
