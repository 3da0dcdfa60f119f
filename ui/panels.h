#pragma once
// The ImGui panels, one function per panel, all in one side column. Panels read the
// frame copy (ui/frame_data.h) and edit the app's own state; they reach the simulation
// only through intents (ui/intents.h), applied at the next sync point.
#include <string_view>

#include "engine/profile.h"
#include "ui/app_state.h"
#include "ui/frame_data.h"
#include "ui/intents.h"

namespace tessera {

// What the app measured about the last frames.
struct FrameStats {
  double fps = 0.0;       // frames per second, averaged over the last ~2 s
  double frame_ms = 0.0;  // 1000 / fps
  Profile app;            // render and ui ms of the last frame
  bool stepping = false;  // a batch of steps is running on the worker
  double step_running_ms = 0.0;  // how long it has been running
};

struct PanelContext {
  const FrameData& frame;
  AppState& app;
  IntentQueue& intents;
  const FrameStats& stats;
  std::string_view gl_description;  // OpenGL version and renderer
  std::string_view label_path;      // how labels reach the GPU ("upload" or "cuda-interop")
};

// The side column holding every panel; returns its width in framebuffer pixels.
float draw_side_panel(PanelContext& ctx);

// The panels inside it (each a collapsing header).
void draw_scene_panel(PanelContext& ctx);     // scene picker, preset, resolution, seed, load/save, reset
void draw_playback_panel(PanelContext& ctx);  // run/pause/step, dt, substeps; status and stage times
void draw_species_panel(PanelContext& ctx);   // per-species energy and dynamics sliders
void draw_solver_panel(PanelContext& ctx);    // method, tolerance, caps, Sinkhorn; live plots
void draw_view_panel(PanelContext& ctx);      // colour mode, overlays, tool
void draw_export_panel(PanelContext& ctx);    // screenshot, recording, voxel grid, cell table
void draw_inspector(PanelContext& ctx);       // the selected cell's numbers

// The help overlay (keyboard shortcuts and mouse tools), while app.view.help is set.
void draw_help_overlay(PanelContext& ctx);

// A panel's collapsing header; opens at start when the panel is in app.open_panels
// (`--open`), else when `default_open`.
bool panel_header(PanelContext& ctx, const char* name, bool default_open);

// ImGui tooltip on the last item: `text` states units and meaning.
void tooltip(const char* text);

}  // namespace tessera
