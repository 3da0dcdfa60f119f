#include "ui/workbenches.h"

#include "engine/error.h"
#include "scenes/modes.h"
#include "ui/curvatubes/workbench.h"
#include "ui/demo/drift_workbench.h"
#include "ui/particles/workbench.h"

namespace tessera {

namespace {
constexpr const char* kDefaultScene = "RunTumbleDisk";

std::unique_ptr<Model> open_scene(std::string_view name, const std::string& preset, int resolution, std::uint64_t seed,
                                  const Exec& exec) {
  ModelRequest request;
  request.entry = std::string(name);
  request.preset = preset;
  request.resolution = resolution;
  request.seed = seed;
  return require_mode("particles").open(request, exec);
}
}  // namespace

const std::vector<WorkbenchDef>& workbench_registry() {
  static const std::vector<WorkbenchDef> benches = {
      {"particles", "incompressible deformable cells: the reference scenes", make_particle_workbench},
      {"curvatubes", "tubular and membranous 3D textures grown by phase-field curvature flows",
       make_curvatubes_workbench},
      {"seed-drift", "the walking-skeleton demo: drifting seeds, nearest-seed labels", make_drift_workbench},
  };
  return benches;
}

std::unique_ptr<Model> initial_model(const CommonOptions& common, const AppOptions& options, StartUp& start) {
  const Exec exec{resolve_backend(common.backend)};
  if (!options.scene_file.empty()) {
    start.scene_file = options.scene_file;
    return load_model_file(options.scene_file, exec);
  }
  if (!options.scene.empty()) return open_scene(options.scene, options.preset, options.resolution, common.seed, exec);
  const AppSettings& s = start.settings;
  if (!s.scene_name.empty() || !s.scene_file.empty()) {
    try {
      if (!s.scene_file.empty()) {
        auto model = load_model_file(s.scene_file, exec);
        start.scene_file = s.scene_file;
        return model;
      }
      return open_scene(s.scene_name, s.preset, s.resolution, common.seed, exec);
    } catch (const std::exception& e) {
      start.warnings.push_back(std::string("the last scene could not be opened (") + e.what() + "); opening " +
                               kDefaultScene);
    }
  }
  return open_scene(kDefaultScene, "", 0, common.seed, exec);
}

std::unique_ptr<Workbench> make_workbench(std::unique_ptr<Model> model, const StartUp& start, ShellState& shell) {
  for (const WorkbenchDef& def : workbench_registry())
    if (def.mode == model->mode()) return def.make(std::move(model), start, shell);
  throw_error("the window cannot show the " + std::string(model->mode()) + " mode yet (use `tessera run`)");
}

}  // namespace tessera
