// The window and its failure message when there is no display.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/error.h"
#include "gl_context.h"

using namespace tessera;

TEST_CASE("the window has an OpenGL 4.5 core context", "[gl][window]") {
  Window window(test::gl_test_window(320, 240));
  const FramebufferSize fb = window.framebuffer_size();
  REQUIRE_FALSE(fb.empty());
  REQUIRE(window.content_scale() > 0.0f);
  REQUIRE_THAT(window.gl_description(), Catch::StartsWith("4.") && Catch::Contains("Core Profile"));
  REQUIRE_FALSE(window.should_close());
}

TEST_CASE("without a display the window fails with one line that says what to do", "[gl][window]") {
  // Take the display away for this test only.
  std::vector<std::pair<const char*, std::optional<std::string>>> saved;
  for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY"}) {
    const char* value = std::getenv(name);
    saved.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
    ::unsetenv(name);
  }
  std::string message;
  try {
    Window window(test::gl_test_window(64, 64));
  } catch (const Error& e) {
    message = e.what();
  }
  for (const auto& [name, value] : saved)
    if (value) ::setenv(name, value->c_str(), 1);
  REQUIRE(message ==
          "cannot open a window (no display: DISPLAY is not set); use `tessera run --out DIR` to run headless");
}
