#include "scenes/particles/run_outputs.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/error.h"
#include "engine/label_image.h"
#include "engine/log.h"
#include "engine/mesh_io.h"
#include "engine/output_dir.h"
#include "engine/table_io.h"
#include "engine/video_writer.h"
#include "engine/voxel_io.h"
#include "scenes/particles/cell_colors.h"
#include "scenes/particles/cell_table.h"
#include "scenes/particles/scene_file.h"
#include "scenes/particles/session.h"
#include "sim/labels/label_mesh.h"

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

class ParticleRunOutputs : public RunOutputs {
 public:
  ParticleRunOutputs(Session& session, const RunRequest& request)
      : m_session(session),
        m_request(request),
        m_cells_csv(request.out / "cells.csv", cell_table_columns(), request.overwrite),
        m_solver_log(request.out / "solver.jsonl", request.overwrite) {
    Simulation& sim = m_session.sim();
    // The scene file of this run's starting state: `tessera run --scene-file` on it reproduces the run.
    save_scene_file(request.out / "scene.json", m_session.snapshot(), request.overwrite);
    if (request.mp4) m_video.emplace(request.out / "video.mp4", 30.0, request.overwrite);
    m_style.scale = request.scale;
    m_style.slice_axis = request.slice == "x" ? 0 : (request.slice == "y" ? 1 : 2);
    write_cell_rows(m_cells_csv, sim);
  }

  void after_step() override {
    Simulation& sim = m_session.sim();
    const Profile& profile = m_session.profile();
    for (int k = 0; k < static_cast<int>(Stage::Count); ++k) m_total.ms[k] += profile.ms[k];
    m_solver_log.write(fit_record(sim, profile));
    write_cell_rows(m_cells_csv, sim);
  }

  void frame() override {
    ScopedTimer timer(m_total, Stage::Export);
    Simulation& sim = m_session.sim();
    const Grid& grid = sim.domain().grid;
    // Cells in their species' colour, each shaded a little by its id.
    m_colors = cell_colors(sim, ColorMode::Species).colors;
    m_style.cell_colors = m_colors;
    const Image image = render_labels(grid, sim.labels(), sim.cells().x, m_style);
    write_png(m_request.out / numbered_file("frame", sim.step_count(), "png"), image);
    if (m_video) m_video->add_frame(image);
    if (m_request.voxels)
      write_vti(m_request.out / numbered_file("labels", sim.step_count(), "vti"), grid,
                {VoxelField{"labels", std::span<const std::int32_t>(sim.labels())}}, m_request.overwrite);
    if (m_request.meshes)
      write_stl(m_request.out / numbered_file("mesh", sim.step_count(), "stl"),
                outward_mesh(build_label_mesh(grid, sim.labels(), sim.params().mesh)), m_request.overwrite);
  }

  void close() override {
    m_cells_csv.close();
    m_solver_log.close();
    if (m_video) m_video->close();
    save_scene_file(m_request.out / "final_state.json", m_session.snapshot(), m_request.overwrite);
  }

  std::string summary() const override {
    const Simulation& sim = m_session.sim();
    char line[256];
    std::snprintf(line, sizeof line,
                  "fit %.0f ms, correction %.0f ms, dynamics %.0f ms, export %.0f ms; %lld of %lld fits missed the tolerance",
                  m_total[Stage::Fit], m_total[Stage::Correct], m_total[Stage::Dynamics], m_total[Stage::Export],
                  static_cast<long long>(sim.stats().fit_failures), static_cast<long long>(m_request.steps));
    return line;
  }

 private:
  Session& m_session;
  RunRequest m_request;
  CsvWriter m_cells_csv;
  JsonLinesWriter m_solver_log;
  std::optional<VideoWriter> m_video;
  LabelImageStyle m_style;
  std::vector<Rgb8> m_colors;
  Profile m_total;
};

}  // namespace

void check_particle_outputs(const Session& session, const RunRequest& request) {
  const Grid& grid = session.grid();
  TESSERA_REQUIRE(!request.meshes || (grid.dim == 3 && !grid.periodic[0] && !grid.periodic[1] && !grid.periodic[2]),
                  "--meshes needs a 3D scene with walls on every side (" + session.source().scene + " is not one)");
  TESSERA_REQUIRE(!request.mp4 || ffmpeg_available(), "--mp4: ffmpeg was not found on PATH (install ffmpeg, or drop --mp4)");
}

std::unique_ptr<RunOutputs> open_particle_outputs(Session& session, const RunRequest& request) {
  check_particle_outputs(session, request);
  const Grid& grid = session.grid();
  const Simulation& sim = session.sim();
  log::info("run: {} cells on a {}x{}{} grid; first fit: mean error {:.4f}", sim.cells().size(), grid.n[0], grid.n[1],
            grid.dim == 3 ? "x" + std::to_string(grid.n[2]) : std::string(), sim.stats().last_fit.mean_error);
  if (!sim.stats().last_fit.warning.empty()) log::warn("run: {}", sim.stats().last_fit.warning);
  return std::make_unique<ParticleRunOutputs>(session, request);
}

}  // namespace tessera
