#pragma once
// Scene files: human-readable JSON that fully describes a run — grid, domain,
// boundary conditions, species (costs, dynamics, colours), solver settings, dt, seed
// and, when saved from a running state, every cell (positions, axes, volumes,
// potentials, ids) and the step counter. Loading is strict: an unknown key, a wrong
// type or an impossible value is an error naming the file and the key.
//
//   {"tessera_scene": 1, "scene": "RunTumbleDisk", "grid": {...}, "domain": {...},
//    "void": true, "dt": 0.0025, "seed": 1, "step": 0, "correction": "force", ...,
//    "solver": {...}, "species": [{"name": ..., "cost": {...}, "tau": ..., ...}],
//    "relax_passes": 5, "cells": {"x": [[x, y, z], ...], ...}}
//
// Without "cells", the named scene's builder places the initial cells (from the
// file's seed and resolution) and the file's parameters replace the scene's.
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "scenes/particles/scene.h"

namespace tessera {

inline constexpr int kSceneFileVersion = 1;

struct SceneFile {
  std::string scene;   // the registry scene it derives from (initial placement, future scripts)
  std::string preset;  // the scene's preset (initial placement when there are no cells); empty if it has none
  Grid grid;
  DomainSpec domain;
  SimParams params;
  int relax_passes = 5;
  double relax_cost_p = 0;  // SceneSetup::relax_cost_p ("relax_cost_p", written when > 0)
  std::optional<CellState> cells;  // present: the exact state to continue from
  std::int64_t step = 0;
  std::optional<SimStats> counters;  // a saved run's counters (removed, divisions, insertions, ...)
};

nlohmann::json scene_file_to_json(const SceneFile& file);
// `source` names the file in error messages.
SceneFile scene_file_from_json(const nlohmann::json& json, const std::string& source);

// Reading and writing files (writing refuses to replace an existing file unless `overwrite`).
SceneFile load_scene_file(const std::filesystem::path& path);
void save_scene_file(const std::filesystem::path& path, const SceneFile& file, bool overwrite = false);

// The scene file of a registry scene (no cells: the builder places them).
SceneFile scene_file_of(const SceneDef& scene, const SceneOptions& options);
// `base` with the running state of `sim` (cells, step, parameters): loading it continues
// the run exactly.
SceneFile snapshot(const SceneFile& base, const Simulation& sim);

// Builds the simulation a scene file describes (relaxing only when it has no cells).
Simulation make_simulation(const SceneFile& file, const Exec& exec);

}  // namespace tessera
