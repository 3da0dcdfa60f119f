#include "sim/curvatubes/blur.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/error.h"
#include "engine/parallel.h"

namespace tessera::curvatubes {

namespace {

int blur_radius(double sigma) {
  return static_cast<int>(std::ceil(6.0 * sigma));
}

// Taps (offset, weight) of the 1-D periodic blur on a period P (see blur.h).
void periodic_taps(int period, double sigma, std::vector<int>& offsets, std::vector<double>& weights) {
  offsets.clear();
  weights.clear();
  const int r = blur_radius(sigma);
  if (period > 2 * r) {
    double sum = 0;
    for (int o = -r; o <= r; ++o) {
      offsets.push_back(o);
      weights.push_back(std::exp(-0.5 * o * o / (sigma * sigma)));
      sum += weights.back();
    }
    for (double& w : weights) w /= sum;
  } else {
    weights = periodic_gaussian_kernel(period, sigma);
    for (int j = 0; j < period; ++j) offsets.push_back(j);
  }
}

}  // namespace

std::vector<double> periodic_gaussian_kernel(int period, double sigma) {
  std::vector<double> k(static_cast<std::size_t>(period));
  double sum = 0;
  for (int j = 0; j < period; ++j) {
    const double d = std::min(j, period - j);
    k[j] = std::exp(-0.5 * d * d / (sigma * sigma));
    sum += k[j];
  }
  for (double& v : k) v /= sum;
  return k;
}

std::vector<double> blur_axis_matrix(int length, double sigma, Boundary boundary, bool transpose) {
  const int L = length;
  std::vector<double> m(static_cast<std::size_t>(L) * L, 0.0);
  std::vector<int> offsets;
  std::vector<double> weights;
  if (boundary == Boundary::Periodic) {
    periodic_taps(L, sigma, offsets, weights);
    for (int i = 0; i < L; ++i)
      for (std::size_t k = 0; k < offsets.size(); ++k) {
        const int j = ((i + offsets[k]) % L + L) % L;
        m[static_cast<std::size_t>(i) * L + j] += weights[k];
      }
  } else {
    // crop o B_{L+2p} o replicate-pad (ref. 2.5, GeneralGaussianBlur3D_notperiodic).
    const int p = static_cast<int>(std::floor(3.0 * sigma));
    const int period = L + 2 * p;
    periodic_taps(period, sigma, offsets, weights);
    for (int i = 0; i < L; ++i)
      for (std::size_t k = 0; k < offsets.size(); ++k) {
        const int jp = ((i + p + offsets[k]) % period + period) % period;
        const int j = std::clamp(jp - p, 0, L - 1);
        m[static_cast<std::size_t>(i) * L + j] += weights[k];
      }
  }
  if (transpose)
    for (int i = 0; i < L; ++i)
      for (int j = i + 1; j < L; ++j)
        std::swap(m[static_cast<std::size_t>(i) * L + j], m[static_cast<std::size_t>(j) * L + i]);
  return m;
}

BlurAxisTable blur_axis_table(int length, double sigma, Boundary boundary, bool transpose) {
  const int L = length;
  const std::vector<double> m = blur_axis_matrix(L, sigma, boundary, transpose);
  BlurAxisTable t;
  t.length = L;
  for (int i = 0; i < L; ++i) {
    int count = 0;
    for (int j = 0; j < L; ++j) count += m[static_cast<std::size_t>(i) * L + j] != 0.0;
    t.n_taps = std::max(t.n_taps, count);
  }
  t.src.assign(static_cast<std::size_t>(L) * t.n_taps, 0);
  t.w.assign(static_cast<std::size_t>(L) * t.n_taps, 0.0);
  for (int i = 0; i < L; ++i) {
    int k = 0;
    for (int j = 0; j < L; ++j) {
      const double v = m[static_cast<std::size_t>(i) * L + j];
      if (v == 0.0) continue;
      t.src[static_cast<std::size_t>(i) * t.n_taps + k] = j;
      t.w[static_cast<std::size_t>(i) * t.n_taps + k] = v;
      ++k;
    }
    for (; k < t.n_taps; ++k) t.src[static_cast<std::size_t>(i) * t.n_taps + k] = i;  // weight 0
  }
  // Constant band of the interior rows: row i == sum_o band_w[o + R] in[i + o].
  const int r = blur_radius(sigma);
  if (L > 2 * r) {
    std::vector<double> bw(2 * r + 1);
    double sum = 0;
    for (int o = -r; o <= r; ++o) sum += bw[o + r] = std::exp(-0.5 * o * o / (sigma * sigma));
    for (double& v : bw) v /= sum;
    auto matches = [&](int i) {
      for (int j = 0; j < L; ++j) {
        const int o = j - i;
        const double expect = (o >= -r && o <= r) ? bw[o + r] : 0.0;
        if (m[static_cast<std::size_t>(i) * L + j] != expect) return false;
      }
      return true;
    };
    int lo = r, hi = L - r;
    while (lo < hi && !matches(lo)) ++lo;
    while (hi > lo && !matches(hi - 1)) --hi;
    bool all = true;
    for (int i = lo; i < hi && all; ++i) all = matches(i);
    if (all && hi > lo) {
      t.band_lo = lo;
      t.band_hi = hi;
      t.band_radius = r;
      t.band_w = bw;
    }
  }
  return t;
}

template <class T>
Blur<T>::Blur(const Exec& exec, Shape shape, double sigma, Boundary boundary)
    : m_shape(shape), m_enabled(sigma > 0), m_symmetric(boundary == Boundary::Periodic) {
  if (!m_enabled) return;
  const int dims[3] = {shape.nz, shape.nx, shape.ny};
  for (int tr = 0; tr < 2; ++tr) {
    if (tr == 1 && m_symmetric) break;
    for (int a = 0; a < 3; ++a) {
      const BlurAxisTable t = blur_axis_table(dims[a], sigma, boundary, tr == 1);
      AxisOp& op = m_ops[tr][a];
      op.n_taps = t.n_taps;
      op.band_lo = t.band_lo;
      op.band_hi = t.band_hi;
      op.band_radius = t.band_radius;
      op.src.host() = t.src;
      op.w.host().assign(t.w.begin(), t.w.end());
      op.band_w.assign(t.band_w.begin(), t.band_w.end());
      // Periodic with L > 2R: every row is the band with wrapped indices.
      op.circulant = boundary == Boundary::Periodic && t.band_radius > 0 && dims[a] > 2 * t.band_radius;
      op.src.upload(exec);
      op.w.upload(exec);
    }
  }
}

template <class T>
void Blur<T>::apply(const Exec& exec, const T* in, T* out, T* tmp, bool transpose) {
  const int tr = (transpose && !m_symmetric) ? 1 : 0;
  if (!m_enabled) {
    parallel_for(exec, m_shape.size(), CopyKernel<T>{in, out});
    return;
  }
  // Y (contiguous) first, then X, then Z: in -> out -> tmp -> out.
  pass(exec, 2, m_ops[tr][2], in, out);
  pass(exec, 1, m_ops[tr][1], out, tmp);
  pass(exec, 0, m_ops[tr][0], tmp, out);
}

namespace {

// CPU pass over whole rows (z, x) of Y values: the innermost loop runs over y with
// unit stride in every branch, so it vectorises. The band taps are symmetric
// (w_k = w_-k), so pairs of inputs are added before the multiply.
template <class T>
struct BlurRows {
  Shape shape;
  int axis;
  int n_taps;
  const int* src;
  const T* w;
  int band_lo, band_hi, band_radius;
  const T* band_w;  // offsets -R..R; centre at band_w[R]
  bool circulant;   // every row is the band with wrapped indices (periodic, L > 2R)
  const T* in;
  T* out;

