// The 3D view: a small synthetic label volume ray-marched through an orbit camera.
#include <glad/gl.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "engine/colormap.h"
#include "engine/error.h"
#include "engine/image_io.h"
#include "engine/label_codes.h"
#include "gl_context.h"
#include "pixels.h"
#include "render/capture.h"
#include "render/volume_view.h"

using namespace tessera;
using test::clear;
using test::gl_pixel;
using test::kClear;
using test::near;

namespace {

constexpr int kN = 32;
constexpr int kSize = 160;  // framebuffer pixels per side

// Two stacked slabs (cell 0 below z = 16, cell 1 above) of [4, 28)^2 in x and y, and a
// cube of cell 2 at the centre, [12, 20)^3, hidden inside them; the void around; the
// x = 0 layer is outside the domain mask.
std::vector<std::int32_t> synthetic_labels(const Grid& grid) {
  std::vector<std::int32_t> labels(static_cast<std::size_t>(grid.size()), kVoidLabel);
  for (int k = 0; k < kN; ++k)
    for (int j = 0; j < kN; ++j)
      for (int i = 0; i < kN; ++i) {
        std::int32_t& l = labels[grid.index(i, j, k)];
        if (i == 0) l = kOutsideLabel;
        const bool slab = i >= 4 && i < 28 && j >= 4 && j < 28 && k >= 4 && k < 28;
        if (slab) l = k < 16 ? 0 : 1;
        if (i >= 12 && i < 20 && j >= 12 && j < 20 && k >= 12 && k < 20) l = 2;
      }
  return labels;
}

const std::vector<Rgb8> kTable = {{220, 40, 40}, {40, 200, 40}, {40, 40, 220}};

enum class Hue { Red, Green, Blue, Other };

// The dominant channel of a shaded table colour (shading scales all three alike).
Hue hue(const std::uint8_t* p) {
  const int r = p[0], g = p[1], b = p[2];
  if (r > g + 40 && r > b + 40) return Hue::Red;
  if (g > r + 40 && g > b + 40) return Hue::Green;
  if (b > r + 40 && b > g + 40) return Hue::Blue;
  return Hue::Other;
}

struct Counts {
  int red = 0, green = 0, blue = 0, background = 0, boundary = 0;
};

Counts count(const Image& image) {
  Counts c;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      const Hue h = hue(p);
      c.red += h == Hue::Red;
      c.green += h == Hue::Green;
      c.blue += h == Hue::Blue;
      c.background += near(p, kClear, 0);
      c.boundary += near(p, kBoundaryColor, 0);
    }
  return c;
}

struct Scene {
  Window window{test::gl_test_window(kSize, kSize)};
  FramebufferSize fb = window.framebuffer_size();
  Grid grid = make_grid_3d(kN, kN, kN);
  VolumeView view;
  OrbitCamera camera;

  Scene() {
    view.set_labels(synthetic_labels(grid), grid);
    view.set_label_colors(kTable);
    camera.frame(grid);
  }
  Image render(const VolumeViewStyle& style = {}) {
    clear(fb);
    view.draw({0, 0, fb.width, fb.height}, camera, style);
    gl::check_errors("volume view draw");
    return read_framebuffer(fb.width, fb.height);
  }
};

// With TESSERA_RENDER_SHOTS=DIR the tests leave their pictures there for a person to look at.
void keep(const Image& image, const std::string& name) {
  if (const char* dir = std::getenv("TESSERA_RENDER_SHOTS")) write_png(std::filesystem::path(dir) / name, image);
}

}  // namespace

