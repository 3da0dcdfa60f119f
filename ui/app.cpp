// The windowed application. One frame: the sync point (apply the panels' intents),
// the simulation steps, the label view, the panels, present. The headless runner
// (ui/headless.cpp) drives the same Session::step without the window.
#include "ui/app.h"

// glad must come before GLFW, and GLFW must not include a GL header of its own.
#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <filesystem>

#include "engine/error.h"
#include "engine/image_io.h"
#include "engine/log.h"
#include "engine/profile.h"
#include "render/capture.h"
#include "render/label_view.h"
#include "ui/intents.h"
#include "ui/panels.h"
#include "ui/session_factory.h"
#include "ui/window.h"

namespace tessera {

namespace {

constexpr float kBackground[3] = {0.11f, 0.11f, 0.12f};  // letterbox bars around the grid
constexpr float kSeedDiameter = 5.0f;                    // screen coordinates; scaled to pixels on HiDPI

// Checked before the window opens, so a run does not end on an unwritable path.
void check_screenshot_path(const std::filesystem::path& path) {
  if (path.empty()) return;
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  TESSERA_REQUIRE(std::filesystem::is_directory(folder),
                  "--screenshot: the folder " + folder.string() + " does not exist");
}

// The back buffer as drawn (label view and panels), before it is presented.
void save_screenshot(const std::filesystem::path& path, FramebufferSize fb) {
  const bool replaced = std::filesystem::exists(path);
  write_png(path, read_framebuffer(fb.width, fb.height));
  log::info("screenshot: {}x{} pixels {} {}", fb.width, fb.height, replaced ? "replaced" : "written to", path.string());
}

}  // namespace

int run_app(const SimOptions& sim, const AppOptions& app) {
  // Everything that can fail on bad input fails before a window appears.
  check_screenshot_path(app.screenshot);
  Session session = make_session(sim);
  Window window(WindowOptions{.width = app.width, .height = app.height});

  // GL users are declared after the window, so they are destroyed first, while its
  // context is still current.
  const float scale = window.content_scale();
  ImGuiLayer imgui(window.handle(), scale);
  LabelView2D view;
  LabelViewStyle style;
  style.seed_diameter_px = kSeedDiameter * scale;

  IntentQueue intents;
  PlayState play;
  Profile app_profile;  // render and ui stage times of the current frame
  bool labels_stale = true;
  log::info("app: {} seeds on a {}x{} grid, {}", session.params().n_seeds, session.grid().n[0], session.grid().n[1],
            describe(session.exec()));

  for (int frame = 0;; ++frame) {
    glfwPollEvents();
    FramebufferSize fb = window.framebuffer_size();
    // Minimised (0 x 0 framebuffer): nothing to draw, so sleep until an event arrives.
    while (fb.empty() && !window.should_close()) {
      glfwWaitEvents();
      fb = window.framebuffer_size();
    }
    if (fb.empty()) break;  // closed while minimised
    // A close request still gets this frame drawn, so --screenshot sees the final state.
    const bool last = window.should_close() || (app.frames > 0 && frame + 1 >= app.frames);
    // The panel draws after the UI timer has started, so it shows the previous frame's UI time.
    const double previous_ui_ms = app_profile[Stage::Ui];
    app_profile.clear();

    // The sync point: apply what the panels asked for last frame, then step.
    labels_stale = labels_stale || !intents.empty();
    const int n_steps = apply_intents(intents, session, play);
    if (n_steps > 0) {
      session.step(n_steps);
      labels_stale = true;
    }

    {
      // CPU time to upload and submit; the GPU finishes asynchronously.
      ScopedTimer timer(app_profile, Stage::Render);
      if (labels_stale) {
        view.set_labels(session.labels(), session.grid());
        view.set_seeds(session.seeds(), session.grid());
        labels_stale = false;
      }
      glViewport(0, 0, fb.width, fb.height);
      glClearColor(kBackground[0], kBackground[1], kBackground[2], 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      view.draw(fb.width, fb.height, style);
    }

    {
      ScopedTimer timer(app_profile, Stage::Ui);
      imgui.begin_frame();
      FrameStats stats;
      stats.fps = ImGui::GetIO().Framerate;
      stats.frame_ms = stats.fps > 0.0 ? 1000.0 / stats.fps : 0.0;
      stats.profile = session.profile();
      stats.profile[Stage::Render] = app_profile[Stage::Render];
      stats.profile[Stage::Ui] = previous_ui_ms;
      draw_control_panel(session, play, stats, window.gl_description(), intents);
      imgui.end_frame();
    }

    if (last && !app.screenshot.empty()) save_screenshot(app.screenshot, fb);
    window.swap_buffers();
    if (last) break;
  }
  return 0;
}

}  // namespace tessera
