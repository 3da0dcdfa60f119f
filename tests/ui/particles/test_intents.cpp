#include <catch2/catch.hpp>

#include <filesystem>

#include "scenes/particles/scene.h"
#include "ui/particles/intents.h"
#include "ui/step_pacer.h"
#include "ui/step_worker.h"

using namespace tessera;

namespace {
// RunTumbleDisk at its minimum resolution: a real scene, small enough for unit tests.
Session small_session() {
  const SceneDef& scene = require_scene("RunTumbleDisk");
  SceneOptions options;
  options.resolution = scene.min_resolution;
  return Session::of_scene("RunTumbleDisk", options, Exec{Backend::Cpu});
}

template <class T>
bool holds(const Intent& intent) {
  return std::holds_alternative<T>(intent);
}
}  // namespace

TEST_CASE("intents queue in order and are handed over once", "[cpu][intents]") {
  IntentQueue queue;
  REQUIRE(queue.empty());
  queue.push(intent::SetSubsteps{4});
  queue.push(intent::TogglePause{});
  queue.push(intent::StepOnce{});
  queue.push(intent::Reset{});
  REQUIRE(queue.pending().size() == 4);
  const std::vector<Intent> taken = queue.take();
  REQUIRE(queue.empty());
  REQUIRE(taken.size() == 4);
  REQUIRE(holds<intent::SetSubsteps>(taken[0]));
  REQUIRE(std::get<intent::SetSubsteps>(taken[0]).substeps == 4);
  REQUIRE(holds<intent::TogglePause>(taken[1]));
  REQUIRE(holds<intent::StepOnce>(taken[2]));
  REQUIRE(intent_name(taken[3]) == "reset");
  REQUIRE(intent_name(Intent{intent::ExportCellsCsv{}}) == "export-cells-csv");
}

