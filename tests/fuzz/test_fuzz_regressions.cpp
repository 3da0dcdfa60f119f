// Replays every input the fuzzers found (tests/fuzz/regressions/ENTRY/*) through the same
// entry function as the fuzz target, so the normal [cpu] suite catches a regression
// without clang: each must load or be refused with tessera::Error, never crash or throw
// anything else. The entries must also accept what the project itself writes, or the
// fuzzers would only ever see refusals.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "engine/npy_io.h"
#include "engine/voxel_io.h"
#include "scenes/particles/scene_file.h"
#include "tests/engine/temp_dir.h"
#include "tests/fuzz/fuzz_entries.h"
#include "tests/test_support.h"
#include "ui/settings.h"

using namespace tessera;
namespace fs = std::filesystem;

TEST_CASE("every committed fuzz finding loads cleanly or is refused with tessera::Error", "[cpu][fuzz]") {
  test::expect_warnings();  // a bad settings file is read with warnings, by design
  const fs::path root = TESSERA_FUZZ_REGRESSIONS;
  REQUIRE(fs::is_directory(root));
  int replayed = 0;
  for (const fuzz::FuzzEntry& entry : fuzz::fuzz_entries()) {
    const fs::path dir = root / entry.name;
    if (!fs::is_directory(dir)) continue;
    std::vector<fs::path> inputs;
    for (const auto& item : fs::directory_iterator(dir))
      if (item.is_regular_file() && item.path().extension() != ".md") inputs.push_back(item.path());
    std::sort(inputs.begin(), inputs.end());
    for (const fs::path& input : inputs) {
      INFO(input.string());
      test::TempDir scratch("fuzz_" + std::string(entry.name));
      REQUIRE_NOTHROW(fuzz::run_fuzz_input(entry, test::read_bytes(input), scratch.path()));
      ++replayed;
    }
  }
  // Each folder present holds at least one input; an empty tree means they went missing.
  REQUIRE(replayed > 0);
}

TEST_CASE("the fuzz entries accept the project's own files", "[cpu][fuzz]") {
  test::TempDir dir("fuzz_entries_accept");
  const Grid g = make_grid_3d(4, 3, 2);
  std::vector<float> values(static_cast<std::size_t>(g.size()), 0.5f);
  write_nrrd(dir / "input.nrrd", g, {"u", std::span<const float>(values)});
  write_vti(dir / "input.vti", g, {{"u", std::span<const float>(values)}});
  write_npy(dir / "input.npy", {2, 3, 4}, std::span<const float>(values));
  save_settings(dir / "settings.json", default_app_settings());
  SceneOptions options;
  options.resolution = require_scene("RunTumble3D").min_resolution;
  save_scene_file(dir / "scene.json", scene_file_of(require_scene("RunTumble3D"), options));
  const std::pair<const char*, const char*> cases[] = {{"nrrd", "input.nrrd"},
                                                       {"vti", "input.vti"},
                                                       {"npy", "input.npy"},
                                                       {"settings", "settings.json"},
                                                       {"scene_file", "scene.json"}};
  for (const auto& [name, file] : cases) {
    INFO(name);
    REQUIRE_NOTHROW(fuzz::fuzz_entry(name).run(dir / file));
  }
  REQUIRE_THROWS_AS(fuzz::fuzz_entry("nope"), std::invalid_argument);
}
