#pragma once
// Counter-based random numbers (Philox4x32-10; Salmon et al., "Parallel random
// numbers: as easy as 1, 2, 3", SC'11). A draw is a pure function of
// (seed, stream, counter), so CPU and GPU kernels produce the same integers and
// the same uniforms bit for bit, in any thread order. Gaussians use Box-Muller;
// they agree to the last few ulps between backends (libm vs CUDA math).
#include <cstdint>

#include "engine/host_device.h"
#include "engine/vec.h"

namespace tessera {

struct RandomBlock {
  std::uint32_t v[4];
};

TESSERA_HD inline void philox_mulhilo(std::uint32_t a, std::uint32_t b, std::uint32_t& hi, std::uint32_t& lo) {
  const std::uint64_t product = static_cast<std::uint64_t>(a) * b;
  hi = static_cast<std::uint32_t>(product >> 32);
  lo = static_cast<std::uint32_t>(product);
}

TESSERA_HD inline RandomBlock philox4x32_10(std::uint32_t key0, std::uint32_t key1, RandomBlock ctr) {
  constexpr std::uint32_t kMul0 = 0xD2511F53u, kMul1 = 0xCD9E8D57u;
  constexpr std::uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    std::uint32_t hi0, lo0, hi1, lo1;
    philox_mulhilo(kMul0, ctr.v[0], hi0, lo0);
    philox_mulhilo(kMul1, ctr.v[2], hi1, lo1);
    ctr = RandomBlock{{hi1 ^ ctr.v[1] ^ key0, lo1, hi0 ^ ctr.v[3] ^ key1, lo0}};
    key0 += kWeyl0;
    key1 += kWeyl1;
  }
  return ctr;
}

// Uniform double in [0, 1) from 53 random bits.
TESSERA_HD inline double bits_to_unit(std::uint32_t hi, std::uint32_t lo) {
  const std::uint64_t bits = ((static_cast<std::uint64_t>(hi) << 32) | lo) >> 11;
  return static_cast<double>(bits) * (1.0 / 9007199254740992.0);
}

// A seeded generator. `stream` separates independent uses (e.g. the time step or a
// purpose tag), `counter` the items within one use (e.g. the cell index).
struct CounterRng {
  std::uint64_t seed = 0;

  TESSERA_HD RandomBlock block(std::uint64_t stream, std::uint64_t counter) const {
    const RandomBlock ctr{{static_cast<std::uint32_t>(counter), static_cast<std::uint32_t>(counter >> 32),
                           static_cast<std::uint32_t>(stream), static_cast<std::uint32_t>(stream >> 32)}};
    return philox4x32_10(static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32), ctr);
  }
  // Two independent uniforms in [0, 1).
  TESSERA_HD void uniform2(std::uint64_t stream, std::uint64_t counter, double& u0, double& u1) const {
    const RandomBlock b = block(stream, counter);
    u0 = bits_to_unit(b.v[0], b.v[1]);
    u1 = bits_to_unit(b.v[2], b.v[3]);
  }
  TESSERA_HD double uniform(std::uint64_t stream, std::uint64_t counter) const {
    const RandomBlock b = block(stream, counter);
    return bits_to_unit(b.v[0], b.v[1]);
  }
  // Two independent standard normals (Box-Muller).
  TESSERA_HD void normal2(std::uint64_t stream, std::uint64_t counter, double& g0, double& g1) const {
    double u0, u1;
    uniform2(stream, counter, u0, u1);
    const double radius = ::sqrt(-2.0 * ::log(1.0 - u0));  // 1 - u0 in (0, 1]: log is finite
    const double angle = 6.283185307179586 * u1;
    g0 = radius * ::cos(angle);
    g1 = radius * ::sin(angle);
  }
  // A standard normal vector in `dim` dimensions (z = 0 in 2D).
  TESSERA_HD Vec3 normal_vec(std::uint64_t stream, std::uint64_t counter, int dim) const {
    Vec3 g;
    normal2(stream, 2 * counter, g.x, g.y);
    if (dim == 3) {
      double unused;
      normal2(stream, 2 * counter + 1, g.z, unused);
    }
    return g;
  }
};

}  // namespace tessera
