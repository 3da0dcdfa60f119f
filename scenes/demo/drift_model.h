#pragma once
// The SeedDrift demo as a Model (seeds take random steps, pixels take the nearest
// seed's label): `tessera run` without a scene, and the render tests' reference
// pictures. Its file (mode "seed-drift") holds the parameters, the step and every seed,
// so a saved demo continues exactly.
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/backend.h"
#include "engine/grid.h"
#include "engine/profile.h"
#include "scenes/model.h"
#include "sim/demo/drifting_seeds.h"

namespace tessera {

class DriftModel : public Model {
 public:
  DriftModel(const DriftParams& params, const Exec& exec);
  // A file written by save(); throws tessera::Error naming the file and the key.
  static std::unique_ptr<DriftModel> load(const std::filesystem::path& path, const Exec& exec);
  // The same from a parsed file; `source` names it in messages.
  static std::unique_ptr<DriftModel> from_json(const nlohmann::json& doc, const std::string& source, const Exec& exec);

  std::string_view mode() const override { return "seed-drift"; }
  std::string title() const override { return "SeedDrift"; }
  std::string backend() const override { return describe(m_exec); }
  int step(int substeps = 1) override;
  const StepFailure& failure() const override { return m_failure; }
  void clear_failure() override { m_failure = {}; }
  std::int64_t step_count() const override { return m_state.step; }
  double time() const override { return static_cast<double>(m_state.step) * m_params.dt; }
  double time_per_step() const override { return m_params.dt; }
  // "move" (the random steps) and "label" (the nearest-seed pass).
  std::vector<StageTime> stage_times() const override;
  void reset() override;
  void reset_with_seed(std::uint64_t seed) override;
  void save(const std::filesystem::path& path, bool overwrite) const override;
  void check_run(const RunRequest& request) const override;
  // PNG frames (frame_*.png) every K steps.
  std::unique_ptr<RunOutputs> open_outputs(const RunRequest& request) override;

  const DriftParams& params() const { return m_params; }
  const Exec& exec() const { return m_exec; }
  const Grid& grid() const { return m_params.grid; }
  const std::vector<std::int32_t>& labels() const { return m_state.labels.host(); }
  std::span<const Vec3> seeds() const { return m_state.seeds.host(); }

 private:
  DriftParams m_params;
  Exec m_exec;
  DriftState m_state;
  Profile m_profile;
  StepFailure m_failure;
};

// The demo a seed count, a square grid size and a random seed describe.
DriftParams drift_params(int n_seeds, int grid_size, std::uint64_t seed);

}  // namespace tessera
