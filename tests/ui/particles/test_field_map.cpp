#include <catch2/catch.hpp>

#include "scenes/particles/scene.h"
#include "ui/particles/field_map.h"

using namespace tessera;

TEST_CASE("the attractant tint peaks at the attractant's centre and fades to the void", "[cpu][intents]") {
  const SceneDef& scene = require_scene("ChemoDeformation");
  SceneOptions options;
  options.resolution = scene.min_resolution;
  const SceneSetup setup = build_scene(scene, options);
  const std::vector<Rgb8> tint = attractant_tint(setup.params, setup.grid);
  REQUIRE(static_cast<std::int64_t>(tint.size()) == setup.grid.size());
  const Vec3 c = setup.params.chemotaxis.center;
  const Grid& g = setup.grid;
  const Rgb8 centre = tint[static_cast<std::size_t>(
      g.index(static_cast<int>(c.x / g.spacing(0)), static_cast<int>(c.y / g.spacing(1))))];
  CHECK(std::abs(centre.r - kAttractantColor.r) <= 3);
  CHECK(std::abs(centre.b - kAttractantColor.b) <= 6);
  // The corner farthest from the centre is (nearly) the plain void.
  const int fi = c.x < 0.5 ? g.n[0] - 1 : 0, fj = c.y < 0.5 ? g.n[1] - 1 : 0;
  const Rgb8 far = tint[static_cast<std::size_t>(g.index(fi, fj))];
  CHECK(std::abs(far.b - kVoidColor.b) <= 20);
  // Scenes without chemotaxis, and 3D grids, get none.
  SceneOptions other;
  other.resolution = require_scene("RunTumbleDisk").min_resolution;
  const SceneSetup plain = build_scene(require_scene("RunTumbleDisk"), other);
  REQUIRE(attractant_tint(plain.params, plain.grid).empty());
}
