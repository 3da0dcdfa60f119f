// The random ingredients and the grid rule (apd-model.md 1.2, 1.5, 1.6, 1.8; section 5
// checks 1, 3 and 10).
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "sim/polycrystal/sampling.h"
#include "test_support.h"

using namespace tessera;
using namespace tessera::polycrystal;

namespace {

PolycrystalParams params(int dim, int grains, double alpha) {
  PolycrystalParams p = default_polycrystal_params();
  p.dim = dim;
  p.grains = grains;
  p.anisotropy = alpha;
  return p;
}

// Eigenvalues of the xy block of a symmetric matrix.
std::array<double, 2> eig2(const Sym3& A) {
  const double m = 0.5 * (A[0] + A[1]), d = std::sqrt(0.25 * (A[0] - A[1]) * (A[0] - A[1]) + A[3] * A[3]);
  return {m - d, m + d};
}

}  // namespace

TEST_CASE("sampled shape matrices are SPD with det 1 and PyAPD's ranges", "[cpu][polycrystal]") {
  for (double alpha : {0.0, 0.3, 0.7}) {
    const auto shapes2 = sample_shapes(params(2, 500, alpha));
    const double max_ratio = 1.0 / ((1.0 - alpha) * (1.0 - alpha));
    double widest = 1;
    for (const GrainShape& s : shapes2) {
      REQUIRE(std::fabs(sym_det(s.A, 2) - 1.0) < 1e-10);
      const auto ev = eig2(s.A);
      REQUIRE(ev[0] > 0);
      const double ratio = std::sqrt(ev[1] / ev[0]);  // aspect ratio = sqrt(lambda_max / lambda_min)
      REQUIRE(ratio >= 1.0 - 1e-12);
      REQUIRE(ratio <= max_ratio * (1 + 1e-9));
      widest = std::max(widest, ratio);
    }
    // The range is used, not just respected (a constant A = I would also pass above).
    if (alpha > 0) CHECK(widest > 1.0 + 0.5 * (max_ratio - 1.0));
    for (const GrainShape& s : sample_shapes(params(3, 500, alpha))) {
      REQUIRE(std::fabs(sym_det(s.A, 3) - 1.0) < 1e-10);
      REQUIRE(s.lengths[0] >= 1.0 - alpha - 1e-12);
      REQUIRE(s.lengths[0] <= 1.0);
      REQUIRE(s.lengths[1] >= 1.0 - alpha - 1e-12);
      REQUIRE(s.lengths[1] <= 1.0 / (1.0 - alpha) + 1e-12);
      // A maps each principal direction to l^-2 times itself: the long axis has the smallest eigenvalue.
      for (int k = 0; k < 3; ++k) {
        const Vec3& n = s.axes[k];
        const Vec3 An{s.A[0] * n.x + s.A[3] * n.y + s.A[4] * n.z, s.A[3] * n.x + s.A[1] * n.y + s.A[5] * n.z,
                      s.A[4] * n.x + s.A[5] * n.y + s.A[2] * n.z};
        const double e = 1.0 / (s.lengths[k] * s.lengths[k]);
        REQUIRE(norm2(An - e * n) < 1e-20 + 1e-18 * e * e);
      }
    }
  }
}

TEST_CASE("alpha = 0 gives A = I", "[cpu][polycrystal]") {
  for (int dim : {2, 3})
    for (const GrainShape& s : sample_shapes(params(dim, 50, 0.0))) {
      REQUIRE(s.A[0] == Approx(1.0).margin(1e-12));
      REQUIRE(s.A[1] == Approx(1.0).margin(1e-12));
      REQUIRE(s.A[2] == Approx(1.0).margin(1e-12));
      for (int k = 3; k < 6; ++k) REQUIRE(std::fabs(s.A[k]) < 1e-12);
    }
}

TEST_CASE("orientations are uniform unit quaternions with w >= 0", "[cpu][polycrystal]") {
  const auto q = sample_orientations(params(3, 40000, 0.25));
  double m2[4] = {0, 0, 0, 0};
  for (const Quaternion& o : q) {
    REQUIRE(std::fabs(o[0] * o[0] + o[1] * o[1] + o[2] * o[2] + o[3] * o[3] - 1.0) < 1e-12);
    REQUIRE(o[0] >= 0);
    for (int k = 0; k < 4; ++k) m2[k] += o[k] * o[k] / q.size();
  }
  // Uniform on S^3: E[q_k^2] = 1/4 for every component (standard error ~0.0011 here).
  for (int k = 0; k < 4; ++k) CHECK(m2[k] == Approx(0.25).margin(0.006));
  // The rotation of a unit quaternion is orthonormal with determinant +1.
  const auto R = rotation_columns(q[7]);
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) REQUIRE(dot(R[a], R[b]) == Approx(a == b ? 1.0 : 0.0).margin(1e-12));
  REQUIRE(dot(cross(R[0], R[1]), R[2]) == Approx(1.0).margin(1e-12));
}

TEST_CASE("draws are a pure function of the seed", "[cpu][polycrystal]") {
  PolycrystalParams a = params(3, 64, 0.3), b = a;
  REQUIRE(sample_seeds(a)[17].x == sample_seeds(b)[17].x);
  REQUIRE(sample_orientations(a)[5] == sample_orientations(b)[5]);
  b.seed = 2;
  REQUIRE(sample_seeds(a)[17].x != sample_seeds(b)[17].x);
  REQUIRE(sample_shapes(a)[3].A != sample_shapes(b)[3].A);
}

