#pragma once
// Shape measurements of a phase field u (ref. 6.1, 6.2): the normalised
// equipartition discrepancy used by the viability test, the diffuse principal
// curvature fields kappa1 >= kappa2 (ref. 1.4) and the solid fraction (u > 0).
// Derivatives use the same central differences / h and boundary mode as the energy;
// eps is the scalar params.eps (a spatial eps field is not used here).
#include <cstdint>
#include <vector>

#include "engine/backend.h"
#include "engine/host_device.h"
#include "sim/curvatubes/operators.h"
#include "sim/curvatubes/params.h"

namespace tessera::curvatubes {

struct Discrepancy {
  double numerator = 0;    // h^3 sum | eps/2 |grad u|^2 - W(u)/eps |
  double denominator = 0;  // h^3 sum ( eps/2 |grad u|^2 + W(u)/eps )  (Cahn-Hilliard energy)
  double ratio = 0;        // numerator / denominator: 0 for an ideal tanh profile, ~1 for noise
};

struct FieldStats {
  double min = 0, max = 0, mean = 0;
};

// Viability of ref. 6.1: both phases present (max u > 0.1, min u < -0.1) and ratio < 0.75.
inline bool viable(const FieldStats& s, const Discrepancy& d) {
  return s.max > 0.1 && s.min < -0.1 && d.ratio < 0.75;
}
inline constexpr double kViableDiscrepancy = 0.75;

// Kernel body: channel 0 = |e1 - e2|, channel 1 = e1 + e2, with e1 = eps/2 |g|^2, e2 = W(u)/eps.
template <class T>
struct DiscrepancyKernel {
  Shape shape;
  bool periodic;
  const T* u;
  T inv_2h;
  T eps;
  bool numerator;
  TESSERA_HD double operator()(std::int64_t i) const {
    int z, x, y;
    shape.coords(i, z, x, y);
    const T c = u[i];
    const T gz = (u[shape.index(step_coord(z, 1, shape.nz, periodic), x, y)] -
                  u[shape.index(step_coord(z, -1, shape.nz, periodic), x, y)]) *
                 inv_2h;
    const T gx = (u[shape.index(z, step_coord(x, 1, shape.nx, periodic), y)] -
                  u[shape.index(z, step_coord(x, -1, shape.nx, periodic), y)]) *
                 inv_2h;
    const T gy = (u[shape.index(z, x, step_coord(y, 1, shape.ny, periodic))] -
                  u[shape.index(z, x, step_coord(y, -1, shape.ny, periodic))]) *
                 inv_2h;
    const double e1 = 0.5 * static_cast<double>(eps) * static_cast<double>(gz * gz + gx * gx + gy * gy);
    const double one_minus = 1.0 - static_cast<double>(c) * static_cast<double>(c);
    const double e2 = 0.25 * one_minus * one_minus / static_cast<double>(eps);
    return numerator ? (e1 > e2 ? e1 - e2 : e2 - e1) : e1 + e2;
  }
};

template <class T>
struct CurvatureKernel {
  Shape shape;
  bool periodic;
  const T* u;
  T h, eps, xi2, xi_s;
  T* k1;
  T* k2;
  TESSERA_HD void operator()(std::int64_t i) const {
    int z, x, y;
    shape.coords(i, z, x, y);
    const Stencil19<T> st = load_stencil(u, shape, z, x, y, periodic);
    const Derivatives<T> d = derivatives(st, T(0.5) / h, T(1) / (h * h));
    diffuse_curvatures(d, st.c, eps, xi2, xi_s, k1[i], k2[i]);
  }
};

// Backend-pointer versions (u has params.size() values on exec's backend).
template <class T>
Discrepancy discrepancy(const Exec& exec, const CurvatubesParams& params, const T* u);
template <class T>
FieldStats field_stats(const Exec& exec, const T* u, std::int64_t n);

// Host conveniences (CPU backend).
template <class T>
Discrepancy discrepancy(const CurvatubesParams& params, const std::vector<T>& u);
template <class T>
FieldStats field_stats(const std::vector<T>& u);
// kappa1, kappa2 in 1/length units (resized to u.size()).
template <class T>
void diffuse_curvature_fields(const CurvatubesParams& params, const std::vector<T>& u, std::vector<T>& kappa1,
                              std::vector<T>& kappa2);
template <class T>
double solid_fraction(const std::vector<T>& u);  // fraction of voxels with u > 0

}  // namespace tessera::curvatubes
