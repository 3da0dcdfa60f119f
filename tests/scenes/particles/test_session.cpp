#include <catch2/catch.hpp>

#include "scenes/particles/session.h"

using namespace tessera;

namespace {
Session small_session() {
  SceneOptions options;
  options.resolution = require_scene("RunTumbleDisk").min_resolution;
  return Session::of_scene("RunTumbleDisk", options, Exec{Backend::Cpu});
}
bool same_positions(const std::vector<Vec3>& a, const std::vector<Vec3>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].x != b[i].x || a[i].y != b[i].y || a[i].z != b[i].z) return false;
  return true;
}
}  // namespace

TEST_CASE("a session steps its scene and keeps a bounded history", "[cpu][session]") {
  Session session = small_session();
  REQUIRE(session.step(3) == 3);
  REQUIRE(session.step_count() == 3);
  REQUIRE(session.history().records().size() == 3);
  REQUIRE(session.history().records().back().step == 3);
  REQUIRE(session.profile()[Stage::Fit] > 0);
  REQUIRE(session.failure().empty());
  StepHistory history(2);
  for (int k = 0; k < 5; ++k) {
    StepRecord record;
    record.step = k;
    history.push(record);
  }
  REQUIRE(history.records().size() == 2);
  REQUIRE(history.records().front().step == 3);
}

TEST_CASE("a failing step stops the batch, names the reason and leaves the state usable", "[cpu][session]") {
  Session session = small_session();
  session.step(1);
  const std::vector<Vec3> before = session.sim().cells().x;
  SimParams params = session.sim().params();
  params.dt = 50.0;  // every self-propelled cell would cross more than a quarter of the box
  session.set_params(params);
  REQUIRE(session.step(4) == 0);
  REQUIRE_FALSE(session.failure().empty());
  REQUIRE(session.failure().step == 1);
  INFO(session.failure().message);
  REQUIRE(session.failure().message.find("lower dt") != std::string::npos);
  REQUIRE(same_positions(session.sim().cells().x, before));
  params.dt = 0.002;
  session.set_params(params);
  session.clear_failure();
  REQUIRE(session.step(1) == 1);
  REQUIRE(session.failure().empty());
}

TEST_CASE("a snapshot continues the run exactly", "[cpu][session]") {
  Session a = small_session();
  a.step(2);
  Session b(a.snapshot(), Exec{Backend::Cpu});
  a.step(3);
  b.step(3);
  REQUIRE(same_positions(a.sim().cells().x, b.sim().cells().x));
  REQUIRE(a.step_count() == b.step_count());
}

TEST_CASE("species edits change the cells' targets and refuse impossible volumes", "[cpu][session]") {
  Session session = small_session();
  const double before = session.sim().cells().volume[0];
  session.scale_species_volume(0, 0.9);
  REQUIRE(session.sim().cells().volume[0] == Approx(0.9 * before));
  REQUIRE_THROWS_WITH(session.scale_species_volume(0, 100.0), Catch::Contains("at most 1"));
  REQUIRE(session.sim().cells().volume[0] == Approx(0.9 * before));
  session.set_species_aspect(0, 2.0);
  REQUIRE(session.sim().cells().aspect[0] == 2.0);
  REQUIRE_THROWS(session.set_species_aspect(0, 0.5));
  SimParams bad = session.sim().params();
  bad.species.clear();
  REQUIRE_THROWS(session.set_params(bad));
  REQUIRE_FALSE(session.sim().params().species.empty());
}

TEST_CASE("painted walls leave the domain, remove covered seeds and survive a snapshot", "[cpu][session]") {
  Session session = small_session();
  const std::int64_t kept = session.sim().domain().n_kept;
  const int n = session.sim().cells().size();
  const Vec3 seed = session.sim().cells().x[0];
  const double volume1 = session.sim().cells().volume[1] * static_cast<double>(kept);  // in pixels
  session.paint_wall(WallStroke{seed, 0.02, true});
  REQUIRE(session.sim().domain().n_kept < kept);
  REQUIRE(session.sim().cells().size() == n - 1);  // the cell whose seed was painted over
  REQUIRE(session.cell_at(seed) == -1);
  // The others keep their size in pixels.
  REQUIRE(session.sim().cells().volume[0] * static_cast<double>(session.sim().domain().n_kept) == Approx(volume1));
  const SceneFile file = session.snapshot();
  REQUIRE(file.domain.walls.size() == 1);
  const SceneFile back = scene_file_from_json(scene_file_to_json(file), "snapshot");
  REQUIRE(back.domain.walls.size() == 1);
  REQUIRE(back.domain.walls[0].radius == 0.02);
  Session again(back, Exec{Backend::Cpu});
  REQUIRE(again.sim().domain().n_kept == session.sim().domain().n_kept);
  // Erasing gives the pixels back; painting everything is refused.
  session.paint_wall(WallStroke{seed, 0.02, false});
  REQUIRE(session.sim().domain().n_kept == kept);
  REQUIRE_THROWS(session.paint_wall(WallStroke{Vec3{0.5, 0.5, 0}, 2.0, true}));
  REQUIRE(session.sim().domain().n_kept == kept);
}

TEST_CASE("a cell edit the fit refuses is rolled back", "[cpu][session]") {
  Session session = small_session();
  const std::vector<double> volumes = session.sim().cells().volume;
  // Shrinking the cells far below the pixels a cell needs makes the fit refuse the targets.
  REQUIRE_THROWS(session.scale_species_volume(0, 1e-4));
  REQUIRE(session.sim().cells().volume == volumes);
  REQUIRE(session.step(1) == 1);
  REQUIRE(session.failure().empty());
}
