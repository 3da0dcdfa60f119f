#include "ui/curvatubes/panels.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/field_table.h"
#include "scenes/curvatubes/curvatubes_file.h"
#include "ui/shell_panels.h"
#include "ui/widgets.h"

namespace tessera {

namespace {

using curvatubes::CurvatubesParams;

const ImVec4 kWarn(1.0f, 0.8f, 0.3f, 1.0f);

template <class S>
void field_tip(const FieldTable<S>& table, std::string_view name) {
  if (const Field<S>* f = find_field(table, name)) tooltip(field_tooltip(*f).c_str());
}

// A coefficient: dragging moves it by about 0.5 % of its size per pixel (they span
// from 1 to thousands); Ctrl+click types a value.
bool drag_coefficient(const char* label, double* value) {
  const float speed = static_cast<float>(std::max(std::abs(*value), 1.0) * 0.005);
  return ImGui::DragScalar(label, ImGuiDataType_Double, value, speed, nullptr, nullptr, "%.4g");
}

void run_panel(ShellContext& ctx, CurvatubesUi& ui, const CurvatubesFrame& f, std::string_view backend) {
  if (!panel_header(ctx.shell, "Run", true)) return;
  PlayState& play = ctx.shell.play;
  const bool running = f.status == curvatubes::GeneratorStatus::Running;
  ImGui::BeginDisabled(!running);
  if (ImGui::Button(play.paused ? "Run" : "Pause")) play.paused = !play.paused;
  ImGui::SameLine();
  ImGui::BeginDisabled(!play.paused);
  if (ImGui::Button("Step")) ++ui.single_steps;
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Reset")) ui.reset = true;
  tooltip("Start over from the noise of the seed (Texture panel), or the start's field, with the parameters the "
          "sliders show (R).");
  ImGui::SliderInt("iterations / frame", &play.substeps, 1, kMaxSubsteps, "%d", ImGuiSliderFlags_Logarithmic);
  tooltip("Optimiser iterations per displayed frame while running.");
  if (!running)
    ImGui::TextColored(kWarn, "%s: reset or start a new texture",
                       f.status == curvatubes::GeneratorStatus::NotViable ? "not viable" : "diverged");
  ImGui::TextDisabled("%s", std::string(backend).c_str());
  double total = 0;
  for (const StageTime& st : f.stages) total += st.ms;
  if (total > 0) {
    ImGui::TextDisabled("last batch %.1f ms:", total);
    for (const StageTime& st : f.stages) ImGui::TextDisabled("  %-10s %8.2f ms", st.name.c_str(), st.ms);
  }
}

bool coefficient_sliders(CurvatubesParams& p) {
  bool changed = false;
  struct Row {
    const char* name;
    double* value;
  };
  const Row rows[] = {{"a20", &p.coeffs.a20}, {"a11", &p.coeffs.a11}, {"a02", &p.coeffs.a02},
                      {"b10", &p.coeffs.b10}, {"b01", &p.coeffs.b01}, {"c", &p.coeffs.c}};
  for (const Row& r : rows) {
    changed |= drag_coefficient(r.name, r.value);
    field_tip(coefficient_fields(), r.name);
  }
  return changed;
}

void helfrich_editor(CurvatubesUi& ui) {
  if (!ImGui::TreeNode("Helfrich form")) return;
  ImGui::TextWrapped("h2 (H - H0)^2 + k1 K + s (k1 - k1_0)^2 + t (k2 - k2_0)^2, with H = k1 + k2 and K = k1 k2.");
  curvatubes::HelfrichParams& hp = ui.helfrich;
  struct Row {
    const char* label;
    double* value;
    const char* tip;
  };
  const Row rows[] = {{"h2", &hp.h2, "weight of the squared mean-curvature deviation"},
                      {"H0", &hp.H0, "spontaneous curvature (1 / length)"},
                      {"kG", &hp.k1, "weight of the Gaussian curvature K"},
                      {"s", &hp.s, "weight of (k1 - k1_0)^2"},
                      {"k1_0", &hp.kappa1_0, "preferred largest principal curvature (1 / length)"},
                      {"t", &hp.t, "weight of (k2 - k2_0)^2"},
                      {"k2_0", &hp.kappa2_0, "preferred smallest principal curvature (1 / length)"}};
  for (const Row& r : rows) {
    drag_coefficient(r.label, r.value);
    tooltip(r.tip);
  }
  if (ImGui::Button("Use as coefficients")) {
    ui.edit.coeffs = curvatubes::helfrich_coefficients(hp);
    ui.steer = true;
  }
  tooltip("Converts this form into the six coefficients and steers the run with them.");
  ImGui::TreePop();
}

void energy_panel(ShellContext& ctx, CurvatubesUi& ui, const CurvatubesFrame& f) {
  if (!panel_header(ctx.shell, "Energy", true)) return;
  CurvatubesParams& p = ui.edit;
  const auto& presets = curvatubes::curvatubes_presets();
  const std::string current = ui.preset_index >= 0 ? std::string(presets[ui.preset_index].name) : "(pick one)";
  if (ImGui::BeginCombo("preset", current.c_str())) {
    for (std::size_t k = 0; k < presets.size(); ++k) {
      if (ImGui::Selectable(std::string(presets[k].name).c_str(), static_cast<int>(k) == ui.preset_index)) {
        ui.preset_index = static_cast<int>(k);
        p = curvatubes::apply_preset(p, presets[k]);
        ui.steer = true;
      }
      if (ImGui::IsItemHovered()) tooltip(std::string(presets[k].description).c_str());
    }
    ImGui::EndCombo();
  }
  tooltip("A preset's coefficients, eps, M0 and orientation, applied to the running texture (Reset to grow it from "
          "noise).");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("p(k1, k2) = a20 k1^2 + a11 k1 k2 + a02 k2^2 + b10 k1 + b01 k2 + c");
  ImGui::PopStyleColor();
  if (p.spatial.any()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kWarn);
    ImGui::TextWrapped("Spatialised: eps, the coefficients and M0 vary along the strip; their sliders set nothing "
                       "where a field applies.");
    ImGui::PopStyleColor();
  }
  bool changed = coefficient_sliders(p);
  changed |= slider_double("M0 (mass)", &p.m0, -0.95, 0.95, "%.3f");
  field_tip(curvatubes_fields(), "m0");
  if (p.flow == curvatubes::Flow::Averm0) ImGui::TextDisabled("averm0 keeps the start's mean: M0 does not apply");
  changed |= slider_double("eps", &p.eps, p.h, 6 * p.h, "%.4f");
  field_tip(curvatubes_fields(), "eps");
  changed |= slider_double("step size", &p.adam.lr, 1e-5, 1e-1, "%.2e", true);
  field_tip(adam_fields(), "lr");
  changed |= slider_double("sigma (blur)", &p.sigma_blur, 0, 6, "%.2f");
  field_tip(curvatubes_fields(), "sigma_blur");
  changed |= slider_double("mu (orientation)", &p.mu, -2, 2, "%.3f");
  field_tip(curvatubes_fields(), "mu");
  if (p.mu != 0) {
    double theta[3] = {p.theta[0], p.theta[1], p.theta[2]};
    if (ImGui::InputScalarN("theta (z, x, y)", ImGuiDataType_Double, theta, 3, nullptr, nullptr, "%.3f",
                            ImGuiInputTextFlags_EnterReturnsTrue)) {
      const double len = std::sqrt(theta[0] * theta[0] + theta[1] * theta[1] + theta[2] * theta[2]);
      if (len > 0) {
        p.theta = {theta[0] / len, theta[1] / len, theta[2] / len};
        changed = true;
      }
    }
    tooltip("Preferred direction of the interface normals' orthogonal (normalised on Enter).");
  }
  if (changed) ui.steer = true;
  helfrich_editor(ui);
  if (f.steering_events > 0)
    ImGui::TextDisabled("%zu change%s steered into this run (saved with it)", f.steering_events,
                        f.steering_events == 1 ? "" : "s");
}

void texture_panel(ShellContext& ctx, CurvatubesUi& ui) {
  if (!panel_header(ctx.shell, "Texture", false)) return;
  int seed = static_cast<int>(std::min<std::uint64_t>(ui.seed, 0x7fffffff));
  if (ImGui::InputInt("seed", &seed)) ui.seed = static_cast<std::uint64_t>(std::max(seed, 0));
  field_tip(curvatubes_fields(), "seed");
  if (ImGui::Button("New noise")) ui.new_noise = true;
  tooltip("Start over from the next seed's noise, with the sliders' parameters (N). Reset starts over from this "
          "seed's.");
  ImGui::Separator();
  ImGui::InputInt3("grid (Z, X, Y)", ui.shape.data());
  for (int& n : ui.shape) n = std::clamp(n, 16, 512);
  tooltip("Voxels per axis, 16 to 512 (odd sizes work). 64^3 evolves fast on a CPU; 128^3 wants a GPU.");
  combo("flow", ui.flow, curvatubes::kFlowNames);
  field_tip(curvatubes_fields(), "flow");
  combo("boundary", ui.boundary, curvatubes::kBoundaryNames);
  field_tip(curvatubes_fields(), "boundary");
  if (ImGui::Button("New texture")) ui.new_texture = true;
  tooltip("A new run on this grid with this flow and boundary, the sliders' parameters and the seed.");
}

void view_panel(ShellContext& ctx, CurvatubesUi& ui) {
  if (!panel_header(ctx.shell, "View", true)) return;
  CurvatubesViewState& v = ui.view;
  combo("colour by", v.coloring, kFieldColoringNames);
  tooltip("What the cut faces and the slice show: u, or the principal curvatures k1 >= k2 of the level sets "
          "(1 / length; blue negative, red positive).");
  ImGui::Checkbox("colour the surface too", &v.color_surface);
  ImGui::Checkbox("clip", &v.clip.enabled);
  tooltip("Cut the texture open with an axis-aligned plane; its face shows the colouring.");
  if (v.clip.enabled) {
    ImGui::SameLine();
    ImGui::Checkbox("slice only", &v.slice_only);
    combo("clip axis", v.clip.axis, kSliceAxisNames);
    tooltip("The plane's normal, in the view's axes: x = the field's Y, y = X, z = Z (as field.vti in ParaView).");
    ImGui::SliderFloat("clip position", &v.clip.position, 0.0f, 1.0f, "%.3f");
    ImGui::Checkbox("keep the other side", &v.clip.flip);
  }
  if (ImGui::Button("Reset camera")) v.reset_camera = true;
  ImGui::TextDisabled("left drag turns, right drag pans, the wheel zooms");
}

void plots_panel(ShellContext& ctx, CurvatubesUi& ui, const CurvatubesFrame& f, const CurvatubesPlots& plots) {
  if (!panel_header(ctx.shell, "Plots", true)) return;
  const float width = ImGui::GetContentRegionAvail().x;
  auto image = [width](const ImageTexture& t) {
    if (t.empty()) return;
    const float w = std::min(width, static_cast<float>(t.width()));
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(t.id())),
                 ImVec2(w, w * static_cast<float>(t.height()) / static_cast<float>(t.width())));
  };
  if (f.curves.empty()) ImGui::TextDisabled("the curves start with the first iteration");
  image(plots.energy);
  image(plots.gradient);
  ImGui::SliderInt("diagram every", &ui.diagram_every, 0, 2000, ui.diagram_every == 0 ? "by hand" : "%d it.");
  tooltip("Iterations between refreshes of the curvature diagram and the morphometrics (0: only on Refresh).");
  ImGui::SameLine();
  if (ImGui::SmallButton("Refresh")) ui.refresh_diagram = true;
  image(plots.diagram);
  if (plots.has_report) {
    const Morphometrics& m = plots.metrics;
    ImGui::Text("at iteration %lld:", static_cast<long long>(plots.report_step));
    ImGui::Text("solid fraction %.3f   area %.4g", m.solid_fraction, m.surface_area);
    ImGui::Text("mean H %.3g   mean K %.4g", m.mean_curvature, m.gaussian_curvature);
    ImGui::Text("Euler characteristic %lld   discrepancy %.3f", static_cast<long long>(m.euler_characteristic),
                m.discrepancy);
    tooltip("Discrepancy: 0 for an ideal tanh profile, about 1 for noise; above 0.75 a run is not viable.");
  }
}

