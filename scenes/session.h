#pragma once
// A running simulation: constant parameters, mutable state, the backend and the
// per-stage profile. The window and the headless runner both advance it through
// step(), the one frame function. Changes requested by the UI are applied between
// steps by the caller (see ui/intents.h), never during one.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/backend.h"
#include "engine/grid.h"
#include "engine/profile.h"
#include "sim/drifting_seeds.h"

namespace tessera {

class Session {
 public:
  Session(const DriftParams& params, const Exec& exec);

  // Advances `substeps` time steps. The profile holds the times of the last call.
  void step(int substeps = 1);
  // Changes the seed count (keeps existing seeds). Call between steps only.
  void set_seed_count(int n_seeds);
  // Restarts from the initial state with the current parameters.
  void reset();

  const DriftParams& params() const { return m_params; }
  const Exec& exec() const { return m_exec; }
  const Grid& grid() const { return m_params.grid; }
  const std::vector<std::int32_t>& labels() const { return m_state.labels.host(); }
  std::span<const Vec3> seeds() const { return m_state.seeds.host(); }
  std::int64_t step_count() const { return m_state.step; }
  const Profile& profile() const { return m_profile; }
  double time() const { return static_cast<double>(m_state.step) * m_params.dt; }

 private:
  DriftParams m_params;
  Exec m_exec;
  DriftState m_state;
  Profile m_profile;
};

}  // namespace tessera
