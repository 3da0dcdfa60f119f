#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "scenes/scene.h"
#include "scenes/scene_file.h"
#include "test_support.h"

using namespace tessera;

TEST_CASE("every registered scene runs a few steps: no NaN, no lost cell, volumes within tolerance", "[cpu][scenes]") {
  for (const SceneDef& scene : scene_registry()) {
    INFO(scene.name);
    SceneOptions options;
    options.resolution = std::max(scene.min_resolution, scene.dim == 2 ? 240 : 40);  // small grids: the suite stays fast
    Simulation sim = make_simulation(scene, options, Exec{Backend::Cpu});
    const int n = sim.cells().size();
    Profile profile;
    for (int s = 0; s < 5; ++s) {
      step_scene(scene, sim, profile);
      INFO("step " << s << ": " << sim.stats().last_fit.failure);
      REQUIRE(sim.stats().last_fit.converged);
    }
    sim.cells().validate();  // finite state
    // Only the scene's own events change the population.
    REQUIRE(sim.cells().size() == n + sim.stats().divisions - sim.stats().removed);
  }
}

TEST_CASE("unknown scenes are refused with the list of known ones", "[cpu][scenes]") {
  REQUIRE(find_scene("NoSuchScene") == nullptr);
  REQUIRE_THROWS_WITH(require_scene("NoSuchScene"), Catch::Contains("RunTumbleDisk"));
  SceneOptions tiny;
  tiny.resolution = 64;
  REQUIRE_THROWS_WITH(make_simulation(require_scene("RunTumbleDisk"), tiny, Exec{Backend::Cpu}),
                      Catch::Contains("at least 128"));
}

TEST_CASE("FallingSpheres: the spheres settle (their mean height drops)", "[cpu][scenes]") {
  SceneOptions options;
  options.resolution = 256;  // p = 10 forces are dominated by boundary pixels: coarser grids are too noisy
  Simulation sim = make_simulation(require_scene("FallingSpheres"), options, Exec{Backend::Cpu});
  auto mean_height = [&] {
    double y = 0;
    for (const Vec3& x : sim.cells().x) y += x.y;
    return y / sim.cells().size();
  };
  const double before = mean_height();
  Profile profile;
  for (int s = 0; s < 60; ++s) sim.step(profile);
  REQUIRE(mean_height() < before - 0.01);
  for (const Vec3& x : sim.cells().x) REQUIRE(x.y > 0.0);  // the floor holds
}

TEST_CASE("Evacuation: soft agents (p = 0.5) leave through the door, volume returns to the void", "[cpu][scenes]") {
  SceneOptions options;
  options.resolution = 160;
  SceneFile file = scene_file_of(require_scene("Evacuation"), options);
  file.params.species[0].cost.p = 0.5;
  Simulation sim = make_simulation(file, Exec{Backend::Cpu});
  const int n0 = sim.cells().size();
  const double v0 = sim.cells().total_volume();
  Profile profile;
  for (int s = 0; s < 400 && sim.stats().removed == 0; ++s) sim.step(profile);
  REQUIRE(sim.stats().removed > 0);
  REQUIRE(sim.cells().size() == n0 - sim.stats().removed);
  REQUIRE(sim.cells().total_volume() < v0);
  for (const Vec3& x : sim.cells().x) REQUIRE_FALSE((x.x > sim.params().exit_min.x && std::fabs(x.y - 0.5) < 0.5 * (sim.params().exit_max.y - sim.params().exit_min.y)));
}

TEST_CASE("TissueGrowth: one cell grows into a compact colony by division", "[cpu][scenes]") {
  SceneOptions options;
  options.resolution = 320;  // newborn cells hold ~100 pixels: 1 % is reachable
  Simulation sim = make_simulation(require_scene("TissueGrowth"), options, Exec{Backend::Cpu});
  REQUIRE(sim.cells().size() == 1);
  Profile profile;
  for (int s = 0; s < 300 && sim.cells().size() < 24; ++s) {
    sim.step(profile);
    INFO("step " << s << ": " << sim.stats().last_fit.failure);
    REQUIRE(sim.stats().last_fit.converged);
  }
  const int n = sim.cells().size();
  REQUIRE(n >= 24);
  REQUIRE(sim.stats().divisions == n - 1);
  // Compact: every seed within a few cell radii of a disk holding the whole colony.
  const double colony_radius = std::sqrt(sim.cells().total_volume() / std::numbers::pi);
  for (const Vec3& x : sim.cells().x) REQUIRE(norm(x - Vec3{0.5, 0.5, 0}) < 1.5 * colony_radius);
}

