// GL object wrappers, shader embedding and frame capture.
#include <epoxy/gl.h>

#include <catch2/catch.hpp>

#include "engine/error.h"
#include "gl_context.h"
#include "render/capture.h"
#include "render/gl.h"
#include "shaders/embedded_shaders.h"

using namespace tessera;

TEST_CASE("shader sources are embedded in the binary", "[gl][shaders]") {
  for (const char* name :
       {"label_view.vert", "label_view.frag", "seed_points.vert", "seed_points.frag", "axis_lines.vert",
        "flat_color.frag", "volume_view.vert", "volume_view.frag", "box_lines.vert"})
    REQUIRE(shader_source(name).starts_with("#version 450 core"));
  // The palette hash constants of engine/colormap.h.
  REQUIRE_THAT(std::string(shader_source("label_palette.glsl")), Catch::Contains("0x7feb352du"));
  REQUIRE_THAT(std::string(shader_source("label_palette.glsl")), Catch::Contains("0x846ca68bu"));
  REQUIRE_THROWS_WITH(shader_source("missing.frag"),
                      Catch::Contains("missing.frag") && Catch::Contains("label_view.frag"));
}

TEST_CASE("includes go after the #version line and keep line numbers", "[gl][shaders]") {
  const std::string out = gl::with_includes("#version 450 core\nvoid main() {}\n", {"float f() { return 1.0; }"});
  REQUIRE(out == "#version 450 core\nfloat f() { return 1.0; }\n#line 2\nvoid main() {}\n");
  REQUIRE_THROWS_AS(gl::with_includes("void main() {}\n", {"x"}), Error);
}

TEST_CASE("shader programs report compile and link errors on one line", "[gl][shaders]") {
  Window window(test::gl_test_window(64, 64));
  const std::string vert = "#version 450 core\nvoid main() { gl_Position = vec4(0.0); }\n";

  SECTION("a compile error names the stage and carries the driver's log") {
    try {
      gl::ShaderProgram("broken",
                        {{GL_VERTEX_SHADER, "ok.vert", vert},
                         {GL_FRAGMENT_SHADER, "broken.frag", "#version 450 core\nvoid main() { nonsense }\n"}});
      FAIL("a broken shader compiled");
    } catch (const Error& e) {
      const std::string message = e.what();
      REQUIRE_THAT(message, Catch::Contains("broken.frag") && Catch::Contains("does not compile"));
      REQUIRE(message.find('\n') == std::string::npos);
    }
  }
  SECTION("a link error names the program") {
    const std::string frag =
        "#version 450 core\nin vec3 v_never_written;\nout vec4 o;\nvoid main() { o = vec4(v_never_written, 1.0); }\n";
    REQUIRE_THROWS_WITH(
        gl::ShaderProgram("mismatched", {{GL_VERTEX_SHADER, "a.vert", vert}, {GL_FRAGMENT_SHADER, "b.frag", frag}}),
        Catch::Contains("mismatched") && Catch::Contains("does not link"));
  }
  SECTION("a good program links and finds its uniforms") {
    const std::string frag =
        "#version 450 core\nuniform vec3 u_color;\nout vec4 o;\nvoid main() { o = vec4(u_color, 1.0); }\n";
    const gl::ShaderProgram program("good", {{GL_VERTEX_SHADER, "a.vert", vert}, {GL_FRAGMENT_SHADER, "b.frag", frag}});
    REQUIRE(program.id() != 0);
    REQUIRE(program.uniform("u_color") >= 0);
    REQUIRE_THROWS_WITH(program.uniform("u_colour"), Catch::Contains("u_colour"));
  }
  gl::check_errors("shader tests");
}

TEST_CASE("GL errors become exceptions and the error queue is emptied", "[gl]") {
  Window window(test::gl_test_window(64, 64));
  gl::check_errors("a fresh context");
  glEnable(0x1234);  // not a capability
  REQUIRE_THROWS_WITH(gl::check_errors("glEnable"), Catch::Contains("GL_INVALID_ENUM") && Catch::Contains("glEnable"));
  REQUIRE_NOTHROW(gl::check_errors("nothing"));
}

TEST_CASE("read_framebuffer returns the top row first and opaque pixels", "[gl][capture]") {
  Window window(test::gl_test_window(80, 60));
  const FramebufferSize fb = window.framebuffer_size();
  REQUIRE(fb.width == 80);
  REQUIRE(fb.height == 60);
  glViewport(0, 0, fb.width, fb.height);
  glClearColor(0.0f, 0.0f, 1.0f, 0.0f);  // blue, transparent
  glClear(GL_COLOR_BUFFER_BIT);
  // The top 10 GL rows in red.
  glEnable(GL_SCISSOR_TEST);
  glScissor(0, fb.height - 10, fb.width, 10);
  glClearColor(1.0f, 0.0f, 0.0f, 0.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  glDisable(GL_SCISSOR_TEST);

  const Image image = read_framebuffer(fb.width, fb.height);
  REQUIRE(image.width == 80);
  REQUIRE(image.height == 60);
  const std::uint8_t* top = image.pixel(5, 2);
  const std::uint8_t* bottom = image.pixel(5, 50);
  CHECK((top[0] == 255 && top[2] == 0));
  CHECK((bottom[0] == 0 && bottom[2] == 255));
  CHECK(top[3] == 255);
  CHECK(bottom[3] == 255);
  REQUIRE_THROWS_AS(read_framebuffer(0, 10), Error);
}
