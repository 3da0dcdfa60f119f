#include <catch2/catch.hpp>

#include "scenes/particles/scene.h"
#include "ui/particles/param_edit.h"

using namespace tessera;

TEST_CASE("a panel edit changes only the fields the user changed", "[cpu][intents]") {
  SceneOptions options;
  options.resolution = require_scene("SurfaceTension").min_resolution;
  const SimParams base = build_scene(require_scene("SurfaceTension"), options).params;
  SimParams edited = base;
  edited.species[1].cost.p = 3.5;
  edited.fit.tolerance = 0.02;
  const std::size_t n_types = base.species.size() + 1;
  std::vector<double>& tensions = edited.surface_tension->tensions;
  tensions[1 * n_types + 2] = tensions[2 * n_types + 1] = 7.0;
  // Meanwhile the simulation moved on: a script changed dt and species 0's gain.
  SimParams current = base;
  current.dt = base.dt * 0.5;
  current.species[0].tau = base.species[0].tau + 1.0;

  const SimParams merged = merge_param_edit(base, edited, current);
  REQUIRE(merged.species[1].cost.p == 3.5);
  REQUIRE(merged.fit.tolerance == 0.02);
  REQUIRE(merged.surface_tension->tensions[1 * n_types + 2] == 7.0);
  REQUIRE(merged.surface_tension->tensions[2 * n_types + 1] == 7.0);
  REQUIRE(merged.dt == current.dt);                        // not rewound
  REQUIRE(merged.species[0].tau == current.species[0].tau);  // not rewound

  SimParams off = current;  // the rule was switched off meanwhile: the table edit does not revive it
  off.surface_tension.reset();
  REQUIRE_FALSE(merge_param_edit(base, edited, off).surface_tension.has_value());

  SimParams other = current;  // another scene arrived: nothing carries over
  other.species.pop_back();
  REQUIRE(merge_param_edit(base, edited, other).species.size() == other.species.size());
  REQUIRE(merge_param_edit(base, edited, other).fit.tolerance == other.fit.tolerance);
}
