#pragma once
// Per-(cell, pixel) multiplicative cost modifiers B_i(y) (iceshot-model.md section 2.8):
// the solver fits the biased cost c~_i(y) = c_i(y) B_i(y), while the forces keep the
// unbiased seed gradient G_i (as the reference does). B is evaluated inside the kernels
// from the seed x_i, the displacement z = wr(y - x_i) and a few numbers per cell, so no
// P x N table exists. Two kinds:
//
//   Chemotaxis  (5.2, 8.14): u a Gaussian attractant of centre c and width s,
//                delta = (u(x_i + z) - u(x_i)) / |z|, B = exp(beta f(delta));
//   Protrusions (5.7, 8.13): phi = angle(z) - theta0_i,
//                B = exp(-sum_k a_ik exp(-d_k^2 / w) / sqrt(w pi)), d_k = phi - theta_k
//                wrapped to [-pi, pi) (see protrusion_offset), theta_k = -pi + k pi / 3,
//                w = 0.06.
//
// The attractant is read at x_i + z, the image of the pixel nearest the seed: the pixel
// itself unless an axis is periodic. Every bias is bounded below, B >= min_factor > 0,
// so c~ <= L implies c <= L / min_factor (c >= 0 for every family): support radii,
// hence the bins, the Sinkhorn supports and the isolated levels, stay valid bounds.
//
// The biases travel beside the costs as a parallel per-cell array (CellSetView::biases,
// LaguerreEngine::set_cells), not inside CellCost: every candidate of the assignment
// reads its CellCost, and a CellCost twice as long (bias inside) slowed the unbiased
// brute-force pass by 3-14 % (measured with `tessera bench`).
#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "engine/host_device.h"
#include "engine/vec.h"

