// Live steering of a curvatubes run: a saved steered run replays to the same field,
// the file records each change, and what steering cannot change is refused.
#include <catch2/catch.hpp>
#include <filesystem>

#include "engine/error.h"
#include "scenes/curvatubes/curvatubes_model.h"
#include "sim/curvatubes/presets.h"
#include "engine/temp_dir.h"
#include "test_support.h"

using namespace tessera;

namespace {

const Exec kCpu{Backend::Cpu};

CurvatubesFile small_file() {
  CurvatubesFile f;
  f.params = curvatubes::apply_preset(f.params, "tubes");
  f.preset = "tubes";
  f.params.nz = f.params.nx = f.params.ny = 16;
  f.params.seed = 7;
  return f;
}

}  // namespace

TEST_CASE("curvatubes steering: a saved steered run replays to the same field", "[cpu][curvatubes]") {
  CurvatubesModel model(small_file(), kCpu);
  model.step(10);
  curvatubes::CurvatubesParams p = model.params();
  p.coeffs.c = 250;
  p.m0 = -0.45;
  model.steer(p);
  p.adam.lr = 2e-3;
  model.steer(p);  // the same iteration: one event, the last change holds
  model.step(6);
  p.eps = 0.025;
  p.sigma_blur = 1.5;
  model.steer(p);
  model.step(4);
  REQUIRE(model.file().steering.size() == 2);
  CHECK(model.file().steering[0].iteration == 10);
  CHECK(model.file().steering[0].params.adam.lr == 2e-3);
  CHECK(model.file().steering[1].iteration == 16);
  CHECK(model.file().params.coeffs.c == 400);  // the start's parameters stay the file's

  const test::TempDir dir("curvatubes_steering");
  model.save(dir / "steered.json", true);
  const CurvatubesFile loaded = load_curvatubes_file(dir / "steered.json");
  REQUIRE(loaded.steering.size() == 2);
  CHECK(loaded.steering[1].params.eps == 0.025);
  CurvatubesModel replay(loaded, kCpu);
  CHECK(replay.step_count() == 20);
  CHECK(replay.params().sigma_blur == 1.5);
  CHECK(replay.field() == model.field());

  // Unsteered, the same start gives another field: the replay is not trivially equal.
  CurvatubesModel plain(small_file(), kCpu);
  plain.step(20);
  CHECK(plain.field() != model.field());

  // Reset starts over with the parameters in force and forgets the steering.
  model.reset();
  CHECK(model.step_count() == 0);
  CHECK(model.file().steering.empty());
  CHECK(model.file().params.eps == 0.025);
}

TEST_CASE("curvatubes steering: what a run fixes is refused, bad events are named", "[cpu][curvatubes]") {
  CurvatubesModel model(small_file(), kCpu);
  curvatubes::CurvatubesParams p = model.params();
  p.nz = 20;
  CHECK_THROWS_WITH(model.steer(p), Catch::Contains("the grid cannot change"));
  p = model.params();
  p.seed = 9;
  CHECK_THROWS_WITH(model.steer(p), Catch::Contains("the seed cannot change"));
  CHECK(model.file().steering.empty());

  nlohmann::json doc = curvatubes_file_to_json(small_file());
  doc["iterations"] = 5;
  doc["steering"] = {{{"iteration", 3}, {"flow", "L2"}}};
  CHECK_THROWS_WITH(curvatubes_file_from_json(doc, "f.json"), Catch::Contains("the flow cannot change"));
  doc["steering"] = {{{"iteration", 9}, {"m0", -0.5}}};
  CHECK_THROWS_WITH(curvatubes_file_from_json(doc, "f.json"), Catch::Contains("steering[0].iteration"));
  doc["steering"] = {{{"iteration", 3}, {"m0", 1.5}}};
  CHECK_THROWS_WITH(curvatubes_file_from_json(doc, "f.json"), Catch::Contains("m0"));
  doc["steering"] = {{{"iteration", 3}, {"m0", -0.5}}};
  const CurvatubesFile ok = curvatubes_file_from_json(doc, "f.json");
  REQUIRE(ok.steering.size() == 1);
  CHECK(ok.steering[0].params.m0 == -0.5);
  CHECK(ok.steering[0].params.coeffs.c == 400);  // keys left out keep their values
}
