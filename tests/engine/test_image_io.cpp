#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/colormap.h"
#include "engine/error.h"
#include "engine/image_io.h"
#include "engine/label_image.h"
#include "engine/output_dir.h"

using namespace tessera;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("tessera_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}
}  // namespace

TEST_CASE("PNG round trip keeps every byte", "[cpu][engine]") {
  const fs::path dir = fresh_dir("png");
  fs::create_directories(dir);
  Image image(7, 5);
  for (std::size_t k = 0; k < image.rgba.size(); ++k) image.rgba[k] = static_cast<std::uint8_t>((k * 37) % 256);
  write_png(dir / "a.png", image);
  const Image back = read_png(dir / "a.png");
  REQUIRE(back.width == 7);
  REQUIRE(back.height == 5);
  REQUIRE(back.rgba == image.rgba);
  fs::remove_all(dir);
}

TEST_CASE("unreadable and unwritable PNG paths are errors naming the path", "[cpu][engine]") {
  REQUIRE_THROWS_WITH(read_png("/nonexistent/x.png"), Catch::Contains("/nonexistent/x.png"));
  REQUIRE_THROWS_WITH(write_png("/nonexistent/dir/x.png", Image(2, 2)), Catch::Contains("/nonexistent/dir/x.png"));
}

TEST_CASE("label images: palette colours, y up, boundaries", "[cpu][engine]") {
  const Grid g = make_grid_2d(4, 2);
  // bottom row (j = 0) is label 0, top row label 1
  const std::vector<std::int32_t> labels = {0, 0, 0, 0, 1, 1, 1, 1};
  LabelImageStyle style;
  style.boundaries = false;
  style.seeds = false;
  const Image image = render_labels(g, labels, {}, style);
  const Rgb8 c0 = label_color(0), c1 = label_color(1);
  REQUIRE(image.pixel(0, 1)[0] == c0.r);  // bottom image row = grid row 0
  REQUIRE(image.pixel(0, 0)[1] == c1.g);
  REQUIRE(label_color(-1).r == kVoidColor.r);
  style.boundaries = true;
  const Image outlined = render_labels(g, labels, {}, style);
  REQUIRE(outlined.pixel(0, 1)[0] == 30);  // grid row 0 touches label 1 above it
}

TEST_CASE("output folders: created, never silently reused", "[cpu][engine]") {
  const fs::path dir = fresh_dir("out");
  prepare_output_dir(dir, false);
  REQUIRE(fs::is_directory(dir));
  prepare_output_dir(dir, false);  // empty: fine
  { std::ofstream(dir / "frame.png") << "x"; }
  REQUIRE_THROWS_WITH(prepare_output_dir(dir, false), Catch::Contains("already contains files"));
  REQUIRE_NOTHROW(prepare_output_dir(dir, true));
  REQUIRE_THROWS_WITH(prepare_output_dir(dir / "frame.png", false), Catch::Contains("not a folder"));
  fs::remove_all(dir);
  // /proc refuses new entries even for root.
  REQUIRE_THROWS_WITH(prepare_output_dir("/proc/tessera_cannot_exist", false), Catch::Contains("/proc/tessera_cannot_exist"));
}

TEST_CASE("label images take per-cell colours when given; shades stay near the base colour", "[cpu][engine]") {
  const Grid g = make_grid_2d(2, 1);
  const std::vector<std::int32_t> labels = {0, -1};
  const std::vector<Rgb8> colors = {Rgb8{10, 20, 30}};
  LabelImageStyle style;
  style.boundaries = false;
  style.seeds = false;
  style.cell_colors = colors;
  const Image image = render_labels(g, labels, {}, style);
  REQUIRE(image.pixel(0, 0)[2] == 30);
  REQUIRE(image.pixel(1, 0)[0] == kVoidColor.r);  // the void keeps its colour
  const Rgb8 base{31, 119, 180};
  bool differs = false;
  for (std::uint32_t key = 0; key < 50; ++key) {
    const Rgb8 s = shade(base, key);
    REQUIRE(std::abs(int(s.b) - int(base.b)) <= 0.15 * 255 + 1);
    differs = differs || s.b != shade(base, key + 1).b;
    REQUIRE(shade(base, key).g == s.g);  // deterministic
  }
  REQUIRE(differs);
}

TEST_CASE("3D label images: the middle slice across x, y or z, the second image axis pointing up", "[cpu][engine]") {
  const Grid g = make_grid_3d(4, 6, 8);
  std::vector<std::int32_t> labels(g.size());
  // Label = 100 x + 10 y + z of the voxel, so each image pixel tells where it came from.
  for (std::int64_t k = 0; k < g.size(); ++k) {
    int i, j, l;
    g.coords(k, i, j, l);
    labels[k] = 100 * i + 10 * j + l;
  }
  std::vector<Rgb8> colors(400);
  for (int c = 0; c < 400; ++c) colors[c] = Rgb8{static_cast<std::uint8_t>(c % 256), static_cast<std::uint8_t>(c / 256), 0};
  LabelImageStyle style;
  style.boundaries = false;
  style.seeds = false;
  style.cell_colors = colors;
  auto label_at = [](const Image& image, int px, int py) {
    const std::uint8_t* p = image.pixel(px, py);
    return p[0] + 256 * p[1];
  };
  style.slice_axis = 0;  // x = 2: image (y, z), z up
  Image image = render_labels(g, labels, {}, style);
  REQUIRE((image.width == 6 && image.height == 8));
  REQUIRE(label_at(image, 5, 0) == 200 + 50 + 7);  // top right: largest y, largest z
  REQUIRE(label_at(image, 0, 7) == 200 + 0 + 0);
  style.slice_axis = 1;  // y = 3: image (x, z)
  image = render_labels(g, labels, {}, style);
  REQUIRE((image.width == 4 && image.height == 8));
  REQUIRE(label_at(image, 3, 0) == 300 + 30 + 7);
  style.slice_axis = 2;  // z = 4: image (x, y), as before
  image = render_labels(g, labels, {}, style);
  REQUIRE((image.width == 4 && image.height == 6));
  REQUIRE(label_at(image, 3, 0) == 300 + 50 + 4);
  style.slice_axis = 3;
  REQUIRE_THROWS_WITH(render_labels(g, labels, {}, style), Catch::Contains("slice_axis"));
}
