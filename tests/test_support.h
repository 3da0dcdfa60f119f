#pragma once
// Helpers shared by tests: tolerance checks and the CUDA availability guard.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>

#include "engine/backend.h"

namespace tessera::test {

// |a - b| <= rel * max(|a|, |b|) + abs
inline bool close(double a, double b, double rel, double abs = 0.0) {
  return std::fabs(a - b) <= rel * std::fmax(std::fabs(a), std::fabs(b)) + abs;
}

inline bool cuda_available() { return cuda_device_info().available; }

// Every test case fails (the run exits non-zero, naming it) when it logs a warning or an
// error it did not announce: a test that provokes one on purpose calls this first.
void expect_warnings();

// FNV-1a over raw bytes: equal hashes of two states mean bit-identical data.
inline std::uint64_t fnv1a(std::uint64_t h, const void* data, std::size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t k = 0; k < bytes; ++k) h = (h ^ p[k]) * 1099511628211ull;
  return h;
}

}  // namespace tessera::test

// Inside a [cuda] test: without a device, say why and stop the test case.
#define TESSERA_REQUIRE_CUDA_OR_SKIP()                                                      \
  do {                                                                                      \
    if (!::tessera::test::cuda_available()) {                                               \
      WARN("skipped: no CUDA device (" << ::tessera::cuda_device_info().reason << ")");     \
      return;                                                                               \
    }                                                                                       \
  } while (0)
