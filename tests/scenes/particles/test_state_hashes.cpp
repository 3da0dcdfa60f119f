// Committed expected state hashes: every reference scene, built at its smallest grid and
// stepped a few times on the CPU with two threads, must hash to the value recorded here.
// A change of results between commits — intended or not — fails this test; when it is
// intended, update the value in the same commit and say why in its message.
//
// To print the current values: TESSERA_PRINT_STATE_HASHES=1 build/tests/tessera_tests "[hash]"
// (then copy the lines into kExpected).
#include <catch2/catch.hpp>

#include <omp.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "scenes/particles/scene.h"
#include "scenes/particles/session.h"
#include "test_support.h"

using namespace tessera;

namespace {

struct Expected {
  const char* scene;
  int steps;
  std::uint64_t hash;
};

// All 17 scenes at their smallest grid take about 3 s together on a 2-core CPU.
constexpr Expected kExpected[] = {
    {"RunTumbleDisk", 3, 0x4913ece5aa71612dull},
    {"ActiveBrownian", 3, 0xdcd971ab4c63c142ull},
    {"Evacuation", 3, 0x2116d96a2dffc54cull},
    {"RodShape", 3, 0x1514a28b59c9e951ull},
    {"Micropipette", 3, 0x524029533631b67bull},
    {"FallingSpheres", 3, 0x706e8f3d7e363b9bull},
    {"SurfaceTension", 3, 0xf16ad9ec4fa8bee4ull},
    {"Engulfment", 3, 0xc5290b36a86471f4ull},
    {"CellSorting3D", 3, 0xa3715101cada79e8ull},
    {"Bubbles", 3, 0x55ddcbb836621229ull},
    {"TissueGrowth", 3, 0x780e2426c0909158ull},
    {"ChemoDeformation", 3, 0x3b27b5ca7b479495ull},
    {"Protrusions", 3, 0x0e1f5b1e3efb1f8cull},
    {"RunTumble3D", 3, 0xad4bd3cde3f517e2ull},
    {"Benchmark_3D", 3, 0x6c1263f327cbd7b4ull},
    {"TissueGrowth_3D", 3, 0x332ac5360cdf9fbbull},
    {"FallingStuff", 3, 0xf8fe7f34d82b2571ull},
};

// Everything the next step depends on: the step, the time, every cell's numbers and the labels.
std::uint64_t state_hash(const Session& session) {
  const Simulation& sim = session.sim();
  const CellState& c = sim.cells();
  std::uint64_t h = 1469598103934665603ull;
  const std::int64_t step = sim.step_count();
  const double time = sim.time();
  h = test::fnv1a(h, &step, sizeof step);
  h = test::fnv1a(h, &time, sizeof time);
  h = test::fnv1a(h, c.id.data(), c.id.size() * sizeof(std::uint64_t));
  h = test::fnv1a(h, c.species.data(), c.species.size() * sizeof(c.species[0]));
  h = test::fnv1a(h, c.x.data(), c.x.size() * sizeof(Vec3));
  h = test::fnv1a(h, c.axis.data(), c.axis.size() * sizeof(Vec3));
  h = test::fnv1a(h, c.aspect.data(), c.aspect.size() * sizeof(double));
  h = test::fnv1a(h, c.volume.data(), c.volume.size() * sizeof(double));
  h = test::fnv1a(h, c.potential.data(), c.potential.size() * sizeof(double));
  const std::vector<std::int32_t>& labels = const_cast<Simulation&>(sim).labels();
  return test::fnv1a(h, labels.data(), labels.size() * sizeof(std::int32_t));
}

std::uint64_t run_scene(const char* name, int steps) {
  const SceneDef& scene = require_scene(name);
  SceneOptions options;
  options.resolution = scene.min_resolution;
  options.seed = 1;
  Session session = Session::of_scene(name, options, Exec{Backend::Cpu});
  session.step(steps);
  REQUIRE(session.failure().empty());
  return state_hash(session);
}

}  // namespace

TEST_CASE("every reference scene reproduces its committed state hash", "[cpu][hash]") {
  // Sums over threads are deterministic for a fixed thread count: hash with two.
  const int threads = omp_get_max_threads();
  omp_set_num_threads(2);
  const bool print = std::getenv("TESSERA_PRINT_STATE_HASHES") != nullptr;
  for (const Expected& e : kExpected) {
    const std::uint64_t h = run_scene(e.scene, e.steps);
    if (print) std::printf("    {\"%s\", %d, 0x%016llxull},\n", e.scene, e.steps, static_cast<unsigned long long>(h));
    INFO(e.scene << " after " << e.steps << " steps: hash 0x" << std::hex << h);
    if (!print) CHECK(h == e.hash);
  }
  omp_set_num_threads(threads);
}
