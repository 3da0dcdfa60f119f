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
#include <cmath>

#include "engine/host_device.h"
#include "engine/vec.h"
#include "sim/costs/anisotropic_power.h"
#include "sim/costs/cell_cost.h"
#include "sim/costs/polar_stadium.h"
#include "sim/costs/power.h"
#include "sim/costs/relu.h"
#include "sim/costs/segment_stadium.h"
#include "sim/costs/spherocylinder.h"

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

// The value the solver uses: capped to [0, cap] when a cap is set (section 2.7).
TESSERA_HD inline double solver_cost_value(const CellCost& c, const Vec3& z, int dim) {
  const double v = cost_value(c, z, dim);
  if (c.cap <= 0) return v;
  return v < 0 ? 0.0 : (v > c.cap ? c.cap : v);
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

// A radius such that solver_cost_value(c, z) <= level implies |z| <= radius.
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

}  // namespace tessera
