#include <catch2/catch.hpp>

#include "engine/grid.h"
#include "engine/error.h"

using namespace tessera;

TEST_CASE("grid indexing round-trips and is x-fastest", "[cpu][engine]") {
  const Grid g = make_grid_3d(5, 4, 3);
  REQUIRE(g.size() == 60);
  REQUIRE(g.index(1, 0, 0) == 1);
  REQUIRE(g.index(0, 1, 0) == 5);
  REQUIRE(g.index(0, 0, 1) == 20);
  for (std::int64_t idx = 0; idx < g.size(); ++idx) {
    int i, j, k;
    g.coords(idx, i, j, k);
    REQUIRE(g.index(i, j, k) == idx);
  }
}

TEST_CASE("grid points are cell-centred in the box", "[cpu][engine]") {
  const Grid g = make_grid_2d(4, 2, 2.0, 1.0);
  REQUIRE(g.spacing(0) == 0.5);
  REQUIRE(g.spacing(1) == 0.5);
  REQUIRE(g.pixel_volume() == 0.25);
  const Vec3 c = g.center(g.index(3, 1));
  REQUIRE(c.x == Approx(1.75));
  REQUIRE(c.y == Approx(0.75));
  REQUIRE(c.z == 0.0);
}

TEST_CASE("periodic wrap: shortest displacement and positions in the box", "[cpu][engine]") {
  const Grid periodic = make_grid_2d(10, 10, 1.0, 1.0, true);
  const Vec3 z = periodic.wrap_displacement(Vec3{0.9, -0.7, 0});
  REQUIRE(z.x == Approx(-0.1));
  REQUIRE(z.y == Approx(0.3));
  for (double v : {-3.3, -0.5, -1e-17, 0.0, 0.49, 0.5, 0.51, 2.7}) {
    const Vec3 w = periodic.wrap_displacement(Vec3{v, v, 0});
    REQUIRE(std::fabs(w.x) <= 0.5 + 1e-12);
    const Vec3 p = periodic.wrap_position(Vec3{v, v, 0});
    REQUIRE(p.x >= 0.0);
    REQUIRE(p.x < 1.0);
  }
  const Grid walled = make_grid_2d(10, 10);
  REQUIRE(walled.wrap_displacement(Vec3{0.9, -0.7, 0}).x == 0.9);
  REQUIRE(walled.wrap_position(Vec3{1.5, 0, 0}).x == 1.5);
}

TEST_CASE("grid neighbours wrap on periodic axes and stop at walls", "[cpu][engine]") {
  const Grid periodic = make_grid_2d(4, 3, 1.0, 1.0, true);
  REQUIRE(periodic.neighbor(periodic.index(0, 0), 0, -1) == periodic.index(3, 0));
  REQUIRE(periodic.neighbor(periodic.index(2, 2), 1, +1) == periodic.index(2, 0));
  const Grid walled = make_grid_2d(4, 3);
  REQUIRE(walled.neighbor(walled.index(0, 0), 0, -1) == -1);
  REQUIRE(walled.neighbor(walled.index(1, 1), 0, +1) == walled.index(2, 1));
}

TEST_CASE("bad grid sizes are refused with a message", "[cpu][engine]") {
  REQUIRE_THROWS_WITH(make_grid_2d(0, 4), Catch::Contains("x must be at least 1"));
  REQUIRE_THROWS_WITH(make_grid_3d(4, 4, 4, 1.0, -1.0, 1.0), Catch::Contains("length along y"));
}
