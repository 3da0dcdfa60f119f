#include <algorithm>
#include <string>

#include "engine/error.h"
#include "scenes/particles/active_scenes.h"
#include "scenes/particles/active_scenes_3d.h"
#include "scenes/particles/granular_scenes_3d.h"
#include "scenes/particles/growth_scenes.h"
#include "scenes/particles/migration_scenes.h"
#include "scenes/particles/tension_scenes.h"
#include "scenes/particles/tension_scenes_3d.h"
#include "scenes/particles/scene.h"

namespace tessera {

const std::vector<SceneDef>& scene_registry() {
  static const std::vector<SceneDef> scenes = {
      {"active", "RunTumbleDisk", "run-and-tumble cells of graded stiffness in a disk (2D)", 2, 512, 128, build_run_tumble_disk,
       nullptr, kRunTumbleDiskPresets},
      {"active", "ActiveBrownian", "self-propelled deformable disks with rotational noise, periodic box (2D)", 2, 512, 160,
       build_active_brownian},
      {"active", "Evacuation", "a crowd steering to one exit: hard agents jam in an arch, soft ones escape (2D)", 2, 512, 160,
       build_evacuation},
      {"active", "RodShape", "self-propelled rods whose axis follows their shape align into streams, periodic (2D)", 2, 512, 200,
       build_rod_shape},
      {"mechanics", "Micropipette", "one cell aspirated into a thin tube: soft cells flow in, hard ones stay (2D)", 2, 800,
       200, build_micropipette},
      {"active", "FallingSpheres", "hard spheres settling onto the floor under gravity (2D)", 2, 512, 200,
       build_falling_spheres},
      {"tension", "SurfaceTension", "a mixed two-type aggregate sorts by differential surface tension (2D)", 2, 600, 540,
       build_surface_tension},
      {"tension", "Engulfment", "a small high-tension aggregate is pushed into a large one and engulfed (2D)", 2, 512, 480,
       build_engulfment, engulfment_contact},
      {"tension", "CellSorting3D", "a two-type 3D aggregate sorts by surface tension on its interface mesh (3D)", 3, 128,
       64, build_cell_sorting_3d, nullptr, kCellSorting3DPresets},
      {"tension", "Bubbles", "bubbles rise, gather in a foam raft at the surface, burst and fuse (3D)", 3, 192, 173,
       build_bubbles},
      {"growth", "TissueGrowth", "a colony grows from one cell by growth and division along the long axis (2D)", 2, 800, 240,
       build_tissue_growth},
      {"motility", "ChemoDeformation", "cells crawl up a chemoattractant gradient that biases their shape (2D)", 2, 512,
       128, build_chemo_deformation},
      {"motility", "Protrusions", "cells crawl by random protrusions that bias their shape and pull their seed (2D)", 2,
       300, 128, build_protrusions},
      {"active", "RunTumble3D", "run-and-tumble soft spheres of graded stiffness packed at 80 % in a box (3D)", 3, 128, 32,
       build_run_tumble_3d},
      {"active", "Benchmark_3D", "packed self-propelled ellipsoids whose axis and aspect follow their shape (3D)", 3, 128, 32,
       build_benchmark_3d, nullptr, kBenchmark3DPresets},
      {"growth", "TissueGrowth_3D", "a 3D aggregate grows from one cell, zooming out to keep its cells resolved (3D)", 3, 128,
       64, build_tissue_growth_3d, tissue_growth_3d_script},
      {"mechanics", "FallingStuff", "hard spheres fed into a funnel squeeze through its neck and pile up around an obstacle (3D)",
       3, 128, 96, build_falling_stuff},
  };
  return scenes;
}

const SceneDef* find_scene(std::string_view name) {
  const auto& all = scene_registry();
  const auto it = std::find_if(all.begin(), all.end(), [&](const SceneDef& d) { return d.name == name; });
  return it == all.end() ? nullptr : &*it;
}

const SceneDef& require_scene(std::string_view name) {
  if (const SceneDef* def = find_scene(name)) return *def;
  std::string known;
  for (const SceneDef& d : scene_registry()) known += (known.empty() ? "" : ", ") + std::string(d.name);
  throw_error("unknown scene '" + std::string(name) + "' (known scenes: " + known + ")");
}

SceneSetup build_scene(const SceneDef& scene, const SceneOptions& options) {
  TESSERA_REQUIRE(options.resolution == 0 || options.resolution >= scene.min_resolution,
                  std::string(scene.name) + " needs a grid of at least " + std::to_string(scene.min_resolution) +
                      " points per axis (asked for " + std::to_string(options.resolution) + ")");
  const std::string bad_preset = preset_error(scene, options.preset);
  TESSERA_REQUIRE(bad_preset.empty(), bad_preset);
  return scene.build(options);
}

std::string preset_error(const SceneDef& scene, std::string_view preset) {
  if (preset.empty() || std::find(scene.presets.begin(), scene.presets.end(), preset) != scene.presets.end()) return {};
  std::string known;
  for (std::string_view p : scene.presets) known += (known.empty() ? "" : ", ") + std::string(p);
  return std::string(scene.name) + " has no preset '" + std::string(preset) + "' (" +
         (known.empty() ? std::string("it has none") : "presets: " + known) + ")";
}

Simulation make_simulation(const SceneDef& scene, const SceneOptions& options, const Exec& exec) {
  SceneSetup setup = build_scene(scene, options);
  Simulation sim(exec, std::move(setup.domain), std::move(setup.params), std::move(setup.cells));
  relax_seeds(sim, setup.relax_passes, setup.relax_cost_p);
  return sim;
}

void step_scene(const SceneDef& scene, Simulation& sim, Profile& profile) {
  if (scene.script != nullptr) scene.script(sim);
  sim.step(profile);
}

void relax_seeds(Simulation& sim, int passes, double relax_cost_p) {
  // The passes use the plain costs: the reference's initial solve has no cost bias (section
  // 2.8; the scenes apply it in their loop), and a biased Lloyd pass would already carry
  // the cells up a chemotactic gradient. The final fit is the biased one of the first step.
  const SimParams params = sim.params();
  const bool own_costs = passes > 0 && (params.bias != CostBias::None || relax_cost_p > 0);
  if (own_costs) {
    SimParams plain = params;
    plain.bias = CostBias::None;
    if (relax_cost_p > 0)
      for (SpeciesParams& s : plain.species) s.cost.p = relax_cost_p;
    sim.set_params(plain);
  }
  for (int pass = 0; pass < passes; ++pass) {
    sim.fit();
    const CellMoments moments = sim.engine().moments();
    CellState& cells = sim.mutable_cells();
    for (int i = 0; i < cells.size(); ++i)
      if (moments.counts[i] > 0) cells.x[i] = moments.centroid[i];
  }
  if (own_costs) sim.set_params(params);
  sim.fit();
}

}  // namespace tessera
