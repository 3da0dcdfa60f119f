#pragma once
// Volume fitting: find potentials f such that every Laguerre cell has its target
// volume (semi-discrete optimal transport, iceshot-model.md section 3).
//
//   1. start: warm potentials from the previous frame; on a cold start, each cell's
//      isolated-cell level (the potential whose sublevel set has the target volume);
//   2. optional annealed log-domain Sinkhorn (entropic) when far from the solution;
//   3. damped Newton on the dual: the Jacobian of the pixel counts is sparse (shared
//      boundaries), solved by conjugate gradients (Eigen); L-BFGS with a line search
//      on the concave dual takes over where Newton stalls;
//   until the mean (default) or maximum relative volume error is below tolerance.
//
// Never loops forever: every stage has an iteration cap, and the result says what
// happened (converged, iterations, passes, errors, per-stage times, failure reason).
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/field_table.h"
#include "sim/ot/laguerre.h"

namespace tessera {

enum class StopCriterion { Mean, Max };
inline constexpr std::array<std::string_view, 2> kStopCriterionNames = {"mean", "max"};

enum class FitMethod { Newton, Lbfgs };
inline constexpr std::array<std::string_view, 2> kFitMethodNames = {"newton", "lbfgs"};

struct FitParams {
  double tolerance = 0.01;               // relative volume error to reach
  StopCriterion criterion = StopCriterion::Mean;
  FitMethod method = FitMethod::Newton;  // Newton falls back to L-BFGS when it stalls
  int max_newton_iterations = 60;
  int max_lbfgs_iterations = 400;
  int max_passes = 2000;                 // assignment passes in total (every stage counts)
  int lbfgs_history = 20;
  // Sinkhorn warm start: used on cold starts and when the mean error exceeds sinkhorn_above.
  bool sinkhorn = false;
  double sinkhorn_above = 0.5;           // mean relative error that triggers it on warm starts
  double sinkhorn_s0 = 2.0;              // initial scale; epsilon = s^2 in cost units (the reference's default)
  int sinkhorn_steps = 200;              // geometric schedule from s0 down to the pixel size, + 5 final steps
  AssignMethod assign_method = AssignMethod::Binned;
  double min_pixels_per_cell = 4;        // below: refuse (the target cannot be represented)
  double warn_pixels_per_cell = 100;     // below: warn (1 % accuracy needs ~100 pixels per cell)
};

FitParams default_fit_params();
// Every field of FitParams, once: files, panels, validation and tooltips read this.
const FieldTable<FitParams>& fit_fields();

struct FitResult {
  bool converged = false;
  std::string failure;       // empty when converged; else what went wrong
  std::string warning;       // e.g. too few pixels per cell for the tolerance
  int sinkhorn_iterations = 0;
  int newton_iterations = 0;
  int lbfgs_iterations = 0;
  int passes = 0;            // assignment passes (each costs one labelling of the grid)
  double mean_error = 0;     // relative volume errors over the cells at the end
  double max_error = 0;
  double init_ms = 0, sinkhorn_ms = 0, newton_ms = 0, lbfgs_ms = 0, total_ms = 0;
};

// Relative volume errors |count_i / n_kept - v_i| / v_i: {mean, max}.
std::array<double, 2> relative_volume_errors(std::span<const std::int64_t> counts, std::span<const double> targets,
                                             std::int64_t n_kept);

// Checks targets (fractions of the kept domain) and returns the targets the solver
// will use (renormalised to sum 1 without a void). Throws tessera::Error naming the
// cell and the reason: non-finite or non-positive, sum > 1 with a void, fewer than
// min_pixels_per_cell pixels.
std::vector<double> checked_targets(std::span<const double> targets, std::int64_t n_kept, bool with_void,
                                    const FitParams& params, std::string* warning);

// The cells being fitted, as last passed to engine.set_cells().
struct CellSetView {
  std::span<const Vec3> seeds;
  std::span<const CellCost> costs;
  std::span<const CellBias> biases;  // the cost biases (section 2.8): one per cell, or empty for none
};

// Fits `potentials` (in/out, length = engine.n_cells(); warm start) to `targets`.
// Cells that are empty at the start get their isolated-cell level first, so a cold
// start can pass zeros. The engine's labels hold the final assignment afterwards.
// Throws on invalid input (see checked_targets, NaN potentials); numerical trouble
// is reported in the result instead.
FitResult fit_volumes(LaguerreEngine& engine, const CellSetView& cells, std::span<const double> targets,
                      std::vector<double>& potentials, const FitParams& params);

}  // namespace tessera
