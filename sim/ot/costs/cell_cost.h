#pragma once
// The data of a per-cell transport cost (iceshot-model.md section 2): the user-facing
// CostSpec and the kernel-ready CellCost. The family formulas live beside this file
// (one header per family); sim/cost.h includes them all and dispatches.
#include <array>
#include <cstdint>
#include <string_view>

#include "engine/host_device.h"
#include "engine/vec.h"

namespace tessera {

enum class CostFamily : std::uint8_t { Power, AnisotropicPower, Spherocylinder, SegmentStadium, Relu, PolarStadium };
inline constexpr std::array<std::string_view, 6> kCostFamilyNames = {
    "power", "anisotropic_power", "spherocylinder", "segment_stadium", "relu", "polar_stadium"};

// How the constant C sets the multiplicative scaling s (section 2.0):
// LevelSet: c = C on the reference shape's boundary; Volume: the mean of c over the
// reference shape equals C; Constant: s = C; Unit: s = 1.
enum class CostScaling : std::uint8_t { LevelSet, Volume, Constant, Unit };
inline constexpr std::array<std::string_view, 4> kCostScalingNames = {"level_set", "volume", "constant", "unit"};

// Small regulariser inside powers and norms: gradients stay finite at z = 0.
inline constexpr double kCostEpsilon = 1e-8;

struct CostSpec {
  CostFamily family = CostFamily::Power;
  CostScaling scaling = CostScaling::Volume;
  double C = 1.0;       // stiffness / level constant (cost units)
  double R = 0.05;      // reference radius (box units), used by the scalings
  double p = 2.0;       // exponent (> 0); large p = hard, p < 1 = very soft
  double b = 1.0;       // short semi-axis (anisotropic, stadium), box units
  double aspect = 1.0;  // aspect-ratio parameter ar (>= 1 for stadiums)
  double relu_r = 0.5;  // ReLU: radius where the cost starts rising (box units)
  double relu_slope = 1.0;
  double cap = 0.0;  // > 0: the solve uses min(max(c, 0), cap); forces use the uncapped gradient
};

struct CellCost {
  CostFamily family = CostFamily::Power;
  double s = 1.0;  // resolved multiplicative scaling
  double p = 2.0;
  double b = 1.0;
  double aspect = 1.0;
  double relu_r = 0.5;
  double relu_slope = 1.0;
  double cap = 0.0;
  Vec3 axis{1, 0, 0};                // unit axis n_i
  double A[6] = {1, 1, 1, 0, 0, 0};  // symmetric orientation matrix: xx, yy, zz, xy, xz, yz
};

// Families defined only in the plane (sections 2.4, 2.5).
TESSERA_HD constexpr bool cost_family_is_2d_only(CostFamily f) {
  return f == CostFamily::Spherocylinder || f == CostFamily::PolarStadium;
}
// Families whose shape follows the cell axis n_i.
TESSERA_HD constexpr bool cost_family_uses_axis(CostFamily f) {
  return f == CostFamily::AnisotropicPower || f == CostFamily::Spherocylinder || f == CostFamily::SegmentStadium ||
         f == CostFamily::PolarStadium;
}
// Stadium families need an aspect ratio >= 1 (straight part of length 2 (ar - 1) b).
TESSERA_HD constexpr bool cost_family_is_stadium(CostFamily f) {
  return f == CostFamily::Spherocylinder || f == CostFamily::SegmentStadium || f == CostFamily::PolarStadium;
}

}  // namespace tessera