TEST_CASE("the sync point applies intents and decides the frame's steps", "[cpu][intents]") {
  Session session = small_session();
  IntentQueue queue;
  PlayState play;

  SECTION("running with no intents: substeps per frame, and apply_intents never steps itself") {
    REQUIRE(apply_intents(queue, session, play).steps == 1);
    queue.push(intent::SetSubsteps{5});
    REQUIRE(apply_intents(queue, session, play).steps == 5);
    queue.push(intent::SetSubsteps{100000});
    apply_intents(queue, session, play);
    REQUIRE(play.substeps == kMaxSubsteps);
    REQUIRE(session.step_count() == 0);
  }
  SECTION("paused: no steps except the ones asked for") {
    queue.push(intent::TogglePause{});
    REQUIRE(apply_intents(queue, session, play).steps == 0);
    REQUIRE(play.paused);
    queue.push(intent::StepOnce{});
    queue.push(intent::StepOnce{});
    REQUIRE(apply_intents(queue, session, play).steps == 2);
    queue.push(intent::TogglePause{});
    REQUIRE(apply_intents(queue, session, play).steps == 1);
    REQUIRE_FALSE(play.paused);
  }
  SECTION("parameters change at the sync point, not before; bad ones are refused with the reason") {
    SimParams params = session.sim().params();
    params.species[0].v0 = 0.123;
    queue.push(intent::SetParams{params, std::nullopt});
    REQUIRE(session.sim().params().species[0].v0 != 0.123);
    SyncResult r = apply_intents(queue, session, play);
    REQUIRE(r.errors.empty());
    REQUIRE(r.state_changed);
    REQUIRE(session.sim().params().species[0].v0 == 0.123);

    params.dt = -1;
    queue.push(intent::SetParams{params, std::nullopt});
    queue.push(intent::StepOnce{});  // the next intent still applies
    r = apply_intents(queue, session, play);
    REQUIRE(r.errors.size() == 1);
    REQUIRE(r.errors[0].find("set-params") != std::string::npos);
    REQUIRE(r.errors[0].find("dt") != std::string::npos);
    REQUIRE(session.sim().params().dt > 0);
    REQUIRE(r.steps == 2);
  }
  SECTION("reset returns to the initial state") {
    const std::vector<std::int32_t> initial = session.sim().labels();
    session.step(5);
    REQUIRE(session.sim().labels() != initial);
    queue.push(intent::Reset{});
    apply_intents(queue, session, play);
    REQUIRE(session.step_count() == 0);
    REQUIRE(session.sim().labels() == initial);
  }
  SECTION("cells are added, moved and removed by id") {
    const int n = session.sim().cells().size();
    queue.push(intent::AddCell{Vec3{0.5, 0.5, 0}, 0});
    apply_intents(queue, session, play);
    REQUIRE(session.sim().cells().size() == n + 1);
    const std::uint64_t id = session.sim().cells().id.back();
    queue.push(intent::MoveCell{id, Vec3{0.4, 0.6, 0}});
    apply_intents(queue, session, play);
    REQUIRE(session.sim().cells().x.back().x == Approx(0.4));
    REQUIRE(session.cell_at(Vec3{0.4, 0.6, 0}) == n);
    queue.push(intent::RemoveCell{id});
    queue.push(intent::RemoveCell{id});  // already gone: refused, named
    const SyncResult r = apply_intents(queue, session, play);
    REQUIRE(session.sim().cells().size() == n);
    REQUIRE(r.errors.size() == 1);
    REQUIRE(r.errors[0].find("no longer exists") != std::string::npos);
  }
  SECTION("a scene request is handed to the caller, with bad names refused") {
    queue.push(intent::LoadScene{"ActiveBrownian", "", 0, 3});
    queue.push(intent::LoadScene{"NoSuchScene", "", 0, 1});
    const SyncResult r = apply_intents(queue, session, play);
    REQUIRE(r.load);
    REQUIRE(r.load->file->scene == "ActiveBrownian");
    REQUIRE(r.load->file->params.seed == 3);
    REQUIRE(r.errors.size() == 1);
    REQUIRE(r.errors[0].find("NoSuchScene") != std::string::npos);
  }
  SECTION("exports write files and never overwrite") {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "tessera_intent_exports";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    queue.push(intent::ExportCellsCsv{dir / "cells.csv"});
    queue.push(intent::ExportVoxels{dir / "labels.vti"});
    queue.push(intent::SaveSceneFile{dir / "state.json", false});
    SyncResult r = apply_intents(queue, session, play);
    REQUIRE(r.errors.empty());
    REQUIRE(r.messages.size() == 3);
    REQUIRE(std::filesystem::file_size(dir / "cells.csv") > 100);
    REQUIRE(std::filesystem::file_size(dir / "labels.vti") > 100);
    queue.push(intent::SaveSceneFile{dir / "state.json", false});
    r = apply_intents(queue, session, play);
    REQUIRE(r.errors.size() == 1);
    std::filesystem::remove_all(dir);
  }
}

TEST_CASE("the step worker runs jobs off the calling thread and reports their errors", "[cpu][intents]") {
  StepWorker worker;
  REQUIRE_FALSE(worker.busy());
  int value = 0;
  worker.start([&] { value = 42; });
  worker.wait();
  REQUIRE(value == 42);
  REQUIRE_FALSE(worker.take_error());
  worker.start([] { throw std::runtime_error("boom"); });
  worker.wait();
  const std::exception_ptr error = worker.take_error();
  REQUIRE(error);
  REQUIRE_THROWS_WITH(std::rethrow_exception(error), "boom");
  REQUIRE_FALSE(worker.take_error());
}

TEST_CASE("real-time pacing takes rate / dt steps per second without bursts", "[cpu][intents]") {
  StepPacer pacer;
  REQUIRE(pacer.steps(8, 0.0, 0.01, 1.0) == 8);  // unpaced
  // 0.5 time units per second at dt = 0.01: 50 steps per second, i.e. 5 per 0.1 s frame.
  int total = 0;
  for (int frame = 0; frame < 10; ++frame) total += pacer.steps(8, 0.5, 0.01, 0.1);
  REQUIRE(total == 50);
  // Slower than a step per frame: the fractions add up.
  total = 0;
  for (int frame = 0; frame < 60; ++frame) total += pacer.steps(4, 0.01, 0.01, 1.0 / 60);
  REQUIRE(total == 1);
  // A 10 s stall gives at most one frame's substeps.
  REQUIRE(pacer.steps(8, 0.5, 0.01, 10.0) == 8);
  REQUIRE(pacer.steps(8, 0.5, 0.01, 0.0) == 0);
}
