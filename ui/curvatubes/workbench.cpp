#include "ui/curvatubes/workbench.h"

#include <imgui.h>

#include <algorithm>
#include <utility>

#include "engine/error.h"
#include "engine/output_dir.h"
#include "engine/plot_image.h"
#include "render/field_view.h"
#include "render/orbit_camera.h"
#include "scenes/curvatubes/curvatubes_model.h"
#include "ui/curvatubes/panels.h"

namespace tessera {

namespace {

using curvatubes::GeneratorStatus;

int preset_index_of(std::string_view name) {
  const auto& presets = curvatubes::curvatubes_presets();
  for (std::size_t k = 0; k < presets.size(); ++k)
    if (presets[k].name == name) return static_cast<int>(k);
  return -1;
}

Grid camera_grid(const CurvatubesFrame& f) {
  Grid g;
  g.dim = 3;
  for (int a = 0; a < 3; ++a) {
    g.n[a] = f.n[a];
    g.length[a] = f.box[a];
  }
  return g;
}

}  // namespace

CurvatubesWorkbench::CurvatubesWorkbench(std::unique_ptr<CurvatubesModel> model) { take(std::move(model)); }

SyncPlan CurvatubesWorkbench::sync(ShellState& shell, bool finished_batch) {
  SyncPlan plan;
  bool changed = finished_batch;
  if (finished_batch && !m_model->failure().empty()) {
    shell.play.paused = true;
    shell.say("paused at iteration " + std::to_string(m_model->failure().step) + ": " + m_model->failure().message,
              true);
    m_model->clear_failure();
  }
  if (m_ui.steer) {
    m_ui.steer = false;
    try {
      m_model->steer(m_ui.edit);
    } catch (const std::exception& e) {
      shell.say(e.what(), true);
      m_ui.edit = m_model->params();  // the sliders show what runs
    }
    changed = true;
  }
  if (std::exchange(m_ui.new_texture, false)) {
    plan.build = new_texture();
    return plan;
  }
  const bool new_noise = std::exchange(m_ui.new_noise, false);
  if (std::exchange(m_ui.reset, false) || new_noise) {
    if (new_noise) m_ui.seed = m_model->params().seed + 1;
    try {
      m_model->steer(m_ui.edit);
      m_model->reset_with_seed(m_ui.seed);
      m_history_version = 0;
    } catch (const std::exception& e) {
      shell.say(std::string("reset: ") + e.what(), true);
    }
    m_ui.edit = m_model->params();
    m_report_step = -1;
    changed = true;
  }
  if (changed) capture();
  exports(shell);
  refresh_plots();

  plan.steps = std::exchange(m_ui.single_steps, 0);
  if (m_frame.status != GeneratorStatus::Running) {
    plan.steps = 0;
  } else if (!shell.play.paused) {
    plan.run_steps = shell.play.substeps;
    plan.steps += plan.run_steps;
  }
  return plan;
}

bool CurvatubesWorkbench::adopt(std::unique_ptr<Model>& model, const std::filesystem::path&, ShellState&) {
  auto* c = dynamic_cast<CurvatubesModel*>(model.get());
  if (c == nullptr) return false;
  model.release();
  take(std::unique_ptr<CurvatubesModel>(c));
  return true;
}

void CurvatubesWorkbench::draw_view(const PixelRect& area, float) {
  m_area = area;
  if (m_view_uploaded != m_frame.version || m_coloring_uploaded != m_ui.view.coloring) {
    m_view.set_field(m_frame.u, m_frame.n, m_frame.box, m_frame.periodic);
    const ColoringField c = coloring_field(m_frame, m_ui.view.coloring);
    m_view.set_scalar(c.values, c.lo, c.hi, FieldColorMap::Diverging);
    m_view_uploaded = m_frame.version;
    m_coloring_uploaded = m_ui.view.coloring;
  }
  if (std::exchange(m_ui.view.reset_camera, false)) {
    m_camera = OrbitCamera();
    m_camera.frame(camera_grid(m_frame));
  }
  FieldViewStyle style;
  style.clip = m_ui.view.clip;
  style.slice_only = m_ui.view.slice_only && m_ui.view.clip.enabled;
  style.color_surface = m_ui.view.color_surface;
  m_view.draw(area, m_camera, style);
}

float CurvatubesWorkbench::draw_ui(ShellContext& ctx) {
  return draw_curvatubes_panels(ctx, m_ui, m_frame, m_plots, m_model->backend());
}

void CurvatubesWorkbench::handle_input(ShellContext& ctx) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantCaptureMouse) {
    if (ImGui::IsMouseDragging(0)) m_camera.rotate(io.MouseDelta.x, io.MouseDelta.y);
    if (ImGui::IsMouseDragging(1))
      m_camera.pan(io.MouseDelta.x * io.DisplayFramebufferScale.x, io.MouseDelta.y * io.DisplayFramebufferScale.y,
                   m_area.height);
    if (io.MouseWheel != 0.0f) m_camera.zoom(io.MouseWheel);
  }
  if (io.WantCaptureKeyboard || io.WantTextInput) return;
  for (int k = 0; k < io.InputQueueCharacters.Size; ++k) {
    switch (io.InputQueueCharacters[k]) {
      case ' ': ctx.shell.play.paused = !ctx.shell.play.paused; break;
      case '.': if (ctx.shell.play.paused) ++m_ui.single_steps; break;
      case 'r': m_ui.reset = true; break;
      case 'n': m_ui.new_noise = true; break;
      case 's': ctx.shell.screenshot_requested = true; break;
      default: break;
    }
  }
}

