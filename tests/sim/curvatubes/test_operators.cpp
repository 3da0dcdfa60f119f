// Adjointness of the stencils, divergence and blur; the blur against its Fourier
// definition (ref. 2.5, 4.7 item 1).
#include <catch2/catch.hpp>
#include <cmath>
#include <complex>
#include <vector>

#include "ct_test_fields.h"
#include "engine/parallel.h"
#include "sim/curvatubes/blur.h"
#include "sim/curvatubes/operators.h"

using namespace tessera;
using namespace tessera::curvatubes;
using ct_test::dot;

namespace {

const Exec kCpu{Backend::Cpu};

// Raw stencil k (0..8: Gz Gx Gy Dzz Dxx Dyy Dzx Dzy Dxy) of x at every voxel.
std::vector<double> apply_stencil(const Shape& s, const std::vector<double>& x, int k, bool periodic) {
  std::vector<double> out(x.size());
  for (std::int64_t i = 0; i < s.size(); ++i) {
    int z, xx, y;
    s.coords(i, z, xx, y);
    const Derivatives<double> d = derivatives(load_stencil(x.data(), s, z, xx, y, periodic), 0.5, 1.0);
    const double v[9] = {d.gz, d.gx, d.gy, d.hzz, d.hxx, d.hyy, d.hzx, d.hzy, d.hxy};
    out[i] = v[k];
  }
  return out;
}

// Transposed stencil k through the gather (adjoint component k = y, the others 0),
// divided by the gather's scale for that component (see operators.h).
std::vector<double> apply_transpose(const Shape& s, const std::vector<double>& y, int k, bool periodic) {
  const std::int64_t n = s.size();
  std::vector<double> adj(static_cast<std::size_t>(kNumAdjoints * n), 0.0), out(static_cast<std::size_t>(n));
  std::copy(y.begin(), y.end(), adj.begin() + k * n);
  parallel_for(kCpu, n, GatherKernel<double>{s, periodic, adj.data(), out.data()});
  const double scale = k < 3 ? 2.0 : (k < 6 ? 1.0 : 4.0);
  for (double& v : out) v /= scale;
  return out;
}

// Naive 3-D separable circular convolution with the full periodic kernel K_L.
std::vector<double> naive_periodic_blur(const Shape& s, const std::vector<double>& x, double sigma) {
  std::vector<double> cur = x;
  const int dims[3] = {s.nz, s.nx, s.ny};
  for (int axis = 0; axis < 3; ++axis) {
    const int L = dims[axis];
    const std::vector<double> k = periodic_gaussian_kernel(L, sigma);
    std::vector<double> next(cur.size(), 0.0);
    for (std::int64_t i = 0; i < s.size(); ++i) {
      int c[3];
      s.coords(i, c[0], c[1], c[2]);
      double acc = 0;
      for (int j = 0; j < L; ++j) {
        int cc[3] = {c[0], c[1], c[2]};
        cc[axis] = ((c[axis] - j) % L + L) % L;
        acc += k[j] * cur[s.index(cc[0], cc[1], cc[2])];
      }
      next[i] = acc;
    }
    cur = next;
  }
  return cur;
}

std::vector<double> run_blur(const Shape& s, const std::vector<double>& x, double sigma, Boundary b, bool transpose) {
  Blur<double> blur(kCpu, s, sigma, b);
  std::vector<double> out(x.size()), tmp(x.size());
  blur.apply(kCpu, x.data(), out.data(), tmp.data(), transpose);
  return out;
}

double max_rel_diff(const std::vector<double>& a, const std::vector<double>& b) {
  double num = 0, den = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    num = std::max(num, std::fabs(a[i] - b[i]));
    den = std::max(den, std::fabs(b[i]));
  }
  return num / den;
}

}  // namespace

TEST_CASE("curvatubes stencils: gather is the exact transpose (periodic and replicate)", "[cpu][curvatubes]") {
  const Shape s{16, 17, 18};
  const std::vector<double> x = ct_test::uniform_noise(s.size(), 1, -1, 1);
  const std::vector<double> y = ct_test::uniform_noise(s.size(), 2, -1, 1);
  for (bool periodic : {true, false})
    for (int k = 0; k < 9; ++k) {
      const double lhs = dot(apply_stencil(s, x, k, periodic), y);
      const double rhs = dot(x, apply_transpose(s, y, k, periodic));
      INFO("stencil " << k << " periodic " << periodic);
      REQUIRE(std::fabs(lhs - rhs) <= 1e-12 * (std::fabs(lhs) + 1e-3 * std::sqrt(dot(x, x) * dot(y, y))));
    }
}

TEST_CASE("curvatubes divergence: div^T = -grad (periodic)", "[cpu][curvatubes]") {
  const Shape s{16, 16, 19};
  const std::int64_t n = s.size();
  const std::vector<double> a = ct_test::uniform_noise(3 * n, 3, -1, 1);
  const std::vector<double> y = ct_test::uniform_noise(n, 4, -1, 1);
  std::vector<double> div(n);
  parallel_for(kCpu, n, DivergenceKernel<double>{s, a.data(), div.data(), 0.5, 0.0, nullptr});
  std::vector<double> at(3 * n);
  for (std::int64_t i = 0; i < n; ++i) {
    int z, x, yy;
    s.coords(i, z, x, yy);
    double g[3];
    divergence_transpose_at(s, y.data(), z, x, yy, 0.5, g);
    for (int c = 0; c < 3; ++c) at[c * n + i] = g[c];
  }
  const double lhs = dot(div, y), rhs = dot(a, at);
  REQUIRE(std::fabs(lhs - rhs) <= 1e-12 * std::sqrt(dot(a, a) * dot(y, y)));
  double sum = 0;
  for (double v : div) sum += v;
  REQUIRE(std::fabs(sum) < 1e-10);  // sum of div A = 0: the conservative flow's mass argument
}