TEST_CASE("the volume view shows the cells in their table colours", "[gl][volume_view]") {
  Scene s;
  REQUIRE(s.view.has_volume());
  REQUIRE(s.view.n_label_colors() == 3);
  const Image image = s.render();
  keep(image, "volume_default.png");
  const Counts c = count(image);
  INFO("red " << c.red << " green " << c.green << " blue " << c.blue << " background " << c.background);
  // The slabs fill a good part of the view; the inner cube is hidden inside them.
  CHECK(c.red > 1000);
  CHECK(c.green > 1000);
  CHECK(c.blue == 0);
  // The background is untouched around the box (corners of the framebuffer).
  CHECK(near(gl_pixel(image, 1, 1), kClear, 0));
  CHECK(near(gl_pixel(image, kSize - 2, kSize - 2), kClear, 0));
  CHECK(c.background > kSize * kSize / 4);
  // The boundary between the two slabs is drawn dark on the visible faces.
  CHECK(c.boundary > 20);

  // Three visible face orientations, three shades of one colour: the faces differ.
  VolumeViewStyle plain;
  plain.boundaries = false;
  plain.box_outline = false;
  const Image no_lines = s.render(plain);
  CHECK(count(no_lines).boundary == 0);
  std::vector<int> reds;
  for (int y = 0; y < no_lines.height; ++y)
    for (int x = 0; x < no_lines.width; ++x)
      if (hue(no_lines.pixel(x, y)) == Hue::Red) reds.push_back(no_lines.pixel(x, y)[0]);
  std::sort(reds.begin(), reds.end());
  reds.erase(std::unique(reds.begin(), reds.end()), reds.end());
  CHECK(reds.size() >= 2);
}

TEST_CASE("rotating the camera changes the picture", "[gl][volume_view]") {
  Scene s;
  const Image before = s.render();
  s.camera.rotate(60.0, 25.0);
  const Image after = s.render();
  int n_changed = 0;
  for (std::size_t i = 0; i < before.rgba.size(); i += 4)
    n_changed += before.rgba[i] != after.rgba[i] || before.rgba[i + 1] != after.rgba[i + 1] ||
                 before.rgba[i + 2] != after.rgba[i + 2];
  CHECK(n_changed > kSize * kSize / 20);
  // From straight above only the top slab shows.
  s.camera.set_angles(0.3f, OrbitCamera::kMaxPitch);
  const Counts top = count(s.render());
  CHECK(top.green > 1000);
  CHECK(top.red < top.green / 20);
}

TEST_CASE("the clipping plane reveals the inner cell", "[gl][volume_view]") {
  Scene s;
  s.camera.set_angles(0.35f, 0.3f);  // the eye on the +x side
  VolumeViewStyle style;
  style.clip.enabled = true;
  style.clip.axis = SliceAxis::X;
  style.clip.position = 0.5f;  // keep x <= 0.5: the cut face at x = 16 faces the eye
  const Image cut = s.render(style);
  keep(cut, "volume_clip_x.png");
  const Counts c = count(cut);
  INFO("red " << c.red << " green " << c.green << " blue " << c.blue);
  CHECK(c.blue > 200);
  CHECK(c.red > 500);
  CHECK(c.green > 500);

  // Flipped, the kept half's far face is the slab's outer wall: the cube stays hidden.
  style.clip.flip = true;
  CHECK(count(s.render(style)).blue == 0);
  // A plane beyond the volume cuts nothing.
  style.clip.flip = false;
  style.clip.position = 1.0f;
  CHECK(count(s.render(style)).blue == 0);
}

TEST_CASE("hidden cells, the void and the outside are transparent", "[gl][volume_view]") {
  Scene s;
  s.camera.set_angles(-1.0f, 1.2f);  // from high above
  // Hiding the top slab uncovers the cube's upper half, which stands above the bottom slab.
  const std::vector<std::uint8_t> visible = {1, 0, 1};
  s.view.set_label_colors(kTable, visible);
  const Image image = s.render();
  keep(image, "volume_hidden_top.png");
  const Counts c = count(image);
  CHECK(c.green == 0);
  CHECK(c.blue > 100);
  CHECK(c.red > 1000);

  // All cells hidden: only the background and the box outline remain.
  s.view.set_label_colors(kTable, std::vector<std::uint8_t>{0, 0, 0});
  VolumeViewStyle no_box;
  no_box.box_outline = false;
  const Counts empty = count(s.render(no_box));
  CHECK(empty.background == kSize * kSize);
}

