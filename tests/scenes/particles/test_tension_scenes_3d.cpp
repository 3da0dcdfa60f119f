#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "scenes/particles/scene.h"
#include "scenes/particles/scene_file.h"
#include "scenes/particles/tension_scenes_3d.h"
#include "test_support.h"

using namespace tessera;

namespace {

// Share of the cell-cell contact (face-adjacent voxel pairs) between cells of the same type.
double homotypic_contact(Simulation& sim) {
  const Adjacency adj = sim.engine().adjacency();
  double same = 0, all = 0;
  for (int i = 0; i < sim.cells().size(); ++i)
    for (std::int64_t k = adj.row_start[i]; k < adj.row_start[i + 1]; ++k) {
      const double faces = static_cast<double>(adj.shared_faces[k]);
      all += faces;
      if (sim.cells().species[i] == sim.cells().species[adj.cols[k]]) same += faces;
    }
  return same / all;
}

}  // namespace

TEST_CASE("CellSorting3D (separation): homotypic contacts grow under the surface forces alone", "[cpu][scenes]") {
  const SceneDef& scene = require_scene("CellSorting3D");
  SceneOptions options;
  options.resolution = scene.min_resolution;
  Simulation sim = make_simulation(scene, options, Exec{Backend::Cpu});
  REQUIRE(sim.cells().size() == 128);
  const double before = homotypic_contact(sim);
  Profile profile;
  for (int s = 0; s < 10; ++s) {
    step_scene(scene, sim, profile);
    REQUIRE(sim.stats().last_fit.converged);
  }
  const double after = homotypic_contact(sim);
  // Measured at 64^3, seed 1: 0.50 at the start, 0.63 at t = 0.03 (0.71 at t = 0.06, 0.85 at
  // t = 0.6); the checkerboard preset goes the other way (0.45 at t = 0.06).
  INFO("homotypic share of the cell-cell contact: " << before << " -> " << after);
  REQUIRE(before < 0.53);  // the types start mixed
  REQUIRE(after > before + 0.06);
}

TEST_CASE("CellSorting3D: presets set the tension tables and the placement", "[cpu][scenes]") {
  const SceneDef& scene = require_scene("CellSorting3D");
  SceneOptions options;
  options.resolution = scene.min_resolution;
  const SceneSetup separation = build_scene(scene, options);
  REQUIRE(separation.preset == "separation");
  REQUIRE(separation.params.surface_tension_3d->eta(1, 2) == Approx(12));  // section 5.14's table
  REQUIRE(separation.params.species[1].cost.C == Approx(1.0));    // gamma_20 / gamma_10 = 1

  options.preset = "engulfment_eta_above_1_split";
  const SceneSetup split = build_scene(scene, options);
  REQUIRE(split.params.surface_tension_3d->gamma(1, kMediumType) == Approx(10));
  REQUIRE(split.params.surface_tension_3d->gamma(1, 2) == Approx(4.0 / 3.0));
  REQUIRE(split.params.species[1].cost.C == Approx(0.5));
  // Split placement: type 1 around 0.4, type 2 around 0.6 on every axis.
  for (int i = 0; i < split.cells.size(); ++i) {
    const double centre = split.cells.species[i] == 0 ? 0.4 : 0.6;
    for (int a = 0; a < 3; ++a) REQUIRE(std::fabs(split.cells.x[i][a] - centre) <= 0.1);
  }
  options.preset = "no_such_preset";
  REQUIRE_THROWS_WITH(build_scene(scene, options), Catch::Contains("checkerboard"));
  options.preset = "separation";
  options.resolution = require_scene("Bubbles").min_resolution;  // refused before anything is built
  REQUIRE_THROWS_WITH(build_scene(require_scene("Bubbles"), options), Catch::Contains("has no preset"));
}

