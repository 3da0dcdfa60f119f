#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "engine/parallel.h"
#include "engine/rng.h"
#include "test_support.h"
#include "tests/engine/parallel_kernels.h"

using namespace tessera;

TEST_CASE("Philox4x32-10 matches the published known-answer vectors", "[cpu][engine]") {
  const RandomBlock zero = philox4x32_10(0, 0, RandomBlock{{0, 0, 0, 0}});
  CHECK(zero.v[0] == 0x6627e8d5u);
  CHECK(zero.v[1] == 0xe169c58du);
  CHECK(zero.v[2] == 0xbc57ac4cu);
  CHECK(zero.v[3] == 0x9b00dbd8u);
  const RandomBlock ones = philox4x32_10(0xffffffffu, 0xffffffffu,
                                         RandomBlock{{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}});
  CHECK(ones.v[0] == 0x408f276du);
  CHECK(ones.v[1] == 0x41c83b0eu);
  CHECK(ones.v[2] == 0xa20bc7c6u);
  CHECK(ones.v[3] == 0x6d5451fdu);
  const RandomBlock pi = philox4x32_10(0xa4093822u, 0x299f31d0u,
                                       RandomBlock{{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}});
  CHECK(pi.v[0] == 0xd16cfe09u);
  CHECK(pi.v[1] == 0x94fdccebu);
  CHECK(pi.v[2] == 0x5001e420u);
  CHECK(pi.v[3] == 0x24126ea1u);
}

TEST_CASE("counter RNG: reproducible, stream-separated, well distributed", "[cpu][engine]") {
  const CounterRng a{42}, b{42}, c{43};
  REQUIRE(a.uniform(1, 7) == b.uniform(1, 7));
  REQUIRE(a.uniform(1, 7) != c.uniform(1, 7));
  REQUIRE(a.uniform(1, 7) != a.uniform(2, 7));
  REQUIRE(a.uniform(1, 7) != a.uniform(1, 8));

  const int n = 200000;
  double sum = 0, sum2 = 0, gsum = 0, gsum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = a.uniform(9, i);
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum2 += u * u;
    double g0, g1;
    a.normal2(10, i, g0, g1);
    gsum += g0 + g1;
    gsum2 += g0 * g0 + g1 * g1;
  }
  CHECK(std::fabs(sum / n - 0.5) < 0.005);
  CHECK(std::fabs(sum2 / n - 1.0 / 3.0) < 0.005);
  CHECK(std::fabs(gsum / (2 * n)) < 0.01);
  CHECK(std::fabs(gsum2 / (2 * n) - 1.0) < 0.01);
}

TEST_CASE("counter RNG gives the same draws on CPU and GPU", "[cuda][engine]") {
  TESSERA_REQUIRE_CUDA_OR_SKIP();
  const std::int64_t n = 4096;
  Mirrored<double> out[2] = {Mirrored<double>(4 * n), Mirrored<double>(4 * n)};
  const Exec backends[2] = {Exec{Backend::Cpu}, Exec{Backend::Cuda}};
  for (int b = 0; b < 2; ++b) {
    parallel_for(backends[b], n, test::RandomDraws{7, out[b].data(backends[b])});
    out[b].download(backends[b]);
  }
  for (std::int64_t i = 0; i < n; ++i) {
    REQUIRE(out[0].host()[4 * i] == out[1].host()[4 * i]);          // uniforms: bit-identical
    REQUIRE(out[0].host()[4 * i + 1] == out[1].host()[4 * i + 1]);
    REQUIRE(test::close(out[0].host()[4 * i + 2], out[1].host()[4 * i + 2], 1e-12, 1e-12));  // normals: libm vs CUDA
    REQUIRE(test::close(out[0].host()[4 * i + 3], out[1].host()[4 * i + 3], 1e-12, 1e-12));
  }
}
