#pragma once
// Pixel helpers shared by the [gl] render tests: a known background and colour checks.
#include <epoxy/gl.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/colormap.h"
#include "engine/image_io.h"
#include "ui/window.h"

namespace tessera::test {

inline constexpr Rgb8 kClear{10, 20, 30};

// Clears the whole framebuffer to kClear.
inline void clear(FramebufferSize fb) {
  glViewport(0, 0, fb.width, fb.height);
  glClearColor(kClear.r / 255.0f, kClear.g / 255.0f, kClear.b / 255.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
}

inline bool near(const std::uint8_t* p, Rgb8 c, int tolerance = 1) {
  return std::abs(p[0] - c.r) <= tolerance && std::abs(p[1] - c.g) <= tolerance && std::abs(p[2] - c.b) <= tolerance;
}

inline std::string describe(const std::uint8_t* p) {
  return std::to_string(p[0]) + "," + std::to_string(p[1]) + "," + std::to_string(p[2]);
}

// The image pixel (top row first, as read_framebuffer returns) at GL framebuffer
// pixel (x, y), counted from the bottom.
inline const std::uint8_t* gl_pixel(const Image& image, int x, int y) {
  return image.pixel(x, image.height - 1 - y);
}

}  // namespace tessera::test
