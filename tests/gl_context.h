#pragma once
// A window with an OpenGL 4.5 core context for [gl] tests. The tests run under
// Xvfb (see tests/CMakeLists.txt); the window is hidden, its back buffer is still
// drawn into and read back.
#include "ui/window.h"

namespace tessera::test {

inline WindowOptions gl_test_window(int width, int height) {
  WindowOptions options;
  options.width = width;
  options.height = height;
  options.title = "tessera_gl_tests";
  options.visible = false;
  options.vsync = false;
  return options;
}

}  // namespace tessera::test
