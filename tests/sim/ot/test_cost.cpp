// Cost families (iceshot-model.md section 2) against the checks of section 7, items
// 13-15: seed gradients by finite differences, the scaling keywords by integration over
// the reference shapes, the orientation matrix; plus the support radius, the cap, input
// validation and CPU/GPU agreement.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/parallel.h"
#include "engine/rng.h"
#include "sim/ot/cost.h"
#include "sim/ot/cost_setup.h"
#include "test_support.h"
#include "tests/sim/ot/cost_kernels.h"

using namespace tessera;

namespace {

constexpr double kPi = 3.141592653589793;
constexpr CostFamily kFamilies[] = {CostFamily::Power,          CostFamily::AnisotropicPower,
                                    CostFamily::Spherocylinder, CostFamily::SegmentStadium,
                                    CostFamily::Relu,           CostFamily::PolarStadium};

bool family_allows(CostFamily f, int dim) {
  return dim == 2 || !cost_family_is_2d_only(f);
}
std::string name_of(CostFamily f) {
  return std::string(kCostFamilyNames[static_cast<int>(f)]);
}

// Deterministic draws: uniforms and Gaussian vectors on separate streams.
struct Draws {
  CounterRng rng;
  std::uint64_t stream;
  std::uint64_t counter = 0;

  double uniform(double lo, double hi) { return lo + (hi - lo) * rng.uniform(2 * stream, counter++); }
  double log_uniform(double lo, double hi) { return std::exp(uniform(std::log(lo), std::log(hi))); }
  Vec3 direction(int dim) {
    const Vec3 g = rng.normal_vec(2 * stream + 1, counter++, dim);
    return (1.0 / norm(g)) * g;
  }
};

// A unit vector orthogonal to the unit vector n (in the plane when dim = 2).
Vec3 perpendicular(const Vec3& n, int dim, Draws& d) {
  if (dim == 2) return {-n.y, n.x, 0.0};
  const Vec3 m = cross(n, d.direction(3));
  return (1.0 / norm(m)) * m;
}

// Random parameters at unit scale: z of size 0.3-1.5 keeps the 1e-8 regulariser of
// section 2.0 below 1e-6 relative, so exact derivatives are comparable.
CostSpec random_spec(CostFamily family, CostScaling scaling, Draws& d) {
  CostSpec s;
  s.family = family;
  s.scaling = scaling;
  s.C = d.uniform(0.5, 4.0);
  s.R = d.uniform(0.3, 1.0);
  s.p = d.uniform(0, 1) < 0.25 ? 2.0 : d.log_uniform(0.5, 8.0);  // p = 2 has its own code path
  s.b = d.uniform(0.2, 0.8);
  s.relu_r = d.uniform(0.0, 0.6) * s.R;
  s.relu_slope = d.uniform(0.5, 2.0);
  return s;
}

double random_aspect(CostFamily family, Draws& d) {
  if (cost_family_is_stadium(family)) return d.uniform(0, 1) < 0.15 ? 1.0 : d.uniform(1.0, 4.0);
  if (family == CostFamily::AnisotropicPower) return d.log_uniform(0.4, 4.0);  // ar < 1: long across n
  return 1.0;
}

CellCost random_cell(CostFamily family, int dim, Draws& d, CostScaling scaling = CostScaling::Volume) {
  const CostSpec spec = random_spec(family, scaling, d);
  return make_cell_cost(spec, d.direction(dim), random_aspect(family, d), dim);
}

// Distance from z to the cell's axis segment [-k b n, k b n] (geometric, for shapes).
double segment_distance(const CellCost& c, const Vec3& z) {
  const double half = (c.aspect - 1.0) * c.b;
  double t = dot(z, c.axis);
  t = t < -half ? -half : (t > half ? half : t);
  return norm(z - t * c.axis);
}

// Mean of the cost over {inside(z)} by the midpoint rule on an n^dim grid of [-half, half]^dim.
template <class Inside>
double grid_mean(const CellCost& c, int dim, double half, int n, const Inside& inside) {
  const double h = 2.0 * half / n;
  double sum = 0.0;
  std::int64_t count = 0;
  for (int k = 0; k < (dim == 3 ? n : 1); ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        const Vec3 z{-half + (i + 0.5) * h, -half + (j + 0.5) * h, dim == 3 ? -half + (k + 0.5) * h : 0.0};
        if (!inside(z)) continue;
        sum += cost_value(c, z, dim);
        ++count;
      }
  return sum / static_cast<double>(count);
}

// Largest t with c(t u) <= level along the ray u (every family is monotone along rays
// from the seed), by bisection on [0, t_max].
double ray_radius(const CellCost& c, const Vec3& u, int dim, double level, double t_max) {
  double lo = 0.0, hi = t_max;
  for (int it = 0; it < 200 && hi - lo > 1e-15 * t_max; ++it) {
    const double mid = 0.5 * (lo + hi);
    (capped_cost_value(c, mid * u, dim) <= level ? lo : hi) = mid;
  }
  return lo;
}

double det3(const double A[6]) {
  return A[0] * (A[1] * A[2] - A[5] * A[5]) - A[3] * (A[3] * A[2] - A[5] * A[4]) + A[4] * (A[3] * A[5] - A[1] * A[4]);
}

bool vec_close(const Vec3& a, const Vec3& b, double tol) {
  return norm(a - b) <= tol * (1.0 + norm(b));
}

}  // namespace

