#pragma once
// Test fields of ref. 4.7: u = tanh(1.5 z - 0.5) with z = normalised sigma=2-blurred
// Gaussian noise, and smooth directions (sigma=1-blurred noise scaled to max 1).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/backend.h"
#include "engine/rng.h"
#include "sim/curvatubes/blur.h"

namespace tessera::curvatubes::ct_test {

inline std::vector<double> normal_noise(std::int64_t n, std::uint64_t seed) {
  const CounterRng rng{seed};
  std::vector<double> out(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; i += 2) {
    double g0, g1;
    rng.normal2(7, static_cast<std::uint64_t>(i / 2), g0, g1);
    out[i] = g0;
    if (i + 1 < n) out[i + 1] = g1;
  }
  return out;
}

inline std::vector<double> uniform_noise(std::int64_t n, std::uint64_t seed, double lo, double hi) {
  const CounterRng rng{seed};
  std::vector<double> out(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) out[i] = lo + (hi - lo) * rng.uniform(11, static_cast<std::uint64_t>(i));
  return out;
}

inline std::vector<double> blurred(const Shape& s, std::vector<double> x, double sigma) {
  const Exec cpu{Backend::Cpu};
  Blur<double> blur(cpu, s, sigma, Boundary::Periodic);
  std::vector<double> out(x.size()), tmp(x.size());
  blur.apply(cpu, x.data(), out.data(), tmp.data());
  return out;
}

// u = tanh(1.5 z - 0.5), z = (sigma=2-blurred N(0,1) noise) / std.
inline std::vector<double> interface_field(const Shape& s, std::uint64_t seed) {
  std::vector<double> z = blurred(s, normal_noise(s.size(), seed), 2.0);
  double mean = 0, var = 0;
  for (double v : z) mean += v;
  mean /= static_cast<double>(z.size());
  for (double v : z) var += (v - mean) * (v - mean);
  const double sd = std::sqrt(var / static_cast<double>(z.size()));
  for (double& v : z) v = std::tanh(1.5 * (v / sd) - 0.5);
  return z;
}

// d = sigma=1-blurred noise, d /= max |d|.
inline std::vector<double> smooth_direction(const Shape& s, std::uint64_t seed, std::int64_t n_copies = 1) {
  std::vector<double> d;
  for (std::int64_t c = 0; c < n_copies; ++c) {
    std::vector<double> part = blurred(s, normal_noise(s.size(), seed + 101 * c), 1.0);
    d.insert(d.end(), part.begin(), part.end());
  }
  double m = 0;
  for (double v : d) m = std::max(m, std::fabs(v));
  for (double& v : d) v /= m;
  return d;
}

inline double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

}  // namespace tessera::curvatubes::ct_test
