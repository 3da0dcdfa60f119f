// The 2D label view beyond the PNG export's look: per-label colour tables, the void and
// outside colours, the domain outline, slices of 3D grids along any axis, axis arrows.
#include <epoxy/gl.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <utility>
#include <vector>

#include "engine/colormap.h"
#include "engine/error.h"
#include "engine/label_codes.h"
#include "gl_context.h"
#include "pixels.h"
#include "render/capture.h"
#include "render/label_view.h"

using namespace tessera;
using test::clear;
using test::describe;
using test::gl_pixel;
using test::near;

namespace {

LabelViewStyle plain_style() {
  LabelViewStyle style;
  style.boundaries = false;
  style.domain_outline = false;
  style.seeds = false;
  style.axes = false;
  return style;
}

// The colour drawn at the centre of grid pixel (i, j) of an n_u x n_v view filling `rect`.
const std::uint8_t* at_pixel(const Image& image, const PixelRect& rect, int n_u, int n_v, int i, int j) {
  const int x = rect.x + static_cast<int>((i + 0.5) * rect.width / n_u);
  const int y = rect.y + static_cast<int>((j + 0.5) * rect.height / n_v);
  return gl_pixel(image, x, y);
}

const std::vector<Rgb8> kTable = {{220, 40, 40}, {40, 200, 40}, {40, 40, 220}, {230, 200, 30}};

}  // namespace

TEST_CASE("a colour table colours every label, the void and the outside", "[gl][label_view]") {
  // 8 x 8: cells 0..3 in stripes, label 9 (past the table), the void and the outside.
  const Grid grid = make_grid_2d(8, 8);
  std::vector<std::int32_t> labels(64);
  for (int j = 0; j < 8; ++j)
    for (int i = 0; i < 8; ++i) labels[grid.index(i, j)] = i / 2;
  labels[grid.index(0, 7)] = 9;
  labels[grid.index(1, 7)] = kVoidLabel;
  labels[grid.index(2, 7)] = kOutsideLabel;

  Window window(test::gl_test_window(160, 160));
  const FramebufferSize fb = window.framebuffer_size();
  LabelView2D view;
  view.set_labels(labels, grid);
  auto check_all = [&](std::span<const Rgb8> colors, std::span<const std::uint8_t> visible) {
    clear(fb);
    const PixelRect rect = view.draw(fb.width, fb.height, plain_style());
    const Image image = read_framebuffer(fb.width, fb.height);
    int n_wrong = 0;
    for (int j = 0; j < 8; ++j)
      for (int i = 0; i < 8; ++i) {
        const std::int32_t label = labels[grid.index(i, j)];
        const std::uint8_t* p = at_pixel(image, rect, 8, 8, i, j);
        if (!near(p, view_label_color(label, colors, visible))) {
          UNSCOPED_INFO("label " << label << " at (" << i << "," << j << ") drawn as " << describe(p));
          ++n_wrong;
        }
      }
    return n_wrong;
  };

  view.set_label_colors(kTable);
  REQUIRE(view.n_label_colors() == 4);
  CHECK(check_all(kTable, {}) == 0);
  // Spot checks of what view_label_color promises.
  CHECK(view_label_color(kOutsideLabel, kTable).r == kOutsideColor.r);
  CHECK(view_label_color(9, kTable).g == label_color(9).g);

  // Hidden cells are drawn as the void.
  const std::vector<std::uint8_t> visible = {1, 0, 1, 1};
  view.set_label_colors(kTable, visible);
  CHECK(check_all(kTable, visible) == 0);

  // A longer table for more cells, then none: the hash palette again.
  std::vector<Rgb8> longer(12, Rgb8{90, 10, 160});
  view.set_label_colors(longer);
  CHECK(check_all(longer, {}) == 0);
  view.set_label_colors({});
  REQUIRE(view.n_label_colors() == 0);
  CHECK(check_all({}, {}) == 0);
  gl::check_errors("colour tables");
}

