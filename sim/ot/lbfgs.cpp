#include "sim/ot/lbfgs.h"

#include <cmath>
#include <deque>
#include <numeric>
#include <vector>

namespace tessera {

namespace {

constexpr int kMaxLineSearch = 30;
constexpr double kArmijo = 1e-4;
// Below the pixelisation floor the dual still creeps up but the volume error stops
// improving: give up after this many iterations without a 1 % better error.
constexpr int kStallIterations = 150;

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  return std::inner_product(a.begin(), a.end(), b.begin(), 0.0);
}

// Gradient of -D in volume fractions: measured minus target.
std::vector<double> gradient(const FitState& state, const Evaluation& e) {
  std::vector<double> g(e.counts.size());
  for (std::size_t i = 0; i < g.size(); ++i)
    g[i] = static_cast<double>(e.counts[i]) / state.n_kept() - state.targets[i];
  return g;
}

struct Pair {
  std::vector<double> s, y;
  double rho;
};

// d = -H g by the two-loop recursion, with H0 = gamma I.
std::vector<double> direction(const std::deque<Pair>& history, const std::vector<double>& g) {
  std::vector<double> q = g;
  std::vector<double> alpha(history.size());
  for (int k = static_cast<int>(history.size()) - 1; k >= 0; --k) {
    alpha[k] = history[k].rho * dot(history[k].s, q);
    for (std::size_t i = 0; i < q.size(); ++i) q[i] -= alpha[k] * history[k].y[i];
  }
  // Scale of the first step: the reference's learning rate 1 (fractions -> cost units).
  const double gamma = history.empty() ? 1.0 : dot(history.back().s, history.back().y) / dot(history.back().y, history.back().y);
  for (double& v : q) v *= gamma;
  for (std::size_t k = 0; k < history.size(); ++k) {
    const double beta = history[k].rho * dot(history[k].y, q);
    for (std::size_t i = 0; i < q.size(); ++i) q[i] += (alpha[k] - beta) * history[k].s[i];
  }
  for (double& v : q) v = -v;
  return q;
}

}  // namespace

void lbfgs_stage(FitState& state) {
  const std::size_t n = state.potentials.size();
  state.sync_engine();
  std::deque<Pair> history;
  std::vector<double> g = gradient(state, state.current);
  double phi = -state.dual(state.current);
  std::vector<double> trial(n);
  const auto stop_error = [&] {
    return state.params.criterion == StopCriterion::Mean ? state.current.errors[0] : state.current.errors[1];
  };
  double best_error = stop_error();
  int since_best = 0;
  while (!state.is_converged() && state.result.lbfgs_iterations < state.params.max_lbfgs_iterations &&
         !state.out_of_passes()) {
    std::vector<double> d = direction(history, g);
    double slope = dot(g, d);
    if (!(slope < 0)) {  // not a descent direction: restart from steepest descent
      history.clear();
      d = direction(history, g);
      slope = dot(g, d);
      if (!(slope < 0)) return;
    }
    ++state.result.lbfgs_iterations;
    double step = 1.0;
    bool accepted = false;
    for (int ls = 0; ls < kMaxLineSearch && !state.out_of_passes(); ++ls, step *= 0.5) {
      for (std::size_t i = 0; i < n; ++i) trial[i] = state.potentials[i] + step * d[i];
      Evaluation e = state.evaluate_at(trial);
      const double trial_phi = -state.dual(e);
      // Armijo ascent of the dual, and no cell may be emptied on the way.
      if (trial_phi <= phi + kArmijo * step * slope && e.n_empty <= state.current.n_empty) {
        std::vector<double> g_new = gradient(state, e);
        Pair pair{std::vector<double>(n), std::vector<double>(n), 0.0};
        for (std::size_t i = 0; i < n; ++i) {
          pair.s[i] = step * d[i];
          pair.y[i] = g_new[i] - g[i];
        }
        const double sy = dot(pair.s, pair.y);
        if (sy > 1e-16 * std::sqrt(dot(pair.s, pair.s) * dot(pair.y, pair.y)) && sy > 0) {  // keep H positive definite
          pair.rho = 1.0 / sy;
          history.push_back(std::move(pair));
          if (static_cast<int>(history.size()) > state.params.lbfgs_history) history.pop_front();
        }
        g = std::move(g_new);
        phi = trial_phi;
        state.accept(std::move(e));
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      if (state.result.failure.empty()) state.result.failure = "L-BFGS line search found no ascent of the dual";
      return;
    }
    if (stop_error() < 0.99 * best_error) {
      best_error = stop_error();
      since_best = 0;
    } else if (++since_best >= kStallIterations) {
      state.result.failure = "L-BFGS stalled at volume error " + std::to_string(stop_error()) +
                             " (the grid may be too coarse for this tolerance)";
      return;
    }
  }
}

}  // namespace tessera
