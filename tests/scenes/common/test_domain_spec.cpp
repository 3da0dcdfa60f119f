#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "scenes/common/domain_spec.h"
#include "scenes/particles/scene_file.h"

using namespace tessera;

namespace {
const DomainSpec kHourglass{DomainShape::Hourglass, Vec3{0.5, 0.5, 0.37}, 0.1, {}};
}  // namespace

TEST_CASE("hourglass: funnel above the neck, open chamber below, minus the obstacle ball", "[cpu][scenes]") {
  const HourglassGeometry h = hourglass_geometry(kHourglass);
  REQUIRE(h.inside(Vec3{0.5, 0.5, 0.9}));       // funnel axis
  REQUIRE_FALSE(h.inside(Vec3{0.1, 0.1, 0.9})); // beyond the cone (radius 0.4 at z = 0.9)
  REQUIRE(h.inside(Vec3{0.52, 0.5, 0.54}));     // inside the neck region (radius 0.04 at z = 0.54)
  REQUIRE_FALSE(h.inside(Vec3{0.545, 0.5, 0.54}));
  REQUIRE_FALSE(h.inside(Vec3{0.5, 0.5, 0.53})); // the neck plane belongs to neither part
  REQUIRE(h.inside(Vec3{0.05, 0.95, 0.52}));    // the lower chamber spans the box
  REQUIRE_FALSE(h.inside(Vec3{0.5, 0.5, 0.37})); // the obstacle
  REQUIRE_FALSE(h.inside(Vec3{0.5, 0.5, 0.465}));
  REQUIRE(h.inside(Vec3{0.5, 0.5, 0.475}));     // just above the obstacle's top

  // Kept volume: funnel pi / 3 (0.5^3 - 0.03^3) + lower box 0.53 - ball 4/3 pi 0.1^3.
  const Domain domain = build_domain(make_grid_3d(64, 64, 64), kHourglass);
  const double expected = std::numbers::pi / 3 * (0.125 - 0.03 * 0.03 * 0.03) + 0.53 - 4.0 / 3.0 * std::numbers::pi * 1e-3;
  const double kept = static_cast<double>(domain.n_kept) / domain.grid.size();
  INFO("kept " << kept << ", expected " << expected);
  REQUIRE(std::fabs(kept - expected) < 0.01 * expected);
}

TEST_CASE("hourglass: 2D grids and an obstacle that blocks the neck are refused, also from scene files", "[cpu][scenes]") {
  REQUIRE_THAT(domain_spec_error(kHourglass, 2), Catch::Contains("3D shape"));
  REQUIRE_THROWS_WITH(build_domain(make_grid_2d(32, 32), kHourglass), Catch::Contains("hourglass is a 3D shape"));
  DomainSpec high = kHourglass;
  high.center.z = 0.45;
  REQUIRE_THAT(domain_spec_error(high, 3), Catch::Contains("below the neck"));
  REQUIRE(domain_spec_error(kHourglass, 3).empty());

  // A 2D scene file asking for the hourglass names the domain key.
  SceneOptions options;
  options.resolution = require_scene("RunTumbleDisk").min_resolution;
  nlohmann::json j = scene_file_to_json(scene_file_of(require_scene("RunTumbleDisk"), options));
  j["domain"]["shape"] = "hourglass";
  REQUIRE_THROWS_WITH(scene_file_from_json(j, "s.json"), Catch::Contains("'domain'") && Catch::Contains("3D shape"));
}
