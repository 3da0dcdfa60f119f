// The Species panel: per-species energy (cost) and dynamics, edited on the app's draft
// copy of the parameters; the app sends the draft as one SetParams intent per frame.
#include <imgui.h>

#include <cmath>
#include <string>

#include "ui/particles/panels.h"
#include "ui/widgets.h"

namespace tessera {

namespace {

// A slider on a draft field; marks the draft changed.
bool edit(ParticleUiState& app, const char* label, double* value, double min, double max, const char* help,
          bool log = false, const char* format = "%.4g") {
  const bool changed = slider_double(label, value, min, max, format, log);
  tooltip(help);
  if (changed) app.params_dirty = true;
  return changed;
}

void cost_editor(ParticleUiState& app, CostSpec& cost, int dim) {
  int family = static_cast<int>(cost.family);
  std::string current(kCostFamilyNames[static_cast<std::size_t>(family)]);
  if (ImGui::BeginCombo("cost family", current.c_str())) {
    for (int f = 0; f < static_cast<int>(kCostFamilyNames.size()); ++f) {
      if (dim == 3 && cost_family_is_2d_only(static_cast<CostFamily>(f))) continue;
      if (ImGui::Selectable(std::string(kCostFamilyNames[static_cast<std::size_t>(f)]).c_str(), f == family)) {
        cost.family = static_cast<CostFamily>(f);
        // Shape parameters the new family needs, sized from the reference radius R so the
        // switch gives a valid cost (a ReLU radius beyond R, or b = 1 box, would be refused).
        if (cost.family == CostFamily::Relu && !(cost.relu_r < cost.R)) cost.relu_r = 0.5 * cost.R;
        if ((cost.family == CostFamily::AnisotropicPower || cost_family_is_stadium(cost.family)) && !(cost.b <= cost.R))
          cost.b = cost.R;
        app.params_dirty = true;
      }
    }
    ImGui::EndCombo();
  }
  tooltip("The shape of the cell's energy: power = round cells, anisotropic power / stadiums = elongated cells "
          "along their axis, relu = flat inside a radius.");
  edit(app, "p (hardness)", &cost.p, 0.2, 20.0,
       "Exponent p of the cost |y - x|^p: large p gives hard cells that keep their shape, p < 1 very soft "
       "cells that deform easily (dimensionless).",
       true);
  edit(app, "C (stiffness)", &cost.C, 1e-3, 1e3,
       "Cost constant C (cost units): with the volume scaling, the mean cost over the cell's reference shape. "
       "Scales how strongly a cell resists being squeezed relative to its neighbours.",
       true);
  if (cost.family == CostFamily::AnisotropicPower || cost_family_is_stadium(cost.family))
    edit(app, "b (short semi-axis)", &cost.b, 1e-3, 0.5, "Short semi-axis of the elongated shape (box units).", true);
  if (cost.family == CostFamily::Relu) {
    edit(app, "relu radius", &cost.relu_r, 1e-3, 0.5, "Radius where the ReLU cost starts rising (box units).", true);
    edit(app, "relu slope", &cost.relu_slope, 1e-2, 100.0, "Slope of the ReLU cost beyond its radius.", true);
  }
  edit(app, "cap", &cost.cap, 0.0, 10.0,
       "0 = off. > 0: the volume fit uses min(max(c, 0), cap) (cells cannot reach beyond the cap); the forces "
       "keep the uncapped gradient.");
}

void dynamics_editor(ParticleUiState& app, SpeciesParams& s) {
  edit(app, "tau (correction gain)", &s.tau, 0.0, 1e4,
       "Gain of the correction that pulls each seed toward its cell's centre: velocity per unit OT gradient "
       "(force correction) or relaxation rate 1/time (barycentric). 0 = off.",
       true);
  edit(app, "v0 (self-propulsion)", &s.v0, 0.0, 2.0, "Swimming speed along the cell axis (box units per time unit).");
  edit(app, "D_r (rotational noise)", &s.rotational_diffusion, 0.0, 50.0,
       "Rotational diffusion of the axis (1 / time unit): active Brownian noise.");
  edit(app, "tumble rate", &s.tumble_rate, 0.0, 50.0,
       "Run-and-tumble: mean number of random axis jumps per time unit.");
  edit(app, "steering noise", &s.steering_noise, 0.0, 50.0,
       "Noise of the axis while steered toward a target (1 / time unit); only in scenes with a target.");
  if (ImGui::Checkbox("axis from shape", &s.axis_from_shape)) app.params_dirty = true;
  tooltip("Re-read the axis from the cell's own shape (principal axis of its second moments) every step.");
}

// The row of the 2D tension table for species s (types: 0 = medium, 1 + species); only
// while the draft has the rule (the panels edit a rule's values, never switch it).
void tension_2d_editor(ParticleUiState& app, int s) {
  SimParams& p = app.draft;
  std::vector<double>& tensions = p.surface_tension->tensions;
  const int n_types = static_cast<int>(p.species.size()) + 1;
  if (static_cast<int>(tensions.size()) != n_types * n_types) return;
  for (int t = 0; t < n_types; ++t) {
    const std::string other = t == 0 ? "medium" : p.species[static_cast<std::size_t>(t - 1)].name;
    const std::string label = "tension with " + other;
    double value = tensions[static_cast<std::size_t>((s + 1) * n_types + t)];
    if (edit(app, label.c_str(), &value, 0.0, 10.0,
             "Surface tension of the interface between this species and the other type (force per length). "
             "Lower tension between two types makes them stick together.")) {
      tensions[static_cast<std::size_t>((s + 1) * n_types + t)] = value;
      tensions[static_cast<std::size_t>(t * n_types + s + 1)] = value;  // the table is symmetric
    }
  }
}

// Types of the 3D tables: the wall -1, the medium 0, cell types 1..n (species).
void tension_3d_editor(ParticleUiState& app, int s) {
  SurfaceTension3DParams& t = *app.draft.surface_tension_3d;
  const int n = t.gamma.n_cell_types();
  if (s >= n) return;
  for (int other = -1; other <= n; ++other) {
    const std::string name = other == 0    ? "medium"
                             : other == -1 ? "wall"
                                           : app.draft.species[static_cast<std::size_t>(other - 1)].name;
    double gamma = t.gamma(s + 1, other);
    if (edit(app, ("gamma with " + name).c_str(), &gamma, 0.0, 10.0,
             "Interface tension gamma between this species and the other type (force per area per curvature)."))
      t.gamma.set(s + 1, other, gamma);
    if (other <= 0) continue;
    double eta = t.eta(s + 1, other);
    if (edit(app, ("eta with " + name).c_str(), &eta, 0.0, 10.0,
             "Positional coefficient eta of cell-cell interfaces: pulls the two seeds together (adhesion)."))
      t.eta.set(s + 1, other, eta);
  }
}

}  // namespace

void draw_species_panel(PanelContext& ctx) {
  if (!panel_header(ctx, "Species", false)) return;
  ParticleUiState& app = ctx.app;
  const FrameData& f = ctx.frame;
  if (app.draft.species.size() != f.params.species.size()) return;  // a new scene is arriving
  for (int s = 0; s < static_cast<int>(app.draft.species.size()); ++s) {
    SpeciesParams& sp = app.draft.species[static_cast<std::size_t>(s)];
    ImGui::PushID(s);
    ImVec4 swatch(sp.color[0] / 255.0f, sp.color[1] / 255.0f, sp.color[2] / 255.0f, 1.0f);
    ImGui::ColorButton("##colour", swatch, ImGuiColorEditFlags_NoTooltip);
    ImGui::SameLine();
    if (ImGui::TreeNodeEx(sp.name.c_str(), s == 0 ? ImGuiTreeNodeFlags_DefaultOpen : 0)) {
      float rgb[3] = {swatch.x, swatch.y, swatch.z};
      if (ImGui::ColorEdit3("colour", rgb, ImGuiColorEditFlags_NoInputs)) {
        for (int k = 0; k < 3; ++k) sp.color[static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(std::lround(rgb[k] * 255));
        app.params_dirty = true;
      }
      // Volume and aspect ratio live in the cell state: they are edited through their own intents.
      double volume = 0, aspect = 0;
      int n = 0;
      for (int i = 0; i < f.cells.size(); ++i)
        if (f.cells.species[static_cast<std::size_t>(i)] == s) {
          volume += f.cells.volume[static_cast<std::size_t>(i)];
          aspect += f.cells.aspect[static_cast<std::size_t>(i)];
          ++n;
        }
      ImGui::Text("%d cells, mean target volume %.3e", n, n > 0 ? volume / n : 0.0);
      if (ImGui::Button("volume -10%")) ctx.intents.push(intent::ScaleSpeciesVolume{s, 1.0 / 1.1});
      ImGui::SameLine();
      if (ImGui::Button("volume +10%")) ctx.intents.push(intent::ScaleSpeciesVolume{s, 1.1});
      tooltip("Scale the target volume of every cell of this species (fractions of the domain).");
      if (n > 0) {
        double ar = aspect / n;
        if (const auto it = app.pending_aspect.find(s); it != app.pending_aspect.end()) ar = it->second;
        if (slider_double("aspect ratio", &ar, 1.0, 8.0, "%.2f")) app.pending_aspect[s] = ar;
        tooltip("Aspect-ratio parameter ar of the elongated costs (length / width of the reference shape, >= 1); "
                "round costs ignore it. In 3D it is re-read from the shape when 'aspect from shape' is on.");
      }
      cost_editor(app, sp.cost, f.grid.dim);
      dynamics_editor(app, sp);
      if (app.draft.surface_tension) tension_2d_editor(app, s);
      if (app.draft.surface_tension_3d) tension_3d_editor(app, s);
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  if (app.draft.gravity.x != 0 || app.draft.gravity.y != 0 || app.draft.gravity.z != 0 || f.grid.dim == 3) {
    double g[3] = {app.draft.gravity.x, app.draft.gravity.y, app.draft.gravity.z};
    if (ImGui::InputScalarN("gravity", ImGuiDataType_Double, g, f.grid.dim)) {
      app.draft.gravity = Vec3{g[0], g[1], g[2]};
      app.params_dirty = true;
    }
    tooltip("Constant body force on every seed (box units per time unit of velocity).");
  }
}

}  // namespace tessera
