#pragma once
// The polycrystal mode's Model. A step is one fit round: the first fits the weights from
// the heuristic start to the tolerance (damped Newton, then L-BFGS where it stalls); each
// later one is a Lloyd sweep (seeds to their grain's centroid) and a warm re-fit. There is
// no physical time. `tessera polycrystal` runs 1 + lloyd steps; `tessera run --scene-file`
// on a generator file runs --steps of them. A round that misses the tolerance is a failed
// step (its reason says by how much); its microstructure is still written.
#include <filesystem>
#include <memory>
#include <vector>

#include "engine/backend.h"
#include "scenes/model.h"
#include "scenes/polycrystal/polycrystal_file.h"
#include "sim/polycrystal/generator.h"

namespace tessera {

class PolycrystalModel : public Model {
 public:
  // Samples the grains and replays file.rounds rounds. Throws tessera::Error on bad
  // parameters (before anything is written).
  PolycrystalModel(PolycrystalFile file, const Exec& exec);

  std::string_view mode() const override { return "polycrystal"; }
  std::string title() const override;
  std::string backend() const override { return describe(m_exec); }
  int step(int substeps = 1) override;
  const StepFailure& failure() const override { return m_failure; }
  void clear_failure() override { m_failure = {}; }
  std::int64_t step_count() const override { return m_rounds; }
  double time() const override { return static_cast<double>(m_rounds); }
  double time_per_step() const override { return 0; }
  // "init", "newton", "lbfgs" of the last step() call.
  std::vector<StageTime> stage_times() const override { return m_stages; }
  void reset() override;
  void reset_with_seed(std::uint64_t seed) override;
  void save(const std::filesystem::path& path, bool overwrite) const override;
  void check_run(const RunRequest& request) const override;
  std::unique_ptr<RunOutputs> open_outputs(const RunRequest& request) override;

  polycrystal::Polycrystal& polycrystal() { return *m_polycrystal; }
  const PolycrystalFile& file() const { return m_file; }
  // The last round's fit (a default result before the first step) and the fit time so far.
  const FitResult& last_fit() const { return m_last_fit; }
  double fit_ms() const { return m_fit_ms; }

 private:
  void start();

  PolycrystalFile m_file;  // rounds = those the file asked to replay
  Exec m_exec;
  std::unique_ptr<polycrystal::Polycrystal> m_polycrystal;
  std::int64_t m_rounds = 0;
  FitResult m_last_fit;
  double m_fit_ms = 0;
  std::vector<StageTime> m_stages;
  StepFailure m_failure;
};

}  // namespace tessera