// ---- section 7, item 13: seed gradients ------------------------------------------------

TEST_CASE("cost seed gradients match central finite differences", "[cpu][sim]") {
  Draws d{CounterRng{0xC057}, 1};
  for (int dim : {2, 3})
    for (CostFamily family : kFamilies) {
      if (!family_allows(family, dim)) continue;
      int checked = 0;
      for (int cell = 0; cell < 40; ++cell) {
        const CellCost c = random_cell(family, dim, d);
        for (int sample = 0; sample < 40; ++sample) {
          const Vec3 z = d.uniform(0.3, 1.5) * d.direction(dim);
          // Away from z = 0, the ReLU kink at |z| = r and the segment (where the
          // segment cost vanishes and the regulariser dominates).
          if (family == CostFamily::Relu && std::fabs(norm(z) - c.relu_r) < 1e-3) continue;
          if (family == CostFamily::SegmentStadium && segment_distance(c, z) < 0.1 * c.b) continue;
          // Also a little away from the lines where the curvature of the level sets jumps
          // (flat side to cap): c is C^1 there, but differences across them lose accuracy.
          const double X = std::fabs(dot(z, c.axis)), k = c.aspect - 1.0;
          if (family == CostFamily::SegmentStadium && std::fabs(X - k * c.b) < 1e-4) continue;
          if ((family == CostFamily::Spherocylinder || family == CostFamily::PolarStadium) &&
              std::fabs(X - k * std::sqrt(std::fmax(norm2(z) - X * X, 0.0))) < 1e-4)
            continue;
          const Vec3 g = cost_seed_gradient(c, z, dim);
          const double h = 1e-6;
          Vec3 fd;
          for (int k = 0; k < dim; ++k) {
            Vec3 step;
            step[k] = h;
            // G = dc/dx = -dc/dz, since z = y - x.
            fd[k] = -(cost_value(c, z + step, dim) - cost_value(c, z - step, dim)) / (2 * h);
          }
          INFO(name_of(family) << " dim " << dim << " p " << c.p << " ar " << c.aspect << " z (" << z.x << ", " << z.y
                               << ", " << z.z << ") G (" << g.x << ", " << g.y << ", " << g.z << ") fd (" << fd.x
                               << ", " << fd.y << ", " << fd.z << ")");
          REQUIRE(norm(g - fd) <= 1e-5 * norm(fd) + 1e-9 * (1.0 + cost_value(c, z, dim)));
          if (dim == 2) REQUIRE(g.z == 0.0);
          ++checked;
        }
      }
      REQUIRE(checked > 1000);
    }
}

TEST_CASE("costs vanish with a finite gradient at the seed", "[cpu][sim]") {
  // A pixel centre may coincide with a seed: the kernels must not produce NaN there.
  Draws d{CounterRng{0xC057}, 10};
  for (int dim : {2, 3})
    for (CostFamily family : kFamilies) {
      if (!family_allows(family, dim)) continue;
      for (int cell = 0; cell < 20; ++cell) {
        const CellCost c = random_cell(family, dim, d);
        INFO(name_of(family) << " dim " << dim << " p " << c.p);
        REQUIRE(cost_value(c, Vec3{}, dim) == 0.0);
        const Vec3 g = cost_seed_gradient(c, Vec3{}, dim);
        REQUIRE((std::isfinite(g.x) && std::isfinite(g.y) && std::isfinite(g.z)));
      }
    }
}

