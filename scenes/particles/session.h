#pragma once
// A running scene: the scene file it started from, the Simulation, the backend, the
// per-stage profile of the last steps and a short history of the solver's numbers.
// The window and the headless runner both advance it through step(), the one frame
// function. Every edit (parameters, cells, reset, another scene) happens between
// steps: the app applies its intents at one sync point (ui/intents.h), never during
// a step. No graphics.
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "engine/backend.h"
#include "engine/profile.h"
#include "scenes/model.h"
#include "scenes/particles/scene.h"
#include "scenes/particles/scene_file.h"
#include "sim/particles/simulation.h"

namespace tessera {

// One step's numbers, for the solver plots.
struct StepRecord {
  std::int64_t step = 0;
  double mean_error = 0, max_error = 0;  // relative volume errors of the step's fit
  int newton = 0, lbfgs = 0, passes = 0;  // solver iterations and assignment passes
  bool converged = true;
  Profile profile;                        // ms per stage of that step
};

// The last `capacity` records, oldest first.
class StepHistory {
 public:
  explicit StepHistory(std::size_t capacity = 300) : m_capacity(capacity) {}
  void push(const StepRecord& record);
  void clear() { m_records.clear(); }
  const std::deque<StepRecord>& records() const { return m_records; }
  std::size_t capacity() const { return m_capacity; }

 private:
  std::size_t m_capacity;
  std::deque<StepRecord> m_records;
};

// The particle mode's Model: a reference scene or scene file, running.
class Session : public Model {
 public:
  // Builds (and relaxes, when the file has no cells) the scene the file describes.
  // Throws tessera::Error on bad input.
  Session(SceneFile file, const Exec& exec);
  // The registry scene `name` with `options` (resolution, seed, preset).
  static Session of_scene(std::string_view name, const SceneOptions& options, const Exec& exec);

  // Advances up to `substeps` steps (the scene's script, then the frame). Stops early
  // and records failure() when a fit fails outright (a failure reason, not only a missed
  // tolerance) or the frame throws. profile() holds the summed stage times of the call.
  // Returns the number of steps taken.
  int step(int substeps = 1) override;

  // Restarts from the scene file the session was built from.
  void reset() override;
  // Restarts with another random seed (initial placement and every stochastic rule).
  void reset_with_seed(std::uint64_t seed) override;
  // The current state as a scene file: loading it continues the run exactly.
  SceneFile snapshot() const;

  // Between steps only. New parameters take effect on the next step (the labels are
  // re-fitted now, so the view shows their effect at once). Throws tessera::Error and
  // keeps the old parameters when the new ones are invalid.
  void set_params(const SimParams& params);
  // Cell edits, each followed by a fit. add_cell gives the new cell the mean target
  // volume of its species (or of all cells) and returns its index; when the volumes
  // would exceed the domain, the cell is refused (tessera::Error).
  int add_cell(const Vec3& position, int species);
  void remove_cell(int index);
  void move_cell(int index, const Vec3& position);
  // Multiplies the target volumes of one species' cells by `factor` (> 0); refused when
  // the cells would exceed the domain.
  void scale_species_volume(int species, double factor);
  // Sets the aspect-ratio parameter ar (>= 1) of one species' cells.
  void set_species_aspect(int species, double aspect);
  // Paints a wall (or erases one) into the domain: cells whose seed ends up inside a
  // wall are removed, the others keep their absolute volume. The stroke becomes part of
  // the scene (snapshot, reset). Refused when no pixel would remain or the cells would
  // no longer fit.
  void paint_wall(const WallStroke& stroke);
  // The cell whose label covers `position` (box units), or -1 (void, outside, off-grid).
  int cell_at(const Vec3& position);

  const SceneDef& scene() const { return *m_scene; }
  const SceneFile& source() const { return m_source; }
  const Exec& exec() const { return m_exec; }
  Simulation& sim() { return *m_sim; }
  const Simulation& sim() const { return *m_sim; }
  const Grid& grid() const { return m_sim->domain().grid; }
  std::int64_t step_count() const override { return m_sim->step_count(); }
  double time() const override { return m_sim->time(); }
  const Profile& profile() const { return m_profile; }
  const StepHistory& history() const { return m_history; }
  const StepFailure& failure() const override { return m_failure; }
  void clear_failure() override { m_failure = {}; }

  // Model: "particles"; the scene and preset; the backend; dt; the stages dynamics, fit,
  // correct; the state as a scene file; cells.csv, solver.jsonl, frames, grids, meshes.
  std::string_view mode() const override { return "particles"; }
  std::string title() const override;
  std::string backend() const override;
  double time_per_step() const override;
  std::vector<StageTime> stage_times() const override;
  void save(const std::filesystem::path& path, bool overwrite) const override;
  void check_run(const RunRequest& request) const override;
  std::unique_ptr<RunOutputs> open_outputs(const RunRequest& request) override;

 private:
  void rebuild();
  // Fits after a cell edit; when the fit refuses the edited state, restores `before` and rethrows.
  void refit_after_edit(const CellState& before);

  SceneFile m_source;
  const SceneDef* m_scene = nullptr;
  Exec m_exec;
  std::unique_ptr<Simulation> m_sim;
  Profile m_profile;
  StepHistory m_history;
  StepFailure m_failure;
};

}  // namespace tessera
