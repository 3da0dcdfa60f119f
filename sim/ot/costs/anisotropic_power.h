#pragma once
// Anisotropic power cost (iceshot-model.md section 2.3): with q = z^T A z,
// c = s q^(p/2) and G = dc/dx = -s p (q + eps)^(p/2 - 1) A z. A is symmetric positive
// definite with det A = 1 (built by orientation_matrix in sim/cost_setup.h), stored
// as xx, yy, zz, xy, xz, yz. In 2D z.z = 0, so only the xy block matters.
#include <cmath>

#include "engine/host_device.h"
#include "engine/vec.h"
#include "sim/ot/costs/cell_cost.h"

namespace tessera {

TESSERA_HD inline Vec3 symmetric_apply(const double A[6], const Vec3& z) {
  return {A[0] * z.x + A[3] * z.y + A[4] * z.z,  //
          A[3] * z.x + A[1] * z.y + A[5] * z.z,  //
          A[4] * z.x + A[5] * z.y + A[2] * z.z};
}

// z^T A z, clamped at 0 so that rounding never feeds a negative base to pow.
TESSERA_HD inline double symmetric_quadratic_form(const double A[6], const Vec3& z) {
  const double q = dot(z, symmetric_apply(A, z));
  return q < 0 ? 0.0 : q;
}

// Smallest eigenvalue of A (of its xy block when dim = 2) by cyclic Jacobi rotations
// (Golub and Van Loan, section 8.5): each rotation zeroes one off-diagonal entry, and a
// few sweeps reach machine precision. Unlike the closed form of the characteristic
// cubic, this stays accurate for the double eigenvalue every axis-built 3D matrix has.
TESSERA_HD inline double symmetric_min_eigenvalue(const double A[6], int dim) {
  double a[3][3] = {{A[0], A[3], A[4]}, {A[3], A[1], A[5]}, {A[4], A[5], A[2]}};
  const int n = dim == 2 ? 2 : 3;
  for (int sweep = 0; sweep < 16; ++sweep) {
    bool rotated = false;
    for (int p = 0; p < n - 1; ++p)
      for (int q = p + 1; q < n; ++q) {
        const double apq = a[p][q];
        // Entries this small move the eigenvalues by less than one ulp: done.
        if (::fabs(apq) <= 1e-20 * (::fabs(a[p][p]) + ::fabs(a[q][q]))) continue;
        rotated = true;
        // t = tan of the rotation angle, the smaller root of t^2 + 2 theta t - 1 = 0.
        const double theta = (a[q][q] - a[p][p]) / (2.0 * apq);
        const double t = ::fabs(theta) > 1e150
                             ? 0.5 / theta
                             : (theta < 0 ? -1.0 : 1.0) / (::fabs(theta) + ::sqrt(theta * theta + 1.0));
        const double c = 1.0 / ::sqrt(t * t + 1.0), s = t * c;
        a[p][p] -= t * apq;
        a[q][q] += t * apq;
        a[p][q] = a[q][p] = 0.0;
        for (int r = 0; r < n; ++r) {
          if (r == p || r == q) continue;
          const double arp = a[r][p], arq = a[r][q];
          a[r][p] = a[p][r] = c * arp - s * arq;
          a[r][q] = a[q][r] = s * arp + c * arq;
        }
      }
    if (!rotated) break;
  }
  double lowest = a[0][0];
  for (int k = 1; k < n; ++k) lowest = a[k][k] < lowest ? a[k][k] : lowest;
  return lowest;
}

TESSERA_HD inline double anisotropic_power_cost_value(const CellCost& c, const Vec3& z) {
  const double q = symmetric_quadratic_form(c.A, z);
  return c.p == 2.0 ? c.s * q : c.s * ::pow(q, 0.5 * c.p);
}

TESSERA_HD inline Vec3 anisotropic_power_cost_seed_gradient(const CellCost& c, const Vec3& z) {
  const Vec3 az = symmetric_apply(c.A, z);
  const double q = dot(z, az) < 0 ? 0.0 : dot(z, az);
  const double factor = c.p == 2.0 ? 2.0 * c.s : c.s * c.p * ::pow(q + kCostEpsilon, 0.5 * c.p - 1.0);
  return -factor * az;
}

// c <= level means q <= (level / s)^(2/p), and q >= lambda_min |z|^2; the bound is
// attained along the eigenvector of lambda_min, so it is exact.
TESSERA_HD inline double anisotropic_power_support_radius(const CellCost& c, double level, int dim) {
  if (level <= 0) return 0.0;
  const double q_max = ::pow(level / c.s, 2.0 / c.p);
  return ::sqrt(q_max / symmetric_min_eigenvalue(c.A, dim));
}

}  // namespace tessera
