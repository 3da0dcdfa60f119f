// Committed expected state hashes of the modes beside particles (the particle scenes'
// are in particles/test_state_hashes.cpp): a small curvatubes texture after a few
// iterations (its field, float bits) and a small polycrystal after its fit and one Lloyd
// round (its labels), on the CPU with two threads. A change of results fails here; when
// intended, update the value in the same commit and say why in its message.
//
// To print the current values: TESSERA_PRINT_STATE_HASHES=1 build/tests/tessera_tests "[hash]"
#include <catch2/catch.hpp>

#include <omp.h>

#include <cstdio>
#include <cstdlib>

#include "scenes/curvatubes/curvatubes_model.h"
#include "scenes/polycrystal/polycrystal_model.h"
#include "sim/curvatubes/presets.h"
#include "test_support.h"

using namespace tessera;

namespace {

constexpr std::uint64_t kCurvatubesTubes = 0x4d298c994e969dcaull;
constexpr std::uint64_t kPolycrystal3D = 0xe953f70055ba45baull;

bool printing() { return std::getenv("TESSERA_PRINT_STATE_HASHES") != nullptr; }

void check(const char* what, std::uint64_t got, std::uint64_t expected) {
  if (printing()) std::printf("%s 0x%016llxull\n", what, static_cast<unsigned long long>(got));
  INFO(what << ": 0x" << std::hex << got);
  CHECK(got == expected);
}

struct Threads {
  int old = omp_get_max_threads();
  Threads() { omp_set_num_threads(2); }
  ~Threads() { omp_set_num_threads(old); }
};

}  // namespace

TEST_CASE("state hash: curvatubes tubes 24^3 after 30 iterations", "[cpu][hash][curvatubes]") {
  const Threads threads;
  CurvatubesFile file;
  file.params = curvatubes::apply_preset(file.params, "tubes");
  file.preset = "tubes";
  file.params.nz = file.params.nx = file.params.ny = 24;
  file.params.seed = 5;
  CurvatubesModel model(file, Exec{Backend::Cpu});
  model.step(30);
  const std::vector<float> u = model.field();
  check("curvatubes tubes", test::fnv1a(1469598103934665603ull, u.data(), u.size() * sizeof(float)),
        kCurvatubesTubes);
}

TEST_CASE("state hash: polycrystal 3D, 30 grains, fit and one Lloyd round", "[cpu][hash][polycrystal]") {
  const Threads threads;
  PolycrystalFile file;
  file.params.dim = 3;
  file.params.grains = 30;
  file.params.resolution = 24;
  file.params.seed = 5;
  PolycrystalModel model(file, Exec{Backend::Cpu});
  model.step(2);
  const std::vector<std::int32_t>& labels = model.polycrystal().labels();
  check("polycrystal 3D", test::fnv1a(1469598103934665603ull, labels.data(), labels.size() * sizeof(std::int32_t)),
        kPolycrystal3D);
}