  // Z pass: item = one x, looping over z, so the Z input rows (s, x) of one column
  // (Z * Y values) stay in cache while every output row of the column reads them;
  // a row-by-row order would stream 2R+1 planes per output plane from memory.
  //
  // The column's rows lie X * Y values apart; at power-of-two sizes (128^3: 64 KiB) they
  // all fall into the same cache sets and evict each other (measured: the Z pass took 5x
  // the time per voxel at 128^3 that it takes at 100^3). So the column is first copied
  // into a contiguous per-thread buffer, whose rows are Y values apart.
  void operator()(std::int64_t item) const {
    if (axis == 0) {
      const int x = static_cast<int>(item);
      thread_local std::vector<T> column;
      column.resize(static_cast<std::size_t>(shape.nz) * shape.ny);
      for (int z = 0; z < shape.nz; ++z) {
        const T* __restrict r = in + shape.index(z, x, 0);
        T* __restrict c = column.data() + static_cast<std::size_t>(z) * shape.ny;
#pragma omp simd
        for (int y = 0; y < shape.ny; ++y) c[y] = r[y];
      }
      for (int z = 0; z < shape.nz; ++z) row(z, x, column.data());
      return;
    }
    row(static_cast<int>(item / shape.nx), static_cast<int>(item % shape.nx), nullptr);
  }

