#pragma once
// The SeedDrift demo as a small running session (seeds take random steps, pixels take
// the nearest seed's label): `tessera run` without a scene, and the render tests'
// reference pictures. The reference scenes run through tessera::Session (scenes/session.h).
#include <cstdint>
#include <span>
#include <vector>

#include "engine/backend.h"
#include "engine/grid.h"
#include "engine/profile.h"
#include "sim/drifting_seeds.h"
#include "ui/cli.h"

namespace tessera {

class DriftSession {
 public:
  DriftSession(const DriftParams& params, const Exec& exec);

  // Advances `substeps` time steps. The profile holds the times of the last call.
  void step(int substeps = 1);

  const DriftParams& params() const { return m_params; }
  const Exec& exec() const { return m_exec; }
  const Grid& grid() const { return m_params.grid; }
  const std::vector<std::int32_t>& labels() const { return m_state.labels.host(); }
  std::span<const Vec3> seeds() const { return m_state.seeds.host(); }
  std::int64_t step_count() const { return m_state.step; }
  const Profile& profile() const { return m_profile; }

 private:
  DriftParams m_params;
  Exec m_exec;
  DriftState m_state;
  Profile m_profile;
};

// The demo the command line asks for (grid size, seed count, random seed, backend).
DriftParams drift_params_from(const SimOptions& sim);
DriftSession make_drift_session(const SimOptions& sim);

}  // namespace tessera
