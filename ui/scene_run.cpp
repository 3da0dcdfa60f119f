#include "ui/scene_run.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <utility>

#include "engine/error.h"
#include "engine/label_image.h"
#include "engine/log.h"
#include "engine/mesh_io.h"
#include "engine/output_dir.h"
#include "engine/table_io.h"
#include "engine/video_writer.h"
#include "engine/voxel_io.h"
#include "scenes/scene.h"
#include "scenes/scene_file.h"
#include "scenes/session.h"
#include "sim/label_mesh.h"
#include "ui/cell_colors.h"
#include "ui/cell_table.h"
#include "ui/progress.h"

namespace tessera {

namespace {

// The interface mesh for printing and viewing: the label mesh orients every triangle
// from its lower label into the higher one, so on a cell's medium and wall faces the
// normal points into the cell; those are flipped to point out of it. A face between two
// cells has no outside and keeps its orientation (out of the lower-index cell).
TriangleMesh outward_mesh(const LabelMesh& mesh) {
  TriangleMesh out{mesh.vertices, mesh.triangles};
  for (std::size_t t = 0; t < out.triangles.size(); ++t)
    if (mesh.triangle_labels[t][0] < 0) std::swap(out.triangles[t][1], out.triangles[t][2]);
  return out;
}

nlohmann::json fit_record(const Simulation& sim, const Profile& profile) {
  const FitResult& r = sim.stats().last_fit;
  return {{"step", sim.step_count()},          {"time", sim.time()},
          {"cells", sim.cells().size()},       {"converged", r.converged},
          {"mean_error", r.mean_error},        {"max_error", r.max_error},
          {"passes", r.passes},                {"newton", r.newton_iterations},
          {"lbfgs", r.lbfgs_iterations},       {"sinkhorn", r.sinkhorn_iterations},
          {"fit_ms", profile[Stage::Fit]},     {"correct_ms", profile[Stage::Correct]},
          {"dynamics_ms", profile[Stage::Dynamics]}, {"failure", r.failure},
          {"max_dt_lambda", sim.stats().max_correction_stiffness}};
}

}  // namespace

int run_scene_headless(const SimOptions& sim_options, const RunOptions& run) {
  // Every check that can fail on bad input comes before the first step.
  TESSERA_REQUIRE(run.scene.empty() != run.scene_file.empty(), "give either --scene NAME or --scene-file FILE");
  TESSERA_REQUIRE(run.scene_file.empty() || run.scene_resolution == 0,
                  "--resolution applies to --scene; a scene file sets its own grid");
  TESSERA_REQUIRE(run.scene_file.empty() || run.preset.empty(),
                  "--preset applies to --scene; a scene file names its own preset");
  TESSERA_REQUIRE(!run.mp4 || ffmpeg_available(), "--mp4: ffmpeg was not found on PATH (install ffmpeg, or drop --mp4)");
  SceneFile file;
  if (!run.scene_file.empty()) {
    file = load_scene_file(run.scene_file);
  } else {
    SceneOptions options;
    options.resolution = run.scene_resolution;
    options.seed = sim_options.seed;
    options.preset = run.preset;
    file = scene_file_of(require_scene(run.scene), options);
  }
  const Grid& file_grid = file.grid;
  TESSERA_REQUIRE(!run.meshes || (file_grid.dim == 3 && !file_grid.periodic[0] && !file_grid.periodic[1] &&
                                  !file_grid.periodic[2]),
                  "--meshes needs a 3D scene with walls on every side (" + file.scene + " is not one)");
  const SceneDef& scene = require_scene(file.scene);
  const Exec exec{resolve_backend(sim_options.backend)};
  prepare_output_dir(run.out, run.overwrite);
  log::info("run: scene {} ({}), {} steps on {}, output in {}", scene.name, scene.description, run.steps,
            describe(exec), run.out.string());
  Session session(file, exec);
  Simulation& sim = session.sim();
  const Grid& grid = sim.domain().grid;
  log::info("run: {} cells on a {}x{}{} grid; first fit: mean error {:.4f}", sim.cells().size(), grid.n[0], grid.n[1],
            grid.dim == 3 ? "x" + std::to_string(grid.n[2]) : std::string(), sim.stats().last_fit.mean_error);
  if (!sim.stats().last_fit.warning.empty()) log::warn("run: {}", sim.stats().last_fit.warning);
  // The scene file of this run's starting state: `tessera run --scene-file` on it reproduces the run.
  save_scene_file(run.out / "scene.json", snapshot(file, sim), run.overwrite);

  CsvWriter cells_csv(run.out / "cells.csv", cell_table_columns(), run.overwrite);
  JsonLinesWriter solver_log(run.out / "solver.jsonl", run.overwrite);
  std::optional<VideoWriter> video;
  if (run.mp4) video.emplace(run.out / "video.mp4", 30.0, run.overwrite);
  LabelImageStyle style;
  style.scale = run.scale;
  style.slice_axis = run.slice == "x" ? 0 : (run.slice == "y" ? 1 : 2);
  std::vector<Rgb8> colors;
  auto export_frame = [&]() {
    // Cells in their species' colour, each shaded a little by its id.
    colors = cell_colors(sim, ColorMode::Species).colors;
    style.cell_colors = colors;
    const Image image = render_labels(grid, sim.labels(), sim.cells().x, style);
    write_png(run.out / numbered_file("frame", sim.step_count(), "png"), image);
    if (video) video->add_frame(image);
    if (run.voxels)
      write_vti(run.out / numbered_file("labels", sim.step_count(), "vti"), grid,
                {VoxelField{"labels", std::span<const std::int32_t>(sim.labels())}}, run.overwrite);
    if (run.meshes)
      write_stl(run.out / numbered_file("mesh", sim.step_count(), "stl"),
                outward_mesh(build_label_mesh(grid, sim.labels(), sim.params().mesh)), run.overwrite);
  };

  Profile total;
  export_frame();
  write_cell_rows(cells_csv, sim);
  ProgressBar progress(run.steps);
  for (std::int64_t s = 1; s <= run.steps; ++s) {
    session.step(1);
    // The window pauses on a failed step and shows why; a batch run stops with the reason.
    if (!session.failure().empty())
      throw_error("step " + std::to_string(session.failure().step + 1) + " failed: " + session.failure().message);
    const Profile& profile = session.profile();
    for (int k = 0; k < static_cast<int>(Stage::Count); ++k) total.ms[k] += profile.ms[k];
    solver_log.write(fit_record(sim, profile));
    write_cell_rows(cells_csv, sim);
    if (s % run.every == 0 || s == run.steps) {
      ScopedTimer timer(total, Stage::Export);
      export_frame();
    }
    progress.update(s);
  }
  progress.finish();
  cells_csv.close();
  solver_log.close();
  if (video) video->close();
  save_scene_file(run.out / "final_state.json", snapshot(file, sim), run.overwrite);
  log::info("done: fit {:.0f} ms, correction {:.0f} ms, dynamics {:.0f} ms, export {:.0f} ms; {} of {} fits missed the tolerance",
            total[Stage::Fit], total[Stage::Correct], total[Stage::Dynamics], total[Stage::Export],
            sim.stats().fit_failures, run.steps);
  return 0;
}

}  // namespace tessera
