// The side column, the Scene and Playback panels and the cell inspector.
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "scenes/particles/scene.h"
#include "ui/particles/panels.h"
#include "ui/widgets.h"

namespace tessera {

namespace {

void stage_table(const Profile& sim, const FrameStats& app) {
  if (!ImGui::BeginTable("stages", 2, ImGuiTableFlags_SizingFixedFit)) return;
  auto row = [](std::string_view name, double ms) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name.data(), name.data() + name.size());
    ImGui::TableNextColumn();
    ImGui::Text("%8.3f ms", ms);
  };
  for (Stage st : {Stage::Dynamics, Stage::Fit, Stage::Correct, Stage::Export})
    row(kStageNames[static_cast<int>(st)], sim[st]);
  row("render", app.render_ms);
  row("ui", app.ui_ms);
  ImGui::EndTable();
}

}  // namespace

float draw_side_panel(PanelContext& ctx, ShellContext& shell_ctx) {
  const float width = begin_side_column(shell_ctx, "particles");
  draw_scene_panel(ctx);
  draw_playback_panel(ctx);
  draw_inspector(ctx);
  draw_species_panel(ctx);
  draw_solver_panel(ctx);
  draw_view_panel(ctx);
  draw_export_panel(ctx);
  end_side_column();
  return width;
}

void draw_scene_panel(PanelContext& ctx) {
  const FrameData& f = ctx.frame;
  ParticleUiState& app = ctx.app;
  ImGui::Text("%s%s%s", f.scene.c_str(), f.preset.empty() ? "" : " / ", f.preset.c_str());
  ImGui::TextDisabled("%s", f.description.c_str());
  if (!panel_header(ctx, "Scene", true)) return;

  const auto& registry = scene_registry();
  app.scene_index = std::clamp(app.scene_index, 0, static_cast<int>(registry.size()) - 1);
  const SceneDef& chosen = registry[static_cast<std::size_t>(app.scene_index)];
  if (ImGui::BeginCombo("scene", std::string(chosen.name).c_str())) {
    for (int i = 0; i < static_cast<int>(registry.size()); ++i) {
      const SceneDef& s = registry[static_cast<std::size_t>(i)];
      const std::string label = std::string(s.name) + "  (" + std::string(s.category) + ", " +
                                std::to_string(s.dim) + "D)";
      if (ImGui::Selectable(label.c_str(), i == app.scene_index)) {
        app.scene_index = i;
        app.preset_index = 0;
        app.resolution = 0;
      }
      if (ImGui::IsItemHovered()) tooltip(std::string(s.description).c_str());
    }
    ImGui::EndCombo();
  }
  if (!chosen.presets.empty()) {
    app.preset_index = std::clamp(app.preset_index, 0, static_cast<int>(chosen.presets.size()) - 1);
    if (ImGui::BeginCombo("preset", std::string(chosen.presets[static_cast<std::size_t>(app.preset_index)]).c_str())) {
      for (int i = 0; i < static_cast<int>(chosen.presets.size()); ++i)
        if (ImGui::Selectable(std::string(chosen.presets[static_cast<std::size_t>(i)]).c_str(), i == app.preset_index))
          app.preset_index = i;
      ImGui::EndCombo();
    }
  }
  int resolution = app.resolution > 0 ? app.resolution : chosen.default_resolution;
  if (ImGui::SliderInt("resolution", &resolution, chosen.min_resolution,
                       std::max(chosen.default_resolution * 2, chosen.min_resolution + 1)))
    app.resolution = resolution;
  tooltip("Grid points per axis. Below the scene's minimum the cells are too coarse for 1 % volume accuracy; "
          "large 3D grids are slow on the CPU.");
  int seed = static_cast<int>(app.seed);
  if (ImGui::InputInt("seed", &seed)) app.seed = static_cast<std::uint64_t>(std::max(seed, 0));
  tooltip("Random seed of the initial placement and of every stochastic rule (same seed = same run).");
  if (ImGui::Button("Load scene")) {
    intent::LoadScene load{std::string(chosen.name), "", app.resolution, app.seed};
    if (!chosen.presets.empty()) load.preset = std::string(chosen.presets[static_cast<std::size_t>(app.preset_index)]);
    ctx.intents.push(load);
  }
  ImGui::SameLine();
  if (ImGui::Button("Reset")) ctx.intents.push(intent::Reset{});
  tooltip("Restart the current scene from its starting state (r).");
  ImGui::SameLine();
  if (ImGui::Button("Reset with seed")) ctx.intents.push(intent::ResetWithSeed{app.seed});

  input_text("scene file", app.scene_file_path);
  tooltip("A scene file (JSON): Save writes the current state (every cell, the step, all parameters); "
          "Load continues from it. Saving never replaces an existing file.");
  if (ImGui::Button("Load file")) ctx.intents.push(intent::LoadSceneFile{app.scene_file_path});
  ImGui::SameLine();
  if (ImGui::Button("Save state")) ctx.intents.push(intent::SaveSceneFile{app.scene_file_path, false});
}

