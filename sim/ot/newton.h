#pragma once
// Damped Newton on the semi-discrete dual (Kitagawa, Merigot and Thibert, "Convergence
// of a Newton algorithm for semi-discrete optimal transport", JEMS 2019): solve
// J delta = target - counts with the sparse count Jacobian J (conjugate gradients,
// Eigen), then halve the step until the L1 volume residual drops by the factor
// (1 - alpha / 2) without emptying a cell.
#include "sim/ot/fit_state.h"

namespace tessera {

// Runs until converged, out of iterations or passes, or stalled (no acceptable step);
// records iterations in state.result.
void newton_stage(FitState& state);

}  // namespace tessera