void CurvatubesWorkbench::describe(nlohmann::json& out) const {
  out["scene"] = "curvatubes " + (m_frame.preset.empty() ? std::string("custom") : m_frame.preset);
  out["grid"] = {m_frame.params.nz, m_frame.params.nx, m_frame.params.ny};
  out["iterations"] = m_frame.step;
  out["backend"] = m_model->backend();
}

void CurvatubesWorkbench::take(std::unique_ptr<CurvatubesModel> model) {
  m_model = std::move(model);
  capture();
  const curvatubes::CurvatubesParams& p = m_model->params();
  m_ui.edit = p;
  m_ui.preset_index = preset_index_of(m_frame.preset);
  m_ui.shape = {p.nz, p.nx, p.ny};
  m_ui.flow = p.flow;
  m_ui.boundary = p.boundary;
  m_ui.seed = p.seed;
  m_camera = OrbitCamera();
  m_camera.frame(camera_grid(m_frame));
  m_report_step = -1;
  m_history_version = 0;
  m_plots = CurvatubesPlots{};
}

void CurvatubesWorkbench::capture() { capture_curvatubes_frame(*m_model, m_frame); }

ModelBuild CurvatubesWorkbench::new_texture() {
  CurvatubesFile file;
  file.params = m_ui.edit;
  file.params.nz = m_ui.shape[0];
  file.params.nx = m_ui.shape[1];
  file.params.ny = m_ui.shape[2];
  file.params.flow = m_ui.flow;
  file.params.boundary = m_ui.boundary;
  file.params.seed = m_ui.seed;
  file.preset = m_ui.preset_index >= 0 ? std::string(curvatubes::curvatubes_presets()[m_ui.preset_index].name) : "";
  file.strip = m_model->file().strip;  // a strip's fields are rebuilt on the new grid (at build)
  const Exec exec = m_model->exec();
  const std::string what = "curvatubes " + std::to_string(file.params.nz) + "x" + std::to_string(file.params.nx) +
                           "x" + std::to_string(file.params.ny);
  return ModelBuild{[file = std::move(file), exec]() mutable -> std::unique_ptr<Model> {
                      apply_strip(file);
                      return std::make_unique<CurvatubesModel>(file, exec);
                    },
                    what, {}};
}

