#include "sim/ot/volume_fit.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "engine/error.h"
#include "engine/profile.h"
#include "sim/ot/fit_state.h"
#include "sim/ot/lbfgs.h"
#include "sim/ot/newton.h"
#include "sim/ot/sinkhorn.h"

namespace tessera {

FitParams default_fit_params() { return FitParams{}; }

std::array<double, 2> relative_volume_errors(std::span<const std::int64_t> counts, std::span<const double> targets,
                                             std::int64_t n_kept) {
  double sum = 0, worst = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double e = std::fabs(static_cast<double>(counts[i]) / static_cast<double>(n_kept) - targets[i]) / targets[i];
    sum += e;
    worst = std::max(worst, e);
  }
  return {counts.empty() ? 0.0 : sum / static_cast<double>(counts.size()), worst};
}

std::vector<double> checked_targets(std::span<const double> targets, std::int64_t n_kept, bool with_void,
                                    const FitParams& params, std::string* warning) {
  std::vector<double> v(targets.begin(), targets.end());
  double sum = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    TESSERA_REQUIRE(std::isfinite(v[i]) && v[i] > 0,
                    "target volume of cell " + std::to_string(i) + " must be finite and > 0 (got " + std::to_string(v[i]) + ")");
    sum += v[i];
  }
  if (with_void) {
    TESSERA_REQUIRE(sum <= 1.0 + 1e-12, "the target volumes sum to " + std::to_string(sum) +
                                            " of the domain; with a void they must sum to at most 1");
  } else if (!v.empty()) {
    for (double& x : v) x /= sum;  // packed: the cells tile the domain exactly
  }
  const double smallest = v.empty() ? 0.0 : *std::min_element(v.begin(), v.end()) * static_cast<double>(n_kept);
  if (!v.empty()) {
    const auto i = std::min_element(v.begin(), v.end()) - v.begin();
    TESSERA_REQUIRE(smallest >= params.min_pixels_per_cell,
                    "cell " + std::to_string(i) + " would cover " + std::to_string(smallest) + " pixels; at least " +
                        std::to_string(params.min_pixels_per_cell) + " are needed (raise the grid resolution)");
    if (smallest < params.warn_pixels_per_cell && warning != nullptr)
      *warning = "the smallest cell covers " + std::to_string(static_cast<long long>(smallest)) +
                 " pixels; 1 % volume accuracy needs about " + std::to_string(static_cast<int>(params.warn_pixels_per_cell));
  }
  return v;
}

FitResult fit_volumes(LaguerreEngine& engine, const CellSetView& cells, std::span<const double> targets,
                      std::vector<double>& potentials, const FitParams& params) {
  const Stopwatch total;
  FitResult result;
  const int n = engine.n_cells();
  const Domain& domain = engine.domain();
  TESSERA_REQUIRE(static_cast<int>(targets.size()) == n && static_cast<int>(potentials.size()) == n &&
                      static_cast<int>(cells.seeds.size()) == n && static_cast<int>(cells.costs.size()) == n &&
                      (cells.biases.empty() || static_cast<int>(cells.biases.size()) == n),
                  "fit_volumes: seeds, costs, targets and potentials must all have one entry per cell (biases: one "
                  "per cell, or none)");
  for (int i = 0; i < n; ++i)
    TESSERA_REQUIRE(std::isfinite(potentials[i]), "potential of cell " + std::to_string(i) + " is not finite");
  const bool with_void = engine.with_void();
  const std::vector<double> v = checked_targets(targets, domain.n_kept, with_void, params, &result.warning);
  if (n == 0) {
    engine.assign(potentials, params.assign_method);
    result.converged = true;
    return result;
  }

  FitState state{engine, cells, v, potentials, params, result};
  state.evaluate();
  // Entropic warm start when far from the solution (a cold start, a large move).
  if (params.sinkhorn && with_void && state.current.errors[0] > params.sinkhorn_above) {
    const Stopwatch watch;
    SinkhornParams sp;
    sp.s0 = params.sinkhorn_s0;
    sp.steps = params.sinkhorn_steps;
    result.sinkhorn_iterations = sinkhorn_with_void(engine.exec(), domain, cells, v, potentials, sp).iterations;
    state.evaluate();
    result.sinkhorn_ms = watch.elapsed_ms();
  }
  {
    const Stopwatch watch;
    revive_empty_cells(state);
    result.init_ms = watch.elapsed_ms();
  }
  if (!state.is_converged() && params.method == FitMethod::Newton) {
    const Stopwatch watch;
    newton_stage(state);
    result.newton_ms = watch.elapsed_ms();
  }
  if (!state.is_converged()) {
    const Stopwatch watch;
    lbfgs_stage(state);
    result.lbfgs_ms = watch.elapsed_ms();
  }
  state.sync_engine();  // the engine must hold the labels of the returned potentials

  result.mean_error = state.errors[0];
  result.max_error = state.errors[1];
  result.converged = state.is_converged();
  if (!result.converged && result.failure.empty())
    result.failure = "volume error " + std::to_string(params.criterion == StopCriterion::Mean ? result.mean_error : result.max_error) +
                     " still above tolerance " + std::to_string(params.tolerance) + " after " + std::to_string(result.passes) +
                     " passes";
  result.total_ms = total.elapsed_ms();
  return result;
}

