// The GL-free maths of the render layer: orbit camera, picking, slices, colour tables.
#include <catch2/catch.hpp>
#include <cmath>
#include <glm/glm.hpp>
#include <vector>

#include "engine/error.h"
#include "render/label_colors.h"
#include "render/label_slice.h"
#include "render/orbit_camera.h"
#include "render/picking.h"
#include "render/volume_picking.h"
#include "test_support.h"

using namespace tessera;

namespace {

// Distance from point q to the line through the ray.
float distance_to_ray(const Ray& ray, const glm::vec3& q) {
  const glm::vec3 w = q - ray.origin;
  return glm::length(w - glm::dot(w, ray.direction) * ray.direction);
}

bool same(const glm::vec3& a, const glm::vec3& b, float tol = 1e-5f) {
  return glm::length(a - b) <= tol;
}

}  // namespace

TEST_CASE("the orbit camera looks at its target from its distance", "[cpu][render][camera]") {
  OrbitCamera camera;
  REQUIRE(same(camera.target(), glm::vec3(0.5f)));  // the unit cube's centre
  REQUIRE(glm::length(camera.eye() - camera.target()) == Approx(camera.distance()).epsilon(1e-5));
  REQUIRE(same(glm::normalize(camera.target() - camera.eye()), camera.forward()));
  // The screen axes are orthonormal, right is horizontal and up points up.
  REQUIRE(glm::dot(camera.right(), camera.forward()) == Approx(0.0f).margin(1e-6));
  REQUIRE(glm::dot(camera.up(), camera.forward()) == Approx(0.0f).margin(1e-6));
  REQUIRE(camera.right().z == Approx(0.0f).margin(1e-6));
  REQUIRE(camera.up().z > 0.0f);
  REQUIRE(glm::length(camera.up()) == Approx(1.0f));

  // The view matrix takes the target onto the negative z axis at the distance.
  const glm::vec4 t = camera.view() * glm::vec4(camera.target(), 1.0f);
  REQUIRE(t.x == Approx(0.0f).margin(1e-5));
  REQUIRE(t.y == Approx(0.0f).margin(1e-5));
  REQUIRE(-t.z == Approx(camera.distance()).epsilon(1e-5));
}

TEST_CASE("frame centres the camera on the grid's box", "[cpu][render][camera]") {
  OrbitCamera camera;
  camera.frame(make_grid_3d(64, 32, 16, 2.0, 1.0, 0.5));
  REQUIRE(same(camera.target(), glm::vec3(1.0f, 0.5f, 0.25f)));
  // Every corner of the box lies inside the view frustum (a square viewport).
  const glm::mat4 vp = camera.projection(1.0f) * camera.view();
  for (int c = 0; c < 8; ++c) {
    const glm::vec4 p = vp * glm::vec4(2.0f * (c & 1), 1.0f * ((c >> 1) & 1), 0.5f * ((c >> 2) & 1), 1.0f);
    INFO("corner " << c);
    REQUIRE(p.w > 0.0f);
    REQUIRE(std::fabs(p.x / p.w) < 1.0f);
    REQUIRE(std::fabs(p.y / p.w) < 1.0f);
    REQUIRE(std::fabs(p.z / p.w) < 1.0f);
  }
}

TEST_CASE("rotation clamps the pitch and keeps the distance", "[cpu][render][camera]") {
  OrbitCamera camera;
  const float d = camera.distance();
  const float yaw = camera.yaw();
  camera.rotate(0.0, 1e5);  // a long drag downward
  REQUIRE(camera.pitch() == Approx(OrbitCamera::kMaxPitch));
  REQUIRE(camera.up().z > 0.0f);  // never flipped over the pole
  camera.rotate(0.0, -1e6);
  REQUIRE(camera.pitch() == Approx(-OrbitCamera::kMaxPitch));
  REQUIRE(glm::length(camera.eye() - camera.target()) == Approx(d).epsilon(1e-5));
  REQUIRE(camera.yaw() == Approx(yaw));

  // A drag to the right turns the box with the cursor: the eye moves to the left.
  camera.set_angles(0.3f, 0.2f);
  const glm::vec3 before = camera.eye();
  const glm::vec3 left = -camera.right();
  camera.rotate(10.0, 0.0);
  REQUIRE(glm::dot(camera.eye() - before, left) > 0.0f);
  REQUIRE(camera.pitch() == Approx(0.2f));
  // Yaw stays in (-pi, pi] after many turns.
  camera.rotate(1e5, 0.0);
  REQUIRE(std::fabs(camera.yaw()) <= 3.1416f);
}

