// The 3D view: a small synthetic label volume ray-marched through an orbit camera.
#include <epoxy/gl.h>

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

  // All cells hidden: only the background, the box outline and the wall between the
  // outside layer and the rest remain; without the last two, only the background.
  s.view.set_label_colors(kTable, std::vector<std::uint8_t>{0, 0, 0});
  VolumeViewStyle no_box;
  no_box.box_outline = false;
  const Counts wall_only = count(s.render(no_box));
  CHECK(wall_only.background < kSize * kSize);
  CHECK(wall_only.red + wall_only.green + wall_only.blue == 0);
  no_box.walls = false;
  const Counts empty = count(s.render(no_box));
  CHECK(empty.background == kSize * kSize);
}

namespace {

// A spherical container: the domain is the ball of radius 13 at the centre of the kN^3
// grid (the outside around it), with cell 0 a ball of radius 5 in its middle. With
// `masked` false the outside is void instead: the same cell in a box domain.
std::vector<std::int32_t> container_labels(const Grid& grid, bool masked) {
  std::vector<std::int32_t> labels(static_cast<std::size_t>(grid.size()), kVoidLabel);
  for (int k = 0; k < kN; ++k)
    for (int j = 0; j < kN; ++j)
      for (int i = 0; i < kN; ++i) {
        const double x = i + 0.5 - kN / 2.0, y = j + 0.5 - kN / 2.0, z = k + 0.5 - kN / 2.0;
        const double r2 = x * x + y * y + z * z;
        std::int32_t& l = labels[grid.index(i, j, k)];
        if (masked && r2 > 13.0 * 13.0) l = kOutsideLabel;
        if (r2 <= 5.0 * 5.0) l = 0;
      }
  return labels;
}

// The view drawn over a background of `background` (not kClear: the walls blend with it).
Image render_over(Scene& s, const VolumeViewStyle& style, float background) {
  glViewport(0, 0, s.fb.width, s.fb.height);
  glClearColor(background, background, background, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  s.view.draw({0, 0, s.fb.width, s.fb.height}, s.camera, style);
  gl::check_errors("volume view draw");
  return read_framebuffer(s.fb.width, s.fb.height);
}

bool same_pixel(const Image& a, const Image& b, std::size_t i) {
  return a.rgba[i] == b.rgba[i] && a.rgba[i + 1] == b.rgba[i + 1] && a.rgba[i + 2] == b.rgba[i + 2];
}

}  // namespace

TEST_CASE("the walls of a masked domain are faint, grey, and the cells show through", "[gl][volume_view]") {
  Scene s;
  s.view.set_labels(container_labels(s.grid, true), s.grid);
  VolumeViewStyle walls, no_walls;
  walls.box_outline = no_walls.box_outline = false;
  no_walls.walls = false;
  const Image off = render_over(s, no_walls, 0.0f);
  const Image on = render_over(s, walls, 0.0f);
  const Image on_white = render_over(s, walls, 1.0f);
  keep(on, "volume_walls.png");

  int n_wall = 0, n_grey = 0, n_see_through = 0, n_red_off = 0, n_red_on = 0, n_tinted = 0, n_opaque = 0;
  for (std::size_t i = 0; i < off.rgba.size(); i += 4) {
    const std::uint8_t* p_off = &off.rgba[i];
    const std::uint8_t* p_on = &on.rgba[i];
    if (p_off[0] == 0 && p_off[1] == 0 && p_off[2] == 0) {
      // The background without walls: the container's wall alone.
      if (p_on[0] == 0 && p_on[1] == 0 && p_on[2] == 0) continue;
      ++n_wall;
      const int lo = std::min({p_on[0], p_on[1], p_on[2]}), hi = std::max({p_on[0], p_on[1], p_on[2]});
      n_grey += hi - lo <= hi / 6 + 2 && hi < 160;    // grey and faint over black
      n_see_through += !same_pixel(on, on_white, i);  // it blends with the background
    } else if (hue(p_off) == Hue::Red) {
      ++n_red_off;
      n_red_on += hue(p_on) == Hue::Red;
      // Seen through the wall in front: lighter, toward the wall's grey, still red.
      n_tinted += p_on[1] > p_off[1] && p_on[2] > p_off[2];
      n_opaque += same_pixel(on, on_white, i);  // a cell hides the background
    }
  }
  INFO("wall " << n_wall << " grey " << n_grey << " see-through " << n_see_through << " red " << n_red_off << " / "
               << n_red_on << " tinted " << n_tinted << " opaque " << n_opaque);
  CHECK(n_wall > 2000);  // the container covers much of the view
  CHECK(n_grey == n_wall);
  CHECK(n_see_through == n_wall);
  CHECK(n_red_off > 500);
  CHECK(n_red_on == n_red_off);
  CHECK(n_tinted == n_red_off);
  CHECK(n_opaque == n_red_off);

  // The same cell in a box domain: no walls anywhere, the walls-off picture exactly.
  s.view.set_labels(container_labels(s.grid, false), s.grid);
  CHECK(render_over(s, walls, 0.0f).rgba == render_over(s, no_walls, 0.0f).rgba);
}

TEST_CASE("the clipping plane removes the walls on its far side", "[gl][volume_view]") {
  Scene s;
  s.view.set_labels(container_labels(s.grid, true), s.grid);
  s.camera.set_angles(0.35f, 0.3f);  // the eye on the +x side
  VolumeViewStyle walls, no_walls;
  walls.box_outline = no_walls.box_outline = false;
  no_walls.walls = false;
  int n_untinted[2] = {0, 0};
  for (int clip = 0; clip < 2; ++clip) {
    // Kept: x <= 0.5; the cut at x = 16 faces the eye and halves the cell.
    walls.clip.enabled = no_walls.clip.enabled = clip == 1;
    walls.clip.axis = no_walls.clip.axis = SliceAxis::X;
    const Image on = render_over(s, walls, 0.0f);
    const Image off = render_over(s, no_walls, 0.0f);
    if (clip == 1) keep(on, "volume_walls_clip.png");
    for (std::size_t i = 0; i < on.rgba.size(); i += 4)
      n_untinted[clip] += hue(&off.rgba[i]) == Hue::Red && same_pixel(on, off, i);
  }
  INFO("untinted cell pixels: whole " << n_untinted[0] << ", cut " << n_untinted[1]);
  // Whole, the container's front wall tints every cell pixel; cut open, the rays enter
  // the domain through the cut and meet the cell's cut face with no wall before it.
  CHECK(n_untinted[0] == 0);
  CHECK(n_untinted[1] > 300);
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
  // single-voxel cells in corners, a layer and a ball of outside voxels, whose walls
  // cross bricks that hold no cell.
  const int n = 37;
  const Grid grid = make_grid_3d(n, n, n);
  std::vector<std::int32_t> labels(static_cast<std::size_t>(grid.size()), kVoidLabel);
  const int centres[5][3] = {{6, 6, 6}, {30, 9, 20}, {18, 18, 18}, {9, 31, 28}, {33, 33, 33}};
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        std::int32_t& l = labels[grid.index(i, j, k)];
        const int oi = i - 22, oj = j - 28, ok = k - 9;
        if (j == 0 || oi * oi + oj * oj + ok * ok <= 36) l = kOutsideLabel;
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
  for (int pose = 0; pose < 8; ++pose) {
    VolumeViewStyle style;
    style.walls = pose < 4;
    style.clip.enabled = pose % 4 == 3;
    style.clip.axis = SliceAxis::Z;
    style.clip.position = 0.55f;
    camera.set_angles(-2.5f + 1.7f * (pose % 4), pose % 4 == 2 ? -0.7f : 0.4f);
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
    // (or decide a wall's staircase corner) by a pixel; nothing more.
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
