#pragma once
// The seam every mode plugs into. A Model is one running simulation of some mode
// (particles, the SeedDrift demo, curvatubes, ...): what the window, `tessera run`,
// the benchmark, the tests and (later) Python hold. It steps, says why a step failed,
// names its own stages and their times, resets, saves itself as a file that records
// its mode, and writes its headless outputs. The window side of a mode is its
// Workbench (ui/workbench.h). No graphics.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tessera {

// Why the last step() stopped early ("" when it did not). The state is the one after
// the last completed step.
struct StepFailure {
  std::int64_t step = 0;
  std::string message;
  bool empty() const { return message.empty(); }
};

// Milliseconds spent in one named stage (the mode names its stages: "fit", "energy", ...).
struct StageTime {
  std::string name;
  double ms = 0;
};

// What `tessera run` asks of a mode's outputs (every mode reads what applies to it).
struct RunRequest {
  std::filesystem::path out;  // a fresh (prepared) folder
  bool overwrite = false;
  std::int64_t steps = 0;     // the run's length
  int every = 10;             // a frame every K steps
  int scale = 2;              // image pixels per grid point
  bool voxels = false;        // voxel grids with each frame
  bool meshes = false;        // surface meshes with each frame (3D)
  bool mp4 = false;           // a video of the frames
  std::string slice = "z";    // 3D frames: the middle slice across this axis
};

// A run's files. open() is called before the first step, after_step() after each
// step, frame() at the start, every `every` steps and after the last, close() at the
// end. Each throws tessera::Error on a write failure.
class RunOutputs {
 public:
  virtual ~RunOutputs() = default;
  virtual void after_step() {}
  virtual void frame() = 0;
  virtual void close() {}
  // One line for the log at the end ("fit 120 ms, ...").
  virtual std::string summary() const { return {}; }
};

class Model {
 public:
  virtual ~Model() = default;

  // The mode's name in files and on the command line ("particles", "seed-drift", ...).
  virtual std::string_view mode() const = 0;
  // What runs, for titles and logs ("RunTumbleDisk / n1000").
  virtual std::string title() const = 0;
  // The backend it runs on, in words.
  virtual std::string backend() const = 0;

  // Advances up to `substeps` steps; stops early and records failure() when a step
  // fails. Returns the number of steps taken.
  virtual int step(int substeps) = 0;
  virtual const StepFailure& failure() const = 0;
  virtual void clear_failure() = 0;
  virtual std::int64_t step_count() const = 0;
  // Simulation time, and simulation time per step (0 when the mode has no physical
  // time, e.g. an optimiser's iterations: the window then does not pace it).
  virtual double time() const = 0;
  virtual double time_per_step() const = 0;
  // The stages of the last step() call, in the order they run, summed over its steps.
  virtual std::vector<StageTime> stage_times() const = 0;

  // Restarts from where the model was built; with a new random seed.
  virtual void reset() = 0;
  virtual void reset_with_seed(std::uint64_t seed) = 0;
  // Writes the current state as the mode's file (it records "mode"); loading it with
  // load_model_file continues the run exactly. Refuses an existing file unless `overwrite`.
  virtual void save(const std::filesystem::path& path, bool overwrite) const = 0;

  // Refuses a request this model cannot honour (throws tessera::Error naming the flag),
  // before the output folder is made.
  virtual void check_run(const RunRequest& request) const = 0;
  // The outputs of `tessera run` for this model into request.out (already prepared).
  virtual std::unique_ptr<RunOutputs> open_outputs(const RunRequest& request) = 0;
};

}  // namespace tessera