TEST_CASE("the polar stadium and the stadium gauge are the same cost", "[cpu][sim]") {
  // Both describe c = s (Lambda / b)^p (sections 2.4, 2.5) by different formulas.
  Draws d{CounterRng{0xC057}, 2};
  for (int cell = 0; cell < 50; ++cell) {
    CellCost gauge = random_cell(CostFamily::Spherocylinder, 2, d);
    CellCost polar = gauge;
    polar.family = CostFamily::PolarStadium;
    for (int sample = 0; sample < 50; ++sample) {
      const Vec3 z = d.uniform(0.01, 3.0) * d.direction(2);
      REQUIRE(test::close(cost_value(polar, z, 2), cost_value(gauge, z, 2), 1e-12));
      REQUIRE(vec_close(cost_seed_gradient(polar, z, 2), cost_seed_gradient(gauge, z, 2), 1e-10));
    }
  }
}

// ---- section 7, item 14: scalings -------------------------------------------------------

TEST_CASE("volume scaling: the mean cost over the reference shape is C", "[cpu][sim]") {
  Draws d{CounterRng{0xC057}, 3};
  struct Shape {
    double p, aspect;
  };
  const Shape shapes[] = {{0.75, 1.0}, {2.0, 2.5}, {6.0, 4.0}};
  for (int dim : {2, 3})
    for (CostFamily family : kFamilies) {
      if (!family_allows(family, dim)) continue;
      for (const Shape& shape : shapes) {
        CostSpec spec = random_spec(family, CostScaling::Volume, d);
        spec.p = shape.p;
        const double aspect = family == CostFamily::Power || family == CostFamily::Relu ? 1.0 : shape.aspect;
        const CellCost c = make_cell_cost(spec, d.direction(dim), aspect, dim);
        const int n = dim == 2 ? 1000 : 120;
        double mean = 0.0;
        if (family == CostFamily::Power || family == CostFamily::Relu) {
          // The ball of radius R.
          mean = grid_mean(c, dim, spec.R, n, [&](const Vec3& z) { return norm(z) <= spec.R; });
        } else if (family == CostFamily::AnisotropicPower) {
          // The ellipse/spheroid {q <= rho^2}, rho = b ar^(1/d), from its semi-axes:
          // rho sqrt(ar) along n, rho / sqrt(ar) (2D) or rho ar^(-1/4) (3D) across.
          const double rho = spec.b * std::pow(aspect, 1.0 / dim);
          const double a_n = rho * std::sqrt(aspect);
          const double a_p = dim == 2 ? rho / std::sqrt(aspect) : rho * std::pow(aspect, -0.25);
          mean = grid_mean(c, dim, std::fmax(a_n, a_p), n, [&](const Vec3& z) {
            const double X = dot(z, c.axis);
            return X * X / (a_n * a_n) + norm2(z - X * c.axis) / (a_p * a_p) <= 1.0;
          });
        } else {
          // The stadium (capsule in 3D) of half-width b around the axis segment.
          mean = grid_mean(c, dim, aspect * spec.b, n, [&](const Vec3& z) { return segment_distance(c, z) <= spec.b; });
        }
        INFO(name_of(family) << " dim " << dim << " p " << spec.p << " ar " << aspect << " mean " << mean << " C "
                             << spec.C);
        REQUIRE(test::close(mean, spec.C, 0.005));
      }
    }
}

