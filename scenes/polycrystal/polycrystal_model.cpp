#include "scenes/polycrystal/polycrystal_model.h"

#include <nlohmann/json.hpp>

#include "engine/error.h"
#include "engine/file_output.h"
#include "engine/log.h"
#include "engine/profile.h"
#include "scenes/polycrystal/exports.h"

namespace tessera {

PolycrystalModel::PolycrystalModel(PolycrystalFile file, const Exec& exec) : m_file(std::move(file)), m_exec(exec) {
  start();
}

void PolycrystalModel::start() {
  m_polycrystal = std::make_unique<polycrystal::Polycrystal>(m_file.params, m_exec);
  m_rounds = 0;
  m_fit_ms = 0;
  m_last_fit = {};
  // A saved state continues by replaying its rounds (each is a pure function of the last).
  while (m_rounds < m_file.rounds) step(1);
  m_failure = {};
}

std::string PolycrystalModel::title() const {
  const polycrystal::PolycrystalParams& p = m_file.params;
  const Grid& g = m_polycrystal->grid();
  return "polycrystal " + std::to_string(p.grains) + " grains " + std::to_string(p.dim) + "D " +
         std::to_string(g.n[0]) + "^" + std::to_string(p.dim) + (p.periodic ? " periodic" : "");
}

int PolycrystalModel::step(int substeps) {
  m_failure = {};
  m_stages = {{"init", 0}, {"newton", 0}, {"lbfgs", 0}};
  int done = 0;
  for (; done < substeps; ++done) {
    const Stopwatch watch;
    m_last_fit = m_rounds == 0 ? m_polycrystal->fit() : m_polycrystal->lloyd_sweep();
    m_fit_ms += watch.elapsed_ms();
    m_stages[0].ms += m_last_fit.init_ms;
    m_stages[1].ms += m_last_fit.newton_ms;
    m_stages[2].ms += m_last_fit.lbfgs_ms;
    ++m_rounds;
    if (!m_last_fit.converged) {
      m_failure = {m_rounds - 1, "the fit missed the tolerance: " + m_last_fit.failure};
      ++done;
      break;
    }
  }
  return done;
}

void PolycrystalModel::reset() { reset_with_seed(m_file.params.seed); }

void PolycrystalModel::reset_with_seed(std::uint64_t seed) {
  m_file.params.seed = seed;
  m_file.rounds = 0;
  start();
}

void PolycrystalModel::save(const std::filesystem::path& path, bool overwrite) const {
  PolycrystalFile out = m_file;
  out.rounds = m_rounds;
  save_polycrystal_file(path, out, overwrite);
}

void PolycrystalModel::check_run(const RunRequest& request) const {
  TESSERA_REQUIRE(!request.mp4, "--mp4 applies to particle scenes");
  TESSERA_REQUIRE(!request.meshes, "--meshes applies to particle and curvatubes runs (grain surfaces are not written yet)");
}

namespace {

// Writes the microstructure once, at the end (grains.vti, material.yaml, grains.csv,
// labels.raw/.json, fit.json, polycrystal.json); frames only log the round's errors.
class PolycrystalOutputs : public RunOutputs {
 public:
  PolycrystalOutputs(PolycrystalModel& model, const RunRequest& request) : m_model(model), m_request(request) {}

  void frame() override {
    if (m_model.step_count() == 0) return;
    const FitResult& f = m_model.last_fit();
    log::info("polycrystal: round {}: {} Newton + {} L-BFGS iterations, {} passes, max volume error {:.4f}",
              m_model.step_count(), f.newton_iterations, f.lbfgs_iterations, f.passes, f.max_error);
  }

  void close() override {
    polycrystal::Polycrystal& pc = m_model.polycrystal();
    const polycrystal::PolycrystalStats stats = polycrystal::measure(pc);
    const std::filesystem::path& out = m_request.out;
    const bool ow = m_request.overwrite;
    write_damask_vti(out / "grains.vti", pc, ow);
    write_material_yaml(out / "material.yaml", pc, ow);
    write_grains_csv(out / "grains.csv", pc, stats, ow);
    write_labels_raw(out / "labels.raw", pc, ow);
    const nlohmann::json summary =
        fit_summary(pc, m_model.last_fit(), stats, static_cast<int>(m_model.step_count()), m_model.fit_ms());
    PartFile file(out / "fit.json", ow);
    file.write(summary.dump(2) + "\n");
    file.commit();
    m_model.save(out / "polycrystal.json", ow);
    m_summary = std::to_string(pc.n_grains()) + " grains, max volume error " +
                std::to_string(stats.max_abs_error) + ", " + std::to_string(stats.n_empty) + " empty, " +
                std::to_string(stats.n_disconnected) + " disconnected, fit " +
                std::to_string(static_cast<long long>(m_model.fit_ms())) + " ms";
  }

  std::string summary() const override { return m_summary; }

 private:
  PolycrystalModel& m_model;
  RunRequest m_request;
  std::string m_summary;
};

}  // namespace

std::unique_ptr<RunOutputs> PolycrystalModel::open_outputs(const RunRequest& request) {
  return std::make_unique<PolycrystalOutputs>(*this, request);
}

}  // namespace tessera
