// Checks the screenshot of an app run (tests/gui_smoke.cmake runs `tessera --frames N
// --screenshot FILE` under Xvfb, then this test). Hidden ([.]): it needs that file,
// named by TESSERA_SCREENSHOT, with the window size in TESSERA_SCREENSHOT_SIZE ("WxH").
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "engine/colormap.h"
#include "engine/image_io.h"

using namespace tessera;

TEST_CASE("the app's screenshot shows the label view and the panel", "[.][screenshot]") {
  const char* path = std::getenv("TESSERA_SCREENSHOT");
  const char* size = std::getenv("TESSERA_SCREENSHOT_SIZE");
  REQUIRE(path != nullptr);
  REQUIRE(size != nullptr);
  REQUIRE(std::filesystem::exists(path));
  const Image image = read_png(path);
  CHECK(std::to_string(image.width) + "x" + std::to_string(image.height) == size);

  std::set<std::uint32_t> colors;
  int n_white = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      colors.insert(p[0] | p[1] << 8 | p[2] << 16);
      n_white += p[0] >= 250 && p[1] >= 250 && p[2] >= 250;
    }
  // The label view: the palette colours of (most of) the default scene's 64 cells.
  int n_labels_seen = 0;
  for (int label = 0; label < 64; ++label) {
    const Rgb8 c = label_color(label);
    n_labels_seen += colors.count(c.r | c.g << 8 | c.b << 16) > 0;
  }
  CHECK(colors.size() >= 64);
  CHECK(n_labels_seen >= 48);
  // The panel: ImGui's white text; the palette never reaches 250 in all channels.
  CHECK(n_white > 100);
}