TEST_CASE("level_set scaling: the cost is C on the reference boundary", "[cpu][sim]") {
  Draws d{CounterRng{0xC057}, 4};
  for (int dim : {2, 3})
    for (CostFamily family : kFamilies) {
      if (!family_allows(family, dim)) continue;
      for (int cell = 0; cell < 10; ++cell) {
        const CostSpec spec = random_spec(family, CostScaling::LevelSet, d);
        const double aspect = random_aspect(family, d);
        const CellCost c = make_cell_cost(spec, d.direction(dim), aspect, dim);
        const Vec3 n = c.axis;
        const Vec3 m = perpendicular(n, dim, d);
        for (int sample = 0; sample < 20; ++sample) {
          const double angle = d.uniform(0, 2 * kPi);
          Vec3 z;
          if (family == CostFamily::Power || family == CostFamily::Relu) {
            z = spec.R * d.direction(dim);
          } else if (family == CostFamily::AnisotropicPower) {
            // Short semi-axis b; long semi-axis ar b (2D) or ar^(3/4) b (3D).
            const double a_n = spec.b * (dim == 2 ? aspect : std::pow(aspect, 0.75));
            z = a_n * std::cos(angle) * n + spec.b * std::sin(angle) * m;
          } else {
            // A stadium boundary point: on a flat side or on a cap.
            const double half = (aspect - 1.0) * spec.b;
            const bool flat = sample % 2 == 0 && half > 0;
            z = flat ? d.uniform(-half, half) * n + (angle < kPi ? spec.b : -spec.b) * m
                     : (std::cos(angle) < 0 ? -half : half) * n + spec.b * (std::cos(angle) * n + std::sin(angle) * m);
          }
          INFO(name_of(family) << " dim " << dim << " p " << spec.p << " ar " << aspect);
          REQUIRE(test::close(cost_value(c, z, dim), spec.C, 1e-9));
        }
      }
    }
}

TEST_CASE("constant and unit scalings and the p = 2 power closed forms", "[cpu][sim]") {
  Draws d{CounterRng{0xC057}, 5};
  for (CostFamily family : kFamilies) {
    CostSpec spec = random_spec(family, CostScaling::Constant, d);
    REQUIRE(make_cell_cost(spec, {1, 0, 0}, 2.0, 2).s == spec.C);
    spec.scaling = CostScaling::Unit;
    REQUIRE(make_cell_cost(spec, {1, 0, 0}, 2.0, 2).s == 1.0);
  }
  // Section 2.2 in closed form, and the 3D benchmark's anisotropic value (section 2.3:
  // with b = 1 and d = 3, s = C (p + 3)/3 ar^(-p/3)).
  CostSpec power{CostFamily::Power, CostScaling::Volume, 2.0, 0.5, 3.0};
  REQUIRE(make_cell_cost(power, {}, 1.0, 2).s == Approx(2.0 / (2.0 / 5.0 * 0.125)));
  CostSpec aniso{CostFamily::AnisotropicPower, CostScaling::Volume, 3.5, 0.05, 2.0, 1.0};
  REQUIRE(make_cell_cost(aniso, {0, 0, 1}, 2.7, 3).s == Approx(3.5 * 5.0 / 3.0 * std::pow(2.7, -2.0 / 3.0)));
  // Spherocylinder volume (section 2.4): s = (p + 2)/2 C.
  CostSpec rod{CostFamily::Spherocylinder, CostScaling::Volume, 1.0, 0.05, 3.5, 0.014};
  REQUIRE(make_cell_cost(rod, {1, 1, 0}, 3.0, 2).s == Approx(2.75));
}

// ---- section 7, item 15: orientation matrix -------------------------------------------

