#pragma once
// Kernel bodies of the annealed log-domain Sinkhorn with a void (iceshot-model.md
// 3.5), restricted to bounded supports: cell i only sees the pixels where
// c_i <= f_i + margin * epsilon, pixels only the cells whose such support reaches
// them (through CellBins). Terms left out are below exp(-margin) of the kept ones.
#include <cmath>
#include <cstdint>

#include "sim/ot/cell_bins.h"
#include "sim/ot/cost.h"
#include "sim/ot/laguerre_kernels.h"

namespace tessera {

// Stable running log-sum-exp.
struct OnlineLse {
  double max = -HUGE_VAL;
  double sum = 0;
  TESSERA_HD void add(double t) {
    if (t <= max) {
      sum += ::exp(t - max);
    } else {
      sum = sum * ::exp(max - t) + 1.0;
      max = t;
    }
  }
  TESSERA_HD bool empty() const { return sum == 0; }
  TESSERA_HD double value() const { return max + ::log(sum); }
};

// log(1 + e^u) without overflow (section 3.5).
TESSERA_HD inline double softplus(double u) { return u > 18 ? u + ::exp(-u) : ::log1p(::exp(u)); }

// Cell half-update: f~_i = -eps LSE_j((g_j - c_i(y_j)) / eps) + eps log P, over the
// kept pixels of the cell's support box. One cell per call.
struct SinkhornCellKernel {
  PixelGeometry geo;
  const LaguerreCell* cells = nullptr;
  const CellCost* costs = nullptr;
  const CellBias* biases = nullptr;  // one per cell, or null when no cell has a bias (section 2.8)
  const double* radii = nullptr;
  const double* g = nullptr;
  double epsilon = 1;
  double log_p = 0;
  double* f_tilde = nullptr;

  TESSERA_HD void operator()(std::int64_t cell) const {
    const Grid& grid = geo.grid;
    const Vec3 x = cells[cell].x;
    int lo[3] = {0, 0, 0}, hi[3] = {0, 0, 0};
    for (int a = 0; a < grid.dim; ++a) {
      const double r = radii[cell];
      if (!(r < 0.5 * HUGE_VAL) || (grid.periodic[a] && 2 * r >= grid.length[a])) {
        hi[a] = grid.n[a] - 1;  // the support spans the axis
        continue;
      }
      const double h = grid.spacing(a);
      lo[a] = static_cast<int>(::floor((x[a] - r) / h));
      hi[a] = static_cast<int>(::floor((x[a] + r) / h));
      if (!grid.periodic[a]) {
        lo[a] = lo[a] < 0 ? 0 : lo[a];
        hi[a] = hi[a] > grid.n[a] - 1 ? grid.n[a] - 1 : hi[a];
      }
    }
    OnlineLse lse;
    for (int k = lo[2]; k <= hi[2]; ++k)
      for (int j = lo[1]; j <= hi[1]; ++j)
        for (int i = lo[0]; i <= hi[0]; ++i) {
          const int ii = wrap(i, 0), jj = wrap(j, 1), kk = wrap(k, 2);
          const std::int64_t idx = grid.index(ii, jj, kk);
          if (!geo.kept(idx)) continue;
          const double c = solver_cost_value(costs[cell], biases != nullptr ? biases + cell : nullptr, x,
                                             geo.displacement(grid.center(ii, jj, kk), x), grid.dim);
          lse.add((g[idx] - c) / epsilon);
        }
    f_tilde[cell] = lse.empty() ? cells[cell].f : -epsilon * lse.value() + epsilon * log_p;
  }
  TESSERA_HD int wrap(int c, int axis) const {
    const int n = geo.grid.n[axis];
    return c < 0 ? c + n : (c >= n ? c - n : c);
  }
};

// Pixel half-update with the void (section 3.5, steps 3 and 5):
//   Lambda_j = LSE_i((f_i - c_i(y_j)) / eps + log a_i) over the candidate cells,
//   g_j <- (1 - blend) g_j + blend * (-eps (softplus(Lambda_j - phi) + phi)),
// with phi = log a_void + f_void / eps. blend = 1/2 is the symmetric averaged update;
// blend = 1 initialises g from given potentials.
struct SinkhornPixelKernel {
  PixelGeometry geo;
  const LaguerreCell* cells = nullptr;
  const CellCost* costs = nullptr;
  const CellBias* biases = nullptr;  // one per cell, or null when no cell has a bias
  const double* log_a = nullptr;
  CellBinsView bins;
  double epsilon = 1;
  double phi = 0;
  double blend = 0.5;
  double* g = nullptr;

  TESSERA_HD void operator()(std::int64_t idx) const {
    if (!geo.kept(idx)) return;
    int i, j, k;
    geo.grid.coords(idx, i, j, k);
    const Vec3 y = geo.grid.center(i, j, k);
    OnlineLse lse;
    const std::int64_t bin = bins.bin_of(i, j, k);
    for (std::int32_t q = bins.bin_start[bin]; q < bins.bin_start[bin + 1]; ++q) add(lse, y, bins.bin_cells[q]);
    for (int q = 0; q < bins.n_global; ++q) add(lse, y, bins.global_cells[q]);
    const double lambda = lse.empty() ? -HUGE_VAL : lse.value();
    const double update = -epsilon * (softplus(lambda - phi) + phi);
    g[idx] = (1.0 - blend) * g[idx] + blend * update;
  }
  TESSERA_HD void add(OnlineLse& lse, const Vec3& y, std::int32_t c) const {
    const double cost = solver_cost_value(costs[c], biases != nullptr ? biases + c : nullptr, cells[c].x,
                                          geo.displacement(y, cells[c].x), geo.grid.dim);
    lse.add((cells[c].f - cost) / epsilon + log_a[c]);
  }
};

// g_j + shift over the kept pixels (the gauge fix of section 3.5, step 1).
struct ShiftKernel {
  PixelGeometry geo;
  double shift = 0;
  double* g = nullptr;
  TESSERA_HD void operator()(std::int64_t idx) const {
    if (geo.kept(idx)) g[idx] += shift;
  }
};

// Terms of the void's half-update, LSE_j(g_j / eps): the max, then the shifted sum.
struct PixelPotentialMax {
  PixelGeometry geo;
  const double* g = nullptr;
  TESSERA_HD double operator()(std::int64_t idx) const { return geo.kept(idx) ? g[idx] : -HUGE_VAL; }
};
struct PixelPotentialExpSum {
  PixelGeometry geo;
  const double* g = nullptr;
  double g_max = 0;
  double epsilon = 1;
  TESSERA_HD double operator()(std::int64_t idx) const {
    return geo.kept(idx) ? ::exp((g[idx] - g_max) / epsilon) : 0.0;
  }
};

}  // namespace tessera
