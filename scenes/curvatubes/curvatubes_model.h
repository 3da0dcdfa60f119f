#pragma once
// The curvatubes mode's Model: one phase-field texture grown by the generator
// (sim/curvatubes/generator.h) from noise or a given field. A step is one optimiser
// iteration (energy + gradient + Adam update); there is no physical time, so the window
// does not pace it. Parameters can change between iterations (live steering): the
// optimiser's variable and moments are kept.
#include <filesystem>
#include <memory>
#include <vector>

#include "engine/backend.h"
#include "scenes/curvatubes/curvatubes_file.h"
#include "scenes/model.h"
#include "sim/curvatubes/generator.h"

namespace tessera {

class CurvatubesModel : public Model {
 public:
  // Builds the generator, starts from the file's initial field (or noise from the seed)
  // and replays file.iterations iterations. Throws tessera::Error on bad input.
  CurvatubesModel(CurvatubesFile file, const Exec& exec);

  std::string_view mode() const override { return "curvatubes"; }
  std::string title() const override;
  std::string backend() const override { return describe(m_exec); }
  const Exec& exec() const { return m_exec; }
  // Iterations; a NaN energy or a failed viability test stops with the reason (the last
  // finite field stays).
  int step(int substeps = 1) override;
  const StepFailure& failure() const override { return m_failure; }
  void clear_failure() override { m_failure = {}; }
  std::int64_t step_count() const override { return m_generator->step(); }
  double time() const override { return static_cast<double>(m_generator->step()); }
  double time_per_step() const override { return 0; }
  // "field" (divergence + blur), "energy" (density and adjoints), "gather", "blur back",
  // "adam", "stats".
  std::vector<StageTime> stage_times() const override { return m_stages; }
  // Starts over from noise (or the initial field) with the parameters in force, unsteered.
  void reset() override;
  void reset_with_seed(std::uint64_t seed) override;
  void save(const std::filesystem::path& path, bool overwrite) const override;
  void check_run(const RunRequest& request) const override;
  std::unique_ptr<RunOutputs> open_outputs(const RunRequest& request) override;

  // Live steering: the next iterations use `params` (the window's sliders); recorded in
  // the file so that a saved state replays it. Throws tessera::Error for a parameter
  // steering cannot change (the grid, h, the flow, the boundary, the seed) or a bad value.
  void steer(const curvatubes::CurvatubesParams& params);

  // The start's parameters and the steering so far (params() holds those in force).
  const CurvatubesFile& file() const { return m_file; }
  const curvatubes::CurvatubesParams& params() const { return m_generator->params(); }
  curvatubes::Generator<float>& generator() { return *m_generator; }
  const curvatubes::Generator<float>& generator() const { return *m_generator; }
  // u of the last finite evaluation, Z*X*Y values (sim/curvatubes/params.h order).
  std::vector<float> field() const;
  // Iterations at which `tessera curvatubes --snapshots` writes the field.
  std::vector<std::int64_t> snapshots;

 private:
  void start();

  CurvatubesFile m_file;
  Exec m_exec;
  std::unique_ptr<curvatubes::Generator<float>> m_generator;
  std::vector<StageTime> m_stages;
  StepFailure m_failure;
};

// The initial field of a run from a file: .npy of shape (Z, X, Y) (L2, averm0) or
// (3, Z, X, Y) (cons), or a .nii / .nii.gz (Z, X, Y) field. Throws naming the file.
std::vector<float> read_initial_field(const std::filesystem::path& path, const curvatubes::CurvatubesParams& params);

}  // namespace tessera