TEST_CASE("orientation matrix: det 1, eigenvalues 1/ar along n and ar or sqrt(ar) across", "[cpu][sim]") {
  Draws d{CounterRng{0xC057}, 6};
  for (int dim : {2, 3})
    for (int trial = 0; trial < 200; ++trial) {
      const Vec3 raw = d.uniform(0.1, 5.0) * d.direction(dim);  // not unit: normalised inside
      const double ar = d.log_uniform(0.3, 6.0);
      double A[6];
      orientation_matrix(raw, ar, dim, A);
      const Vec3 n = (1.0 / norm(raw)) * raw;
      const double mu = dim == 2 ? ar : std::sqrt(ar);
      REQUIRE(det3(A) == Approx(1.0).epsilon(1e-12));
      REQUIRE(vec_close(symmetric_apply(A, n), (1.0 / ar) * n, 1e-12));
      const Vec3 m = perpendicular(n, dim, d);
      REQUIRE(vec_close(symmetric_apply(A, m), mu * m, 1e-12));
      if (dim == 3) {
        const Vec3 m2 = cross(n, m);
        REQUIRE(vec_close(symmetric_apply(A, m2), mu * m2, 1e-12));
      }
      REQUIRE(symmetric_min_eigenvalue(A, dim) == Approx(std::fmin(1.0 / ar, mu)).epsilon(1e-14));
      if (dim == 2) {
        // The explicit angle form of section 2.3.
        const double theta = std::atan2(n.y, n.x), cs = std::cos(theta), sn = std::sin(theta);
        REQUIRE(A[0] == Approx(cs * cs / ar + ar * sn * sn).epsilon(1e-12));
        REQUIRE(A[1] == Approx(sn * sn / ar + ar * cs * cs).epsilon(1e-12));
        REQUIRE(A[3] == Approx((1.0 / ar - ar) * cs * sn).epsilon(1e-12).margin(1e-13));
        REQUIRE((A[2] == 1.0 && A[4] == 0.0 && A[5] == 0.0));
      } else {
        // R D R^T with the explicit frame of section 2.3 (first column n).
        const double th = std::acos(n.z), ph = std::atan2(n.y, n.x);
        const double R[3][3] = {{std::cos(ph) * std::sin(th), -std::sin(ph), -std::cos(ph) * std::cos(th)},
                                {std::sin(ph) * std::sin(th), std::cos(ph), -std::sin(ph) * std::cos(th)},
                                {std::cos(th), 0.0, std::sin(th)}};
        const double D[3] = {1.0 / ar, mu, mu};
        const int rows[6] = {0, 1, 2, 0, 0, 1}, cols[6] = {0, 1, 2, 1, 2, 2};
        for (int e = 0; e < 6; ++e) {
          double v = 0.0;
          for (int k = 0; k < 3; ++k) v += R[rows[e]][k] * D[k] * R[cols[e]][k];
          REQUIRE(A[e] == Approx(v).epsilon(1e-12).margin(1e-12));
        }
      }
    }
  // In 2D the axis's z component is ignored.
  double A[6], B[6];
  orientation_matrix({1, 2, 7}, 2.0, 2, A);
  orientation_matrix({1, 2, 0}, 2.0, 2, B);
  for (int e = 0; e < 6; ++e) REQUIRE(A[e] == B[e]);
}

// ---- support radius and cap -------------------------------------------------------------

TEST_CASE("support radius bounds the sublevel set and is attained", "[cpu][sim]") {
  Draws d{CounterRng{0xC057}, 7};
  for (int dim : {2, 3})
    for (CostFamily family : kFamilies) {
      if (!family_allows(family, dim)) continue;
      for (int cell = 0; cell < 12; ++cell) {
        const CellCost c = random_cell(family, dim, d, cell % 2 ? CostScaling::LevelSet : CostScaling::Volume);
        for (double level : {-1.0, 0.0, 0.05, 1.0, 7.0, 300.0}) {
          const double r = cost_support_radius(c, level, dim);
          INFO(name_of(family) << " dim " << dim << " p " << c.p << " ar " << c.aspect << " level " << level
                               << " radius " << r);
          REQUIRE(std::isfinite(r));
          REQUIRE(r >= 0);
          // Validity: nothing beyond r is at or below the level.
          int violations = 0;
          for (int sample = 0; sample < 2000; ++sample) {
            const double t = r * (1.0 + d.log_uniform(1e-9, 2.0)) + (r == 0 ? d.log_uniform(1e-6, 2.0) : 0.0);
            if (capped_cost_value(c, t * d.direction(dim), dim) <= level) ++violations;
          }
          REQUIRE(violations == 0);
          // At level 0 the sublevel set is a point, a segment or the ReLU's flat ball,
          // where rounding decides; its radius is checked in closed form instead.
          if (level == 0) {
            const double expected = family == CostFamily::SegmentStadium ? (c.aspect - 1.0) * c.b
                                    : family == CostFamily::Relu         ? c.relu_r
                                                                         : 0.0;
            REQUIRE(r == Approx(expected).epsilon(1e-14));
          }
          if (level <= 0) continue;
          // Tightness: along the extremal directions (the axis, or across it when ar < 1,
          // or any direction for the isotropic families) the sublevel set reaches r.
          const Vec3 m = perpendicular(c.axis, dim, d);
          double reach = 0.0;
          for (const Vec3& u : {c.axis, -c.axis, m, -m, d.direction(dim)})
            reach = std::fmax(reach, ray_radius(c, u, dim, level, 2.0 * r + 1e-6));
          REQUIRE(reach <= r * (1 + 1e-9) + 1e-12);
          REQUIRE(reach >= r * (1 - 1e-9) - 1e-12);
        }
      }
    }
}