TEST_CASE("zoom and distance stay within the range", "[cpu][render][camera]") {
  OrbitCamera camera;
  camera.set_distance_range(1.0f, 4.0f);
  camera.set_distance(2.0f);
  camera.zoom(1.0);
  REQUIRE(camera.distance() == Approx(2.0f * OrbitCamera::kZoomPerStep));
  camera.zoom(-1.0);
  REQUIRE(camera.distance() == Approx(2.0f));
  camera.zoom(100.0);
  REQUIRE(camera.distance() == Approx(1.0f));
  camera.zoom(-100.0);
  REQUIRE(camera.distance() == Approx(4.0f));
  REQUIRE_THROWS_AS(camera.set_distance_range(0.0f, 1.0f), Error);
  REQUIRE_THROWS_AS(camera.set_distance_range(2.0f, 1.0f), Error);
}

TEST_CASE("pan moves the target in the view plane with the cursor", "[cpu][render][camera]") {
  OrbitCamera camera;
  const glm::vec3 target = camera.target();
  const glm::vec3 eye = camera.eye();
  // Dragging by the viewport height moves the target by the frustum's height at the target.
  const int height = 400;
  camera.pan(0.0, height, height);  // drag down: the scene follows, the target goes up
  const float frustum_height = 2.0f * camera.distance() * std::tan(0.5f * camera.fovy());
  REQUIRE(same(camera.target() - target, frustum_height * camera.up(), 1e-4f));
  REQUIRE(same(camera.eye() - eye, camera.target() - target, 1e-4f));  // the view direction is kept
  // An empty viewport changes nothing.
  camera.pan(100.0, 0.0, 0);
  REQUIRE(same(camera.target() - target, frustum_height * camera.up(), 1e-4f));
}

TEST_CASE("rays through pixels start at the eye and meet the target at the centre", "[cpu][render][camera]") {
  OrbitCamera camera;
  camera.set_angles(0.7f, -0.3f);
  const PixelRect viewport{10, 20, 300, 200};
  const Ray centre = camera.ray_through({10 + 150.0, 20 + 100.0}, viewport);
  REQUIRE(same(centre.origin, camera.eye()));
  REQUIRE(glm::length(centre.direction) == Approx(1.0f));
  REQUIRE(distance_to_ray(centre, camera.target()) < 1e-4f);

  // Any pixel's ray projects back onto that pixel.
  const glm::mat4 vp = camera.projection(300.0f / 200.0f) * camera.view();
  const FramebufferPoint p{10 + 250.0, 20 + 30.0};
  const Ray ray = camera.ray_through(p, viewport);
  const glm::vec4 clip = vp * glm::vec4(ray.origin + 3.0f * ray.direction, 1.0f);
  REQUIRE(10 + (clip.x / clip.w + 1.0) * 0.5 * 300 == Approx(p.x).margin(1e-3));
  REQUIRE(20 + (clip.y / clip.w + 1.0) * 0.5 * 200 == Approx(p.y).margin(1e-3));
  // The top edge of the viewport is above the centre.
  REQUIRE(camera.ray_through({160.0, 220.0}, viewport).direction.z > centre.direction.z);
}

TEST_CASE("slice planes pick the shown axes and the middle by default", "[cpu][render][slice]") {
  const Grid grid = make_grid_3d(4, 6, 8, 1.0, 1.5, 2.0);
  const SlicePlane z = slice_plane(grid);
  REQUIRE((z.normal == 2 && z.u == 0 && z.v == 1 && z.index == 4));
  const SlicePlane y = slice_plane(grid, SliceAxis::Y, 1);
  REQUIRE((y.normal == 1 && y.u == 0 && y.v == 2 && y.index == 1));
  const SlicePlane x = slice_plane(grid, SliceAxis::X, 99);
  REQUIRE((x.normal == 0 && x.u == 1 && x.v == 2 && x.index == 3));  // clamped
  const Grid xg = slice_grid(grid, x);
  REQUIRE((xg.dim == 2 && xg.n[0] == 6 && xg.n[1] == 8 && xg.length[0] == 1.5 && xg.length[1] == 2.0));
  REQUIRE(slice_position(grid, y) == Approx(1.5 * 2.0 / 8));
  // A 2D grid is its own z slice whatever is asked.
  const SlicePlane flat = slice_plane(make_grid_2d(5, 5), SliceAxis::X, 3);
  REQUIRE((flat.normal == 2 && flat.u == 0 && flat.v == 1 && flat.index == 0));
  REQUIRE(kSliceAxisNames[static_cast<int>(SliceAxis::Y)] == "y");
}

