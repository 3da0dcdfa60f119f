#pragma once
// The windowed application: one frame function (App::frame) run until the window closes,
// with the model stepping on a worker thread (ui/step_worker.h) between sync points.
// The shell owns what every mode shares (window, ImGui, worker, pacing, recorder, status
// line, settings); the running mode's Workbench (ui/workbench.h) owns its view, panels
// and mouse tools. run_app returns the process exit code; the constructor throws
// tessera::Error on bad input (before any window opens) and when no window can be
// opened (no display, no OpenGL 4.5).
#include <memory>

#include "engine/image_io.h"
#include "ui/cli/cli.h"
#include "ui/shell_state.h"
#include "ui/workbench.h"

namespace tessera {

class App {
 public:
  App(const CommonOptions& common, const AppOptions& options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // One displayed frame: sync point, rendering, panels, present. False once the window
  // should close (or --frames is reached).
  bool frame();

  // For tests and scripted runs: the shell's state, the running mode's workbench, and
  // waiting until the worker is idle (then one more frame shows the newest state).
  ShellState& state();
  Workbench& workbench();
  void wait_idle();
  // When on, every frame keeps a copy of its framebuffer (panels included) before
  // presenting it: last_frame_image() returns the last one (empty before).
  void keep_frame_images(bool keep);
  const Image& last_frame_image() const;
  // With --stats: writes the mean per-stage frame times of the frames so far.
  void write_stats(double wall_seconds) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

int run_app(const CommonOptions& common, const AppOptions& options);

}  // namespace tessera