TEST_CASE("exclusion radius keeps seeds apart, nearest image when periodic", "[cpu][polycrystal]") {
  for (bool periodic : {false, true}) {
    PolycrystalParams p = params(2, 300, 0.0);
    p.exclusion = 0.5;
    p.periodic = periodic;
    const auto seeds = sample_seeds(p);
    const double r = 0.5 / std::sqrt(300.0);
    double closest = 1;
    for (std::size_t i = 0; i < seeds.size(); ++i)
      for (std::size_t j = 0; j < i; ++j) {
        double dx = std::fabs(seeds[i].x - seeds[j].x), dy = std::fabs(seeds[i].y - seeds[j].y);
        if (periodic) dx = std::min(dx, 1 - dx), dy = std::min(dy, 1 - dy);
        closest = std::min(closest, std::sqrt(dx * dx + dy * dy));
      }
    REQUIRE(closest >= r);
  }
  PolycrystalParams crowded = params(2, 300, 0.0);
  crowded.exclusion = 1.0;  // discs of radius 1/(2 sqrt N) cannot hold 300 points at density ~0.8
  REQUIRE_THROWS_WITH(sample_seeds(crowded), Catch::Contains("exclusion radius"));
}

TEST_CASE("lognormal targets have the asked diameter spread and tile the box", "[cpu][polycrystal]") {
  PolycrystalParams p = params(3, 20000, 0.0);
  p.sizes = SizeLaw::Lognormal;
  p.size_sigma = 0.35;
  const auto v = sample_targets(p);
  double sum = 0, m = 0, m2 = 0;
  for (double x : v) {
    sum += x;
    const double d = std::cbrt(x);
    m += d / v.size();
    m2 += d * d / v.size();
  }
  REQUIRE(sum == Approx(1.0).epsilon(1e-12));
  // Normalisation rescales every d alike: the coefficient of variation is sigma / mean = 0.35.
  CHECK(std::sqrt(m2 - m * m) / m == Approx(0.35).epsilon(0.03));
  for (double x : sample_targets(params(2, 10, 0.0))) REQUIRE(x == Approx(0.1).epsilon(1e-12));
}

TEST_CASE("grid rule reproduces PyAPD's resolutions", "[cpu][polycrystal]") {
  REQUIRE(rule_resolution(0.01, 2, 1.0 / 10, 2) == 62);
  REQUIRE(rule_resolution(0.01, 2, 1.0 / 5000, 2) == 1414);
  REQUIRE(rule_resolution(0.01, 2, 1.0 / 5000, 3) == 158);
  REQUIRE(rule_resolution(0.01, 2, 1.0 / 1000, 3) == 92);
  REQUIRE(rule_resolution(0.01, 2, 1.0 / 10000, 3) == 198);  // float64 cube root of 10^6 rounds down
}

TEST_CASE("heuristic weight gives the isolated ellipse its volume", "[cpu][polycrystal]") {
  // A with det != 1 exercises the sqrt(det A) factor: A = 4 diag(l^-2) has det 16 (2D).
  const std::array<Vec3, 3> axes = rotation_columns(uniform_quaternion(0.3, 0.6, 0.2));
  const std::array<Vec3, 3> axes2 = {Vec3{std::cos(0.7), std::sin(0.7), 0}, Vec3{-std::sin(0.7), std::cos(0.7), 0},
                                     Vec3{0, 0, 1}};
  for (int dim : {2, 3}) {
    Sym3 A = shape_matrix(Vec3{1.6, 0.8, 1.0 / 1.28}, dim == 2 ? axes2 : axes, dim);
    for (double& a : A) a *= 4.0;
    if (dim == 2) A[2] = 1;
    const double v = 0.02;
    const double w = heuristic_weight(v, sym_det(A, dim), dim);
    // Analytic: |{d^T A d <= w}| = pi w / sqrt(det A) (2D), 4/3 pi w^(3/2) / sqrt(det A) (3D).
    const double analytic = dim == 2 ? std::numbers::pi * w / std::sqrt(sym_det(A, 2))
                                     : 4.0 / 3.0 * std::numbers::pi * std::pow(w, 1.5) / std::sqrt(sym_det(A, 3));
    REQUIRE(analytic == Approx(v).epsilon(1e-12));
    // Rasterised on a grid around the origin.
    const int m = dim == 2 ? 800 : 160;
    const double half = 0.4, h = 2 * half / m;  // the ellipsoid's longest semi-axis is 0.27
    std::int64_t inside = 0;
    for (int k = 0; k < (dim == 3 ? m : 1); ++k)
      for (int j = 0; j < m; ++j)
        for (int i = 0; i < m; ++i) {
          const Vec3 d{(i + 0.5) * h - half, (j + 0.5) * h - half, dim == 3 ? (k + 0.5) * h - half : 0.0};
          const double q = A[0] * d.x * d.x + A[1] * d.y * d.y + 2 * A[3] * d.x * d.y +
                           (dim == 3 ? A[2] * d.z * d.z + 2 * A[4] * d.x * d.z + 2 * A[5] * d.y * d.z : 0.0);
          inside += q <= w ? 1 : 0;
        }
    CHECK(static_cast<double>(inside) * std::pow(h, dim) == Approx(v).epsilon(0.01));
  }
}
