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
