#pragma once
// Kernels used by the engine tests (shared by the .cpp test and its .cu launches).
#include <cstdint>

#include "engine/host_device.h"
#include "engine/rng.h"

namespace tessera::test {

struct CountHits {
  std::int32_t* hits;
  TESSERA_HD void operator()(std::int64_t i) const { hits[i] += 1; }
};

struct KeyedSum {
  int n_keys;
  template <class Emit>
  TESSERA_HD void operator()(std::int64_t i, const Emit& emit) const {
    const int key = static_cast<int>(i % n_keys);
    emit.add(key, 0, 1.0);
    emit.add(key, 1, static_cast<double>(i));
  }
};

struct Square {
  TESSERA_HD double operator()(std::int64_t i) const { return static_cast<double>(i) * static_cast<double>(i); }
};

struct RandomDraws {
  std::uint64_t seed;
  double* out;  // 4 values per index: two uniforms, two normals
  TESSERA_HD void operator()(std::int64_t i) const {
    const CounterRng rng{seed};
    rng.uniform2(3, static_cast<std::uint64_t>(i), out[4 * i], out[4 * i + 1]);
    rng.normal2(4, static_cast<std::uint64_t>(i), out[4 * i + 2], out[4 * i + 3]);
  }
};

}  // namespace tessera::test