const FieldTable<FitParams>& fit_fields() {
  static const FieldTable<FitParams> table = {
      TESSERA_NUMBER_FIELD(FitParams, tolerance, "", 0, 1, kOpenBoth, "relative volume error to reach"),
      TESSERA_CHOICE_FIELD(FitParams, criterion, StopCriterion, kStopCriterionNames,
                           "which error must be below the tolerance: the mean over the cells, or every cell's"),
      TESSERA_CHOICE_FIELD(FitParams, method, FitMethod, kFitMethodNames,
                           "damped Newton with the sparse Jacobian (falls back to L-BFGS when it stalls), or L-BFGS"),
      TESSERA_INTEGER_FIELD(FitParams, max_newton_iterations, "", 0, 1e6, "cap on Newton iterations per fit"),
      TESSERA_INTEGER_FIELD(FitParams, max_lbfgs_iterations, "", 0, 1e6, "cap on L-BFGS iterations per fit"),
      TESSERA_INTEGER_FIELD(FitParams, max_passes, "", 1, 1e7, "cap on assignment passes per fit, every stage counted"),
      TESSERA_INTEGER_FIELD(FitParams, lbfgs_history, "", 1, 1000, "L-BFGS memory: gradient pairs kept"),
      TESSERA_BOOL_FIELD(FitParams, sinkhorn, "annealed Sinkhorn warm start on cold starts and large errors"),
      TESSERA_NUMBER_FIELD(FitParams, sinkhorn_above, "", 0, kUnbounded, kOpenMin,
                           "mean relative error above which a warm start uses Sinkhorn"),
      TESSERA_NUMBER_FIELD(FitParams, sinkhorn_s0, "box units", 0, kUnbounded, kOpenMin,
                           "Sinkhorn's initial scale (epsilon = s^2 in cost units)"),
      TESSERA_INTEGER_FIELD(FitParams, sinkhorn_steps, "", 1, 1e6, "Sinkhorn's annealing steps down to the pixel size"),
      TESSERA_CHOICE_FIELD(FitParams, assign_method, AssignMethod, kAssignMethodNames,
                           "labelling pass: binned by cell supports, or brute force over every cell (the reference)"),
      TESSERA_NUMBER_FIELD(FitParams, min_pixels_per_cell, "pixels", 1, kUnbounded, kClosed,
                           "smallest target a cell may have; below it the fit is refused"),
      TESSERA_NUMBER_FIELD(FitParams, warn_pixels_per_cell, "pixels", 1, kUnbounded, kClosed,
                           "below this many pixels per cell a warning says 1 % accuracy is out of reach"),
  };
  return table;
}

}  // namespace tessera
