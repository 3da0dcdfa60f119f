#pragma once
// The per-cell state of a simulation: everything that changes from step to step.
// All arrays have one entry per cell, in the same order; `id` is a stable identity
// (random streams and exports follow the cell, not its index, so removing or
// dividing cells never reshuffles anyone's random numbers).
#include <array>
#include <cstdint>
#include <vector>

#include "engine/vec.h"
#include "sim/ot/costs/cost_bias.h"

namespace tessera {

struct CellState {
  std::vector<Vec3> x;               // seed positions (box units)
  std::vector<Vec3> axis;            // unit direction n_i (motion, anisotropy, division)
  std::vector<double> aspect;        // aspect-ratio parameter ar_i (>= 1 for elongated cells)
  std::vector<double> volume;        // target volume v_i, a fraction of the kept domain
  std::vector<double> potential;     // Kantorovich potential f_i (warm start of the next fit)
  std::vector<std::int32_t> species; // index into the scene's species list
  std::vector<std::uint64_t> id;     // stable identity
  std::vector<double> growth_rate;   // per-cell growth factor (gamma_i), 0 when not growing
  std::vector<double> stiffness;     // per-cell multiplier of the species' cost constant C (graded stiffness), 1 by default
  // Protrusions (section 5.7, sim/protrusions.h): amplitudes a_ik >= 0 of the directions
  // theta0_i + theta_k, zeros when unused; theta0_i (radians) is the angle of the cell's
  // axis when it was added, frozen as in the reference (section 8.13).
  std::vector<std::array<double, kProtrusionDirections>> protrusion;
  std::vector<double> protrusion_angle;
  std::uint64_t next_id = 0;         // id of the next created cell

  int size() const { return static_cast<int>(x.size()); }
  double total_volume() const;

  // Appends a cell and returns its index.
  int add(const Vec3& position, const Vec3& direction, double aspect_ratio, double target_volume,
          std::int32_t species_index, double potential_value = 0.0, double growth = 0.0, double stiffness_factor = 1.0);
  // Appends a copy of cell i of `other`, keeping its id.
  void add_copy(const CellState& other, int i);
  // Removes cell i (its volume returns to the void: v_void = 1 - total_volume()).
  void remove(int i);
  // Removes every cell whose flag is set, in one pass (indices shift once).
  void remove_flagged(const std::vector<char>& flags);
  // Throws tessera::Error when the arrays disagree in length or hold non-finite values.
  void validate() const;
};

}  // namespace tessera
