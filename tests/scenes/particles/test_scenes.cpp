#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "scenes/particles/scene.h"
#include "scenes/particles/scene_file.h"
#include "test_support.h"

using namespace tessera;

TEST_CASE("every registered scene runs a few steps: no NaN, no lost cell, volumes within tolerance", "[cpu][scenes][slow]") {
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
    const SimStats& st = sim.stats();
    REQUIRE(sim.cells().size() == n + st.divisions + st.inserted - st.removed - st.burst - st.fused);
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
  for (const Vec3& x : sim.cells().x) REQUIRE_FALSE((x.x > sim.params().exit->min.x && std::fabs(x.y - 0.5) < 0.5 * (sim.params().exit->max.y - sim.params().exit->min.y)));
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

TEST_CASE("SurfaceTension (internalisation): the low-medium-tension type takes over the aggregate's surface", "[cpu][scenes][slow]") {
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

TEST_CASE("TissueGrowth_3D: the zoom-out shrinks positions, volumes and the mature size together", "[cpu][scenes]") {
  const SceneDef& scene = require_scene("TissueGrowth_3D");
  SceneOptions options;
  options.resolution = scene.min_resolution;
  SceneSetup setup = build_scene(scene, options);
  // Eight mature cells around the centre: an aggregate wider than the 0.3 the zoom allows.
  const double v1 = setup.params.mature_volume;
  CellState cells;
  for (int k = 0; k < 8; ++k)
    cells.add(Vec3{0.5 + 0.12 * ((k & 1) ? 1 : -1), 0.5 + 0.12 * ((k & 2) ? 1 : -1), 0.5 + 0.12 * ((k & 4) ? 1 : -1)},
              Vec3{1, 0, 0}, 1.0, v1, 0, 0.0, 0.0);  // growth factor 0: volumes stay at v1
  Simulation sim(Exec{Backend::Cpu}, setup.domain, setup.params, cells);
  const std::vector<Vec3> before = sim.cells().x;
  scene.script(sim);
  const double v1_after = sim.params().mature_volume;
  const double rho = std::cbrt(v1_after / v1);
  INFO("zoom factor " << rho);
  REQUIRE(rho < 0.95);  // the aggregate (radius ~0.33) is shrunk to ~0.3
  REQUIRE(rho > 0.85);
  const int n = sim.cells().size();
  REQUIRE(n >= 8);  // divisions may have happened, nothing was lost
  for (int i = 0; i < n; ++i) REQUIRE(sim.cells().volume[i] <= v1_after * (1 + 1e-12));
  for (int i = 0; i < 8 && n == 8; ++i)
    REQUIRE(norm(sim.cells().x[i] - (Vec3{0.5, 0.5, 0.5} + rho * (before[i] - Vec3{0.5, 0.5, 0.5}))) < 1e-12);
  const double R1 = std::cbrt(3.0 * v1_after / (4.0 * std::numbers::pi));
  REQUIRE(sim.params().species[0].tau == Approx(10.0 / (R1 * R1)));
}

namespace {
// Mean distance of the seeds to a point, and their mean displacement from `start`.
double mean_distance(const CellState& cells, const Vec3& point) {
  double sum = 0;
  for (const Vec3& x : cells.x) sum += norm(x - point);
  return sum / cells.size();
}
double mean_displacement(const CellState& cells, const std::vector<Vec3>& start) {
  double sum = 0;
  for (int i = 0; i < cells.size(); ++i) sum += norm(cells.x[i] - start[i]);
  return sum / cells.size();
}
}  // namespace

TEST_CASE("ChemoDeformation: the biased cells climb the attractant gradient to the centre", "[cpu][scenes]") {
  const SceneDef& scene = require_scene("ChemoDeformation");
  SceneOptions options;
  options.resolution = scene.min_resolution;
  const Vec3 centre{0.5, 0.5, 0};
  auto distance_drop = [&](CostBias bias) {
    SceneFile file = scene_file_of(scene, options);
    file.params.bias = bias;
    Simulation sim = make_simulation(file, Exec{Backend::Cpu});
    const double before = mean_distance(sim.cells(), centre);
    Profile profile;
    for (int s = 0; s < 50; ++s) step_scene(scene, sim, profile);
    return before - mean_distance(sim.cells(), centre);
  };
  const double biased = distance_drop(CostBias::Chemotaxis), plain = distance_drop(CostBias::None);
  INFO("mean distance to the centre drops by " << biased << " with the bias, " << plain << " without");
  REQUIRE(biased > 0.04);                     // ~2/3 of a cell radius in 50 steps
  REQUIRE(std::fabs(plain) < 0.1 * biased);  // without the bias the relaxed seeds stay put
}

TEST_CASE("Protrusions: cells crawl and stay in the box; the state continues exactly from a file",
          "[cpu][scenes]") {
  const SceneDef& scene = require_scene("Protrusions");
  SceneOptions options;
  options.resolution = scene.min_resolution;
  const SceneFile file = scene_file_of(scene, options);
  Simulation sim = make_simulation(file, Exec{Backend::Cpu});
  const std::vector<Vec3> start = sim.cells().x;
  Profile profile;
  double early = 0;
  for (int s = 0; s < 40; ++s) {
    step_scene(scene, sim, profile);
    if (s == 9) early = mean_displacement(sim.cells(), start);
    for (const Vec3& x : sim.cells().x) REQUIRE((x.x > 0 && x.x < 1 && x.y > 0 && x.y < 1));
  }
  const double later = mean_displacement(sim.cells(), start);
  INFO("mean displacement after 10 steps " << early << ", after 40 " << later);
  REQUIRE(later > early);
  REQUIRE(later > 0.02);  // ~1/3 of a cell radius
  for (const auto& amplitudes : sim.cells().protrusion)
    for (double a : amplitudes) REQUIRE((a >= 0 && a <= sim.params().protrusions.max_amplitude));
  // A snapshot (amplitudes and angles included) continues the run bit for bit.
  const SceneFile saved =
      scene_file_from_json(nlohmann::json::parse(scene_file_to_json(snapshot(file, sim)).dump()), "s.json");
  Simulation resumed = make_simulation(saved, Exec{Backend::Cpu});
  for (int s = 0; s < 3; ++s) {
    step_scene(scene, sim, profile);
    step_scene(scene, resumed, profile);
  }
  for (int i = 0; i < sim.cells().size(); ++i)
    REQUIRE((resumed.cells().x[i].x == sim.cells().x[i].x && resumed.cells().x[i].y == sim.cells().x[i].y));
  REQUIRE(resumed.cells().protrusion == sim.cells().protrusion);
  REQUIRE(resumed.cells().protrusion_angle == sim.cells().protrusion_angle);
}

TEST_CASE("the n1000 presets give 1000 cells at the reference packing", "[cpu][scenes]") {
  for (const char* name : {"RunTumbleDisk", "Benchmark_3D"}) {
    INFO(name);
    const SceneDef& scene = require_scene(name);
    SceneOptions options;
    options.resolution = scene.min_resolution;
    const SceneSetup reference = build_scene(scene, options);
    options.preset = "n1000";
    const SceneSetup big = build_scene(scene, options);
    REQUIRE(big.cells.size() == 1000);
    REQUIRE(big.preset == "n1000");
    REQUIRE(reference.cells.size() < 200);
    REQUIRE(big.cells.total_volume() == Approx(reference.cells.total_volume()).epsilon(0.05));
  }
}
