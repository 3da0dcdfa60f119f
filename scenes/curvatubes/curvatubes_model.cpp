#include "scenes/curvatubes/curvatubes_model.h"

#include "engine/error.h"
#include "engine/nifti_io.h"
#include "engine/npy_io.h"
#include "scenes/curvatubes/run_outputs.h"

namespace tessera {

using curvatubes::CurvatubesParams;
using curvatubes::Flow;

std::vector<float> read_initial_field(const std::filesystem::path& path, const CurvatubesParams& p) {
  const std::int64_t n = p.size();
  const bool cons = p.flow == Flow::Cons;
  const std::string ext = path.extension().string();
  const std::string name = path.filename().string();
  auto shape_text = [](const std::vector<std::int64_t>& s) {
    std::string out = "(";
    for (std::size_t k = 0; k < s.size(); ++k) out += (k ? ", " : "") + std::to_string(s[k]);
    return out + ")";
  };
  if (ext == ".npy") {
    const NpyArray a = read_npy(path);
    const std::vector<std::int64_t> want = cons ? std::vector<std::int64_t>{3, p.nz, p.nx, p.ny}
                                                : std::vector<std::int64_t>{p.nz, p.nx, p.ny};
    TESSERA_REQUIRE(a.shape == want, "--init " + path.string() + ": shape " + shape_text(a.shape) + ", expected " +
                                         shape_text(want) + (cons ? " (the vector field A of the cons flow)" : " (u0)"));
    return a.to_float32();
  }
  if (ext == ".nii" || (ext == ".gz" && name.size() > 7 && name.substr(name.size() - 7) == ".nii.gz")) {
    TESSERA_REQUIRE(!cons, "--init " + path.string() + ": the cons flow starts from a vector field A (3, Z, X, Y): give a .npy");
    int shape[3] = {0, 0, 0};
    std::vector<float> u = read_nifti_zxy(path, shape);
    TESSERA_REQUIRE(shape[0] == p.nz && shape[1] == p.nx && shape[2] == p.ny,
                    "--init " + path.string() + ": shape (" + std::to_string(shape[0]) + ", " + std::to_string(shape[1]) +
                        ", " + std::to_string(shape[2]) + "), expected the run's (Z, X, Y)");
    TESSERA_REQUIRE(static_cast<std::int64_t>(u.size()) == n, "--init " + path.string() + ": wrong number of values");
    return u;
  }
  throw_error("--init " + path.string() + ": expected a .npy, .nii or .nii.gz file");
}

CurvatubesModel::CurvatubesModel(CurvatubesFile file, const Exec& exec) : m_file(std::move(file)), m_exec(exec) {
  start();
}

void CurvatubesModel::start() {
  curvatubes::validate(m_file.params);
  m_generator = std::make_unique<curvatubes::Generator<float>>(m_exec, m_file.params);
  if (m_file.init.empty()) {
    m_generator->init_noise();
  } else {
    const std::vector<float> init = read_initial_field(m_file.init, m_file.params);
    if (m_file.params.flow == Flow::Cons)
      m_generator->init_from_potential(init);
    else
      m_generator->init_from_field(init);
  }
  m_generator->evaluate();  // the field and energy of the start, before any iteration
  m_failure = {};
  m_stages.clear();
  // A saved state continues by replaying its iterations and its steering (the run is a
  // pure function of the parameters, the seed, the initial field and the steering).
  const std::vector<SteeringEvent> events = std::move(m_file.steering);
  m_file.steering.clear();
  std::size_t next = 0;
  while (m_generator->step() < m_file.iterations && m_generator->status() == curvatubes::GeneratorStatus::Running) {
    if (next < events.size() && events[next].iteration == m_generator->step()) {
      steer(events[next++].params);
      continue;
    }
    std::int64_t until = next < events.size() ? events[next].iteration : m_file.iterations;
    until = std::min(until, m_generator->step() + 1000);
    const int chunk = static_cast<int>(until - m_generator->step());
    if (m_generator->iterate(chunk) < chunk) break;  // not viable: the run stops where the original stopped
  }
  while (next < events.size() && events[next].iteration == m_generator->step()) steer(events[next++].params);
}

void CurvatubesModel::steer(const curvatubes::CurvatubesParams& params) {
  m_generator->set_params(params);
  const std::int64_t at = m_generator->step();
  // Several changes before one iteration are one event: the last one holds.
  if (!m_file.steering.empty() && m_file.steering.back().iteration == at)
    m_file.steering.back().params = params;
  else
    m_file.steering.push_back({at, params});
  if (m_generator->status() != curvatubes::GeneratorStatus::Diverged) m_generator->evaluate();  // the field shows the change at once
}

std::string CurvatubesModel::title() const {
  const CurvatubesParams& p = m_generator->params();
  const std::string what = m_file.strip ? "strip " + curvatubes::strip_text(*m_file.strip)
                           : m_file.preset.empty() ? std::string("(custom coefficients)")
                                                   : m_file.preset;
  return "curvatubes " + what + " " +
         std::to_string(p.nz) + "x" + std::to_string(p.nx) + "x" + std::to_string(p.ny);
}

int CurvatubesModel::step(int substeps) {
  m_failure = {};
  const curvatubes::GeneratorTiming before = m_generator->timing();
  int done = 0;
  try {
    done = m_generator->iterate(substeps);
  } catch (const std::exception& e) {
    m_failure = {m_generator->step(), std::string(e.what()) + " (the last finite field is kept)"};
  }
  if (m_failure.empty() && m_generator->status() == curvatubes::GeneratorStatus::NotViable) {
    const auto& checks = m_generator->viability_checks();
    const std::string at = checks.empty() ? "" : " at evaluation " + std::to_string(checks.back().n_evals);
    m_failure = {m_generator->step(), "the texture is not viable" + at +
                                          " (one phase vanished, or the discrepancy is above 0.75)"};
  }
  const curvatubes::GeneratorTiming& t = m_generator->timing();
  m_stages = {{"field", t.build_u_ms - before.build_u_ms},  {"energy", t.forward_ms - before.forward_ms},
              {"gather", t.gather_ms - before.gather_ms},   {"blur back", t.backward_ms - before.backward_ms},
              {"adam", t.adam_ms - before.adam_ms},         {"stats", t.stats_ms - before.stats_ms}};
  return done;
}

void CurvatubesModel::reset() { reset_with_seed(m_generator->params().seed); }

void CurvatubesModel::reset_with_seed(std::uint64_t seed) {
  // Start over with the parameters in force (a steered run's last ones), unsteered.
  m_file.params = m_generator->params();
  m_file.params.seed = seed;
  m_file.iterations = 0;
  m_file.steering.clear();
  start();
}

void CurvatubesModel::save(const std::filesystem::path& path, bool overwrite) const {
  CurvatubesFile out = m_file;  // the start's parameters; the steering events carry the rest
  out.iterations = m_generator->step();
  if (!out.init.empty()) out.init = std::filesystem::absolute(out.init);
  save_curvatubes_file(path, out, overwrite);
}

std::vector<float> CurvatubesModel::field() const {
  return const_cast<curvatubes::Generator<float>&>(*m_generator).field();
}

void CurvatubesModel::check_run(const RunRequest& request) const {
  TESSERA_REQUIRE(!request.mp4, "--mp4 applies to particle scenes");
}

std::unique_ptr<RunOutputs> CurvatubesModel::open_outputs(const RunRequest& request) {
  return open_curvatubes_outputs(*this, request);
}

}  // namespace tessera
