#pragma once
// The random ingredients of a polycrystal, each a pure function of the parameters
// (engine/rng.h's counter RNG, one stream per ingredient, one counter per grain):
//   seeds        uniform in the box, optionally with an exclusion radius (apd-model 1.8)
//   shapes       A_i = R_i diag(l_k^-2) R_i^T with det A_i = 1 (1.2): PyAPD's principal
//                lengths for strength alpha; R_i a uniform rotation (3D) or angle (2D)
//   orientations uniform random unit quaternions (Shoemake 1992), the crystal lattice's
//   targets      volume fractions: equal or lognormal (params.h)
// plus the grid rule and the heuristic start (1.5, 1.6). Box units: the unit square / cube.
#include <array>
#include <span>
#include <vector>

#include "engine/grid.h"
#include "engine/vec.h"
#include "sim/polycrystal/params.h"

namespace tessera::polycrystal {

// A unit quaternion (w, x, y, z) with w >= 0 (DAMASK's convention for O).
using Quaternion = std::array<double, 4>;

// Symmetric matrix stored xx, yy, zz, xy, xz, yz (sim/ot/costs/cell_cost.h's order).
using Sym3 = std::array<double, 6>;

struct GrainShape {
  Sym3 A;                 // det 1; in 2D the xy block (zz = 1, xz = yz = 0)
  Vec3 lengths;           // principal semi-lengths l_k of {d : d^T A d <= 1} (l_3 = 1 in 2D)
  std::array<Vec3, 3> axes;  // the principal directions (columns of R_i)
};

// Uniform points in [0, 1)^D; with exclusion R > 0 a candidate closer than R N^(-1/D)
// to an accepted seed (nearest image when periodic) is redrawn. Throws after 100 N
// rejections, naming the radius.
std::vector<Vec3> sample_seeds(const PolycrystalParams& p);
std::vector<GrainShape> sample_shapes(const PolycrystalParams& p);
std::vector<Quaternion> sample_orientations(const PolycrystalParams& p);
// Fractions of the box, summing to 1.
std::vector<double> sample_targets(const PolycrystalParams& p);

// Shoemake's uniform quaternion from three uniforms in [0, 1); w >= 0.
Quaternion uniform_quaternion(double u1, double u2, double u3);
// The active rotation matrix of a unit quaternion, as its three columns.
std::array<Vec3, 3> rotation_columns(const Quaternion& q);
// A = R diag(l^-2) R^T from principal lengths and directions (dim 2: the first two).
Sym3 shape_matrix(const Vec3& lengths, const std::array<Vec3, 3>& axes, int dim);
double sym_det(const Sym3& A, int dim);

// PyAPD's grid rule M = C floor((1 / (eps min_i v_i))^(1/D)) for fractions v (1.5).
int rule_resolution(double tolerance, double prefactor, double min_fraction, int dim);
// The grid of the parameters (resolution, or the rule from the targets), unit box.
Grid polycrystal_grid(const PolycrystalParams& p, std::span<const double> targets);

// Teferra-Rowenhorst start w_i = (kappa_D v_i sqrt(det A_i))^(2/D), kappa_2 = 1/pi,
// kappa_3 = 3/(4 pi): the isolated ellipse {d^T A d <= w} has volume v_i (1.6).
double heuristic_weight(double volume, double det_A, int dim);

}  // namespace tessera::polycrystal