void draw_playback_panel(PanelContext& ctx) {
  const FrameData& f = ctx.frame;
  ParticleUiState& app = ctx.app;
  ImGui::Text("step %lld   t = %.4f   %d cells", static_cast<long long>(f.step), f.time, f.cells.size());
  ImGui::Text("%.1f FPS (%.2f ms / frame)", ctx.stats.fps, ctx.stats.frame_ms);
  if (!ctx.shell.building.empty()) ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1.0f), "building %s ...", ctx.shell.building.c_str());
  else if (ctx.stats.stepping && ctx.stats.step_running_ms > 250.0)
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1.0f), "stepping ... %.1f s", ctx.stats.step_running_ms / 1000.0);
  if (!f.failure.empty()) ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.4f, 1.0f), "paused: %s", f.failure.message.c_str());
  if (!panel_header(ctx, "Playback", true)) return;

  if (ImGui::Button(ctx.shell.play.paused ? "Run" : "Pause")) ctx.intents.push(intent::TogglePause{});
  tooltip("Run or pause the simulation (space).");
  ImGui::SameLine();
  ImGui::BeginDisabled(!ctx.shell.play.paused);  // while running every frame steps anyway
  if (ImGui::Button("Step")) ctx.intents.push(intent::StepOnce{});
  tooltip("One time step while paused (.).");
  ImGui::EndDisabled();
  int substeps = ctx.shell.play.substeps;
  if (ImGui::SliderInt("steps / frame", &substeps, 1, kMaxSubsteps, "%d", ImGuiSliderFlags_Logarithmic))
    ctx.intents.push(intent::SetSubsteps{substeps});
  tooltip("Simulation speed: time steps taken per displayed frame while running (at most, when paced).");
  bool paced = ctx.shell.play.time_rate > 0;
  // Switched on at one step per frame of a 60 Hz display.
  if (ImGui::Checkbox("real time", &paced)) ctx.intents.push(intent::SetTimeRate{paced ? 60.0 * app.draft.dt : 0.0});
  tooltip("Pace the run to the wall clock: the simulation advances by the rate below per second (never faster "
          "than the steps per frame allow). Off: as fast as the machine goes.");
  if (paced) {
    double rate = ctx.shell.play.time_rate;
    if (slider_double("time / s", &rate, 1e-4, 10.0, "%.4f", true)) ctx.intents.push(intent::SetTimeRate{rate});
    tooltip("Simulation time units per wall-clock second.");
  }
  double dt = app.draft.dt;
  if (slider_double("dt", &dt, 1e-5, 0.05, "%.5f", true)) {
    app.draft.dt = dt;
    app.params_dirty = true;
  }
  field_tip(sim_fields(), "dt",
            "Smaller is more accurate and slower; a step that moves a cell more than a quarter of the box is "
            "refused and pauses the run.");
  ImGui::TextDisabled("%s", f.backend.c_str());
  ImGui::TextDisabled("OpenGL %.*s", static_cast<int>(ctx.gl_description.size()), ctx.gl_description.data());
  ImGui::TextDisabled("labels to GPU: %.*s", static_cast<int>(ctx.label_path.size()), ctx.label_path.data());
  if (ImGui::TreeNode("Stage times (last frame)")) {
    stage_table(f.profile, ctx.stats);
    ImGui::TreePop();
  }
}

void draw_inspector(PanelContext& ctx) {
  const FrameData& f = ctx.frame;
  if (!ctx.app.selected) return;
  const CellState& c = f.cells;
  const auto it = std::find(c.id.begin(), c.id.end(), *ctx.app.selected);
  if (it == c.id.end()) {
    ctx.app.selected.reset();
    return;
  }
  const int i = static_cast<int>(it - c.id.begin());
  if (!panel_header(ctx, "Selected cell", true)) return;
  const std::size_t k = static_cast<std::size_t>(i);
  const int s = c.species[k];
  ImGui::Text("id %llu  (index %d)  species %d: %s", static_cast<unsigned long long>(c.id[k]), i, s,
              f.params.species[static_cast<std::size_t>(s)].name.c_str());
  ImGui::Text("position (%.4f, %.4f, %.4f)", c.x[k].x, c.x[k].y, c.x[k].z);
  ImGui::Text("axis     (%.3f, %.3f, %.3f)  ar %.3f", c.axis[k].x, c.axis[k].y, c.axis[k].z, c.aspect[k]);
  if (k < f.counts.size()) {
    ImGui::Text("volume   target %.3e  measured %.3e", c.volume[k],
                static_cast<double>(f.counts[k]) / static_cast<double>(f.n_kept));
    ImGui::Text("         error %+.2f %%  (%lld pixels)", 100.0 * relative_volume_error(f, i),
                static_cast<long long>(f.counts[k]));
  } else {
    ImGui::Text("volume   target %.3e  (measured after the next fit)", c.volume[k]);
  }
  ImGui::Text("potential %.4e  stiffness x%.3f", c.potential[k], c.stiffness[k]);
  if (ImGui::Button("Delete cell")) {
    ctx.intents.push(intent::RemoveCell{c.id[k]});
    ctx.app.selected.reset();
  }
  ImGui::SameLine();
  if (ImGui::Button("Deselect")) ctx.app.selected.reset();
}

}  // namespace tessera
