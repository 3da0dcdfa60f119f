#include "ui/drift_session.h"

namespace tessera {

DriftSession::DriftSession(const DriftParams& params, const Exec& exec) : m_params(params), m_exec(exec) {
  validate(m_params);
  init_drift(m_params, m_state, m_exec);
}

void DriftSession::step(int substeps) {
  m_profile.clear();
  for (int s = 0; s < substeps; ++s) step_drift(m_params, m_state, m_exec, m_profile);
}

DriftParams drift_params_from(const SimOptions& sim) {
  DriftParams params = default_drift_params();
  params.grid = make_grid_2d(sim.grid_size, sim.grid_size);
  params.n_seeds = sim.n_seeds;
  params.seed = sim.seed;
  return params;
}

DriftSession make_drift_session(const SimOptions& sim) {
  return DriftSession(drift_params_from(sim), Exec{resolve_backend(sim.backend)});
}

}  // namespace tessera
