#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "scenes/particles/scene_file.h"
#include "test_support.h"

using namespace tessera;
using nlohmann::json;

namespace {

json small_scene_json(const char* name = "RunTumbleDisk") {
  SceneOptions options;
  options.resolution = require_scene(name).min_resolution;
  return scene_file_to_json(scene_file_of(require_scene(name), options));
}

SceneFile parse(const json& j) { return scene_file_from_json(j, "test.json"); }

std::uint64_t hash_cells(const CellState& c) {
  std::uint64_t h = 1469598103934665603ull;
  h = test::fnv1a(h, c.x.data(), c.x.size() * sizeof(Vec3));
  h = test::fnv1a(h, c.axis.data(), c.axis.size() * sizeof(Vec3));
  return test::fnv1a(h, c.potential.data(), c.potential.size() * sizeof(double));
}

}  // namespace

TEST_CASE("scene files round-trip every registry scene", "[cpu][scenes]") {
  for (const SceneDef& scene : scene_registry()) {
    INFO(scene.name);
    const json j = small_scene_json(std::string(scene.name).c_str());
    REQUIRE(scene_file_to_json(parse(j)) == j);
  }
}

TEST_CASE("scene files are strict: unknown keys, wrong types and bad values name the key", "[cpu][scenes]") {
  json j = small_scene_json();
  j["speceis"] = json::array();
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("test.json") && Catch::Contains("'speceis'") && Catch::Contains("unknown key"));

  j = small_scene_json();
  j["species"][0]["cost"]["pp"] = 3;
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("species[0].cost.pp"));

  j = small_scene_json();
  j["species"][0]["cost"]["p"] = "two";
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("species[0].cost.p") && Catch::Contains("expected a number"));

  j = small_scene_json();
  j["species"][0]["cost"]["p"] = -1;
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("species[0].cost"));

  j = small_scene_json();
  j["correction"] = "teleport";
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("'correction'") && Catch::Contains("accepted: force, barycentric"));

  j = small_scene_json();
  j["grid"]["size"] = {4, 4};
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("grid.size[0]"));

  j = small_scene_json();
  const int min = require_scene(j["scene"].get<std::string>()).min_resolution;
  j["grid"]["size"] = {min - 1, min - 1};
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("grid.size[0]") && Catch::Contains("too coarse") &&
                                    Catch::Contains("1 % volume accuracy"));

  j = small_scene_json();
  j["dt"] = 0;
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("'dt'"));

  j = small_scene_json();
  j["scene"] = "Nope";
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("unknown scene"));

  j = small_scene_json();
  j["tessera_scene"] = 99;
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("unsupported version"));

  j = small_scene_json();
  j["species"] = json::array();
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("at least one species"));
}

TEST_CASE("a saved state continues the run exactly (same hash after N more steps)", "[cpu][scenes]") {
  const SceneDef& scene = require_scene("ActiveBrownian");
  SceneOptions options;
  options.resolution = scene.min_resolution;
  const SceneFile file = scene_file_of(scene, options);
  Simulation original = make_simulation(file, Exec{Backend::Cpu});
  Profile profile;
  for (int s = 0; s < 4; ++s) original.step(profile);
  // Save mid-run, through text, and continue both.
  const SceneFile saved = parse(json::parse(scene_file_to_json(snapshot(file, original)).dump()));
  Simulation resumed = make_simulation(saved, Exec{Backend::Cpu});
  REQUIRE(resumed.step_count() == 4);
  for (int s = 0; s < 6; ++s) {
    original.step(profile);
    resumed.step(profile);
  }
  REQUIRE(hash_cells(resumed.cells()) == hash_cells(original.cells()));
  // The run's counters continue too.
  SimStats counters;
  counters.removed = 3;
  counters.divisions = 5;
  counters.burst_volume = 0.25;
  original.restore_counters(counters);
  const Simulation again = make_simulation(parse(json::parse(scene_file_to_json(snapshot(file, original)).dump())),
                                           Exec{Backend::Cpu});
  REQUIRE(again.stats().removed == 3);
  REQUIRE(again.stats().divisions == 5);
  REQUIRE(again.stats().burst_volume == 0.25);
  json negative = scene_file_to_json(snapshot(file, original));
  negative["counters"]["removed"] = -1;
  REQUIRE_THROWS_WITH(parse(negative), Catch::Contains("counters.removed"));
  // Cell arrays of the wrong length are refused.
  json broken = scene_file_to_json(snapshot(file, original));
  broken["cells"]["volume"].erase(0);
  REQUIRE_THROWS_WITH(parse(broken), Catch::Contains("cells.volume"));
}

