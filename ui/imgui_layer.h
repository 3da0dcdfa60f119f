#pragma once
// ImGuiLayer owns the ImGui context and its GLFW / OpenGL 3 backends for one window.
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

}  // namespace tessera
