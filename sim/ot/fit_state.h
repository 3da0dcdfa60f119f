#pragma once
// Shared state of the volume-fitting stages (volume_fit.cpp orchestrates them;
// newton.cpp and lbfgs.cpp implement them). Internal to sim/.
#include <array>
#include <cstdint>
#include <vector>

#include "sim/ot/volume_fit.h"

namespace tessera {

// One assignment pass at some potentials, with what the stages need from it.
struct Evaluation {
  std::vector<double> potentials;
  std::vector<std::int64_t> counts;
  double min_sum = 0;                  // pixel part of the dual (cost units, summed over pixels)
  std::array<double, 2> errors{};      // mean, max relative volume error
  double residual_l1 = 0;              // sum_i |count_i - target_i| (pixels)
  int n_empty = 0;                     // cells with no pixel
};

struct FitState {
  FitState(LaguerreEngine& engine, const CellSetView& cells, const std::vector<double>& targets,
           std::vector<double>& potentials, const FitParams& params, FitResult& result);

  LaguerreEngine& engine;
  const CellSetView& cells;
  const std::vector<double>& targets;  // fractions of the kept domain
  std::vector<double>& potentials;     // the accepted iterate (the caller's vector)
  const FitParams& params;
  FitResult& result;

  Evaluation current;                       // evaluation of `potentials`
  std::vector<double> evaluated_potentials; // potentials of the engine's last assignment
  std::array<double, 2>& errors = current.errors;

  double n_kept() const { return static_cast<double>(engine.domain().n_kept); }
  double target_pixels(int i) const { return targets[i] * n_kept(); }
  bool out_of_passes() const { return result.passes >= params.max_passes; }
  bool is_converged() const;

  // One pass at `f` (does not change the accepted iterate).
  Evaluation evaluate_at(const std::vector<double>& f);
  // Evaluates the accepted iterate.
  void evaluate();
  void accept(Evaluation&& e);
  // Makes the engine's labels those of the accepted iterate (a pass if needed).
  void sync_engine();
  // The concave dual (section 3.1) in volume-fraction units: sum_i v_i f_i + min_sum / P.
  double dual(const Evaluation& e) const;
};

// Gives every empty cell the level at which it would hold its target alone, raised
// by the best competing value at its seed, so that it owns a neighbourhood again.
void revive_empty_cells(FitState& state);

}  // namespace tessera