TEST_CASE("isotropic power support radius is the exact ball radius", "[cpu][sim]") {
  const CostSpec spec{CostFamily::Power, CostScaling::LevelSet, 2.0, 0.1, 3.0};
  const CellCost c = make_cell_cost(spec, {}, 1.0, 3);
  // level_set: c = C at |z| = R, so the sublevel set at C is the ball of radius R.
  REQUIRE(cost_support_radius(c, 2.0, 3) == Approx(0.1).epsilon(1e-14));
  REQUIRE(cost_support_radius(c, 16.0, 3) == Approx(0.2).epsilon(1e-14));
}

TEST_CASE("the cap clamps the solver value and unbounds the support", "[cpu][sim]") {
  Draws d{CounterRng{0xC057}, 8};
  for (int dim : {2, 3})
    for (CostFamily family : kFamilies) {
      if (!family_allows(family, dim)) continue;
      CostSpec spec = random_spec(family, CostScaling::LevelSet, d);
      spec.cap = 2.0 * spec.C;
      const Vec3 axis = d.direction(dim);
      const double aspect = random_aspect(family, d);
      const CellCost capped = make_cell_cost(spec, axis, aspect, dim);
      spec.cap = 0.0;
      const CellCost uncapped = make_cell_cost(spec, axis, aspect, dim);
      INFO(name_of(family) << " dim " << dim);
      int clamped = 0;
      for (int sample = 0; sample < 500; ++sample) {
        const Vec3 z = d.uniform(0.0, 5.0) * d.direction(dim);
        const double v = cost_value(uncapped, z, dim);
        REQUIRE(cost_value(capped, z, dim) == v);  // the cap never touches c itself
        REQUIRE(capped_cost_value(capped, z, dim) == std::fmin(v, 2.0 * spec.C));
        REQUIRE(capped_cost_value(uncapped, z, dim) == v);
        REQUIRE(vec_close(cost_seed_gradient(capped, z, dim), cost_seed_gradient(uncapped, z, dim), 0.0));
        if (v > 2.0 * spec.C) ++clamped;
      }
      REQUIRE(clamped > 0);
      REQUIRE(cost_support_radius(capped, 2.0 * spec.C, dim) == HUGE_VAL);
      REQUIRE(cost_support_radius(capped, 1e9, dim) == HUGE_VAL);
      REQUIRE(cost_support_radius(capped, 1.5 * spec.C, dim) == cost_support_radius(uncapped, 1.5 * spec.C, dim));
    }
}

// ---- setup: parsing and validation ------------------------------------------------------

TEST_CASE("cost family and scaling names parse, both level-set spellings included", "[cpu][sim]") {
  for (std::size_t i = 0; i < kCostFamilyNames.size(); ++i)
    REQUIRE(parse_cost_family(kCostFamilyNames[i]) == static_cast<CostFamily>(i));
  for (std::size_t i = 0; i < kCostScalingNames.size(); ++i)
    REQUIRE(parse_cost_scaling(kCostScalingNames[i]) == static_cast<CostScaling>(i));
  REQUIRE(parse_cost_scaling("level-set") == CostScaling::LevelSet);
  REQUIRE(parse_cost_scaling("level_set") == CostScaling::LevelSet);
  REQUIRE_FALSE(parse_cost_scaling("levelset").has_value());
  REQUIRE_FALSE(parse_cost_scaling("").has_value());
  REQUIRE_FALSE(parse_cost_family("stadium").has_value());
  REQUIRE_FALSE(parse_cost_family("Power").has_value());
}