TEST_CASE("scene file I/O: invalid JSON and missing files are errors; no silent overwrite", "[cpu][scenes]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("tessera_scene_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "bad.json") << "{ \"tessera_scene\": 1, "; }
  REQUIRE_THROWS_WITH(load_scene_file(dir / "bad.json"), Catch::Contains("not valid JSON"));
  REQUIRE_THROWS_WITH(load_scene_file(dir / "missing.json"), Catch::Contains("missing.json"));
  const SceneFile f = parse(small_scene_json());
  save_scene_file(dir / "s.json", f);
  REQUIRE(scene_file_to_json(load_scene_file(dir / "s.json")) == scene_file_to_json(f));
  REQUIRE_THROWS(save_scene_file(dir / "s.json", f));
  REQUIRE_NOTHROW(save_scene_file(dir / "s.json", f, true));
  std::filesystem::remove_all(dir);
}

// The growth block and the tension rules as files wrote them before the rules became
// optional: settings beside "enabled": false, and TissueGrowth_3D's sizes in the growth
// block while its script (not the rule) grows the cells.
TEST_CASE("scene files from before the optional rules still load", "[cpu][scenes]") {
  const json old = json::parse(R"({
    "tessera_scene": 1, "scene": "TissueGrowth_3D", "void": true, "dt": 0.002, "seed": 3,
    "correction": "force", "correction_step": "explicit", "force_sum": "cell", "barycenter": "plain",
    "correction_gain": 1.0, "center_drift": 0.0,
    "grid": {"dim": 3, "size": [64, 64, 64]},
    "growth": {"enabled": false, "speed": 0.0, "mature_volume": 0.0141, "divide_above": 0.8,
               "division_rate": 0.0, "division_offset": 0.0, "max_cells": 2000},
    "surface_tension": {"enabled": false, "tensions": [0, 1, 1, 1], "interface_gain": 0.5, "band_width": 0.0},
    "surface_tension_3d": {"enabled": false, "wall_pressure": 7.0, "mesh": {"smoothing_iterations": 3}},
    "species": [{"name": "cells"}]})");
  const SceneFile f = parse(old);
  CHECK_FALSE(f.params.growth.has_value());
  CHECK(f.params.mature_volume == 0.0141);  // the script's state survives with the rule off
  CHECK(f.params.max_cells == 2000);
  CHECK(f.params.seed == 3);
  CHECK_FALSE(f.params.surface_tension.has_value());  // settings of a rule that is off never acted
  CHECK_FALSE(f.params.surface_tension_3d.has_value());
  CHECK(f.params.mesh.smoothing_iterations == 3);  // the label mesh's settings stay (exports use them)
  // Written back with the same keys, the rules that are off at their defaults.
  const json back = scene_file_to_json(f);
  CHECK(back["growth"]["mature_volume"] == 0.0141);
  CHECK(back["growth"]["enabled"] == false);
  CHECK(back["surface_tension"]["tensions"].empty());
  for (const char* key : {"void", "dt", "correction", "correction_step", "force_sum", "barycenter", "correction_gain",
                          "center_drift", "seed"})
    CHECK(back.contains(key));

  // Growth on: the rule's fields; on without a mature volume is refused, naming the key.
  json on = old;
  on["growth"] = {{"enabled", true}, {"speed", 0.01}, {"mature_volume", 0.02}, {"division_rate", 5.0}, {"max_cells", 9}};
  const SceneFile g = parse(on);
  REQUIRE(g.params.growth.has_value());
  CHECK(g.params.growth->speed == 0.01);
  CHECK(g.params.growth->division_rate == 5.0);
  CHECK(g.params.growth->divide_above == 0.8);  // missing: the default
  CHECK(g.params.max_cells == 9);
  on["growth"].erase("mature_volume");
  REQUIRE_THROWS_WITH(parse(on), Catch::Contains("growth.mature_volume"));
  on = old;
  on["growth"]["sped"] = 1.0;
  REQUIRE_THROWS_WITH(parse(on), Catch::Contains("growth.sped") && Catch::Contains("unknown key"));
  // The 2D rule switched on keeps its table and settings.
  on = old;
  on["surface_tension"]["enabled"] = true;
  const SceneFile t = parse(on);
  REQUIRE(t.params.surface_tension.has_value());
  CHECK(t.params.surface_tension->tensions == std::vector<double>{0, 1, 1, 1});
  CHECK(t.params.surface_tension->forces.interface_gain == 0.5);
}

TEST_CASE("scene files refuse integers that a cast to int would wrap into range", "[cpu][scenes]") {
  // 2^32 + 1 used to become 1 relax pass, 2^32 cells species 0: accepted without a word.
  const std::int64_t wraps_to_one = (std::int64_t{1} << 32) + 1;
  json j = small_scene_json();
  j["relax_passes"] = wraps_to_one;
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("'relax_passes'") && Catch::Contains("[0, 1000]"));
  j = small_scene_json();
  j["growth"] = {{"max_cells", wraps_to_one}};
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("'growth.max_cells'"));
  j = small_scene_json();
  j["cells"] = {{"x", {{0.5, 0.5}}}, {"volume", {0.1}}, {"species", {std::int64_t{1} << 32}}};
  REQUIRE_THROWS_WITH(parse(j), Catch::Contains("'cells.species[0]'") && Catch::Contains("no such species"));
}
