#pragma once
// The scene library: an explicit registry (no static self-registration: the linker
// would drop unreferenced objects of a static library) of reference scenes
// (iceshot-model.md section 5). A scene builds a domain, parameters and initial
// cells; make_simulation relaxes the random initial seeds with Lloyd passes (the
// reference's initialisation) and returns a running Simulation. The window, the
// headless runner, the benchmark and the tests all use the same definitions.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/backend.h"
#include "scenes/common/domain_spec.h"
#include "sim/particles/simulation.h"

namespace tessera {

struct SceneOptions {
  int resolution = 0;      // grid points per axis; 0 = the scene's default
  std::uint64_t seed = 1;  // random seed (initial positions and every stochastic rule)
  std::string preset;      // one of the scene's presets (SceneDef::presets); empty = the scene's default
};

struct SceneSetup {
  Grid grid;
  DomainSpec domain_spec;
  Domain domain;           // build_domain(grid, domain_spec)
  SimParams params;
  CellState cells;
  int relax_passes = 5;    // Lloyd passes before the first step
  double relax_cost_p = 0; // exponent p of every species' cost during those passes (the reference's
                           // initial solve may use its own, FallingStuff's p0 = 2); 0 = the run's costs
  std::string preset;      // the preset the builder used (empty for scenes without presets)
};

struct SceneDef {
  std::string_view category;
  std::string_view name;
  std::string_view description;  // one line, for `tessera list`
  int dim;                       // 2 or 3
  int default_resolution;
  int min_resolution;            // below it the scene cannot meet its own accuracy needs
  SceneSetup (*build)(const SceneOptions& options);
  // Optional rule applied between steps (the sync point) before step `sim.step_count()`,
  // for events a scene scripts itself (Engulfment's contact push). nullptr when none.
  void (*script)(Simulation& sim) = nullptr;
  // Named variants of the scene (parameters and initial placement), the first being the
  // default; empty when the scene has none.
  std::span<const std::string_view> presets = {};
};

// Advances a scene one step: its script (if any), then the frame.
void step_scene(const SceneDef& scene, Simulation& sim, Profile& profile);

const std::vector<SceneDef>& scene_registry();
// nullptr when no scene has that name.
const SceneDef* find_scene(std::string_view name);
// Throws tessera::Error listing the known names when `name` is unknown.
const SceneDef& require_scene(std::string_view name);

// The scene's setup, after checking the options (resolution at least min_resolution, a
// preset the scene has).
SceneSetup build_scene(const SceneDef& scene, const SceneOptions& options);
// Empty when `preset` is empty or one of the scene's presets; else why not, listing them.
std::string preset_error(const SceneDef& scene, std::string_view preset);

// Builds the scene, relaxes it (Lloyd passes with the scene's costs) and fits it.
Simulation make_simulation(const SceneDef& scene, const SceneOptions& options, const Exec& exec);

// Lloyd relaxation (the reference's `solve` with to_bary, tau = 1): `passes` times fit
// (without the cost bias, with every cost's exponent set to relax_cost_p when > 0) and
// move every seed to its cell's centroid; then a final fit with the run's costs.
void relax_seeds(Simulation& sim, int passes, double relax_cost_p = 0);

}  // namespace tessera
