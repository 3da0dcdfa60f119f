#pragma once
// The window side of one mode. The shell (ui/app.h) owns what every mode shares —
// window, ImGui, the step worker, playback pacing, the recorder, the status line,
// settings — and hands the rest to the mode's Workbench:
//   sync()      at the sync point, while the worker is idle: take the finished batch,
//               apply the mode's intents, and say what the worker should do next
//   adopt()     a model the worker built (a new scene of this mode) replaces the current one
//   draw_view() the mode's picture in the view area
//   draw_ui()   the side column (the shell's mode picker at its top) and overlays
//   handle_input() mouse tools and shortcuts in the view
// A workbench never touches its model while the worker runs a batch. Adding a mode
// adds a Workbench and a registry entry (ui/workbenches.h), not branches in the shell.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "render/picking.h"
#include "scenes/model.h"
#include "ui/settings.h"
#include "ui/shell_state.h"

namespace tessera {

// A model to build on the worker instead of the current one.
struct ModelBuild {
  std::function<std::unique_ptr<Model>()> build;  // runs on the worker thread
  std::string description;                        // for "building ..." and errors
  std::filesystem::path origin;                   // the file it comes from ("" = a registry entry)
};

// What the worker should do after a sync point.
struct SyncPlan {
  int steps = 0;      // steps of the next batch (running steps plus single steps asked for)
  int run_steps = 0;  // of which from running (the pacer may lower them)
  std::optional<ModelBuild> build;  // instead of stepping: build this model
};

// What the shell measured about the last frames, for the panels.
struct FrameStats {
  double fps = 0.0;              // frames per second, averaged over the last ~2 s
  double frame_ms = 0.0;         // 1000 / fps
  double render_ms = 0.0;        // drawing the view, last frame
  double ui_ms = 0.0;            // the panels, last frame
  bool stepping = false;         // a batch of steps is running on the worker
  double step_running_ms = 0.0;  // how long it has been running
};

// What every workbench's panels may read or ask of the shell.
struct ShellContext {
  ShellState& shell;
  const FrameStats& stats;
  std::string_view gl_description;  // OpenGL version and renderer
};

class Workbench {
 public:
  virtual ~Workbench() = default;

  virtual std::string_view mode() const = 0;
  virtual Model& model() = 0;

  // The sync point (worker idle). `finished_batch`: a batch of steps has just ended
  // (capture it; a failed step pauses the run with its reason in the status line).
  virtual SyncPlan sync(ShellState& shell, bool finished_batch) = 0;
  // A model the worker built for this mode; false when it belongs to another mode (the
  // shell then makes that mode's workbench).
  virtual bool adopt(std::unique_ptr<Model>& model, const std::filesystem::path& origin, ShellState& shell) = 0;

  // Draws into `area` (framebuffer pixels).
  virtual void draw_view(const PixelRect& area, float pixel_scale) = 0;
  // The side column and overlays; returns the column's width in framebuffer pixels.
  virtual float draw_ui(ShellContext& ctx) = 0;
  // Mouse and keyboard in the view, after the panels (ImGui's capture rule decides).
  virtual void handle_input(ShellContext& ctx) = 0;

  // What the settings file remembers of this mode (its last scene and view).
  virtual void remember(AppSettings& settings) const = 0;
  // --stats: the mode's fields of the frame-time file (scene, cells, grid, ...).
  virtual void describe(nlohmann::json& out) const = 0;
};

}  // namespace tessera
