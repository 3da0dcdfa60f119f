// The label view drawn by OpenGL must show exactly what the PNG export shows: same
// palette (GLSL vs engine/colormap.h), same orientation, same boundary rule.
#include <epoxy/gl.h>

#include <catch2/catch.hpp>
#include <random>
#include <set>
#include <tuple>

#include "engine/colormap.h"
#include "engine/error.h"
#include "engine/label_image.h"
#include "gl_context.h"
#include "pixels.h"
#include "render/capture.h"
#include "render/label_view.h"
#include "scenes/demo/drift_model.h"

using namespace tessera;

namespace {

using test::clear;
using test::describe;
using test::kClear;
using test::near;

LabelViewStyle plain_style() {
  LabelViewStyle style;
  style.boundaries = false;
  style.seeds = false;
  return style;
}

}  // namespace

TEST_CASE("fit_rect keeps the aspect ratio and centres the content", "[gl][label_view]") {
  auto as_tuple = [](PixelRect r) { return std::tuple(r.x, r.y, r.width, r.height); };
  REQUIRE(as_tuple(fit_rect(1.0, 400, 200)) == std::tuple(100, 0, 200, 200));
  REQUIRE(as_tuple(fit_rect(2.0, 100, 100)) == std::tuple(0, 25, 100, 50));
  REQUIRE(as_tuple(fit_rect(1.0, 300, 300)) == std::tuple(0, 0, 300, 300));
  REQUIRE(fit_rect(1.0, 0, 0).width == 0);
  REQUIRE_THROWS_AS(fit_rect(0.0, 10, 10), Error);
}

TEST_CASE("the GLSL palette equals engine label_color for every label", "[gl][label_view]") {
  // 64 x 64 labels, 4 x 4 framebuffer pixels each: the void, small labels, and
  // large ones where the 32-bit hash wraps.
  const int n = 64, k = 4;
  const Grid grid = make_grid_2d(n, n);
  std::vector<std::int32_t> labels(static_cast<std::size_t>(n) * n);
  std::mt19937 rng(7);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i < 2000)
      labels[i] = static_cast<std::int32_t>(i);
    else
      labels[i] = static_cast<std::int32_t>(rng() >> 1);
  }
  labels[5] = -1;
  labels[100] = -7;
  labels[labels.size() - 1] = std::numeric_limits<std::int32_t>::max();

  Window window(test::gl_test_window(n * k, n * k));
  const FramebufferSize fb = window.framebuffer_size();
  REQUIRE(fb.width == n * k);
  REQUIRE(fb.height == n * k);
  LabelView2D view;
  view.set_labels(labels, grid);
  clear(fb);
  const PixelRect rect = view.draw(fb.width, fb.height, plain_style());
  REQUIRE(rect.width == fb.width);
  const Image image = read_framebuffer(fb.width, fb.height);
  gl::check_errors("palette test");

  int n_wrong = 0;
  std::string first_wrong;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const int i = x / k, j = (image.height - 1 - y) / k;  // image rows count down, grid rows up
      const std::int32_t label = labels[grid.index(i, j)];
      const std::uint8_t* p = image.pixel(x, y);
      if (!near(p, label_color(label)) && n_wrong++ == 0)
        first_wrong = "label " + std::to_string(label) + " at (" + std::to_string(i) + "," + std::to_string(j) +
                      ") drawn as " + describe(p);
    }
  INFO(first_wrong);
  REQUIRE(n_wrong == 0);
}

TEST_CASE("row 0 of the grid is at the bottom of the view", "[gl][label_view]") {
  Window window(test::gl_test_window(200, 200));
  const FramebufferSize fb = window.framebuffer_size();
  LabelView2D view;
  const std::vector<std::int32_t> labels = {0, 1, 2, 3};  // (0,0) (1,0) (0,1) (1,1)
  view.set_labels(labels, make_grid_2d(2, 2));
  clear(fb);
  view.draw(fb.width, fb.height, plain_style());
  const Image image = read_framebuffer(fb.width, fb.height);
  CHECK(near(image.pixel(10, fb.height - 10), label_color(0)));  // bottom-left
  CHECK(near(image.pixel(fb.width - 10, fb.height - 10), label_color(1)));
  CHECK(near(image.pixel(10, 10), label_color(2)));  // top-left
  CHECK(near(image.pixel(fb.width - 10, 10), label_color(3)));
}

