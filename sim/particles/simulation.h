#pragma once
// The particle frame (docs/ARCHITECTURE.md): one time step of a population of Laguerre cells.
//
//   fit      : re-fit the volumes at the current seeds, warm-started from the last potentials
//   correct  : incompressibility force F_inc (section 4.1) or a barycentric move (4.2)
//   tension  : 2D junction or 3D interface forces (optional, sim/tension/)
//   dynamics : self-propulsion, body force, rotational noise, tumbles, steering,
//              protrusions (4.7)
//   move     : x += velocity * dt (wrapped on periodic axes)
//   shape    : axis (and 3D aspect ratio) from each cell's second moments (4.3)
//   events   : bubbles burst, fuse and appear; growth and division; cells whose seed reached
//              the exit region are removed (4.8)
//
// Parameters stay constant during a step; the state holds everything that changes.
// Optional rules (tension, growth, bubbles, insertion, steering, the exit) are
// std::optional parameters, empty when off; protrusions and chemotaxis are the cost bias; a scene's own script (scenes/particles/scene.h) runs before the frame.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/backend.h"
#include "engine/field_table.h"
#include "engine/profile.h"
#include "sim/particles/bubbles.h"
#include "sim/particles/cell_shape.h"
#include "sim/particles/cell_state.h"
#include "sim/ot/cost.h"
#include "sim/ot/domain.h"
#include "sim/particles/insertion.h"
#include "sim/labels/label_mesh.h"
#include "sim/ot/laguerre.h"
#include "sim/particles/protrusions.h"
#include "sim/tension/surface_tension_2d.h"
#include "sim/tension/surface_tension_3d.h"
#include "sim/ot/volume_fit.h"

