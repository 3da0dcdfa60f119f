#pragma once
// L-BFGS on the concave dual of section 3.1 (minimising -D), with the explicit
// gradient count_i / P - v_i and a backtracking (Armijo) line search. Nocedal and
// Wright, Numerical Optimization, algorithm 7.4 (two-loop recursion).
#include "sim/ot/fit_state.h"

namespace tessera {

// Runs until converged, out of iterations or passes, or the line search fails;
// records iterations (and a failure reason when it gives up) in state.result.
void lbfgs_stage(FitState& state);

}  // namespace tessera