TEST_CASE("make_cell_cost normalises the axis and keeps the per-cell numbers", "[cpu][sim]") {
  CostSpec spec{CostFamily::SegmentStadium, CostScaling::Constant, 1.5, 0.1, 3.0, 0.2};
  spec.cap = 4.0;
  const CellCost c = make_cell_cost(spec, {3, 4, 9}, 2.0, 2);
  REQUIRE(c.axis.x == Approx(0.6));
  REQUIRE(c.axis.y == Approx(0.8));
  REQUIRE(c.axis.z == 0.0);
  REQUIRE((c.family == CostFamily::SegmentStadium && c.p == 3.0 && c.b == 0.2 && c.aspect == 2.0 && c.cap == 4.0));
  const CellCost c3 = make_cell_cost(spec, {0, 0, -2}, 2.0, 3);
  REQUIRE((c3.axis.x == 0.0 && c3.axis.y == 0.0 && c3.axis.z == -1.0));
  // Isotropic families accept a zero axis.
  spec.family = CostFamily::Power;
  REQUIRE(make_cell_cost(spec, {}, 1.0, 3).axis.x == 1.0);
}

TEST_CASE("invalid cost parameters are errors that name the parameter", "[cpu][sim]") {
  using Catch::Contains;
  const CostSpec good{CostFamily::AnisotropicPower, CostScaling::Volume, 1.0, 0.05, 2.0, 0.04};
  const Vec3 axis{1, 0, 0};
  REQUIRE_NOTHROW(make_cell_cost(good, axis, 2.0, 3));
  auto with = [&](auto change) {
    CostSpec s = good;
    change(s);
    return s;
  };
  REQUIRE_THROWS_WITH(make_cell_cost(with([](CostSpec& s) { s.p = 0.0; }), axis, 2.0, 2), Contains("'p'"));
  REQUIRE_THROWS_WITH(make_cell_cost(with([](CostSpec& s) { s.p = -1.0; }), axis, 2.0, 2), Contains("'p' must be > 0"));
  REQUIRE_THROWS_WITH(make_cell_cost(with([](CostSpec& s) { s.p = NAN; }), axis, 2.0, 2),
                      Contains("'p' must be finite"));
  REQUIRE_THROWS_WITH(make_cell_cost(with([](CostSpec& s) { s.C = 0.0; }), axis, 2.0, 2), Contains("'C'"));
  REQUIRE_THROWS_WITH(make_cell_cost(with([](CostSpec& s) { s.C = INFINITY; }), axis, 2.0, 2), Contains("'C'"));
  REQUIRE_THROWS_WITH(make_cell_cost(with([](CostSpec& s) { s.R = -0.1; }), axis, 2.0, 2), Contains("'R'"));
  REQUIRE_THROWS_WITH(make_cell_cost(with([](CostSpec& s) { s.b = 0.0; }), axis, 2.0, 2), Contains("'b'"));
  REQUIRE_THROWS_WITH(make_cell_cost(with([](CostSpec& s) { s.cap = -1.0; }), axis, 2.0, 2), Contains("'cap'"));
  REQUIRE_THROWS_WITH(make_cell_cost(good, axis, 0.0, 2), Contains("'aspect'"));
  REQUIRE_THROWS_WITH(make_cell_cost(good, axis, NAN, 2), Contains("'aspect'"));
  REQUIRE_THROWS_WITH(make_cell_cost(good, {0, 0, 0}, 2.0, 3), Contains("'axis'"));
  REQUIRE_THROWS_WITH(make_cell_cost(good, {0, 0, 1}, 2.0, 2), Contains("'axis' must be non-zero in the plane"));
  REQUIRE_THROWS_WITH(make_cell_cost(good, {NAN, 1, 0}, 2.0, 2), Contains("'axis'"));
  REQUIRE_THROWS_WITH(make_cell_cost(good, axis, 2.0, 4), Contains("dimension"));
  // Stadiums need ar >= 1; the anisotropic cost takes any ar > 0.
  REQUIRE_NOTHROW(make_cell_cost(good, axis, 0.5, 2));
  for (CostFamily family : {CostFamily::Spherocylinder, CostFamily::SegmentStadium, CostFamily::PolarStadium})
    REQUIRE_THROWS_WITH(make_cell_cost(with([&](CostSpec& s) { s.family = family; }), axis, 0.9, 2),
                        Contains("'aspect' must be >= 1") && Contains(name_of(family)));
  // 2D-only families refuse 3D; the segment stadium is a capsule there.
  REQUIRE_THROWS_WITH(make_cell_cost(with([](CostSpec& s) { s.family = CostFamily::Spherocylinder; }), axis, 2.0, 3),
                      Contains("'spherocylinder' is 2D only"));
  REQUIRE_THROWS_WITH(make_cell_cost(with([](CostSpec& s) { s.family = CostFamily::PolarStadium; }), axis, 2.0, 3),
                      Contains("'polar_stadium' is 2D only"));
  REQUIRE_NOTHROW(make_cell_cost(with([](CostSpec& s) { s.family = CostFamily::SegmentStadium; }), axis, 2.0, 3));
  // ReLU parameters.
  auto relu = [&](double r, double slope, CostScaling scaling) {
    return with([=](CostSpec& s) {
      s.family = CostFamily::Relu;
      s.relu_r = r;
      s.relu_slope = slope;
      s.scaling = scaling;
    });
  };
  REQUIRE_NOTHROW(make_cell_cost(relu(0.01, 1.0, CostScaling::Volume), axis, 1.0, 2));
  REQUIRE_THROWS_WITH(make_cell_cost(relu(-0.01, 1.0, CostScaling::Volume), axis, 1.0, 2), Contains("'relu_r'"));
  REQUIRE_THROWS_WITH(make_cell_cost(relu(0.01, 0.0, CostScaling::Volume), axis, 1.0, 2), Contains("'relu_slope'"));
  REQUIRE_THROWS_WITH(make_cell_cost(relu(0.05, 1.0, CostScaling::LevelSet), axis, 1.0, 2),
                      Contains("'relu_r' must be < R"));
  REQUIRE_NOTHROW(make_cell_cost(relu(0.5, 1.0, CostScaling::Constant), axis, 1.0, 2));
  // orientation_matrix validates on its own (the shape update calls it directly).
  double A[6];
  REQUIRE_THROWS_WITH(orientation_matrix({0, 0, 0}, 2.0, 3, A), Contains("'axis'"));
  REQUIRE_THROWS_WITH(orientation_matrix(axis, -1.0, 3, A), Contains("'aspect'"));
}