  // `column`: for the Z pass, the column x copied contiguously (row s at s * Y).
  void row(int z, int x, const T* column) const {
    const int ny = shape.ny;
    T* __restrict o = out + shape.index(z, x, 0);
    if (axis == 2) {
      const T* __restrict r = in + shape.index(z, x, 0);
      for (int y = 0; y < band_lo; ++y) o[y] = ell(r, y);
      if (band_hi > band_lo) {
        const int rad = band_radius;
        const T w0 = band_w[rad];
#pragma omp simd
        for (int y = band_lo; y < band_hi; ++y) o[y] = w0 * r[y];
        for (int k = 1; k <= rad; ++k) {
          const T wk = band_w[rad + k];
          const T* __restrict rm = r - k;
          const T* __restrict rp = r + k;
#pragma omp simd
          for (int y = band_lo; y < band_hi; ++y) o[y] += wk * (rm[y] + rp[y]);
        }
      }
      for (int y = std::max(band_hi, band_lo); y < ny; ++y) o[y] = ell(r, y);
      return;
    }
    const int c = axis == 0 ? z : x;
    const int len = axis == 0 ? shape.nz : shape.nx;
    auto row_at = [&](int s) {
      return axis == 0 ? column + static_cast<std::size_t>(s) * ny : in + shape.index(z, s, 0);
    };
    if (circulant) {
      const int rad = band_radius;
      const T w0 = band_w[rad];
      const T* __restrict r0 = row_at(c);
#pragma omp simd
      for (int y = 0; y < ny; ++y) o[y] = w0 * r0[y];
      for (int k = 1; k <= rad; ++k) {
        const T wk = band_w[rad + k];
        const T* __restrict rm = row_at(c - k < 0 ? c - k + len : c - k);
        const T* __restrict rp = row_at(c + k >= len ? c + k - len : c + k);
#pragma omp simd
        for (int y = 0; y < ny; ++y) o[y] += wk * (rm[y] + rp[y]);
      }
      return;
    }
    for (int k = 0; k < n_taps; ++k) {
      const T wk = w[c * n_taps + k];
      const T* __restrict r = row_at(src[c * n_taps + k]);
      if (k == 0) {
#pragma omp simd
        for (int y = 0; y < ny; ++y) o[y] = wk * r[y];
      } else {
#pragma omp simd
        for (int y = 0; y < ny; ++y) o[y] += wk * r[y];
      }
    }
  }

  T ell(const T* r, int y) const {
    T acc = 0;
    for (int k = 0; k < n_taps; ++k) acc += w[y * n_taps + k] * r[src[y * n_taps + k]];
    return acc;
  }
};

}  // namespace

template <class T>
void Blur<T>::pass(const Exec& exec, int axis, AxisOp& op, const T* in, T* out) {
  if (exec.is_cuda()) {
    parallel_for(exec, m_shape.size(),
                 BlurAxisKernel<T>{m_shape, axis, op.n_taps, op.src.data(exec), op.w.data(exec), in, out});
    return;
  }
  const BlurRows<T> rows{m_shape,    axis,       op.n_taps,      op.src.host().data(), op.w.host().data(),
                         op.band_lo, op.band_hi, op.band_radius, op.band_w.data(),     op.circulant,
                         in,         out};
  parallel_for_host(axis == 0 ? m_shape.nx : static_cast<std::int64_t>(m_shape.nz) * m_shape.nx, rows);
}

template class Blur<float>;
template class Blur<double>;

}  // namespace tessera::curvatubes