namespace tessera {

enum class CostBias : std::uint8_t { None, Chemotaxis, Protrusions };
inline constexpr std::array<std::string_view, 3> kCostBiasNames = {"none", "chemotaxis", "protrusions"};

// f(delta) of the chemotaxis bias (section 8.14): "fan" is the reference code's active
// choice max(0, -d)^2 + max(0, d) (with sign +1), "elongated" its alternative max(0, d)^2
// (with sign -1), "ramp" the docstring's max(0, d), "linear" the commented-out d.
enum class ChemotaxisForm : std::uint8_t { Fan, Elongated, Ramp, Linear };
inline constexpr std::array<std::string_view, 4> kChemotaxisFormNames = {"fan", "elongated", "ramp", "linear"};

// The user's chemotaxis settings, shared by every cell (section 5.2's values by default).
struct ChemotaxisSpec {
  Vec3 center{0.5, 0.5, 0.5};  // peak of the attractant (box units; z is ignored in 2D)
  double width = 0.2;          // s, the Gaussian's standard deviation (box units)
  ChemotaxisForm form = ChemotaxisForm::Fan;
  double beta = 0.02;  // gain, >= 0
  double sign = 1.0;   // +1: B = exp(+beta f), the reference code; -1: exp(-beta f), its docstring
};

inline constexpr int kProtrusionDirections = 6;                // K; direction k at theta0 + theta_k
inline constexpr double kProtrusionWidth = 0.06;               // w, radians^2
inline constexpr double kProtrusionNorm = 2.3032943298089035;  // 1 / sqrt(w pi)
// Two directions are pi/3 apart, so at any angle every direction but the nearest lies at
// least pi/6 away, where its Gaussian is below exp(-(pi/6)^2 / w).
inline constexpr double kProtrusionFarTail = 0.010365614002370313;
// |beta f| is clamped to this, so that B stays finite (exp(700) ~ 1e304): a 0 cost times
// an infinite factor would be NaN. Pixels that expensive are never assigned anyway.
inline constexpr double kMaxBiasExponent = 700.0;

// The kernel-ready bias of one cell (sim/cost_setup.h makes them).
struct CellBias {
  CostBias kind = CostBias::None;
  double min_factor = 1.0;  // B >= min_factor > 0 at every pixel
  // Chemotaxis: u(p) = peak exp(-|p - center|^2 / (2 s^2)), B = exp(beta f(delta)).
  Vec3 center{};
  double inv_two_width2 = 0;  // 1 / (2 s^2)
  double peak = 0;            // 1 / (2 pi s^2) in 2D, (2 pi s^2)^(-3/2) in 3D: u integrates to 1
  double beta = 0;            // signed gain, sign * beta
  double max_slope = 0;       // the Lipschitz constant of u, peak e^(-1/2) / s: |delta| <= max_slope
  ChemotaxisForm form = ChemotaxisForm::Fan;
  // Protrusions: amplitudes a_ik >= 0 of the directions theta0 + theta_k (radians).
  double amplitude[kProtrusionDirections] = {};
  double theta0 = 0;
};

// ---- chemotaxis --------------------------------------------------------------------------
TESSERA_HD inline double attractant(const CellBias& b, const Vec3& p) {
  return b.peak * ::exp(-norm2(p - b.center) * b.inv_two_width2);
}

TESSERA_HD inline double chemotaxis_form_value(ChemotaxisForm form, double d) {
  switch (form) {
    case ChemotaxisForm::Elongated:
      return d > 0 ? d * d : 0.0;
    case ChemotaxisForm::Ramp:
      return d > 0 ? d : 0.0;
    case ChemotaxisForm::Linear:
      return d;
    case ChemotaxisForm::Fan:
    default:
      return d < 0 ? d * d : d;
  }
}
// df / d(delta).
TESSERA_HD inline double chemotaxis_form_slope(ChemotaxisForm form, double d) {
  switch (form) {
    case ChemotaxisForm::Elongated:
      return d > 0 ? 2.0 * d : 0.0;
    case ChemotaxisForm::Ramp:
      return d > 0 ? 1.0 : 0.0;
    case ChemotaxisForm::Linear:
      return 1.0;
    case ChemotaxisForm::Fan:
    default:
      return d < 0 ? 2.0 * d : 1.0;
  }
}

TESSERA_HD inline double clamp_bias_exponent(double e) {
  return e > kMaxBiasExponent ? kMaxBiasExponent : (e < -kMaxBiasExponent ? -kMaxBiasExponent : e);
}

// delta = (u(x + z) - u(x)) / (|z| + eps): eps keeps delta = 0 at z = 0, where every cost
// vanishes. The clamp only removes rounding beyond the Lipschitz bound, so that
// min_factor stays a strict bound.
TESSERA_HD inline double chemotaxis_delta(const CellBias& b, const Vec3& x, const Vec3& z) {
  const double d = (attractant(b, x + z) - attractant(b, x)) / (::sqrt(norm2(z)) + 1e-8);
  return d > b.max_slope ? b.max_slope : (d < -b.max_slope ? -b.max_slope : d);
}

// ---- protrusions -------------------------------------------------------------------------
// Angle in [-pi, pi).
TESSERA_HD inline double wrap_angle(double a) {
  constexpr double kTwoPi = 6.283185307179586;
  return a - kTwoPi * ::floor((a + 0.5 * kTwoPi) / kTwoPi);
}

// Offset of the pixel's angle from direction k, wrapped to [-pi, pi). The reference does
// not wrap inside the Gaussian, which leaves the direction theta_0 = -pi with half a lobe
// and B discontinuous across phi = +-pi; wrapping gives every direction the same lobe.
TESSERA_HD inline double protrusion_offset(const CellBias& b, double angle, int k) {
  constexpr double kPi = 3.141592653589793;
  return wrap_angle(angle - b.theta0 - (-kPi + k * (kPi / 3.0)));
}

// sum_k a_k exp(-d_k^2 / w) at the pixel's angle, and its derivative with respect to the angle.
TESSERA_HD inline double protrusion_sum(const CellBias& b, double angle, double* slope) {
  double sum = 0, ds = 0;
  for (int k = 0; k < kProtrusionDirections; ++k) {
    if (b.amplitude[k] == 0) continue;  // retracted directions cost nothing
    const double d = protrusion_offset(b, angle, k);
    const double g = b.amplitude[k] * ::exp(-d * d / kProtrusionWidth);
    sum += g;
    ds += g * (-2.0 * d / kProtrusionWidth);
  }
  if (slope != nullptr) *slope = ds;
  return sum;
}

// ---- the factor and its pixel gradient ---------------------------------------------------
// B_i at the pixel y = x + z (x: the cell's seed).
TESSERA_HD inline double cost_bias_factor(const CellBias& b, const Vec3& x, const Vec3& z) {
  switch (b.kind) {
    case CostBias::Chemotaxis:
      return ::exp(clamp_bias_exponent(b.beta * chemotaxis_form_value(b.form, chemotaxis_delta(b, x, z))));
    case CostBias::Protrusions:
      return ::exp(clamp_bias_exponent(-kProtrusionNorm * protrusion_sum(b, ::atan2(z.y, z.x), nullptr)));
    case CostBias::None:
    default:
      return 1.0;
  }
}

// The same, never inlined on the host: the Laguerre kernels are flattened (every call
// inlined), and a call per biased candidate costs little next to the bias itself, while
// keeping the kernels' code small. nvcc inlines device code on its own terms.
#if defined(__GNUC__) && !defined(__CUDA_ARCH__)
__attribute__((noinline))
#endif
TESSERA_HD inline double
cost_bias_factor_outlined(const CellBias& b, const Vec3& x, const Vec3& z) {
  return cost_bias_factor(b, x, z);
}

// grad_y B at the pixel (B: the factor there). Used by the count Jacobian, whose
// interface slopes need the y-gradient of the biased cost (the force does not).
TESSERA_HD inline Vec3 cost_bias_pixel_gradient(const CellBias& b, const Vec3& x, const Vec3& z, double factor) {
  const double r = ::sqrt(norm2(z));
  if (b.kind == CostBias::Chemotaxis) {
    const Vec3 y = x + z;
    const double uy = attractant(b, y);
    const double rr = r + 1e-8;
    const double raw = (uy - attractant(b, x)) / rr;
    const double d = raw > b.max_slope ? b.max_slope : (raw < -b.max_slope ? -b.max_slope : raw);
    const double e = b.beta * chemotaxis_form_value(b.form, d);
    if (d != raw || e != clamp_bias_exponent(e)) return Vec3{};  // clamped: flat
    // grad delta = grad u(y) / rr - delta grad|z| / rr, grad u(y) = -2 u(y) (y - c) / (2 s^2).
    const Vec3 grad_u = (-2.0 * b.inv_two_width2 * uy) * (y - b.center);
    const Vec3 grad_r = r > 0 ? (1.0 / r) * z : Vec3{};
    const Vec3 grad_delta = (1.0 / rr) * (grad_u - d * grad_r);
    return (factor * b.beta * chemotaxis_form_slope(b.form, d)) * grad_delta;
  }
  if (b.kind == CostBias::Protrusions) {
    if (!(r > 0)) return Vec3{};
    double slope = 0;
    const double e = -kProtrusionNorm * protrusion_sum(b, ::atan2(z.y, z.x), &slope);
    if (e != clamp_bias_exponent(e)) return Vec3{};
    // grad angle(z) = (-z_y, z_x) / |z|^2.
    const double scale = -factor * kProtrusionNorm * slope / (r * r);
    return Vec3{-scale * z.y, scale * z.x, 0.0};
  }
  return Vec3{};
}

}  // namespace tessera
