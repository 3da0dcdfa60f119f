#include "sim/ot/fit_state.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/ot/isolated_level.h"

namespace tessera {

FitState::FitState(LaguerreEngine& engine_, const CellSetView& cells_, const std::vector<double>& targets_,
                   std::vector<double>& potentials_, const FitParams& params_, FitResult& result_)
    : engine(engine_), cells(cells_), targets(targets_), potentials(potentials_), params(params_), result(result_) {}

bool FitState::is_converged() const {
  // A cell without pixels is lost, whatever the mean error says.
  const double e = params.criterion == StopCriterion::Mean ? current.errors[0] : current.errors[1];
  return e < params.tolerance && current.n_empty == 0;
}

Evaluation FitState::evaluate_at(const std::vector<double>& f) {
  const AssignStats& stats = engine.assign(f, params.assign_method);
  ++result.passes;
  evaluated_potentials = f;
  Evaluation e;
  e.potentials = f;
  e.counts = stats.counts;
  e.min_sum = stats.min_sum;
  e.errors = relative_volume_errors(e.counts, targets, engine.domain().n_kept);
  for (std::size_t i = 0; i < e.counts.size(); ++i) {
    e.residual_l1 += std::fabs(static_cast<double>(e.counts[i]) - target_pixels(static_cast<int>(i)));
    if (e.counts[i] == 0) ++e.n_empty;
  }
  return e;
}

void FitState::evaluate() { current = evaluate_at(potentials); }

void FitState::accept(Evaluation&& e) {
  potentials = e.potentials;
  current = std::move(e);
}

void FitState::sync_engine() {
  if (evaluated_potentials != potentials) current = evaluate_at(potentials);
}

double FitState::dual(const Evaluation& e) const {
  double linear = 0;
  for (std::size_t i = 0; i < targets.size(); ++i) linear += targets[i] * e.potentials[i];
  return linear + e.min_sum / n_kept();
}

void revive_empty_cells(FitState& state) {
  const Domain& domain = state.engine.domain();
  const Grid& grid = domain.grid;
  const int n = state.engine.n_cells();
  for (int round = 0; round < 3 && state.current.n_empty > 0 && !state.out_of_passes(); ++round) {
    std::vector<int> empty;
    std::vector<double> pixels(n);
    for (int i = 0; i < n; ++i) {
      pixels[i] = std::max(1.0, state.target_pixels(i));
      if (state.current.counts[i] == 0) empty.push_back(i);
    }
    std::vector<double> levels, split(n);
    isolated_levels(domain, state.cells.seeds, state.cells.costs, state.cells.biases, pixels, empty, levels);
    for (int i : empty) {
      // Best competing value m at the seed (the void offers 0). With f_i = -m the
      // cell ties its strongest competitor at its own seed ("split"); with
      // f_i = level - m it owns its isolated-level region there.
      double best = state.engine.with_void() ? 0.0 : HUGE_VAL;
      for (int j = 0; j < n; ++j) {
        if (j == i || state.current.counts[j] == 0) continue;
        Vec3 xj = grid.wrap_position(state.cells.seeds[j]);
        if (grid.dim == 2) xj.z = 0;
        const Vec3 z = grid.wrap_displacement(state.cells.seeds[i] - xj);
        const CellBias* bias = state.cells.biases.empty() ? nullptr : &state.cells.biases[j];
        best = std::min(best, solver_cost_value(state.cells.costs[j], bias, xj, z, grid.dim) - state.potentials[j]);
      }
      split[i] = std::isfinite(best) ? -best : 0.0;  // every cell empty and no void: the plain levels
    }
    // The full boost can swallow a neighbour whose seed nearly coincides: back off
    // toward the split until the number of empty cells drops.
    bool improved = false;
    for (const double boost : {1.0, 0.5, 0.2, 0.0}) {
      std::vector<double> f = state.potentials;
      for (int i : empty) f[i] = split[i] + boost * levels[i];
      Evaluation e = state.evaluate_at(f);
      if (e.n_empty < state.current.n_empty) {
        state.accept(std::move(e));
        improved = true;
        break;
      }
      if (state.out_of_passes()) break;
    }
    if (!improved) return;
  }
}

}  // namespace tessera
