#include <catch2/catch.hpp>

#include "sim/drifting_seeds.h"
#include "ui/intents.h"
#include "ui/session_factory.h"

using namespace tessera;

namespace {
Session small_session() {
  SimOptions sim;
  sim.backend = BackendChoice::Cpu;
  sim.grid_size = 32;
  sim.n_seeds = 5;
  return make_session(sim);
}
}  // namespace

TEST_CASE("intents queue in order and are handed over once", "[cpu][intents]") {
  IntentQueue queue;
  REQUIRE(queue.empty());
  queue.set_seed_count(12);
  queue.toggle_pause();
  queue.step_once();
  queue.reset();
  REQUIRE(queue.pending().size() == 4);
  const std::vector<Intent> taken = queue.take();
  REQUIRE(queue.empty());
  REQUIRE(taken.size() == 4);
  REQUIRE(taken[0].kind == IntentKind::SetSeedCount);
  REQUIRE(taken[0].value == 12);
  REQUIRE(taken[1].kind == IntentKind::TogglePause);
  REQUIRE(taken[2].kind == IntentKind::StepOnce);
  REQUIRE(taken[3].kind == IntentKind::Reset);
  REQUIRE(kIntentKindNames[static_cast<int>(IntentKind::Reset)] == "reset");
}

TEST_CASE("seed count intents are clamped to the valid range", "[cpu][intents]") {
  IntentQueue queue;
  queue.set_seed_count(0);
  queue.set_seed_count(kMaxDriftSeeds + 100);
  REQUIRE(queue.pending()[0].value == 1);
  REQUIRE(queue.pending()[1].value == kMaxDriftSeeds);
}

TEST_CASE("the sync point applies intents and decides the frame's steps", "[cpu][intents]") {
  Session session = small_session();
  IntentQueue queue;
  PlayState play;

  SECTION("running with no intents: one step per frame") {
    REQUIRE(apply_intents(queue, session, play) == 1);
    REQUIRE(session.step_count() == 0);  // apply_intents never steps itself
  }
  SECTION("seed count changes the session, not before the sync point") {
    queue.set_seed_count(9);
    REQUIRE(session.params().n_seeds == 5);
    REQUIRE(apply_intents(queue, session, play) == 1);
    REQUIRE(queue.empty());
    REQUIRE(session.params().n_seeds == 9);
    REQUIRE(session.seeds().size() == 9);
  }
  SECTION("paused: no steps except the ones asked for") {
    queue.toggle_pause();
    REQUIRE(apply_intents(queue, session, play) == 0);
    REQUIRE(play.paused);
    REQUIRE(apply_intents(queue, session, play) == 0);
    queue.step_once();
    queue.step_once();
    REQUIRE(apply_intents(queue, session, play) == 2);
    queue.toggle_pause();
    REQUIRE(apply_intents(queue, session, play) == 1);
    REQUIRE_FALSE(play.paused);
  }
  SECTION("reset returns to the initial state with the current parameters") {
    const std::vector<std::int32_t> initial = session.labels();
    session.step(30);
    REQUIRE(session.labels() != initial);
    queue.reset();
    apply_intents(queue, session, play);
    REQUIRE(session.step_count() == 0);
    REQUIRE(session.labels() == initial);
  }
  SECTION("intents apply in order: a reset after a seed change keeps the new count") {
    queue.set_seed_count(7);
    queue.reset();
    apply_intents(queue, session, play);
    REQUIRE(session.params().n_seeds == 7);
    REQUIRE(session.seeds().size() == 7);
    REQUIRE(session.step_count() == 0);
  }
}