TEST_CASE("the view is letterboxed to the box's aspect ratio", "[gl][label_view]") {
  Window window(test::gl_test_window(200, 200));
  const FramebufferSize fb = window.framebuffer_size();
  REQUIRE(fb.width == 200);
  LabelView2D view;
  const std::vector<std::int32_t> labels(8, 3);
  view.set_labels(labels, make_grid_2d(4, 2, 2.0, 1.0));  // a 2 x 1 box: bars above and below
  clear(fb);
  const PixelRect rect = view.draw(fb.width, fb.height, plain_style());
  REQUIRE(rect.y == 50);
  REQUIRE(rect.height == 100);
  const Image image = read_framebuffer(fb.width, fb.height);
  for (int x = 0; x < fb.width; x += 7) {
    CHECK(near(image.pixel(x, 20), kClear, 0));
    CHECK(near(image.pixel(x, 100), label_color(3)));
    CHECK(near(image.pixel(x, 180), kClear, 0));
  }
}

TEST_CASE("boundaries and colours match the PNG export pixel for pixel", "[gl][label_view]") {
  const DriftModel session(drift_params(9, 40, 1), Exec{Backend::Cpu});
  LabelImageStyle export_style;
  export_style.scale = 5;
  export_style.seeds = false;
  const Image expected = render_labels(session.grid(), session.labels(), {}, export_style);

  Window window(test::gl_test_window(expected.width, expected.height));
  const FramebufferSize fb = window.framebuffer_size();
  REQUIRE(fb.width == expected.width);
  REQUIRE(fb.height == expected.height);
  LabelView2D view;
  view.set_labels(session.labels(), session.grid());
  LabelViewStyle style;
  style.seeds = false;
  clear(fb);
  view.draw(fb.width, fb.height, style);
  const Image image = read_framebuffer(fb.width, fb.height);

  int n_wrong = 0, n_boundary = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* e = expected.pixel(x, y);
      n_boundary += near(e, kBoundaryColor, 0);
      n_wrong += !near(image.pixel(x, y), Rgb8{e[0], e[1], e[2]});
    }
  REQUIRE(n_boundary > 0);  // the comparison covers boundary pixels
  REQUIRE(n_wrong == 0);
}

TEST_CASE("seeds are dark discs kept inside the view", "[gl][label_view]") {
  Window window(test::gl_test_window(240, 160));
  const FramebufferSize fb = window.framebuffer_size();
  LabelView2D view;
  const Grid grid = make_grid_2d(8, 8);
  const std::vector<std::int32_t> labels(64, 4);
  // One seed in the middle, one on the left edge: its disc must not spill into the bars.
  const std::vector<Vec3> seeds = {{0.5, 0.5, 0.0}, {0.0, 0.25, 0.0}};
  view.set_labels(labels, grid);
  view.set_seeds(seeds, grid);
  LabelViewStyle style;
  style.boundaries = false;
  style.seed_diameter_px = 12.0f;
  clear(fb);
  const PixelRect rect = view.draw(fb.width, fb.height, style);
  REQUIRE(rect.x == 40);
  const Image image = read_framebuffer(fb.width, fb.height);

  CHECK(near(image.pixel(120, 80), kSeedColor));
  CHECK(near(image.pixel(120 + 20, 80), label_color(4)));
  int n_dark = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) n_dark += near(image.pixel(x, y), kSeedColor);
  // A full disc of diameter 12 has ~113 pixels; the edge seed keeps only its right half.
  CHECK(n_dark > 113 + 40);
  CHECK(n_dark < 113 + 80);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < rect.x; ++x) REQUIRE(near(image.pixel(x, y), kClear, 0));

  style.seeds = false;
  clear(fb);
  view.draw(fb.width, fb.height, style);
  CHECK(near(read_framebuffer(fb.width, fb.height).pixel(120, 80), label_color(4)));
}