TEST_CASE("extract_slice copies the plane in the view's orientation", "[cpu][render][slice]") {
  const Grid grid = make_grid_3d(3, 4, 5);
  std::vector<std::int32_t> labels(static_cast<std::size_t>(grid.size()));
  for (std::int64_t idx = 0; idx < grid.size(); ++idx) labels[idx] = static_cast<std::int32_t>(idx);
  std::vector<std::int32_t> out;
  for (SliceAxis axis : {SliceAxis::X, SliceAxis::Y, SliceAxis::Z}) {
    const SlicePlane plane = slice_plane(grid, axis, 1);
    extract_slice(labels, grid, plane, out);
    const int nu = grid.n[plane.u], nv = grid.n[plane.v];
    REQUIRE(out.size() == static_cast<std::size_t>(nu * nv));
    for (int b = 0; b < nv; ++b)
      for (int a = 0; a < nu; ++a) {
        int c[3];
        c[plane.normal] = 1;
        c[plane.u] = a;
        c[plane.v] = b;
        REQUIRE(out[a + nu * b] == grid.index(c[0], c[1], c[2]));
      }
  }
  REQUIRE_THROWS_AS(extract_slice(std::vector<std::int32_t>(3), grid, slice_plane(grid), out), Error);
}

TEST_CASE("picking maps framebuffer pixels to box positions and grid pixels", "[cpu][render][picking]") {
  const Grid grid = make_grid_2d(10, 5, 2.0, 1.0);
  const SlicePlane plane = slice_plane(grid);
  const PixelRect rect{100, 50, 400, 200};  // 40 framebuffer pixels per grid pixel
  const Vec3 p = framebuffer_to_box({300.0, 150.0}, rect, grid, plane);
  REQUIRE(p.x == Approx(1.0));
  REQUIRE(p.y == Approx(0.5));
  REQUIRE(p.z == 0.0);
  const FramebufferPoint back = box_to_framebuffer({0.5, 0.25, 0.0}, rect, grid, plane);
  REQUIRE(back.x == Approx(200.0));
  REQUIRE(back.y == Approx(100.0));
  REQUIRE(framebuffer_to_index({100.5, 50.5}, rect, grid, plane) == 0);
  REQUIRE(framebuffer_to_index({499.9, 249.9}, rect, grid, plane) == grid.index(9, 4));
  REQUIRE(framebuffer_to_index({141.0, 89.0}, rect, grid, plane) == grid.index(1, 0));
  REQUIRE(framebuffer_to_index({99.0, 60.0}, rect, grid, plane) == -1);
  REQUIRE(framebuffer_to_index({200.0, 250.0}, rect, grid, plane) == -1);
  // Not clamped: dragging past the edge gives positions past the box.
  REQUIRE(framebuffer_to_box({60.0, 150.0}, rect, grid, plane).x == Approx(-0.2));

  // A y slice of a 3D grid: horizontal x, vertical z, the third coordinate at the slice.
  const Grid g3 = make_grid_3d(8, 8, 4, 1.0, 1.0, 0.5);
  const SlicePlane ys = slice_plane(g3, SliceAxis::Y, 2);
  const PixelRect r3{0, 0, 80, 40};
  const Vec3 q = framebuffer_to_box({20.0, 30.0}, r3, g3, ys);
  REQUIRE(q.x == Approx(0.25));
  REQUIRE(q.y == Approx(2.5 / 8));
  REQUIRE(q.z == Approx(0.375));
  REQUIRE(framebuffer_to_index({20.0, 30.0}, r3, g3, ys) == g3.index(2, 2, 3));
  const FramebufferPoint q_back = box_to_framebuffer(q, r3, g3, ys);
  REQUIRE(q_back.x == Approx(20.0));
  REQUIRE(q_back.y == Approx(30.0));
}

