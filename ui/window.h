#pragma once
// The application window: GLFW with an OpenGL 4.5 core context, functions loaded
// through libepoxy (resolved on first use in the current context). Only one Window exists at a time (it owns GLFW's global init/terminate).
//
// Sizes: the window size is in screen coordinates; the framebuffer size is in pixels
// and is what OpenGL draws into (larger on HiDPI screens). Always use the latter for
// glViewport and read-backs.
#include <string>

struct GLFWwindow;

namespace tessera {

struct WindowOptions {
  int width = 1280, height = 800;  // screen coordinates
  std::string title = "Tessera";
  bool visible = true;  // false: never shown; drawing and read-back still work (the [gl] tests)
  bool vsync = true;
};

struct FramebufferSize {
  int width = 0, height = 0;  // pixels; 0 x 0 while the window is minimised
  bool empty() const { return width <= 0 || height <= 0; }
};

class Window {
 public:
  // Opens the window and makes its context current. Throws tessera::Error with one
  // line saying why (no display, no OpenGL 4.5 core) and how to run headless.
  explicit Window(const WindowOptions& options);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  GLFWwindow* handle() const { return m_window; }
  FramebufferSize framebuffer_size() const;
  // Ratio of pixels to screen coordinates requested by the monitor (1 on most screens, 2 on HiDPI).
  float content_scale() const;
  bool should_close() const;
  void swap_buffers();
  // GL version and renderer, e.g. "4.5 (Core Profile) Mesa 22.3.6, llvmpipe (LLVM 15.0.6, 256 bits)".
  const std::string& gl_description() const { return m_gl_description; }

 private:
  GLFWwindow* m_window = nullptr;
  std::string m_gl_description;
};

// The last message GLFW reported through its error callback ("" when none).
std::string last_glfw_error();

}  // namespace tessera