TEST_CASE("a 3D grid shows its middle z slice", "[gl][label_view]") {
  Window window(test::gl_test_window(100, 100));
  const FramebufferSize fb = window.framebuffer_size();
  LabelView2D view;
  const Grid grid = make_grid_3d(2, 2, 3);
  std::vector<std::int32_t> labels(12);
  for (int idx = 0; idx < 12; ++idx) labels[idx] = 100 + idx;  // slice k holds 100 + 4k ..
  view.set_labels(labels, grid);
  clear(fb);
  view.draw(fb.width, fb.height, plain_style());
  const Image image = read_framebuffer(fb.width, fb.height);
  CHECK(near(image.pixel(10, fb.height - 10), label_color(104)));  // (0, 0, 1)
  CHECK(near(image.pixel(fb.width - 10, 10), label_color(107)));   // (1, 1, 1)
}

TEST_CASE("nothing is drawn before the first labels arrive", "[gl][label_view]") {
  Window window(test::gl_test_window(64, 64));
  const FramebufferSize fb = window.framebuffer_size();
  LabelView2D view;
  clear(fb);
  REQUIRE(view.draw(fb.width, fb.height).width == 0);
  const Image image = read_framebuffer(fb.width, fb.height);
  std::set<std::tuple<int, int, int>> colors;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      colors.insert({image.pixel(x, y)[0], image.pixel(x, y)[1], image.pixel(x, y)[2]});
  REQUIRE(colors == std::set<std::tuple<int, int, int>>{{kClear.r, kClear.g, kClear.b}});
}

TEST_CASE("the upload target checks sizes and follows grid changes", "[gl][label_view]") {
  Window window(test::gl_test_window(64, 64));
  UploadLabelTarget target;
  REQUIRE(target.kind() == TargetKind::Upload);
  REQUIRE(target_kind_name(target.kind()) == "upload");
  REQUIRE(target_kind_name(TargetKind::CudaInterop) == "cuda-interop");
  REQUIRE(target.texture().id() == 0);

  const std::vector<std::int32_t> six(6, 1);
  target.upload(six, make_grid_2d(3, 2));
  REQUIRE(target.texture().width() == 3);
  REQUIRE(target.texture().height() == 2);
  const std::vector<std::int32_t> twenty(20, 2);
  target.upload(twenty, make_grid_2d(5, 4));
  REQUIRE(target.texture().width() == 5);
  REQUIRE(target.texture().height() == 4);
  REQUIRE_THROWS_WITH(target.upload(six, make_grid_2d(5, 4)), Catch::Contains("6 labels for a 5 x 4 grid"));
  REQUIRE(target.volume().id() == 0);

  // A 3D grid fills the 3D texture and releases the 2D one, and back.
  target.upload(six, make_grid_3d(1, 2, 3));
  REQUIRE(target.volume().id() != 0);
  REQUIRE((target.volume().width() == 1 && target.volume().height() == 2 && target.volume().depth() == 3));
  REQUIRE(target.texture().id() == 0);
  REQUIRE_THROWS_WITH(target.upload(six, make_grid_3d(2, 2, 2)), Catch::Contains("6 labels for a 2 x 2 x 2 grid"));
  target.upload(six, make_grid_2d(3, 2));
  REQUIRE(target.texture().id() != 0);
  REQUIRE(target.volume().id() == 0);
  // Device memory is not this target's business: the caller falls back to upload().
  REQUIRE_FALSE(target.upload_device(nullptr, make_grid_2d(3, 2)));
  gl::check_errors("uploads");
}