namespace tessera {

// The box [min, max] of an exit: cells whose seed enters it leave (their volume returns to the void).
struct ExitRegion {
  Vec3 min{}, max{};
};

struct SpeciesParams {
  std::string name = "cells";
  CostSpec cost;                      // cost family and energy (p, C, R, b, ...); the axis and ar come from the state
  double tau = 0;                     // correction gain: velocity per unit OT gradient (Force), or rate of the
                                      // relaxation toward the barycentre, velocity tau (b_i - x_i) (Barycentric)
  double tau_radius_exponent = 0;     // per-cell gain tau_i = tau / R_i^k, R_i the radius of the cell's target volume
  double cost_radius_exponent = 0;    // per-cell cost constant C_i = C stiffness_i / R_i^k (R_i as above, so it
                                      // follows volume changes); 3D surface tension uses k = 1 (section 4.6.6)
  double v0 = 0;                      // self-propulsion speed along the axis (box units per time unit)
  double rotational_diffusion = 0;    // D_r (1 / time unit)
  double tumble_rate = 0;             // run-and-tumble rate lambda (1 / time unit)
  double steering_noise = 0;          // D of the steered noise, when the simulation has a steering target
  bool axis_from_shape = false;       // re-read the axis from the cell's shape each step
  bool aspect_from_shape = false;     // 3D: re-read ar from the shape as well
  double aspect_min = 1.0, aspect_max = 4.0;  // clamp of the 3D aspect update
  std::array<std::uint8_t, 3> color{31, 119, 180};  // sRGB colour of the species in views and exports
};

// Every number and switch of SpeciesParams, once (the name, the cost and the colour are
// read beside it: cost_fields() for the cost).
const FieldTable<SpeciesParams>& species_fields();

enum class Correction { Force, Barycentric };
inline constexpr std::array<std::string_view, 2> kCorrectionNames = {"force", "barycentric"};

// How the incompressibility force enters the Euler step (Correction::Force).
//   Explicit:     x += dt F_i, the reference's step.
//   SemiImplicit: F_i is exactly a spring lambda_i (b_i - x_i) toward the cost-weighted
//                 barycentre b_i (radial costs; lambda_i = tau_i CellMoments::cost_stiffness).
//                 Integrating that spring implicitly (b_i, lambda_i frozen over the step)
//                 gives x += dt F_i / (1 + dt lambda_i): the explicit step where
//                 dt lambda_i << 1, and a move that stops short of b_i where the cell is
//                 stiff. The explicit step jumps (dt lambda_i - 1) |b_i - x_i| past b_i and is
//                 unstable for dt lambda_i > 2 (hard spheres squeezed by a wall: FallingStuff).
//                 Consistent (same limit as dt -> 0); the price is a force scaled down by
//                 1 / (1 + dt lambda_i) while a cell stays stiff. With ForceSum::Contacts the
//                 force differs from the spring by the free-shape sum, which moves rigidly
//                 with the seed: lambda_i is still its stiffness at fixed cells.
enum class CorrectionStep { Explicit, SemiImplicit };
inline constexpr std::array<std::string_view, 2> kCorrectionStepNames = {"explicit", "semi_implicit"};

// Which lattice sum the incompressibility force takes (Correction::Force; sim/free_shape.h).
//   Cell:     -tau sum over the cell's pixels of G / P, the reference's.
//   Contacts: the same minus the lattice sum over the cell's free shape {c_i <= f_i}, which
//             is zero in the continuum: only what walls and neighbours take from the free
//             shape pushes the seed, and the grid no longer pushes isolated cells around.
//             Needs unbiased costs (a biased free shape is not symmetric about the seed).
enum class ForceSum { Cell, Contacts };
inline constexpr std::array<std::string_view, 2> kForceSumNames = {"cell", "contacts"};

// Growth and division (TissueGrowth, section 4.8): v_i grows by growth_rate_i * speed per
// time unit up to SimParams::mature_volume; above divide_above * mature_volume a cell
// divides with rate division_rate along its axis, daughters division_offset apart, while
// the population is below SimParams::max_cells.
struct GrowthParams {
  double speed = 0;
  double divide_above = 0.8;
  double division_rate = 0;
  double division_offset = 0;
};
const FieldTable<GrowthParams>& growth_fields();

// 2D surface tension (section 4.5): interface and triple-junction forces from a symmetric
// tension table over types {0 = medium, 1 + species index}, (n_species + 1)^2 row-major values.
struct SurfaceTensionRule {
  std::vector<double> tensions;
  SurfaceTensionParams forces;  // gains and band widths: surface_tension_fields()
};

struct SimParams {
  bool with_void = true;               // a medium takes the pixels no cell claims
  std::vector<SpeciesParams> species;  // at least one
  FitParams fit;
  double dt = 0.002;                   // time step
  std::uint64_t seed = 1;              // random seed of every stochastic rule
  Correction correction = Correction::Force;
  Barycenter barycenter = Barycenter::Plain;
  double correction_gain = 1.0;        // multiplies the correction (RunTumbleDisk: 0.2)
  CorrectionStep correction_step = CorrectionStep::Explicit;
  ForceSum force_sum = ForceSum::Cell;
  Vec3 gravity{};                      // constant body force on every seed
  std::optional<Vec3> steer_target;    // steer every axis toward this point (Evacuation); off when empty
  std::optional<ExitRegion> exit;      // remove the cells whose seed enters this box; off when empty
  double center_drift = 0;             // speed of a drift of every seed toward drift_center (TissueGrowth)
  Vec3 drift_center{0.5, 0.5, 0.5};
  // Growth and division (GrowthParams), off when empty. The sizes stay beside the rule: a
  // scene script that grows cells its own way keeps them here (TissueGrowth_3D's zoom
  // shrinks mature_volume), and scene files carry them in the growth block either way.
  std::optional<GrowthParams> growth;
  double mature_volume = 0;            // volume fraction a cell grows to
  int max_cells = 0;                   // no division at this population
  std::optional<SurfaceTensionRule> surface_tension;  // 2D (section 4.5); off when empty
  // 3D surface tension (section 4.6), off when empty: each step the interface mesh of the
  // fitted labels gives F_att (curvature, positional and wall terms) plus the per-aggregate
  // momentum correction F_corr, added to the velocity. The tables are over {medium, wall,
  // 1 + species index} (n_cell_types = number of species). Needs a walled 3D grid.
  std::optional<SurfaceTension3DParams> surface_tension_3d;
  // The interface mesh of the labels: 3D tension's and the exported label meshes'.
  LabelMeshParams mesh;
  // Bubbles (section 5.13): buoyancy profile, wall spreading, seed clamp, bursting,
  // fusion and insertion (sim/bubbles.h).
  std::optional<BubbleParams> bubbles;  // off when empty
  // Insertion of new cells (sim/insertion.h), after the other events: FallingStuff's
  // feeding of the funnel (section 5.15). Bubbles insert through their own parameters.
  std::optional<InsertionParams> insertion;  // off when empty
  // Cost bias (section 2.8): the solver fits c_i B_i, the forces keep the unbiased
  // gradient. Chemotaxis (5.2) biases every cell toward the attractant `chemotaxis`;
  // Protrusions (5.7, 2D) reads each cell's amplitudes and angle from the state and runs
  // the rules of sim/protrusions.h: amplitude noise before the fit, wall retraction and
  // the protrusion force after it, decay after the move.
  CostBias bias = CostBias::None;
  ChemotaxisSpec chemotaxis;
  ProtrusionParams protrusions;
};

SimParams default_sim_params();

// The top-level scalars of SimParams (the scene file's root keys: void, dt, the correction
// options, center_drift). The seed is read beside them: a 64-bit integer is not exact in
// a field's double. Vectors (gravity, drift_center, ...) and the rules have their own blocks.
const FieldTable<SimParams>& sim_fields();
// The growth block's sizes (mature_volume, max_cells), read beside growth_fields().
const FieldTable<SimParams>& growth_limit_fields();

// Counters the UI and the runner show; the frame never throws on numerical trouble.
struct SimStats {
  FitResult last_fit;
  std::int64_t fit_failures = 0;       // steps whose fit did not reach the tolerance
  int last_tumbles = 0;
  std::int64_t removed = 0;            // cells removed through the exit so far
  std::int64_t divisions = 0;          // divisions so far
  std::int64_t inserted = 0;           // cells (bubbles) inserted, burst and fused away so far
  std::int64_t burst = 0;
  std::int64_t fused = 0;
  double burst_volume = 0;             // volume fraction returned to the medium by bursting
  std::int64_t insertions_blocked = 0; // insertion points skipped because a seed was too close
  // Largest dt lambda_i of the last step (lambda_i = tau_i cost_stiffness_i, Correction::Force):
  // above 2 the explicit step of that cell's force is unstable (see CorrectionStep).
  double max_correction_stiffness = 0;
};

class Simulation {
 public:
  // `cells` is the initial state (positions, axes, volumes, species). Throws
  // tessera::Error on inconsistent input (unknown species, bad volumes, ...).
  Simulation(const Exec& exec, Domain domain, SimParams params, CellState cells);

