#include "ui/cli/run.h"

#include <string>

#include "engine/error.h"
#include "engine/log.h"
#include "engine/output_dir.h"
#include "scenes/modes.h"
#include "ui/cli/progress.h"

namespace tessera {

namespace {

// The model the flags describe: a file (any mode's), a scene, or the SeedDrift demo.
std::unique_ptr<Model> model_of(const CommonOptions& common, const RunOptions& run, const Exec& exec) {
  if (!run.scene_file.empty()) return load_model_file(run.scene_file, exec);
  ModelRequest request;
  request.seed = common.seed;
  if (!run.scene.empty()) {
    request.entry = run.scene;
    request.preset = run.preset;
    request.resolution = run.scene_resolution;
    return require_mode("particles").open(request, exec);
  }
  request.resolution = common.grid_size;
  request.count = common.n_seeds;
  return require_mode("seed-drift").open(request, exec);
}

}  // namespace

int run_model_headless(const CommonOptions& common, const RunOptions& run) {
  // Every check that can fail on bad input comes before the output folder is made.
  TESSERA_REQUIRE(run.scene.empty() || run.scene_file.empty(), "give either --scene NAME or --scene-file FILE");
  TESSERA_REQUIRE(run.scene_file.empty() || run.scene_resolution == 0,
                  "--resolution applies to --scene; a scene file sets its own grid");
  TESSERA_REQUIRE(run.scene_file.empty() || run.preset.empty(),
                  "--preset applies to --scene; a scene file names its own preset");
  TESSERA_REQUIRE(!run.scene.empty() || !run.scene_file.empty() || (run.preset.empty() && run.scene_resolution == 0),
                  "--preset and --resolution apply to --scene (the SeedDrift demo takes --seeds and --size)");
  RunRequest request;
  request.out = run.out;
  request.overwrite = run.overwrite;
  request.steps = run.steps;
  request.every = run.every;
  request.scale = run.scale;
  request.voxels = run.voxels;
  request.meshes = run.meshes;
  request.mp4 = run.mp4;
  request.slice = run.slice;
  const Exec exec{resolve_backend(common.backend)};
  std::unique_ptr<Model> model = model_of(common, run, exec);
  return run_model(*model, request);
}

int run_model(Model& model, const RunRequest& request) {
  model.check_run(request);
  prepare_output_dir(request.out, request.overwrite);
  log::info("run: {} ({} mode), {} steps on {}, output in {}", model.title(), model.mode(), request.steps,
            model.backend(), request.out.string());

  std::unique_ptr<RunOutputs> outputs = model.open_outputs(request);
  outputs->frame();
  ProgressBar progress(request.steps);
  for (std::int64_t s = 1; s <= request.steps; ++s) {
    model.step(1);
    // The window pauses on a failed step and shows why; a batch run writes what it has
    // (the state after the last good step) and stops with the reason.
    if (!model.failure().empty()) {
      progress.finish();
      try {
        outputs->close();
      } catch (const std::exception& e) {
        log::warn("run: the outputs of the last good step could not be written: {}", e.what());
      }
      throw_error("step " + std::to_string(model.failure().step + 1) + " failed: " + model.failure().message +
                  "; the outputs of the last good step are in " + request.out.string());
    }
    outputs->after_step();
    if (s % request.every == 0 || s == request.steps) outputs->frame();
    progress.update(s);
  }
  progress.finish();
  outputs->close();
  const std::string summary = outputs->summary();
  log::info("done: {} steps{}{}", request.steps, summary.empty() ? "" : "; ", summary);
  return 0;
}

}  // namespace tessera