TEST_CASE("Bubbles: bubbles rise; the population and the volume change only through the scene's events",
          "[cpu][scenes]") {
  const SceneDef& scene = require_scene("Bubbles");
  SceneOptions options;
  options.resolution = 64;  // below the scene's minimum on purpose: the bubbles are made 2.9x wider
  SceneSetup setup = scene.build(options);
  const double widen = std::pow(0.06 / 0.021, 3);  // base bubbles of 237 voxels instead of 10
  setup.params.bubbles->insert_volume *= widen;
  for (double& v : setup.cells.volume) v *= widen;
  // Events far more frequent than the scene's, so that a short run sees all of them:
  // touching pairs fuse within a few steps, and bubbles above z = 0.3 burst often.
  setup.params.bubbles->fusion_rate = 5e3;
  setup.params.bubbles->burst_above = 0.3;
  setup.params.bubbles->burst_rate = 4000;
  Simulation sim(Exec{Backend::Cpu}, setup.domain, setup.params, setup.cells);
  relax_seeds(sim, setup.relax_passes);

  std::map<std::uint64_t, double> start_z;
  for (int i = 0; i < sim.cells().size(); ++i) start_z[sim.cells().id[i]] = sim.cells().x[i].z;
  const int n0 = sim.cells().size();
  const double v0 = sim.cells().total_volume();
  const double vb = sim.params().bubbles->insert_volume;
  Profile profile;
  for (int s = 0; s < 20; ++s) {
    step_scene(scene, sim, profile);
    const SimStats& st = sim.stats();
    REQUIRE(sim.cells().size() == n0 + st.inserted - st.burst - st.fused);
    // Fusion conserves volume; bursting returns it to the medium; insertion adds v_b.
    REQUIRE(sim.cells().total_volume() == Approx(v0 + st.inserted * vb - st.burst_volume).epsilon(1e-12));
    REQUIRE(sim.cells().total_volume() <= 1.0);
  }
  const SimStats& st = sim.stats();
  INFO("inserted " << st.inserted << ", burst " << st.burst << ", fused " << st.fused);
  REQUIRE(st.inserted > 0);
  REQUIRE(st.burst > 0);
  REQUIRE(st.fused > 0);
  // Each surviving initial bubble's own rise (buoyancy 0.5 moves a free bubble 0.025).
  double rise = 0;
  int survivors = 0;
  for (int i = 0; i < sim.cells().size(); ++i) {
    const auto it = start_z.find(sim.cells().id[i]);
    if (it == start_z.end()) continue;
    rise += sim.cells().x[i].z - it->second;
    ++survivors;
  }
  INFO(survivors << " survivors, mean rise " << rise / survivors);
  REQUIRE(survivors >= 10);
  REQUIRE(rise / survivors > 0.015);
}

TEST_CASE("scene files carry the preset and the 3D tension and bubble parameters", "[cpu][scenes]") {
  const SceneDef& scene = require_scene("CellSorting3D");
  SceneOptions options;
  options.resolution = scene.min_resolution;
  options.preset = "engulfment_eta_below_1_split";
  const nlohmann::json j = scene_file_to_json(scene_file_of(scene, options));
  REQUIRE(j["preset"] == "engulfment_eta_below_1_split");
  REQUIRE(j["surface_tension_3d"]["gamma"].size() == 4);  // medium, type 1, type 2, wall
  const SceneFile back = scene_file_from_json(j, "t.json");
  REQUIRE(back.preset == options.preset);
  REQUIRE(back.params.surface_tension_3d->eta(1, 2) == Approx(0.96));
  REQUIRE(scene_file_to_json(back) == j);

  nlohmann::json bad = j;
  bad["preset"] = "mixed";
  REQUIRE_THROWS_WITH(scene_file_from_json(bad, "t.json"), Catch::Contains("'preset'") && Catch::Contains("separation"));
  bad = j;
  bad["surface_tension_3d"]["eta"][1][2] = 5.0;  // eta(1, 2) != eta(2, 1)
  REQUIRE_THROWS_WITH(scene_file_from_json(bad, "t.json"), Catch::Contains("symmetric"));
  bad = j;
  bad["bubbles"]["fusion_rat"] = 1.0;
  REQUIRE_THROWS_WITH(scene_file_from_json(bad, "t.json"), Catch::Contains("bubbles.fusion_rat"));
}
