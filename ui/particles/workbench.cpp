#include "ui/particles/workbench.h"

#include <imgui.h>

#include <algorithm>

#include "engine/error.h"
#include "engine/output_dir.h"
#include "scenes/modes.h"
#include "ui/particles/panels.h"

namespace tessera {

namespace {

constexpr Rgb8 kSelectedColor{255, 225, 0};  // the selected cell, in every colour mode

int registry_index(std::string_view name) {
  const auto& registry = scene_registry();
  for (std::size_t i = 0; i < registry.size(); ++i)
    if (registry[i].name == name) return static_cast<int>(i);
  return 0;
}

}  // namespace

ParticleWorkbench::ParticleWorkbench(std::unique_ptr<Session> session, const StartUp& start, ShellState&)
    : m_session(std::move(session)), m_view(m_session->exec().backend == Backend::Cuda) {
  m_app.view.color_mode = start.settings.color_mode;
  m_app.view.boundaries = start.settings.show_boundaries;
  m_app.view.seeds = start.settings.show_seeds;
  m_app.view.axes = start.settings.show_arrows;
  take_new_session(nullptr, start.scene_file);
}

// Makes the session the running one (null: keep the current one) and resets what
// belonged to the previous scene.
void ParticleWorkbench::take_new_session(std::unique_ptr<Session> session, const std::filesystem::path& origin) {
  if (session) m_session = std::move(session);
  m_app.scene_file_source = origin;
  m_speeds.reset();  // ids are only unique within one simulation
  // Whatever was asked of the old scene meanwhile (cell ids, species) does not apply to this one.
  m_intents.take();
  m_app.pending_aspect.clear();
  m_app.selected.reset();
  m_app.dragging.reset();
  m_app.params_dirty = false;
  m_app.scene_index = registry_index(m_session->scene().name);
  capture_frame(*m_session, m_frame);
  m_app.take_draft(m_frame.params);
  m_app.seed = m_frame.params.seed;
  m_app.resolution = m_frame.grid.n[0];
  m_app.preset_index = 0;
  const SceneDef& def = m_session->scene();
  for (std::size_t k = 0; k < def.presets.size(); ++k)
    if (def.presets[k] == m_frame.preset) m_app.preset_index = static_cast<int>(k);
}

bool ParticleWorkbench::adopt(std::unique_ptr<Model>& model, const std::filesystem::path& origin, ShellState&) {
  auto* session = dynamic_cast<Session*>(model.get());
  if (session == nullptr) return false;
  model.release();
  take_new_session(std::unique_ptr<Session>(session), origin);
  return true;
}

SyncPlan ParticleWorkbench::sync(ShellState& shell, bool finished_batch) {
  if (finished_batch) {
    capture_frame(*m_session, m_frame);
    // A scene script may change parameters every step: the panels show them as they are.
    if (!m_app.params_dirty) m_app.take_draft(m_frame.params);
    if (!m_frame.failure.empty()) {
      shell.play.paused = true;
      shell.say("paused at step " + std::to_string(m_frame.failure.step) + ": " + m_frame.failure.message, true);
      m_session->clear_failure();
    }
  }
  if (m_app.params_dirty) {
    m_intents.push(intent::SetParams{m_app.draft, m_app.draft_base});
    m_app.params_dirty = false;
  }
  for (const auto& [species, aspect] : m_app.pending_aspect) m_intents.push(intent::SetSpeciesAspect{species, aspect});
  m_app.pending_aspect.clear();
  queue_exports(shell);
  SyncResult result = apply_intents(m_intents, *m_session, shell.play);
  for (const std::string& m : result.messages) shell.say(m);
  for (const std::string& e : result.errors) shell.say(e, true);
  if (!result.errors.empty()) result.state_changed = true;  // e.g. refused parameters: show the real ones
  SyncPlan plan;
  if (result.load) {
    const Exec exec = m_session->exec();
    if (result.load->file)
      plan.build = ModelBuild{[file = std::move(*result.load->file), exec]() mutable -> std::unique_ptr<Model> {
                                return std::make_unique<Session>(std::move(file), exec);
                              },
                              result.load->description, result.load->origin};
    else
      plan.build = ModelBuild{[path = result.load->origin, exec] { return load_model_file(path, exec); },
                              result.load->description, result.load->origin};
    return plan;
  }
  if (result.state_changed) {
    capture_frame(*m_session, m_frame);
    if (!m_app.params_dirty) m_app.take_draft(m_frame.params);
  }
  // While the worker is idle the device labels are stable: hand them to the view now
  // (CUDA-GL interop), before the next batch starts rewriting them.
  m_view.update_labels(m_frame, m_app.view, m_session->sim().device_labels());
  plan.steps = result.steps;
  plan.run_steps = result.run_steps;
  return plan;
}

// Export buttons become intents with fresh file names in the export folder.
void ParticleWorkbench::queue_exports(ShellState& shell) {
  const std::filesystem::path folder = shell.exports.folder;
  try {
    if (m_app.export_voxels_requested)
      m_intents.push(intent::ExportVoxels{next_free_path(folder, m_frame.scene + "_labels", ".vti")});
    if (m_app.export_cells_requested)
      m_intents.push(intent::ExportCellsCsv{next_free_path(folder, m_frame.scene + "_cells", ".csv")});
    if (m_app.export_scene_requested)
      m_intents.push(intent::SaveSceneFile{next_free_path(folder, m_frame.scene + "_state", ".json"), false});
  } catch (const std::exception& e) {
    shell.say(std::string("export: ") + e.what(), true);
  }
  m_app.export_voxels_requested = m_app.export_cells_requested = m_app.export_scene_requested = false;
}

// One colour per cell for the current colour mode (the views' colour table).
std::span<const Rgb8> ParticleWorkbench::cell_colors_of(const FrameData& f) {
  const CellColorInput input{f.cells, f.params, f.grid, f.counts, f.n_kept, f.step};
  CellColorOptions options;
  options.error_range = m_app.view.error_range;
  m_coloring = cell_colors(input, m_app.view.color_mode, options, &m_speeds);
  m_app.legend = m_coloring.legend;
  if (m_app.selected) {  // the selected cell stands out in every colour mode
    const auto it = std::find(f.cells.id.begin(), f.cells.id.end(), *m_app.selected);
    if (it != f.cells.id.end()) m_coloring.colors[static_cast<std::size_t>(it - f.cells.id.begin())] = kSelectedColor;
  }
  return m_coloring.colors;
}

void ParticleWorkbench::draw_view(const PixelRect& area, float pixel_scale) {
  if (m_app.reset_camera_requested) {
    m_app.reset_camera_requested = false;
    m_view.camera() = OrbitCamera();
    if (m_frame.grid.dim == 3) m_view.camera().frame(m_frame.grid);
  }
  m_view.update(m_frame, m_app.view, cell_colors_of(m_frame));
  m_view_rect = m_view.draw(area, m_app.view, pixel_scale);
}

float ParticleWorkbench::draw_ui(ShellContext& ctx) {
  PanelContext panels{m_frame, m_app, ctx.shell, m_intents, ctx.stats, ctx.gl_description, m_view.label_path()};
  const float width = draw_side_panel(panels, ctx);
  m_interaction.set_side_panel_px(width);
  draw_help_overlay(panels);
  return width;
}

void ParticleWorkbench::handle_input(ShellContext& ctx) {
  m_interaction.handle(m_frame, m_view, m_view_rect, m_app, ctx.shell, m_intents);
}

void ParticleWorkbench::remember(AppSettings& out) const {
  const bool from_file = !m_app.scene_file_source.empty();
  out.scene_file = from_file ? std::filesystem::absolute(m_app.scene_file_source).string() : "";
  out.scene_name = from_file ? "" : m_frame.scene;
  out.preset = from_file ? "" : m_frame.preset;
  out.resolution = from_file ? 0 : m_frame.grid.n[0];
  out.color_mode = m_app.view.color_mode;
  out.show_boundaries = m_app.view.boundaries;
  out.show_seeds = m_app.view.seeds;
  out.show_arrows = m_app.view.axes;
}

void ParticleWorkbench::describe(nlohmann::json& out) const {
  out["scene"] = m_frame.scene;
  out["cells"] = m_frame.cells.size();
  out["grid"] = {m_frame.grid.n[0], m_frame.grid.n[1], m_frame.grid.n[2]};
  out["backend"] = m_frame.backend;
  out["label_path"] = m_view.label_path();
}

std::unique_ptr<Workbench> make_particle_workbench(std::unique_ptr<Model> model, const StartUp& start, ShellState& shell) {
  auto* session = dynamic_cast<Session*>(model.get());
  TESSERA_REQUIRE(session != nullptr, "the particle workbench needs a particle scene");
  model.release();
  return std::make_unique<ParticleWorkbench>(std::unique_ptr<Session>(session), start, shell);
}

}  // namespace tessera
