#include "ui/window.h"

// The GL header (libepoxy) comes before GLFW, and GLFW must not include one of its own.
#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cstdlib>

#include "engine/error.h"
#include "engine/log.h"
#include "render/gl.h"

namespace tessera {

namespace {

constexpr const char* kHeadlessHint = "use `tessera run --out DIR` to run headless";

std::string g_last_glfw_error;

void record_glfw_error(int code, const char* description) {
  g_last_glfw_error = description ? description : "error " + std::to_string(code);
  log::debug("GLFW error {}: {}", code, g_last_glfw_error);
}

bool has_env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] != '\0';
}

// Why glfwInit failed, in words a user can act on.
std::string init_failure_reason() {
  if (!has_env("DISPLAY") && !has_env("WAYLAND_DISPLAY")) return "no display: DISPLAY is not set";
  return "GLFW: " + (g_last_glfw_error.empty() ? std::string("initialisation failed") : g_last_glfw_error);
}

}  // namespace

std::string last_glfw_error() {
  return g_last_glfw_error;
}

Window::Window(const WindowOptions& options) {
  g_last_glfw_error.clear();
  glfwSetErrorCallback(record_glfw_error);
  if (glfwInit() != GLFW_TRUE) throw_error("cannot open a window (" + init_failure_reason() + "); " + kHeadlessHint);

  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 4);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 5);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);  // HiDPI: the window keeps its apparent size
  m_window = glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
  if (m_window == nullptr) {
    const std::string reason = g_last_glfw_error;
    glfwTerminate();
    throw_error("cannot open a window with OpenGL 4.5 core (GLFW: " + reason + "); " + kHeadlessHint);
  }
  glfwMakeContextCurrent(m_window);

  // libepoxy resolves GL functions in the current context on first use; the version
  // check makes a context without 4.5 core fail here with a message, not at a first call.
  const int version = epoxy_gl_version();  // 10 * major + minor
  if (version < 45) {
    glfwDestroyWindow(m_window);
    glfwTerminate();
    throw_error("cannot use the OpenGL 4.5 core functions (the driver offers " + std::to_string(version / 10) + "." +
                std::to_string(version % 10) + "); " + kHeadlessHint);
  }
  glfwSwapInterval(options.vsync ? 1 : 0);
  m_gl_description = gl::context_description();
  log::info("window: {}x{}, OpenGL {}", options.width, options.height, m_gl_description);
}

Window::~Window() {
  glfwDestroyWindow(m_window);
  glfwTerminate();
}

FramebufferSize Window::framebuffer_size() const {
  FramebufferSize size;
  glfwGetFramebufferSize(m_window, &size.width, &size.height);
  return size;
}

float Window::content_scale() const {
  float x = 1.0f, y = 1.0f;
  glfwGetWindowContentScale(m_window, &x, &y);
  return x > 0.0f ? x : 1.0f;
}

bool Window::should_close() const {
  return glfwWindowShouldClose(m_window) == GLFW_TRUE;
}

void Window::swap_buffers() {
  glfwSwapBuffers(m_window);
}

}  // namespace tessera