TEST_CASE("SurfaceTension (internalisation): the low-medium-tension type takes over the aggregate's surface", "[cpu][scenes]") {
  SceneOptions options;
  options.resolution = require_scene("SurfaceTension").min_resolution;
  Simulation sim = make_simulation(require_scene("SurfaceTension"), options, Exec{Backend::Cpu});
  // Share of type 2 (gamma_20 = 7 < gamma_10 = 30) among the cells touching the medium.
  auto surface_share = [&] {
    const Adjacency adj = sim.engine().adjacency();
    int on_surface = 0, type2 = 0;
    for (int i = 0; i < sim.cells().size(); ++i)
      if (adj.void_faces[i] > 0) {
        ++on_surface;
        type2 += sim.cells().species[i] == 1;
      }
    return static_cast<double>(type2) / on_surface;
  };
  const double before = surface_share();
  Profile profile;
  for (int s = 0; s < 150; ++s) sim.step(profile);
  const double after = surface_share();
  INFO("type-2 share of the surface: " << before << " -> " << after);
  REQUIRE(after > before + 0.15);
}

TEST_CASE("Engulfment: after the contact push, blue cells spread over the orange aggregate", "[cpu][scenes][slow]") {
  const SceneDef& scene = require_scene("Engulfment");
  SceneOptions options;
  options.resolution = scene.min_resolution;
  Simulation sim = make_simulation(scene, options, Exec{Backend::Cpu});
  // Orange cells' faces with the medium, as a share of all orange boundary faces.
  auto orange_exposure = [&] {
    const Adjacency adj = sim.engine().adjacency();
    double medium = 0, all = 0;
    for (int i = 0; i < sim.cells().size(); ++i) {
      if (sim.cells().species[i] != 0) continue;
      medium += static_cast<double>(adj.void_faces[i]);
      all += static_cast<double>(adj.void_faces[i]);
      for (std::int64_t k = adj.row_start[i]; k < adj.row_start[i + 1]; ++k) all += static_cast<double>(adj.shared_faces[k]);
    }
    return medium / all;
  };
  Profile profile;
  for (int s = 0; s < 60; ++s) step_scene(scene, sim, profile);  // through the contact event (steps 45-49)
  const double at_contact = orange_exposure();
  for (int s = 0; s < 300; ++s) step_scene(scene, sim, profile);
  const double later = orange_exposure();
  INFO("orange exposure to the medium: " << at_contact << " -> " << later);
  REQUIRE(later < at_contact - 0.05);
}

TEST_CASE("Micropipette: a soft cell is aspirated further into the tube than a hard one", "[cpu][scenes]") {
  const SceneDef& scene = require_scene("Micropipette");
  const PipetteGeometry pipette = pipette_geometry(0.08);
  auto aspiration = [&](double p) {
    SceneOptions options;
    options.resolution = 400;
    SceneFile file = scene_file_of(scene, options);
    file.params.species[0].cost.p = p;
    Simulation sim = make_simulation(file, Exec{Backend::Cpu});
    Profile profile;
    for (int s = 0; s < 200; ++s) sim.step(profile);
    // L = (furthest pixel of the cell - tube mouth) / tube length (section 5.6).
    const Grid& g = sim.domain().grid;
    double front = 0;
    const std::vector<std::int32_t>& labels = sim.labels();
    for (std::int64_t k = 0; k < g.size(); ++k)
      if (labels[k] == 0) front = std::max(front, g.center(k).x);
    return (front - pipette.tube_start()) / pipette.tube_length;
  };
  const double soft = aspiration(0.5), hard = aspiration(4.0);
  INFO("aspiration L: p = 0.5 -> " << soft << ", p = 4 -> " << hard);
  REQUIRE(soft > hard + 0.2);
}