void export_panel(ShellContext& ctx, CurvatubesUi& ui) {
  if (!panel_header(ctx.shell, "Export", false)) return;
  input_text("folder", ctx.shell.exports.folder);
  if (ImGui::Button("Field, mesh and tables")) ui.export_all = true;
  tooltip("A new folder in the export folder with what `tessera curvatubes` writes: field.nii.gz / .vti / .nrrd "
          "/ .tif, surface.stl / .ply, curves, curvature diagram, morphometrics.json and the state.");
  ImGui::SameLine();
  if (ImGui::Button("Save state")) ui.save_state = true;
  tooltip("The parameter file with the steering so far: `tessera run --scene-file` or Load replays it exactly.");
  if (ImGui::Button("Screenshot")) ctx.shell.screenshot_requested = true;
  ImGui::SameLine();
  if (ImGui::Button(ctx.shell.recording ? "Stop recording" : "Record")) ctx.shell.record_toggle_requested = true;
}

}  // namespace

float draw_curvatubes_panels(ShellContext& ctx, CurvatubesUi& ui, const CurvatubesFrame& f,
                             const CurvatubesPlots& plots, std::string_view backend) {
  const float width = begin_side_column(ctx, "curvatubes");
  ImGui::Text("%s  %d x %d x %d", f.params.spatial.any() ? "strip" : (f.preset.empty() ? "custom" : f.preset.c_str()),
              f.params.nz, f.params.nx, f.params.ny);
  ImGui::Text("iteration %lld   E = %.6g", static_cast<long long>(f.step), f.energy);
  ImGui::Text("mean u %.4f (M0 %.4f)   %.1f FPS", f.mean_u, f.mass, ctx.stats.fps);
  if (!ctx.shell.building.empty()) ImGui::TextColored(kWarn, "building %s ...", ctx.shell.building.c_str());
  run_panel(ctx, ui, f, backend);
  energy_panel(ctx, ui, f);
  texture_panel(ctx, ui);
  view_panel(ctx, ui);
  plots_panel(ctx, ui, f, plots);
  export_panel(ctx, ui);
  end_side_column();
  return width;
}

}  // namespace tessera
