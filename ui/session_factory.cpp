#include "ui/session_factory.h"

namespace tessera {

DriftParams drift_params_from(const SimOptions& sim) {
  DriftParams params = default_drift_params();
  params.grid = make_grid_2d(sim.grid_size, sim.grid_size);
  params.n_seeds = sim.n_seeds;
  params.seed = sim.seed;
  return params;
}

Session make_session(const SimOptions& sim) {
  const Exec exec{resolve_backend(sim.backend)};
  return Session(drift_params_from(sim), exec);
}

}  // namespace tessera