TEST_CASE("the domain outline marks the mask's border", "[gl][label_view]") {
  // A disc of cell 0 and 1 (left and right halves) inside an outside ring.
  const int n = 24;
  const Grid grid = make_grid_2d(n, n);
  std::vector<std::int32_t> labels(n * n);
  auto kept = [&](int i, int j) { return std::hypot(i + 0.5 - n / 2.0, j + 0.5 - n / 2.0) < 0.4 * n; };
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) labels[grid.index(i, j)] = kept(i, j) ? (i < n / 2 ? 0 : 1) : kOutsideLabel;

  Window window(test::gl_test_window(n * 6, n * 6));
  const FramebufferSize fb = window.framebuffer_size();
  LabelView2D view;
  view.set_labels(labels, grid);
  view.set_label_colors(kTable);
  LabelViewStyle style = plain_style();
  style.domain_outline = true;
  clear(fb);
  const PixelRect rect = view.draw(fb.width, fb.height, style);
  const Image image = read_framebuffer(fb.width, fb.height);

  int n_border = 0, n_wrong = 0;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const bool border = kept(i, j) && ((i > 0 && !kept(i - 1, j)) || (i + 1 < n && !kept(i + 1, j)) ||
                                         (j > 0 && !kept(i, j - 1)) || (j + 1 < n && !kept(i, j + 1)));
      n_border += border;
      const Rgb8 expected = border ? kDomainOutlineColor : view_label_color(labels[grid.index(i, j)], kTable);
      n_wrong += !near(at_pixel(image, rect, n, n, i, j), expected);
    }
  REQUIRE(n_border > 20);
  REQUIRE(n_wrong == 0);

  // Turned off, the kept pixels keep their cell colour up to the border.
  clear(fb);
  view.draw(fb.width, fb.height, plain_style());
  const Image plain = read_framebuffer(fb.width, fb.height);
  int n_outline = 0;
  for (int y = 0; y < plain.height; ++y)
    for (int x = 0; x < plain.width; ++x) n_outline += near(plain.pixel(x, y), kDomainOutlineColor);
  REQUIRE(n_outline == 0);
}

TEST_CASE("the slice axis and index choose the plane of a 3D grid", "[gl][label_view]") {
  // 4 x 5 x 6 voxels with distinct labels; non-cubic so each slice has its own shape.
  const Grid grid = make_grid_3d(4, 5, 6, 0.4, 0.5, 0.6);
  std::vector<std::int32_t> labels(static_cast<std::size_t>(grid.size()));
  for (std::int64_t idx = 0; idx < grid.size(); ++idx) labels[idx] = static_cast<std::int32_t>(idx);

  Window window(test::gl_test_window(180, 180));
  const FramebufferSize fb = window.framebuffer_size();
  LabelView2D view;
  REQUIRE(view.slice_axis() == SliceAxis::Z);
  std::vector<std::vector<std::uint8_t>> images;
  for (auto [axis, index] : {std::pair{SliceAxis::Z, -1}, std::pair{SliceAxis::X, 1}, std::pair{SliceAxis::Y, 3},
                             std::pair{SliceAxis::Y, 0}}) {
    view.set_slice(axis, index);
    view.set_labels(labels, grid);
    const SlicePlane plane = view.plane();
    REQUIRE(plane.normal == static_cast<int>(axis));
    REQUIRE(plane.index == (index < 0 ? grid.n[plane.normal] / 2 : index));
    clear(fb);
    const PixelRect rect = view.draw(fb.width, fb.height, plain_style());
    // The view keeps the slice's own aspect ratio.
    REQUIRE(static_cast<double>(rect.width) / rect.height ==
            Approx(grid.length[plane.u] / grid.length[plane.v]).epsilon(0.02));
    const Image image = read_framebuffer(fb.width, fb.height);
    int n_wrong = 0;
    for (int b = 0; b < grid.n[plane.v]; ++b)
      for (int a = 0; a < grid.n[plane.u]; ++a) {
        int c[3];
        c[plane.normal] = plane.index;
        c[plane.u] = a;
        c[plane.v] = b;
        const std::int32_t label = labels[grid.index(c[0], c[1], c[2])];
        n_wrong += !near(at_pixel(image, rect, grid.n[plane.u], grid.n[plane.v], a, b), label_color(label));
      }
    INFO("slice " << kSliceAxisNames[static_cast<int>(axis)] << " " << index);
    CHECK(n_wrong == 0);
    images.push_back(image.rgba);
  }
  for (std::size_t a = 0; a < images.size(); ++a)
    for (std::size_t b = a + 1; b < images.size(); ++b) CHECK(images[a] != images[b]);
}

TEST_CASE("seeds of a 3D grid show near the slice only", "[gl][label_view]") {
  const Grid grid = make_grid_3d(8, 8, 8);
  const std::vector<std::int32_t> labels(512, 2);
  // Slice x = 4 (centre 0.5625): the first seed is on it, the second far from it.
  const std::vector<Vec3> seeds = {{0.55, 0.25, 0.5}, {0.05, 0.75, 0.5}};
  Window window(test::gl_test_window(128, 128));
  const FramebufferSize fb = window.framebuffer_size();
  LabelView2D view;
  view.set_slice(SliceAxis::X);
  view.set_labels(labels, grid);
  view.set_seeds(seeds, grid);
  LabelViewStyle style = plain_style();
  style.seeds = true;
  style.seed_diameter_px = 8.0f;
  clear(fb);
  view.draw(fb.width, fb.height, style);
  const Image image = read_framebuffer(fb.width, fb.height);
  // The x slice shows (y, z): seed 0 at (0.25, 0.5), seed 1 would be at (0.75, 0.5).
  CHECK(near(gl_pixel(image, 32, 64), kSeedColor));
  CHECK(near(gl_pixel(image, 96, 64), label_color(2)));
}