// ---- CPU / GPU agreement ----------------------------------------------------------------

TEST_CASE("CUDA cost kernels match the CPU", "[cuda][sim]") {
  TESSERA_REQUIRE_CUDA_OR_SKIP();
  Draws d{CounterRng{0xC057}, 9};
  Mirrored<test::CostProbe> probes;
  for (int dim : {2, 3})
    for (CostFamily family : kFamilies) {
      if (!family_allows(family, dim)) continue;
      for (int cell = 0; cell < 20; ++cell) {
        CostSpec spec = random_spec(family, cell % 2 ? CostScaling::LevelSet : CostScaling::Volume, d);
        spec.cap = cell % 3 == 0 ? 3.0 * spec.C : 0.0;
        const CellCost c = make_cell_cost(spec, d.direction(dim), random_aspect(family, d), dim);
        for (int sample = 0; sample < 50; ++sample)
          probes.host().push_back({c, d.uniform(0.0, 2.0) * d.direction(dim), d.uniform(-0.5, 5.0) * spec.C, dim});
      }
    }
  const std::size_t n = probes.size();
  const Exec cpu{Backend::Cpu}, gpu{Backend::Cuda};
  Mirrored<double> on_cpu(n * test::kCostProbeOutputs), on_gpu(n * test::kCostProbeOutputs);
  parallel_for(cpu, static_cast<std::int64_t>(n), test::EvaluateCostProbes{probes.data(cpu), on_cpu.data(cpu)});
  probes.upload(gpu);
  parallel_for(gpu, static_cast<std::int64_t>(n), test::EvaluateCostProbes{probes.data(gpu), on_gpu.data(gpu)});
  on_gpu.download(gpu);
  // Scalars by relative error; the gradient as a vector, since one component may be a
  // cancellation that FMA contraction on the GPU rounds differently.
  auto same = [](double a, double b) { return a == b || test::close(a, b, 1e-12, 1e-300); };
  int mismatches = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double* a = on_cpu.host().data() + test::kCostProbeOutputs * i;
    const double* b = on_gpu.host().data() + test::kCostProbeOutputs * i;
    const Vec3 ga{a[2], a[3], a[4]}, gb{b[2], b[3], b[4]};
    const bool ok = same(a[0], b[0]) && same(a[1], b[1]) && same(a[5], b[5]) && norm(ga - gb) <= 1e-12 * norm(ga);
    if (!ok) ++mismatches;
  }
  REQUIRE(n > 5000);
  REQUIRE(mismatches == 0);
}
