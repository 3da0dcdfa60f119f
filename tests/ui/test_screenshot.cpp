// Checks the screenshot of an app run (tests/gui_smoke.cmake runs `tessera --frames N
// --screenshot FILE` under Xvfb, then this test). Hidden ([.]): it needs that file,
// named by TESSERA_SCREENSHOT, with the window size in TESSERA_SCREENSHOT_SIZE ("WxH").
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

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

  // The view (right of the side column): the cells of the default scene in their
  // species' colours, each shaded by its id, so many distinct colours.
  std::set<std::uint32_t> view_colors;
  int n_white = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      if (x > image.width / 2) view_colors.insert(p[0] | p[1] << 8 | p[2] << 16);
      else n_white += p[0] >= 250 && p[1] >= 250 && p[2] >= 250;
    }
  CHECK(view_colors.size() >= 40);
  // The panels: ImGui's white text on the left.
  CHECK(n_white > 100);
}