void CurvatubesWorkbench::exports(ShellState& shell) {
  const std::filesystem::path folder = shell.exports.folder;
  if (std::exchange(m_ui.save_state, false)) {
    try {
      const auto path = next_free_path(folder, "curvatubes_state", ".json");
      m_model->save(path, false);
      shell.say("state saved to " + path.string());
    } catch (const std::exception& e) {
      shell.say(std::string("save: ") + e.what(), true);
    }
  }
  if (std::exchange(m_ui.export_all, false)) {
    try {
      RunRequest request;
      request.out = next_free_path(folder, "curvatubes", "");
      prepare_output_dir(request.out, false);
      auto outputs = m_model->open_outputs(request);
      outputs->close();
      shell.say("field, mesh and tables written to " + request.out.string());
    } catch (const std::exception& e) {
      shell.say(std::string("export: ") + e.what(), true);
    }
  }
}

// The energy curves when new samples came; the curvature diagram every
// diagram_every iterations or when asked.
void CurvatubesWorkbench::refresh_plots() {
  if (m_frame.curves.size() != m_history_version && !m_frame.curves.empty()) {
    m_history_version = m_frame.curves.size();
    LinePlot e;
    e.title = "energy";
    e.x_label = "evaluation";
    e.y_label = "E";
    e.width = 480;
    e.height = 260;
    LinePlot g = e;
    g.title = "mean |dE / d variable|";
    g.y_label = "mean |dE|";
    g.log_y = true;
    PlotSeries se{"", {}, {}, {31, 119, 180}}, sg{"", {}, {}, {214, 39, 40}};
    for (const curvatubes::CurvePoint& c : m_frame.curves) {
      se.x.push_back(static_cast<double>(c.n_evals));
      se.y.push_back(c.energy);
      sg.x.push_back(static_cast<double>(c.n_evals));
      sg.y.push_back(c.mean_abs_grad);
    }
    // The start's energy is orders of magnitude above the texture's: a log axis keeps
    // the late iterations readable whenever E stays positive.
    e.log_y = std::all_of(se.y.begin(), se.y.end(), [](double v) { return v > 0; });
    e.series = {se};
    g.series = {sg};
    try {
      m_plots.energy.set(render_line_plot(e));
      m_plots.gradient.set(render_line_plot(g));
    } catch (const std::exception&) {
      // A single sample has no range to plot yet: the next refresh draws it.
      m_history_version = 0;
    }
  }
  const bool due = m_ui.diagram_every > 0 && (m_report_step < 0 || m_frame.step - m_report_step >= m_ui.diagram_every);
  if (std::exchange(m_ui.refresh_diagram, false) || due) {
    m_report_step = m_frame.step;
    const SurfaceReport report = report_surface(m_frame.params, m_frame.u);
    m_plots.metrics = report.metrics;
    m_plots.has_report = true;
    m_plots.report_step = m_frame.step;
    HeatmapPlot h;
    h.title = "curvature diagram";
    h.x_label = "k1";
    h.y_label = "k2";
    h.color_label = "area density";
    h.histogram = report.diagram;
    h.log_color = true;
    h.width = 420;
    h.height = 360;
    try {
      m_plots.diagram.set(render_heatmap(h));
    } catch (const std::exception&) {
      // No surface yet (a uniform field): nothing to draw.
    }
  }
}


std::unique_ptr<Workbench> make_curvatubes_workbench(std::unique_ptr<Model> model, const StartUp&, ShellState&) {
  auto* c = dynamic_cast<CurvatubesModel*>(model.get());
  TESSERA_REQUIRE(c != nullptr, "the curvatubes workbench needs a curvatubes model");
  model.release();
  return std::make_unique<CurvatubesWorkbench>(std::unique_ptr<CurvatubesModel>(c));
}

}  // namespace tessera
