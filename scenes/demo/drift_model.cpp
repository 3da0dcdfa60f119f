#include "scenes/demo/drift_model.h"

#include <nlohmann/json.hpp>


#include "engine/error.h"
#include "engine/label_image.h"
#include "engine/output_dir.h"
#include "scenes/common/json_file.h"
#include "scenes/common/json_node.h"

namespace tessera {

namespace {

class DriftOutputs : public RunOutputs {
 public:
  DriftOutputs(const DriftModel& model, const RunRequest& request) : m_model(model), m_request(request) {}
  void frame() override {
    LabelImageStyle style;
    style.scale = m_request.scale;
    const Image image = render_labels(m_model.grid(), m_model.labels(), m_model.seeds(), style);
    write_png(m_request.out / numbered_file("frame", m_model.step_count(), "png"), image);
  }

 private:
  const DriftModel& m_model;
  RunRequest m_request;
};

}  // namespace

DriftParams drift_params(int n_seeds, int grid_size, std::uint64_t seed) {
  DriftParams params = default_drift_params();
  params.grid = make_grid_2d(grid_size, grid_size);
  params.n_seeds = n_seeds;
  params.seed = seed;
  return params;
}

DriftModel::DriftModel(const DriftParams& params, const Exec& exec) : m_params(params), m_exec(exec) {
  validate(m_params);
  init_drift(m_params, m_state, m_exec);
}

int DriftModel::step(int substeps) {
  m_profile.clear();
  for (int s = 0; s < substeps; ++s) step_drift(m_params, m_state, m_exec, m_profile);
  return substeps;
}

std::vector<StageTime> DriftModel::stage_times() const {
  return {{"move", m_profile[Stage::Dynamics]}, {"label", m_profile[Stage::Fit]}};
}

void DriftModel::reset() { init_drift(m_params, m_state, m_exec); }

void DriftModel::reset_with_seed(std::uint64_t seed) {
  m_params.seed = seed;
  reset();
}

void DriftModel::save(const std::filesystem::path& path, bool overwrite) const {
  nlohmann::json seeds = nlohmann::json::array();
  for (const Vec3& x : m_state.seeds.host()) seeds.push_back({x.x, x.y});
  const nlohmann::json file = {{"mode", "seed-drift"},
                               {"grid", m_params.grid.n[0]},
                               {"seeds", m_params.n_seeds},
                               {"speed", m_params.speed},
                               {"dt", m_params.dt},
                               {"seed", m_params.seed},
                               {"step", m_state.step},
                               {"created", m_state.n_created},
                               {"positions", seeds}};
  write_json_file(path, file, overwrite);
}

std::unique_ptr<DriftModel> DriftModel::load(const std::filesystem::path& path, const Exec& exec) {
  return from_json(read_json_file(path), path.string(), exec);
}

std::unique_ptr<DriftModel> DriftModel::from_json(const nlohmann::json& doc, const std::string& source, const Exec& exec) {
  const JsonNode root(doc, "", source);
  root.only({"mode", "grid", "seeds", "speed", "dt", "seed", "step", "created", "positions"});
  const int size = static_cast<int>(root["grid"].integer());
  TESSERA_REQUIRE(size >= 8 && size <= 8192, source + ": key 'grid': must be 8 to 8192 grid points (got " +
                                                 std::to_string(size) + ")");
  DriftParams params = drift_params(static_cast<int>(root["seeds"].integer()), size,
                                    static_cast<std::uint64_t>(root["seed"].integer()));
  params.speed = root.number("speed", params.speed);
  params.dt = root.number("dt", params.dt);
  auto model = std::make_unique<DriftModel>(params, exec);
  if (root.has("positions")) {
    const JsonNode positions = root["positions"];
    TESSERA_REQUIRE(static_cast<int>(positions.size()) == params.n_seeds,
                    source + ": key 'positions': " + std::to_string(positions.size()) + " positions for " +
                        std::to_string(params.n_seeds) + " seeds");
    auto& seeds = model->m_state.seeds.host();
    for (std::size_t s = 0; s < seeds.size(); ++s) seeds[s] = params.grid.wrap_position(positions.at(s).vec3());
    model->m_state.step = root.integer("step", 0);
    model->m_state.n_created = static_cast<std::uint64_t>(root.integer("created", params.n_seeds));
    // The labels of the saved seeds.
    resize_drift(model->m_params, model->m_state, exec);
  }
  return model;
}

void DriftModel::check_run(const RunRequest& request) const {
  TESSERA_REQUIRE(!request.voxels && !request.meshes && !request.mp4,
                  "the SeedDrift demo writes PNG frames only (--voxels, --meshes and --mp4 need --scene)");
}

std::unique_ptr<RunOutputs> DriftModel::open_outputs(const RunRequest& request) {
  return std::make_unique<DriftOutputs>(*this, request);
}

}  // namespace tessera