TEST_CASE("without a table the cells take the hash palette", "[gl][volume_view]") {
  Scene s;
  const Image with_table = s.render();
  s.view.set_label_colors({});
  REQUIRE(s.view.n_label_colors() == 0);
  const Image palette = s.render();
  CHECK(palette.rgba != with_table.rgba);
  CHECK(count(palette).background < kSize * kSize);
}

TEST_CASE("crossing empty bricks in one step does not change the picture", "[gl][volume_view]") {
  // 37^3 (the last brick is partial): small balls of cells scattered in the void,
  // single-voxel cells in corners, a layer of outside voxels.
  const int n = 37;
  const Grid grid = make_grid_3d(n, n, n);
  std::vector<std::int32_t> labels(static_cast<std::size_t>(grid.size()), kVoidLabel);
  const int centres[5][3] = {{6, 6, 6}, {30, 9, 20}, {18, 18, 18}, {9, 31, 28}, {33, 33, 33}};
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        std::int32_t& l = labels[grid.index(i, j, k)];
        if (j == 0) l = kOutsideLabel;
        for (int c = 0; c < 5; ++c) {
          const int di = i - centres[c][0], dj = j - centres[c][1], dk = k - centres[c][2];
          if (di * di + dj * dj + dk * dk <= 9 + 4 * c) l = c;
        }
      }
  labels[grid.index(n - 1, n - 1, 0)] = 1;
  labels[grid.index(0, n - 1, n - 1)] = 3;

  Window window(test::gl_test_window(kSize, kSize));
  const FramebufferSize fb = window.framebuffer_size();
  VolumeView view;
  view.set_labels(labels, grid);
  OrbitCamera camera;
  camera.frame(grid);
  for (int pose = 0; pose < 4; ++pose) {
    VolumeViewStyle style;
    style.clip.enabled = pose == 3;
    style.clip.axis = SliceAxis::Z;
    style.clip.position = 0.55f;
    camera.set_angles(-2.5f + 1.7f * pose, pose == 2 ? -0.7f : 0.4f);
    Image images[2];
    for (int skip = 0; skip < 2; ++skip) {
      style.skip_empty = skip == 1;
      clear(fb);
      view.draw({0, 0, fb.width, fb.height}, camera, style);
      images[skip] = read_framebuffer(fb.width, fb.height);
    }
    keep(images[1], "volume_sparse_" + std::to_string(pose) + ".png");
    int n_differ = 0, n_cell = 0;
    for (std::size_t i = 0; i < images[0].rgba.size(); i += 4) {
      n_differ += images[0].rgba[i] != images[1].rgba[i] || images[0].rgba[i + 1] != images[1].rgba[i + 1] ||
                  images[0].rgba[i + 2] != images[1].rgba[i + 2];
      const std::uint8_t* p = &images[0].rgba[i];
      n_cell += !near(p, kClear, 0) && !near(p, style.box_color, 0);
    }
    INFO("pose " << pose << ": " << n_differ << " pixels differ, " << n_cell << " cell pixels");
    CHECK(n_cell > 400);
    // Rounding where the march re-enters a voxel after a skip may move a boundary band
    // by a pixel; nothing more.
    CHECK(n_differ <= kSize * kSize / 500);
  }
}

TEST_CASE("the volume view takes 3D grids and falls back from device labels", "[gl][volume_view]") {
  Window window(test::gl_test_window(64, 64));
  const FramebufferSize fb = window.framebuffer_size();
  VolumeView view;
  OrbitCamera camera;
  // Nothing is drawn before the first labels.
  clear(fb);
  view.draw({0, 0, fb.width, fb.height}, camera);
  CHECK(near(read_framebuffer(fb.width, fb.height).pixel(32, 32), kClear, 0));
  REQUIRE_FALSE(view.has_volume());

  const std::vector<std::int32_t> four(4, 0);
  REQUIRE_THROWS_AS(view.set_labels(four, make_grid_2d(2, 2)), Error);
  REQUIRE_FALSE(view.set_device_labels(nullptr, make_grid_3d(2, 2, 1)));
  view.set_labels(four, make_grid_3d(2, 2, 1));
  REQUIRE(view.has_volume());
  REQUIRE(view.grid().n[2] == 1);
  gl::check_errors("volume view uploads");
}