TEST_CASE("curvatubes blur: periodic kernel equals the Fourier definition", "[cpu][curvatubes]") {
  // 1-D: circular convolution with K_L == inverse DFT of (DFT x * DFT K), L = 30.
  const int L = 30;
  const std::vector<double> k = periodic_gaussian_kernel(L, 2.0);
  const std::vector<double> x = ct_test::uniform_noise(L, 5, -1, 1);
  std::vector<std::complex<double>> xf(L), kf(L);
  const double two_pi = 6.283185307179586;
  for (int f = 0; f < L; ++f)
    for (int j = 0; j < L; ++j) {
      const std::complex<double> e = std::polar(1.0, -two_pi * f * j / L);
      xf[f] += x[j] * e;
      kf[f] += k[j] * e;
    }
  for (int i = 0; i < L; ++i) {
    std::complex<double> fourier = 0;
    for (int f = 0; f < L; ++f) fourier += xf[f] * kf[f] * std::polar(1.0, two_pi * f * i / L);
    fourier /= L;
    double conv = 0;
    for (int j = 0; j < L; ++j) conv += k[j] * x[((i - j) % L + L) % L];
    REQUIRE(std::fabs(fourier.real() - conv) < 1e-13);
    REQUIRE(kf[i].real() > 0);  // positive, real spectrum (ref. 2.5)
  }
  // 3-D with a wrapping small axis (16 < 2R+1 = 25), an odd axis and a truncated one.
  const Shape s{16, 21, 40};
  const std::vector<double> x3 = ct_test::uniform_noise(s.size(), 6, -1, 1);
  const std::vector<double> fast = run_blur(s, x3, 2.0, Boundary::Periodic, false);
  REQUIRE(max_rel_diff(fast, naive_periodic_blur(s, x3, 2.0)) < 1e-6);
  REQUIRE(max_rel_diff(run_blur(s, x3, 0.7, Boundary::Periodic, false), naive_periodic_blur(s, x3, 0.7)) < 1e-6);
}

TEST_CASE("curvatubes blur: mean preserved, constants kept, self-adjoint", "[cpu][curvatubes]") {
  const Shape s{16, 17, 30};
  const std::vector<double> x = ct_test::uniform_noise(s.size(), 7, -1, 1);
  const std::vector<double> y = ct_test::uniform_noise(s.size(), 8, -1, 1);
  const std::vector<double> bx = run_blur(s, x, 2.0, Boundary::Periodic, false);
  double mx = 0, mbx = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    mbx += bx[i];
  }
  REQUIRE(std::fabs(mx - mbx) < 1e-11 * static_cast<double>(x.size()));
  const std::vector<double> c(s.size(), -0.6);
  for (double v : run_blur(s, c, 2.0, Boundary::Periodic, false)) REQUIRE(std::fabs(v + 0.6) < 1e-14);
  const double lhs = dot(bx, y), rhs = dot(x, run_blur(s, y, 2.0, Boundary::Periodic, false));
  REQUIRE(std::fabs(lhs - rhs) < 1e-12 * std::sqrt(dot(x, x) * dot(y, y)));
  REQUIRE(run_blur(s, x, 0.0, Boundary::Periodic, false) == x);  // sigma = 0: blur off
}

TEST_CASE("curvatubes blur: replicate mode = pad, periodic blur, crop; exact transpose", "[cpu][curvatubes]") {
  const Shape s{16, 17, 20};
  const double sigma = 2.0;
  const int p = 6;  // floor(3 sigma)
  const std::vector<double> x = ct_test::uniform_noise(s.size(), 9, -1, 1);
  const Shape padded{s.nz + 2 * p, s.nx + 2 * p, s.ny + 2 * p};
  std::vector<double> xp(padded.size());
  for (std::int64_t i = 0; i < padded.size(); ++i) {
    int z, xx, y;
    padded.coords(i, z, xx, y);
    xp[i] = x[s.index(std::clamp(z - p, 0, s.nz - 1), std::clamp(xx - p, 0, s.nx - 1), std::clamp(y - p, 0, s.ny - 1))];
  }
  const std::vector<double> bp = naive_periodic_blur(padded, xp, sigma);
  std::vector<double> expect(s.size());
  for (std::int64_t i = 0; i < s.size(); ++i) {
    int z, xx, y;
    s.coords(i, z, xx, y);
    expect[i] = bp[padded.index(z + p, xx + p, y + p)];
  }
  REQUIRE(max_rel_diff(run_blur(s, x, sigma, Boundary::Replicate, false), expect) < 1e-6);
  const std::vector<double> y = ct_test::uniform_noise(s.size(), 10, -1, 1);
  const double lhs = dot(run_blur(s, x, sigma, Boundary::Replicate, false), y);
  const double rhs = dot(x, run_blur(s, y, sigma, Boundary::Replicate, true));
  REQUIRE(std::fabs(lhs - rhs) < 1e-12 * std::sqrt(dot(x, x) * dot(y, y)));
  // Replicate padding keeps constants.
  for (double v : run_blur(s, std::vector<double>(s.size(), 0.3), sigma, Boundary::Replicate, false))
    REQUIRE(std::fabs(v - 0.3) < 1e-14);
}
