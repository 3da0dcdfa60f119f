#pragma once
// Random protrusions (iceshot-model.md 5.7), as functions over a CellState and the
// labels of the last fit, like sim/motion.h. Each cell has kProtrusionDirections fixed
// directions theta0_i + theta_k whose amplitudes a_ik lower its cost there (the bias of
// sim/costs/cost_bias.h), and a force pulls its seed toward its protruding pixels:
//
//   before the fit : a <- clamp(a + noise dt U(-1, 1), 0, max_amplitude)
//   after the fit  : a_ik <- 0 when the tip x_i + R0 (cos, sin)(theta0_i + theta_k) lies
//                    within edge_margin of a wall of the box
//   force          : F_pro_i = K sum_{y in L_i} zhat sqrt(max(0, |z|^2 - R0^2))
//                              / (#{y in L_i : |z| >= R0} + 1e-7),  z = wr(y - x_i)
//   after the move : a <- a (1 - decay dt)
//
// theta0_i stays the angle of the cell's initial axis (section 8.13: the reference never
// lets the directions follow the axis; kept). Random numbers come from (seed, purpose +
// step, cell id), so the amplitudes do not depend on the cells' order.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/field_table.h"
#include "engine/grid.h"
#include "engine/rng.h"
#include "engine/vec.h"
#include "sim/particles/cell_state.h"

namespace tessera {

struct ProtrusionParams {
  double radius = 0.0704;        // R0: tip distance and force threshold (box units)
  double noise = 8.0;            // amplitude change per time unit, uniform in [-noise, noise]
  double max_amplitude = 0.352;  // amplitude clamp (the reference's 5 R0)
  double decay = 1.2;            // relative amplitude decay per time unit
  double edge_margin = 0.01;     // a tip this close to a wall retracts (box units)
  double force_gain = 1.6;       // velocity += force_gain F_pro
};

// The reference's values for cells of radius R0 (box units).
ProtrusionParams default_protrusion_params(double radius);
// Every field of ProtrusionParams, once (validate_protrusion_params checks them together).
const FieldTable<ProtrusionParams>& protrusion_fields();

// Throws tessera::Error naming the parameter when a value is out of range.
void validate_protrusion_params(const ProtrusionParams& params);

// Before the fit: a random step of every amplitude, clamped to [0, max_amplitude].
void fluctuate_protrusions(CellState& cells, const ProtrusionParams& params, double dt, const CounterRng& rng,
                           std::int64_t step);

// After the fit: retracts (zeroes) the directions whose tip lies within edge_margin of a
// wall; periodic axes have no walls.
void retract_protrusions_at_walls(CellState& cells, const ProtrusionParams& params, const Grid& grid);

// After the move: a <- a (1 - decay dt), never below 0.
void decay_protrusions(CellState& cells, const ProtrusionParams& params, double dt);

// F_pro_i from the labels of the fit of `seeds` (one entry per cell, in that order).
std::vector<Vec3> protrusion_forces(const Grid& grid, std::span<const std::int32_t> labels, std::span<const Vec3> seeds,
                                    double radius);

}  // namespace tessera
