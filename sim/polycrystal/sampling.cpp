#include "sim/polycrystal/sampling.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "engine/error.h"
#include "engine/rng.h"

namespace tessera::polycrystal {

namespace {

// One RNG stream per ingredient, so that changing one (e.g. the exclusion radius)
// leaves the others' draws as they were.
enum Stream : std::uint64_t { kSeedStream = 101, kShapeStream = 102, kOrientationStream = 103, kSizeStream = 104 };

constexpr double kTwoPi = 2.0 * std::numbers::pi;

double distance2(const Vec3& a, const Vec3& b, int dim, bool periodic) {
  double d2 = 0;
  for (int k = 0; k < dim; ++k) {
    double d = std::fabs(a[k] - b[k]);
    if (periodic) d = std::min(d, 1.0 - d);  // unit box: the nearest image
    d2 += d * d;
  }
  return d2;
}

}  // namespace

std::vector<Vec3> sample_seeds(const PolycrystalParams& p) {
  const CounterRng rng{p.seed};
  const double r = p.exclusion * std::pow(static_cast<double>(p.grains), -1.0 / p.dim);
  const double r2 = r * r;
  std::vector<Vec3> seeds;
  seeds.reserve(static_cast<std::size_t>(p.grains));
  const std::uint64_t max_rejections = 100 * static_cast<std::uint64_t>(p.grains);
  std::uint64_t rejections = 0;
  for (std::uint64_t draw = 0; static_cast<int>(seeds.size()) < p.grains; ++draw) {
    Vec3 x{0, 0, 0};
    rng.uniform2(kSeedStream, 2 * draw, x.x, x.y);
    if (p.dim == 3) x.z = rng.uniform(kSeedStream, 2 * draw + 1);
    // Brute-force rejection: O(N^2) distance checks, a fraction of a second at N = 10^4.
    bool free = true;
    for (std::size_t k = 0; r2 > 0 && free && k < seeds.size(); ++k)
      free = distance2(x, seeds[k], p.dim, p.periodic) >= r2;
    if (free) {
      seeds.push_back(x);
    } else if (++rejections > max_rejections) {
      throw_error("exclusion radius " + std::to_string(p.exclusion) + " is too large for " + std::to_string(p.grains) +
                  " seeds: " + std::to_string(max_rejections) + " candidates were rejected (try a smaller radius)");
    }
  }
  return seeds;
}

Quaternion uniform_quaternion(double u1, double u2, double u3) {
  const double a = std::sqrt(1.0 - u1), b = std::sqrt(u1);
  Quaternion q{b * std::cos(kTwoPi * u3), a * std::sin(kTwoPi * u2), a * std::cos(kTwoPi * u2), b * std::sin(kTwoPi * u3)};
  if (q[0] < 0)
    for (double& c : q) c = -c;  // q and -q are the same rotation; DAMASK wants w >= 0
  return q;
}

std::array<Vec3, 3> rotation_columns(const Quaternion& q) {
  const double w = q[0], x = q[1], y = q[2], z = q[3];
  return {Vec3{1 - 2 * (y * y + z * z), 2 * (x * y + w * z), 2 * (x * z - w * y)},
          Vec3{2 * (x * y - w * z), 1 - 2 * (x * x + z * z), 2 * (y * z + w * x)},
          Vec3{2 * (x * z + w * y), 2 * (y * z - w * x), 1 - 2 * (x * x + y * y)}};
}

Sym3 shape_matrix(const Vec3& lengths, const std::array<Vec3, 3>& axes, int dim) {
  Sym3 A{0, 0, 0, 0, 0, 0};
  if (dim == 2) A[2] = 1;  // the unused z row of a 2D cost
  for (int k = 0; k < dim; ++k) {
    const double e = 1.0 / (lengths[k] * lengths[k]);
    const Vec3& n = axes[k];
    A[0] += e * n.x * n.x;
    A[1] += e * n.y * n.y;
    A[3] += e * n.x * n.y;
    if (dim == 3) {
      A[2] += e * n.z * n.z;
      A[4] += e * n.x * n.z;
      A[5] += e * n.y * n.z;
    }
  }
  return A;
}

double sym_det(const Sym3& A, int dim) {
  if (dim == 2) return A[0] * A[1] - A[3] * A[3];
  return A[0] * (A[1] * A[2] - A[5] * A[5]) - A[3] * (A[3] * A[2] - A[5] * A[4]) + A[4] * (A[3] * A[5] - A[1] * A[4]);
}

std::vector<GrainShape> sample_shapes(const PolycrystalParams& p) {
  const CounterRng rng{p.seed};
  const double a = p.anisotropy;
  std::vector<GrainShape> shapes(static_cast<std::size_t>(p.grains));
  for (int i = 0; i < p.grains; ++i) {
    GrainShape& s = shapes[i];
    double u0, u1, u2, u3;
    rng.uniform2(kShapeStream, 2 * static_cast<std::uint64_t>(i), u0, u1);
    rng.uniform2(kShapeStream, 2 * static_cast<std::uint64_t>(i) + 1, u2, u3);
    // PyAPD's sample_normalised_spd_matrices (1.2): l1 ~ U(1 - a, 1), and l2 = 1 / l1 (2D)
    // or l2 ~ U(1 - a, 1 / (1 - a)), l3 = 1 / (l1 l2) (3D), so det A = prod l^-2 = 1.
    const double l1 = 1.0 - a + a * u0;
    if (p.dim == 2) {
      s.lengths = {l1, 1.0 / l1, 1.0};
      const double theta = kTwoPi * u1;
      s.axes = {Vec3{std::cos(theta), std::sin(theta), 0}, Vec3{-std::sin(theta), std::cos(theta), 0}, Vec3{0, 0, 1}};
    } else {
      const double lo = 1.0 - a, hi = 1.0 / (1.0 - a);
      const double l2 = lo + (hi - lo) * u1;
      s.lengths = {l1, l2, 1.0 / (l1 * l2)};
      // A uniform rotation instead of PyAPD's three Euler angles, which are not uniform.
      s.axes = rotation_columns(uniform_quaternion(u2, u3, rng.uniform(kShapeStream + 100, i)));
    }
    s.A = shape_matrix(s.lengths, s.axes, p.dim);
  }
  return shapes;
}

std::vector<Quaternion> sample_orientations(const PolycrystalParams& p) {
  const CounterRng rng{p.seed};
  std::vector<Quaternion> out(static_cast<std::size_t>(p.grains));
  for (int i = 0; i < p.grains; ++i) {
    double u1, u2;
    rng.uniform2(kOrientationStream, 2 * static_cast<std::uint64_t>(i), u1, u2);
    out[i] = uniform_quaternion(u1, u2, rng.uniform(kOrientationStream, 2 * static_cast<std::uint64_t>(i) + 1));
  }
  return out;
}

std::vector<double> sample_targets(const PolycrystalParams& p) {
  std::vector<double> v(static_cast<std::size_t>(p.grains), 1.0);
  if (p.sizes == SizeLaw::Lognormal) {
    // d = exp(mu + s g) has mean 1 and standard deviation sigma when
    // s^2 = log(1 + sigma^2) and mu = -s^2 / 2.
    const CounterRng rng{p.seed};
    const double s2 = std::log1p(p.size_sigma * p.size_sigma);
    const double s = std::sqrt(s2), mu = -0.5 * s2;
    for (int i = 0; i < p.grains; ++i) {
      double g, unused;
      rng.normal2(kSizeStream, static_cast<std::uint64_t>(i), g, unused);
      v[i] = std::pow(std::exp(mu + s * g), p.dim);
    }
  }
  double sum = 0;
  for (double x : v) sum += x;
  for (double& x : v) x /= sum;
  return v;
}

int rule_resolution(double tolerance, double prefactor, double min_fraction, int dim) {
  const double m = std::floor(std::pow(1.0 / (tolerance * min_fraction), 1.0 / dim));
  return static_cast<int>(prefactor * m);
}

Grid polycrystal_grid(const PolycrystalParams& p, std::span<const double> targets) {
  int m = p.resolution;
  if (m == 0) {
    const double smallest = *std::min_element(targets.begin(), targets.end());
    m = rule_resolution(p.tolerance, p.pixel_prefactor, smallest, p.dim);
    TESSERA_REQUIRE(m >= 4 && m <= 4096, "the resolution rule gives " + std::to_string(m) +
                                             " voxels per axis; give --resolution between 4 and 4096");
  }
  return p.dim == 2 ? make_grid_2d(m, m, 1.0, 1.0, p.periodic) : make_grid_3d(m, m, m, 1.0, 1.0, 1.0, p.periodic);
}

double heuristic_weight(double volume, double det_A, int dim) {
  const double kappa = dim == 2 ? 1.0 / std::numbers::pi : 3.0 / (4.0 * std::numbers::pi);
  return std::pow(kappa * volume * std::sqrt(det_A), 2.0 / dim);
}

}  // namespace tessera::polycrystal