TEST_CASE("axis arrows draw dark lines along each axis", "[gl][label_view]") {
  const Grid grid = make_grid_2d(16, 16);
  const std::vector<std::int32_t> labels(256, 1);
  // One arrow to the right from the centre, one upward from (0.25, 0.25), one zero axis.
  const std::vector<Vec3> seeds = {{0.5, 0.5, 0.0}, {0.25, 0.25, 0.0}, {0.75, 0.25, 0.0}};
  const std::vector<Vec3> axes = {{2.0, 0.0, 0.0}, {0.0, 1.0, 0.0}, {0.0, 0.0, 0.0}};
  Window window(test::gl_test_window(200, 200));
  const FramebufferSize fb = window.framebuffer_size();
  LabelView2D view;
  view.set_labels(labels, grid);
  view.set_label_colors(kTable);
  view.set_axes(seeds, axes, grid, 0.3f);
  REQUIRE_THROWS_AS(view.set_axes(seeds, std::span(axes).first(2), grid, 0.3f), Error);

  LabelViewStyle style = plain_style();
  style.axes = true;
  style.axis_width_px = 3.0f;
  clear(fb);
  view.draw(fb.width, fb.height, style);
  const Image image = read_framebuffer(fb.width, fb.height);
  // The shaft of the first arrow: x from 100 to 160 at y = 100 (GL rows from the bottom).
  for (int x = 102; x <= 150; x += 4) {
    INFO("x = " << x << ": " << describe(gl_pixel(image, x, 100)));
    CHECK(near(gl_pixel(image, x, 100), kAxisColor));
  }
  CHECK(near(gl_pixel(image, 125, 110), kTable[1]));  // beside the shaft
  CHECK(near(gl_pixel(image, 175, 100), kTable[1]));  // past the tip
  // The head: strokes back from the tip (160, 100), above and below the shaft.
  CHECK(near(gl_pixel(image, 160 - 14, 100 + 7), kAxisColor, 40));
  CHECK(near(gl_pixel(image, 160 - 14, 100 - 7), kAxisColor, 40));
  // The second arrow points up: y from 50 to 110 at x = 50.
  for (int y = 54; y <= 100; y += 4) CHECK(near(gl_pixel(image, 50, y), kAxisColor));
  CHECK(near(gl_pixel(image, 50, 40), kTable[1]));
  // The zero axis draws nothing around its seed.
  for (int x = 140; x <= 170; x += 3) CHECK(near(gl_pixel(image, x, 50), kTable[1]));

  // Toggled off in the style.
  style.axes = false;
  clear(fb);
  view.draw(fb.width, fb.height, style);
  const Image off = read_framebuffer(fb.width, fb.height);
  int n_dark = 0;
  for (int y = 0; y < off.height; ++y)
    for (int x = 0; x < off.width; ++x) n_dark += near(off.pixel(x, y), kAxisColor, 10);
  CHECK(n_dark == 0);
  gl::check_errors("axis arrows");
}

TEST_CASE("a void tint colours the void pixel by pixel and nothing else", "[gl][label_view]") {
  // 8 x 8: cell 0 on the left half, the void on the right; the tint is a gradient along y.
  const Grid grid = make_grid_2d(8, 8);
  std::vector<std::int32_t> labels(64);
  std::vector<Rgb8> tint(64);
  for (int j = 0; j < 8; ++j)
    for (int i = 0; i < 8; ++i) {
      labels[grid.index(i, j)] = i < 4 ? 0 : kVoidLabel;
      tint[grid.index(i, j)] = Rgb8{static_cast<std::uint8_t>(30 * j), 100, 200};
    }
  const Rgb8 cell{10, 200, 10};
  Window window(test::gl_test_window(160, 160));
  const FramebufferSize fb = window.framebuffer_size();
  LabelView2D view;
  view.set_labels(labels, grid);
  view.set_label_colors(std::span<const Rgb8>(&cell, 1));
  view.set_void_tint(tint, 8, 8);
  clear(fb);
  PixelRect rect = view.draw(fb.width, fb.height, plain_style());
  Image image = read_framebuffer(fb.width, fb.height);
  for (int j = 0; j < 8; ++j) {
    INFO("row " << j);
    CHECK(near(at_pixel(image, rect, 8, 8, 1, j), cell));
    CHECK(near(at_pixel(image, rect, 8, 8, 6, j), tint[grid.index(6, j)]));
  }
  // A tint of another size does not apply; an empty one removes it.
  view.set_void_tint(std::vector<Rgb8>(16, Rgb8{0, 0, 0}), 4, 4);
  clear(fb);
  rect = view.draw(fb.width, fb.height, plain_style());
  image = read_framebuffer(fb.width, fb.height);
  CHECK(near(at_pixel(image, rect, 8, 8, 6, 3), kVoidColor));
  view.set_void_tint({}, 0, 0);
  REQUIRE_THROWS(view.set_void_tint(std::vector<Rgb8>(10), 4, 4));
}
