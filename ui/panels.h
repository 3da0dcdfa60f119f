#pragma once
// ImGui panels. Panels read the session and write intents (ui/intents.h); they never
// mutate the simulation. ImGuiLayer owns the ImGui context and its GLFW/OpenGL 3
// backends for one window.
#include <string_view>

#include "engine/profile.h"
#include "scenes/session.h"
#include "ui/intents.h"

struct GLFWwindow;

namespace tessera {

// Lifetime: create after the window (its GL context current), destroy before it.
class ImGuiLayer {
 public:
  // `scale`: the window's content scale, applied to fonts and sizes on HiDPI screens.
  ImGuiLayer(GLFWwindow* window, float scale);
  ~ImGuiLayer();
  ImGuiLayer(const ImGuiLayer&) = delete;
  ImGuiLayer& operator=(const ImGuiLayer&) = delete;

  void begin_frame();
  // Draws the frame's panels into the current framebuffer.
  void end_frame();
};

// What the app measured about the last frames.
struct FrameStats {
  double fps = 0.0;       // frames per second, averaged over the last ~2 s
  double frame_ms = 0.0;  // 1000 / fps
  Profile profile;        // ms per stage: simulation stages from the session, render/ui from the app
};

// The control panel: backend, frame rate, stage times, step count; seed count slider
// and Pause / Step / Reset buttons, which push intents.
void draw_control_panel(const Session& session, const PlayState& play, const FrameStats& stats,
                        std::string_view gl_description, IntentQueue& intents);

}  // namespace tessera