TEST_CASE("cursor positions become bottom-up framebuffer pixels", "[cpu][render][picking]") {
  // A HiDPI window: 2 framebuffer pixels per screen coordinate.
  const FramebufferPoint p = cursor_to_framebuffer(10.0, 30.0, 400, 300, 800, 600);
  REQUIRE(p.x == Approx(20.0));
  REQUIRE(p.y == Approx(600.0 - 60.0));
  REQUIRE(rect_contains({0, 0, 800, 600}, p));
  REQUIRE_FALSE(rect_contains({0, 0, 20, 600}, p));  // the right edge is exclusive
}

TEST_CASE("label colour tables pack RGBA8 and resolve the label codes", "[cpu][render][colors]") {
  REQUIRE(pack_label_color({1, 2, 3}) == 0xFF030201u);
  REQUIRE(pack_label_color({1, 2, 3}, false) == 0x00030201u);
  const std::vector<Rgb8> colors = {{200, 0, 0}, {0, 200, 0}};
  const std::vector<std::uint8_t> visible = {1, 0};
  REQUIRE(pack_label_colors(colors, visible) == std::vector<std::uint32_t>{0xFF0000C8u, 0x0000C800u});
  REQUIRE_THROWS_AS(pack_label_colors(colors, std::vector<std::uint8_t>{1}), Error);

  auto eq = [](Rgb8 a, Rgb8 b) { return a.r == b.r && a.g == b.g && a.b == b.b; };
  REQUIRE(eq(view_label_color(0, colors), colors[0]));
  REQUIRE(eq(view_label_color(1, colors, visible), kVoidColor));  // hidden
  REQUIRE(eq(view_label_color(7, colors), label_color(7)));       // past the table
  REQUIRE(eq(view_label_color(kVoidLabel, colors), kVoidColor));
  REQUIRE(eq(view_label_color(kOutsideLabel, colors), kOutsideColor));
  // No table: the PNG export's palette for every label.
  REQUIRE(eq(view_label_color(kOutsideLabel, {}), label_color(kOutsideLabel)));
  REQUIRE(eq(view_label_color(3, {}), label_color(3)));
}

TEST_CASE("a ray picks the first cell voxel it meets, behind the clip plane when clipped", "[cpu][render]") {
  const Grid grid = make_grid_3d(16, 16, 16);
  // Cell 1 fills x < 0.5, cell 2 the rest; a void shell one voxel thick all around.
  std::vector<std::int32_t> labels(static_cast<std::size_t>(grid.size()), -1);
  for (int k = 1; k < 15; ++k)
    for (int j = 1; j < 15; ++j)
      for (int i = 1; i < 15; ++i) labels[static_cast<std::size_t>(grid.index(i, j, k))] = i < 8 ? 1 : 2;
  // Looking along +x from outside: cell 1 first.
  const Ray along_x{glm::vec3(-1.0f, 0.5f, 0.5f), glm::vec3(1.0f, 0.0f, 0.0f)};
  std::int64_t idx = pick_voxel(along_x, grid, labels);
  REQUIRE(idx >= 0);
  REQUIRE(labels[static_cast<std::size_t>(idx)] == 1);
  int i, j, k;
  grid.coords(idx, i, j, k);
  REQUIRE(i == 1);
  // Clipping away x < 0.6 (keep above): the ray now meets cell 2.
  idx = pick_voxel(along_x, grid, labels, PickClip{true, SliceAxis::X, 0.6, true});
  REQUIRE(labels[static_cast<std::size_t>(idx)] == 2);
  // A ray that misses the box, and one through the void only.
  REQUIRE(pick_voxel(Ray{glm::vec3(-1.0f, 2.0f, 0.5f), glm::vec3(1.0f, 0.0f, 0.0f)}, grid, labels) == -1);
  REQUIRE(pick_voxel(Ray{glm::vec3(-1.0f, 0.01f, 0.5f), glm::vec3(1.0f, 0.0f, 0.0f)}, grid, labels) == -1);
}
