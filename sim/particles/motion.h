#pragma once
// Motion rules of the scenes (iceshot-model.md 4.7, 4.8), as functions over the
// per-cell arrays of a CellState. Per-cell parameters come as spans holding either
// one value per cell or a single value for all cells. Random numbers are drawn from
// (seed, purpose + step, cell id), so every rule is reproducible and independent of
// the cells' order.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "engine/rng.h"
#include "engine/vec.h"
#include "sim/particles/cell_state.h"

namespace tessera {

// Separates the random streams of the rules (bits above the step counter).
enum class RandomPurpose : std::uint64_t {
  RotationalNoise = 1,
  Tumble = 2,
  TumbleDirection = 3,
  SteeringNoise = 4,
  Division = 5,
  DivisionAxis = 6,
  Insertion = 7,
  Burst = 8,            // Bubbles (sim/bubbles.h)
  Fusion = 9,
  BubbleCount = 10,
  BubblePlacement = 11,
  Protrusion = 12,      // protrusion amplitudes (sim/protrusions.h)
  InsertionCount = 13,  // sim/insertion.h, outside Bubbles
  InsertionPlacement = 14,
};
std::uint64_t random_stream(RandomPurpose purpose, std::int64_t step);

// A uniformly distributed unit vector in `dim` dimensions.
Vec3 random_unit_vector(const CounterRng& rng, std::uint64_t stream, std::uint64_t counter, int dim);

// velocity_i += v0_i * n_i (constant self-propulsion along the axis).
void add_self_propulsion(std::span<Vec3> velocity, std::span<const Vec3> axis, std::span<const double> v0);

// velocity_i += force (gravity, a constant drift; box units per time unit).
void add_body_force(std::span<Vec3> velocity, const Vec3& force);

// velocity_i += speed * (center - x_i) / (|center - x_i| + 1e-6) (TissueGrowth's centripetal drift).
void add_centripetal_drift(std::span<Vec3> velocity, std::span<const Vec3> x, const Vec3& center, double speed);

// Bubbles' vertical force profile: clamp((F_g - F_b) / (2 r) (z - surface), F_g, F_b).
double buoyancy_profile(double z, double surface, double gravity, double buoyancy, double width);

// Active Brownian rotation: n_i <- normalise(n_i + sqrt(2 D_r dt) xi).
void rotational_diffusion(CellState& cells, std::span<const double> d_r, double dt, int dim, const CounterRng& rng,
                          std::int64_t step);

// Steered noise toward `target` (Evacuation): delta = unit(target - x_i) dt + sqrt(2 D dt) xi,
// n_i <- normalise(n_i + delta - <n_i, delta> n_i).
void steer_toward(CellState& cells, const Vec3& target, std::span<const double> noise, double dt, int dim,
                  const CounterRng& rng, std::int64_t step);

// Run-and-tumble: with probability 1 - exp(-rate_i dt) per step, n_i becomes a uniform
// random direction. Returns the number of tumbles.
int run_and_tumble(CellState& cells, std::span<const double> rate, double dt, int dim, const CounterRng& rng,
                   std::int64_t step);

// Linear growth: v_i <- min(v_max, v_i + growth_rate_i * rate * dt).
void grow_volumes(CellState& cells, double rate, double v_max, double dt);

struct DivisionParams {
  double offset = 0.02;            // daughters sit at x -+ offset/2 along the axis (box units)
  double growth_min = 0.5;         // the second daughter draws a fresh growth factor in [min, max]
  double growth_max = 2.0;
};

// Divides every flagged cell along its axis (section 4.8): daughters at x -+ offset/2 n,
// each with half the volume and the parent's potential, new random axes and ar = 1;
// the first daughter keeps the parent's index and growth factor, the second is inserted
// right after it with a fresh factor. Total volume is conserved. Returns the count.
int divide_cells(CellState& cells, const std::vector<char>& flags, const DivisionParams& params, int dim,
                 const CounterRng& rng, std::int64_t step);

// Flags the cells whose seed satisfies `predicate` (e.g. an exit region).
std::vector<char> flag_cells(const CellState& cells, const std::function<bool(const Vec3&)>& predicate);

}  // namespace tessera
