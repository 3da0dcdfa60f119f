#include <catch2/catch.hpp>

#include <vector>

#include "engine/rng.h"
#include "sim/demo/drifting_seeds.h"
#include "sim/ot/nearest_seed.h"
#include "test_support.h"

using namespace tessera;

namespace {

Mirrored<Vec3> random_seeds(const Grid& grid, int n, std::uint64_t seed) {
  const CounterRng rng{seed};
  Mirrored<Vec3> seeds(static_cast<std::size_t>(n));
  for (int s = 0; s < n; ++s) {
    double u0, u1;
    rng.uniform2(0, s, u0, u1);
    seeds.host()[s] = Vec3{u0 * grid.length[0], u1 * grid.length[1], grid.dim == 3 ? rng.uniform(1, s) * grid.length[2] : 0.0};
  }
  return seeds;
}

// Straightforward host loop: the definition the kernel must reproduce.
std::vector<std::int32_t> reference_labels(const Grid& grid, const std::vector<Vec3>& seeds) {
  std::vector<std::int32_t> labels(grid.size());
  for (std::int64_t idx = 0; idx < grid.size(); ++idx) {
    double best = 1e300;
    for (std::size_t s = 0; s < seeds.size(); ++s) {
      const double d2 = norm2(grid.wrap_displacement(grid.center(idx) - seeds[s]));
      if (d2 < best) {
        best = d2;
        labels[idx] = static_cast<std::int32_t>(s);
      }
    }
  }
  return labels;
}

}  // namespace

TEST_CASE("nearest-seed labels match the definition (2D, 3D, periodic)", "[cpu][sim]") {
  const Exec cpu{Backend::Cpu};
  for (const Grid& grid : {make_grid_2d(40, 30), make_grid_2d(32, 32, 1.0, 1.0, true), make_grid_3d(12, 10, 8)}) {
    Mirrored<Vec3> seeds = random_seeds(grid, 17, 5);
    Mirrored<std::int32_t> labels;
    nearest_seed_labels(cpu, grid, seeds, labels);
    REQUIRE(labels.host() == reference_labels(grid, seeds.host()));
  }
}

TEST_CASE("drifting seeds: deterministic, inside the box, resizable", "[cpu][sim]") {
  const Exec cpu{Backend::Cpu};
  DriftParams params = default_drift_params();
  params.grid = make_grid_2d(48, 48);
  params.n_seeds = 20;
  params.speed = 2.0;  // large steps exercise the wall reflection
  DriftState a, b;
  init_drift(params, a, cpu);
  init_drift(params, b, cpu);
  Profile profile;
  for (int s = 0; s < 30; ++s) {
    step_drift(params, a, cpu, profile);
    step_drift(params, b, cpu, profile);
  }
  REQUIRE(a.labels.host() == b.labels.host());
  for (const Vec3& x : a.seeds.host()) {
    REQUIRE(x.x >= 0.0);
    REQUIRE(x.x <= 1.0);
    REQUIRE(x.y >= 0.0);
    REQUIRE(x.y <= 1.0);
  }
  params.n_seeds = 5;
  resize_drift(params, a, cpu);
  REQUIRE(a.seeds.size() == 5);
  for (std::int32_t label : a.labels.host()) REQUIRE((label >= 0 && label < 5));
  params.n_seeds = 0;
  REQUIRE_THROWS_WITH(resize_drift(params, a, cpu), Catch::Contains("seed count"));
}

TEST_CASE("nearest-seed labels: CUDA equals CPU", "[cuda][sim]") {
  TESSERA_REQUIRE_CUDA_OR_SKIP();
  for (const Grid& grid : {make_grid_2d(200, 150), make_grid_2d(64, 64, 1.0, 1.0, true), make_grid_3d(32, 24, 16)}) {
    Mirrored<Vec3> seeds = random_seeds(grid, 50, 9);
    Mirrored<std::int32_t> cpu_labels, gpu_labels;
    nearest_seed_labels(Exec{Backend::Cpu}, grid, seeds, cpu_labels);
    nearest_seed_labels(Exec{Backend::Cuda}, grid, seeds, gpu_labels);
    REQUIRE(cpu_labels.host() == gpu_labels.host());
  }
}