  // Solves the current configuration without moving anything (initial fit, or after
  // the caller changed the state between steps).
  const FitResult& fit();
  // One time step; `profile` receives the stage times.
  void step(Profile& profile);

  const SimParams& params() const { return m_params; }
  const Domain& domain() const { return m_domain; }
  const CellState& cells() const { return m_cells; }
  // Between steps only (the sync point): the caller may edit cells or parameters.
  CellState& mutable_cells() { return m_cells; }
  void set_params(const SimParams& params);
  const SimStats& stats() const { return m_stats; }
  std::int64_t step_count() const { return m_step; }
  // Continues a saved run: the step counter drives the random streams.
  void restore_step_count(std::int64_t step) { m_step = step; }
  // Continues a saved run's counters (removed, divisions, insertions, ...).
  void restore_counters(const SimStats& counters);
  double time() const { return static_cast<double>(m_step) * m_params.dt; }
  // Labels of the last fit (kVoidLabel / kOutsideLabel elsewhere).
  const std::vector<std::int32_t>& labels() { return m_engine.labels(); }
  // True when the last fit's labels describe the current cells (no cell was added or
  // removed after the fit, as events do): then label i is cell i.
  bool labels_match_cells() const { return m_engine.has_labels() && m_engine.n_cells() == m_cells.size(); }
  // The same labels in CUDA device memory, for the renderer's CUDA-GL copy (no host
  // download): nullptr on the CPU backend and before the first fit. Valid until the next
  // fit() or step() (see LaguerreEngine::device_labels); the device of cuda_device_info().
  const std::int32_t* device_labels() const { return m_engine.device_labels(); }
  LaguerreEngine& engine() { return m_engine; }

 private:
  void validate() const;
  void rebuild_costs();
  std::vector<double> per_cell(double SpeciesParams::*field) const;

  Exec m_exec;
  Domain m_domain;
  SimParams m_params;
  CellState m_cells;
  LaguerreEngine m_engine;
  std::vector<CellCost> m_costs;
  std::vector<CellBias> m_biases;  // one per cell when params().bias is set, else empty
  SimStats m_stats;
  std::int64_t m_step = 0;
};

}  // namespace tessera
