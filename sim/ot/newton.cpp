#include "sim/ot/newton.h"

#include <Eigen/IterativeLinearSolvers>
#include <Eigen/SparseCore>

#include <algorithm>
#include <cmath>
#include <vector>

namespace tessera {

namespace {

constexpr int kMaxHalvings = 8;  // smallest step 1/256

// Solves J delta = rhs. Rows without interface (empty cells) are pinned (delta = 0).
// Without a void J is singular (adding a constant to every potential changes
// nothing); a tiny diagonal shift keeps CG well posed on the consistent system.
bool solve_newton_system(const CountJacobian& jac, const std::vector<double>& rhs, std::vector<double>& delta) {
  const int n = static_cast<int>(rhs.size());
  std::vector<Eigen::Triplet<double>> triplets;
  triplets.reserve(jac.values.size() + n);
  double max_diag = 0;
  std::vector<double> diag(n, 0.0);
  for (int i = 0; i < n; ++i)
    for (std::int64_t k = jac.row_start[i]; k < jac.row_start[i + 1]; ++k) {
      if (jac.cols[k] == i) diag[i] += jac.values[k];
      else triplets.emplace_back(i, jac.cols[k], jac.values[k]);
    }
  for (double d : diag) max_diag = std::max(max_diag, d);
  if (!(max_diag > 0)) return false;
  Eigen::VectorXd b(n);
  for (int i = 0; i < n; ++i) {
    const bool pinned = !(diag[i] > 0);
    triplets.emplace_back(i, i, pinned ? max_diag : diag[i] + 1e-10 * max_diag);
    b[i] = pinned ? 0.0 : rhs[i];
  }
  Eigen::SparseMatrix<double> matrix(n, n);
  matrix.setFromTriplets(triplets.begin(), triplets.end());
  Eigen::ConjugateGradient<Eigen::SparseMatrix<double>, Eigen::Lower | Eigen::Upper> cg;
  cg.setTolerance(1e-8);
  cg.setMaxIterations(std::max(200, 4 * n));
  cg.compute(matrix);
  const Eigen::VectorXd x = cg.solve(b);
  if (cg.info() != Eigen::Success && cg.error() > 1e-3) return false;
  delta.assign(x.data(), x.data() + n);
  return std::all_of(delta.begin(), delta.end(), [](double v) { return std::isfinite(v); });
}

}  // namespace

void newton_stage(FitState& state) {
  const int n = state.engine.n_cells();
  std::vector<double> rhs(n), delta, trial(n);
  while (!state.is_converged() && state.result.newton_iterations < state.params.max_newton_iterations &&
         !state.out_of_passes()) {
    state.sync_engine();
    const CountJacobian jac = state.engine.count_jacobian(state.potentials);
    for (int i = 0; i < n; ++i) rhs[i] = state.target_pixels(i) - static_cast<double>(state.current.counts[i]);
    if (!solve_newton_system(jac, rhs, delta)) return;  // L-BFGS takes over
    ++state.result.newton_iterations;

    bool accepted = false;
    double alpha = 1.0;
    for (int h = 0; h <= kMaxHalvings && !state.out_of_passes(); ++h, alpha *= 0.5) {
      for (int i = 0; i < n; ++i) trial[i] = state.potentials[i] + alpha * delta[i];
      Evaluation e = state.evaluate_at(trial);
      const bool decreased = e.residual_l1 <= (1.0 - 0.5 * alpha) * state.current.residual_l1;
      // A step that reaches the tolerance is taken even inside the pixelisation noise.
      const double e_stop = state.params.criterion == StopCriterion::Mean ? e.errors[0] : e.errors[1];
      const bool done = e_stop < state.params.tolerance && e.n_empty == 0;
      if ((decreased || done) && e.n_empty <= state.current.n_empty) {
        state.accept(std::move(e));
        accepted = true;
        break;
      }
    }
    if (!accepted) return;  // stalled: pixelisation noise or a bad Jacobian; L-BFGS takes over
  }
}

}  // namespace tessera
