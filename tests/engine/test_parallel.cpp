#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <vector>

#include "engine/parallel.h"
#include "test_support.h"
#include "tests/engine/parallel_kernels.h"

using namespace tessera;

namespace {

std::vector<Exec> cpu_only() { return {Exec{Backend::Cpu}}; }

void check_coverage(const Exec& exec, std::int64_t n) {
  Mirrored<std::int32_t> hits(static_cast<std::size_t>(n), 0);
  hits.upload(exec);
  parallel_for(exec, n, test::CountHits{hits.data(exec)});
  hits.download(exec);
  for (std::int64_t i = 0; i < n; ++i) REQUIRE(hits.host()[i] == 1);
}

void check_reduce_by_key(const Exec& exec, std::int64_t n, int n_keys) {
  Mirrored<double> sums;
  reduce_by_key(exec, n, n_keys, 2, test::KeyedSum{n_keys}, sums);
  std::vector<double> expected(static_cast<std::size_t>(n_keys) * 2, 0.0);
  for (std::int64_t i = 0; i < n; ++i) {
    expected[(i % n_keys) * 2 + 0] += 1.0;
    expected[(i % n_keys) * 2 + 1] += static_cast<double>(i);
  }
  for (std::size_t k = 0; k < expected.size(); ++k) REQUIRE(sums.host()[k] == expected[k]);
}

}  // namespace

TEST_CASE("parallel_for visits every index exactly once", "[cpu][engine]") {
  for (const Exec& exec : cpu_only())
    for (std::int64_t n : {0, 1, 7, 1000, 100003}) check_coverage(exec, n);
}

TEST_CASE("reduce_by_key sums per key (exact integer sums)", "[cpu][engine]") {
  for (const Exec& exec : cpu_only()) {
    check_reduce_by_key(exec, 10000, 1);
    check_reduce_by_key(exec, 10000, 37);
    check_reduce_by_key(exec, 5000, 3000);  // wider than the GPU's shared-memory path
  }
}

TEST_CASE("transform_reduce folds sum, max and min", "[cpu][engine]") {
  const Exec exec{Backend::Cpu};
  const std::int64_t n = 12345;
  REQUIRE(transform_reduce(exec, n, 0.0, SumOp{}, test::Square{}) == Approx(static_cast<double>(n - 1) * n * (2 * n - 1) / 6));
  REQUIRE(transform_reduce(exec, n, -1.0, MaxOp{}, test::Square{}) == static_cast<double>(n - 1) * (n - 1));
  REQUIRE(transform_reduce(exec, n, 1e300, MinOp{}, test::Square{}) == 0.0);
  REQUIRE(transform_reduce(exec, 0, 5.0, SumOp{}, test::Square{}) == 5.0);
}

TEST_CASE("CUDA kernels match the CPU: coverage and reductions", "[cuda][engine]") {
  TESSERA_REQUIRE_CUDA_OR_SKIP();
  const Exec gpu{Backend::Cuda};
  for (std::int64_t n : {1, 1000, 1 << 20}) check_coverage(gpu, n);
  check_reduce_by_key(gpu, 100000, 1);
  check_reduce_by_key(gpu, 100000, 37);
  check_reduce_by_key(gpu, 20000, 3000);
  const std::int64_t n = 12345;
  REQUIRE(transform_reduce(gpu, n, 0.0, SumOp{}, test::Square{}) ==
          transform_reduce(Exec{Backend::Cpu}, n, 0.0, SumOp{}, test::Square{}));
  REQUIRE(transform_reduce(gpu, n, -1.0, MaxOp{}, test::Square{}) == static_cast<double>(n - 1) * (n - 1));
}

TEST_CASE("a CUDA request without a device is a clear error", "[cpu][engine]") {
  if (cuda_device_info().available) return;  // only meaningful without a device
  REQUIRE_THROWS_WITH(resolve_backend(BackendChoice::Cuda), Catch::Contains("no usable CUDA device"));
  REQUIRE(resolve_backend(BackendChoice::Auto) == Backend::Cpu);
}
