// The mode registry and the Model seam: every mode opens, steps, names its stages, saves
// a file that load_model_file reopens in the same mode, and continues exactly from it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "scenes/demo/drift_model.h"
#include "scenes/modes.h"
#include "scenes/particles/session.h"

using namespace tessera;

namespace {
std::filesystem::path temp_file(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / "tessera_test_modes";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::filesystem::remove(path);
  return path;
}

ModelRequest small_request(const ModeDef& mode) {
  ModelRequest r;
  r.entry = mode.entries().front().name;
  r.seed = 3;
  if (mode.name == "seed-drift") {
    r.resolution = 32;
    r.count = 6;
  }
  if (mode.name == "curvatubes") r.resolution = 20;  // a small texture: milliseconds per iteration
  if (mode.name == "polycrystal") r.count = 20;       // 20 grains on the rule's 24^3 voxels
  return r;
}
}  // namespace

TEST_CASE("every mode opens an entry, steps, names its stages and reopens from its own file", "[cpu][modes]") {
  const Exec cpu{Backend::Cpu};
  for (const ModeDef& mode : mode_registry()) {
    INFO(mode.name);
    REQUIRE_FALSE(mode.entries().empty());
    std::unique_ptr<Model> model = mode.open(small_request(mode), cpu);
    REQUIRE(model->mode() == mode.name);
    REQUIRE(model->step(2) == 2);
    REQUIRE(model->failure().empty());
    REQUIRE(model->step_count() == 2);
    const std::vector<StageTime> stages = model->stage_times();
    REQUIRE_FALSE(stages.empty());
    for (const StageTime& st : stages) CHECK(st.ms >= 0);
    const auto path = temp_file(std::string(mode.name) + ".json");
    model->save(path, false);
    CHECK_THROWS_WITH(model->save(path, false), Catch::Contains("exists"));
    REQUIRE(&mode_of_file(path) == &mode);
    std::unique_ptr<Model> reopened = load_model_file(path, cpu);
    REQUIRE(reopened->mode() == mode.name);
    REQUIRE(reopened->step_count() == 2);
    // The saved state continues exactly: both take the same next steps.
    model->step(3);
    reopened->step(3);
    const auto again_a = temp_file(std::string(mode.name) + "_a.json");
    const auto again_b = temp_file(std::string(mode.name) + "_b.json");
    model->save(again_a, false);
    reopened->save(again_b, false);
    std::ifstream a(again_a), b(again_b);
    const std::string text_a((std::istreambuf_iterator<char>(a)), {}), text_b((std::istreambuf_iterator<char>(b)), {});
    CHECK(text_a == text_b);
  }
}

TEST_CASE("the mode registry refuses unknown modes and files that are not Tessera's", "[cpu][modes]") {
  CHECK_THROWS_WITH(require_mode("crystals"), Catch::Contains("particles") && Catch::Contains("seed-drift"));
  const auto bad = temp_file("not_ours.json");
  std::ofstream(bad) << "{\"hello\": 1}\n";
  CHECK_THROWS_WITH(mode_of_file(bad), Catch::Contains("not a Tessera file"));
  const auto wrong_mode = temp_file("wrong_mode.json");
  std::ofstream(wrong_mode) << "{\"mode\": \"crystals\"}\n";
  CHECK_THROWS_WITH(mode_of_file(wrong_mode), Catch::Contains("unknown mode 'crystals'"));
  const auto broken = temp_file("broken.json");
  std::ofstream(broken) << "{\"mode\": ";
  CHECK_THROWS_WITH(mode_of_file(broken), Catch::Contains("not valid JSON"));
  CHECK_THROWS_WITH(mode_of_file(temp_file("missing.json")), Catch::Contains("cannot read"));
}

TEST_CASE("a SeedDrift file with the wrong number of positions is refused naming the key", "[cpu][modes]") {
  const auto path = temp_file("drift_bad.json");
  std::ofstream(path) << R"({"mode": "seed-drift", "grid": 32, "seeds": 3, "seed": 1, "positions": [[0.5, 0.5]]})";
  CHECK_THROWS_WITH(load_model_file(path, Exec{Backend::Cpu}), Catch::Contains("positions"));
}
