#pragma once
// Per-cell transport costs c_i(y) = c(y - x_i) and their derivative with respect
// to the seed, G_i(y) = dc_i/dx_i (iceshot-model.md section 2). Every family is a
// host-device function of the wrapped displacement z = wr(y - x_i), so the CPU
// and CUDA kernels evaluate the same code.
//
// Two structs (sim/costs/cell_cost.h): CostSpec holds what a user sets (family,
// scaling keyword, C, R, p, b, ...); CellCost is the kernel-ready form with the
// scaling constant resolved and the orientation matrix built from the cell's current
// axis and aspect ratio (sim/cost_setup.h makes one from the other). "Hard" and
// "soft" cells differ only by these numbers (p, C), and each cell may use its own
// family (the reference's species masks, section 2.6).
//
// Families, one header each under sim/costs/:
//   Power             c = s |z|^p                                    (2.2)
//   AnisotropicPower  c = s (z^T A z)^(p/2)                          (2.3)
//   Spherocylinder    c = s (Lambda(z) / b)^p, stadium gauge, 2D     (2.4)
//   SegmentStadium    c = s (dist(z, axis segment) / b)^p, 2D and 3D (2.5)
//   Relu              c = s max(0, slope (|z| - r))                  (2.5)
//   PolarStadium      c = s (|z| / (b rho(theta)))^p, 2D             (2.5)
//
// Beside its cost a cell may have a multiplicative bias B_i(y) of the solver's cost
// (2.8, sim/costs/cost_bias.h): chemotaxis or protrusions. The forces ignore it.
#include <cmath>

#include "engine/host_device.h"
#include "engine/vec.h"
#include "sim/ot/costs/anisotropic_power.h"
#include "sim/ot/costs/cell_cost.h"
#include "sim/ot/costs/cost_bias.h"
#include "sim/ot/costs/polar_stadium.h"
#include "sim/ot/costs/power.h"
#include "sim/ot/costs/relu.h"
#include "sim/ot/costs/segment_stadium.h"
#include "sim/ot/costs/spherocylinder.h"

namespace tessera {

// ---- dispatch ------------------------------------------------------------------------
// Uncapped cost value at displacement z (dim = 2 or 3; z.z = 0 in 2D).
TESSERA_HD inline double cost_value(const CellCost& c, const Vec3& z, int dim) {
  (void)dim;
  switch (c.family) {
    case CostFamily::AnisotropicPower:
      return anisotropic_power_cost_value(c, z);
    case CostFamily::Spherocylinder:
      return spherocylinder_cost_value(c, z);
    case CostFamily::SegmentStadium:
      return segment_stadium_cost_value(c, z);
    case CostFamily::Relu:
      return relu_cost_value(c, z);
    case CostFamily::PolarStadium:
      return polar_stadium_cost_value(c, z);
    case CostFamily::Power:
    default:
      return power_cost_value(c, z);
  }
}

// The cost capped to [0, cap] when a cap is set (section 2.7), without the bias.
TESSERA_HD inline double capped_cost_value(const CellCost& c, const Vec3& z, int dim) {
  const double v = cost_value(c, z, dim);
  if (c.cap <= 0) return v;
  return v < 0 ? 0.0 : (v > c.cap ? c.cap : v);
}

// The value the solver uses: the capped cost times the cell's bias B_i(y) (section 2.8;
// bias null or of kind None: B = 1), for the cell with seed x at the pixel y,
// z = wr(y - x). Every consumer of the solver's cost (both assignment passes through
// laguerre_value, the Jacobian, Sinkhorn, the isolated levels) calls this one function.
TESSERA_HD inline double solver_cost_value(const CellCost& c, const CellBias* bias, const Vec3& x, const Vec3& z,
                                           int dim) {
  const double v = capped_cost_value(c, z, dim);
  return bias == nullptr || bias->kind == CostBias::None ? v : v * cost_bias_factor_outlined(*bias, x, z);
}

// dc/dx (derivative with respect to the seed), uncapped.
TESSERA_HD inline Vec3 cost_seed_gradient(const CellCost& c, const Vec3& z, int dim) {
  (void)dim;
  switch (c.family) {
    case CostFamily::AnisotropicPower:
      return anisotropic_power_cost_seed_gradient(c, z);
    case CostFamily::Spherocylinder:
      return spherocylinder_cost_seed_gradient(c, z);
    case CostFamily::SegmentStadium:
      return segment_stadium_cost_seed_gradient(c, z);
    case CostFamily::Relu:
      return relu_cost_seed_gradient(c, z);
    case CostFamily::PolarStadium:
      return polar_stadium_cost_seed_gradient(c, z);
    case CostFamily::Power:
    default:
      return power_cost_seed_gradient(c, z);
  }
}

// The biased part of solver_cost_pixel_gradient (g: the seed gradient G), out of line on
// the host for the reason given at cost_bias_factor_outlined.
#if defined(__GNUC__) && !defined(__CUDA_ARCH__)
__attribute__((noinline))
#endif
TESSERA_HD inline Vec3 biased_cost_pixel_gradient(const CellCost& c, const CellBias& bias, const Vec3& x,
                                                  const Vec3& z, int dim, const Vec3& g) {
  const double factor = cost_bias_factor(bias, x, z);
  return (-factor) * g + cost_value(c, z, dim) * cost_bias_pixel_gradient(bias, x, z, factor);
}

// grad_y of the solver's cost at the pixel y = x + z, ignoring the cap: -G for an
// unbiased cost (the costs are translation invariant), -B G + c grad_y B with a bias.
// The count Jacobian's interface slopes; the forces use the unbiased G (section 2.8).
TESSERA_HD inline Vec3 solver_cost_pixel_gradient(const CellCost& c, const CellBias* bias, const Vec3& x,
                                                  const Vec3& z, int dim) {
  const Vec3 g = cost_seed_gradient(c, z, dim);
  if (bias == nullptr || bias->kind == CostBias::None) return -g;
  return biased_cost_pixel_gradient(c, *bias, x, z, dim, g);
}

// A radius such that capped_cost_value(c, z) <= level implies |z| <= radius.
// Infinite (HUGE_VAL) when the sublevel set is unbounded (e.g. level >= cap).
// Every family's bound is exact (attained in some direction). Below the cap the
// capped and uncapped sublevel sets coincide, since every family has c >= 0.
TESSERA_HD inline double cost_support_radius(const CellCost& c, double level, int dim) {
  if (c.cap > 0 && level >= c.cap) return HUGE_VAL;
  switch (c.family) {
    case CostFamily::AnisotropicPower:
      return anisotropic_power_support_radius(c, level, dim);
    case CostFamily::Spherocylinder:
      return spherocylinder_support_radius(c, level);
    case CostFamily::SegmentStadium:
      return segment_stadium_support_radius(c, level);
    case CostFamily::Relu:
      return relu_support_radius(c, level);
    case CostFamily::PolarStadium:
      return polar_stadium_support_radius(c, level);
    case CostFamily::Power:
    default:
      return power_support_radius(c, level);
  }
}

// The same for the solver's cost solver_cost_value(c, bias, x, z): with a bias
// B >= min_factor, c B <= level implies c <= level / min_factor (c >= 0), so the bound
// holds; it is exact only where B reaches its minimum.
TESSERA_HD inline double solver_support_radius(const CellCost& c, const CellBias* bias, double level, int dim) {
  if (bias != nullptr && bias->kind != CostBias::None) level /= bias->min_factor;
  return cost_support_radius(c, level, dim);
}

}  // namespace tessera
