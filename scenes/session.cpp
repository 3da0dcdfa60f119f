#include "scenes/session.h"

namespace tessera {

Session::Session(const DriftParams& params, const Exec& exec) : m_params(params), m_exec(exec) {
  init_drift(m_params, m_state, m_exec);
}

void Session::step(int substeps) {
  m_profile.clear();
  for (int s = 0; s < substeps; ++s) step_drift(m_params, m_state, m_exec, m_profile);
}

void Session::set_seed_count(int n_seeds) {
  DriftParams next = m_params;
  next.n_seeds = n_seeds;
  validate(next);
  m_params = next;
  resize_drift(m_params, m_state, m_exec);
}

void Session::reset() { init_drift(m_params, m_state, m_exec); }

}  // namespace tessera
