#pragma once
// The particle workbench's ImGui panels, one function per panel, all in one side
// column under the shell's mode picker. Panels read the frame copy (ui/frame_data.h) and edit the app's own state; they reach the simulation
// only through intents (ui/intents.h), applied at the next sync point.
#include <string>
#include <string_view>

#include "engine/field_table.h"

#include "engine/profile.h"
#include "ui/particles/ui_state.h"
#include "ui/particles/frame_data.h"
#include "ui/particles/intents.h"
#include "ui/shell_panels.h"
#include "ui/workbench.h"

namespace tessera {

struct PanelContext {
  const FrameData& frame;
  ParticleUiState& app;
  ShellState& shell;
  IntentQueue& intents;
  const FrameStats& stats;
  std::string_view gl_description;  // OpenGL version and renderer
  std::string_view label_path;      // how labels reach the GPU ("upload" or "cuda-interop")
};

// The side column holding every panel; returns its width in framebuffer pixels.
float draw_side_panel(PanelContext& ctx, ShellContext& shell_ctx);

// The panels inside it (each a collapsing header).
void draw_scene_panel(PanelContext& ctx);     // scene picker, preset, resolution, seed, load/save, reset
void draw_playback_panel(PanelContext& ctx);  // run/pause/step, dt, substeps; status and stage times
void draw_species_panel(PanelContext& ctx);   // per-species energy and dynamics sliders
void draw_solver_panel(PanelContext& ctx);    // method, tolerance, caps, Sinkhorn; live plots
void draw_view_panel(PanelContext& ctx);      // colour mode, overlays, tool
void draw_export_panel(PanelContext& ctx);    // screenshot, recording, voxel grid, cell table
void draw_inspector(PanelContext& ctx);       // the selected cell's numbers

// The tooltip of a field from its table (meaning, unit, range: engine/field_table.h),
// followed by `hint` (what the panel adds: how the value shows in the window).
template <class S>
void field_tip(const FieldTable<S>& table, std::string_view name, std::string_view hint = {}) {
  if (const Field<S>* f = find_field(table, name))
    tooltip((field_tooltip(*f) + (hint.empty() ? "" : " ") + std::string(hint)).c_str());
}

// The help overlay (keyboard shortcuts and mouse tools), while app.view.help is set.
void draw_help_overlay(PanelContext& ctx);

// A panel's collapsing header (ui/shell_panels.h) for the particle panels.
inline bool panel_header(PanelContext& ctx, const char* name, bool default_open) {
  return panel_header(ctx.shell, name, default_open);
}

}  // namespace tessera
