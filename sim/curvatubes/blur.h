#pragma once
// Separable Gaussian blur of ref. 2.5 (sigma in voxels).
//
// Periodic mode: the reference's Fourier definition (1-D FFT x kernel FFT x inverse FFT
// per axis) is exactly a circular convolution with the periodic kernel
//   K_L(j) ∝ exp(-d(j)^2 / (2 sigma^2)),  d(j) = min(j, L - j),  sum_j K_L(j) = 1.
// We apply it in real space: taps |d| <= R = ceil(6 sigma) (the dropped tail is
// ~1e-9 of the mass for sigma = 2; the kept taps are renormalised so constants and the
// mean are preserved exactly), or all L taps of K_L when L <= 2R (the kernel then wraps
// onto itself, handled exactly). This works for odd L, unlike the reference.
// Replicate mode: pad p = floor(3 sigma) replicated voxels per side, blur periodically
// on L + 2p, crop; its transpose (zero-embed, blur, fold the pads back) is applied
// exactly for the gradient.
//
// Each axis operator is an L x L banded matrix built on the host and stored in ELL
// form (n_taps (source, weight) pairs per output index); on the CPU, the interior
// rows of the contiguous axis use the constant band taps so the loop vectorises.
#include <cstdint>
#include <vector>

#include "engine/backend.h"
#include "engine/buffer.h"
#include "engine/host_device.h"
#include "sim/curvatubes/operators.h"
#include "sim/curvatubes/params.h"

namespace tessera::curvatubes {

// Host description of one axis operator.
struct BlurAxisTable {
  int length = 0;
  int n_taps = 0;
  std::vector<int> src;          // length * n_taps source indices
  std::vector<double> w;         // length * n_taps weights (0 for padding entries)
  int band_lo = 0, band_hi = 0;  // rows [band_lo, band_hi) equal the constant band
  int band_radius = 0;
  std::vector<double> band_w;  // 2 * band_radius + 1 weights for offsets -R..R
};

// K_P(j), j = 0..P-1, normalised over the whole period (the Fourier definition's kernel).
std::vector<double> periodic_gaussian_kernel(int period, double sigma);
// Dense L x L matrix (row-major, out = M in) of the 1-D operator as applied here.
std::vector<double> blur_axis_matrix(int length, double sigma, Boundary boundary, bool transpose);
BlurAxisTable blur_axis_table(int length, double sigma, Boundary boundary, bool transpose);

// One axis pass, one output voxel (GPU body; the CPU uses row loops in blur.cpp).
template <class T>
struct BlurAxisKernel {
  Shape shape;
  int axis;  // 0 = Z, 1 = X, 2 = Y
  int n_taps;
  const int* src;
  const T* w;
  const T* in;
  T* out;

  TESSERA_HD void operator()(std::int64_t i) const {
    int z, x, y;
    shape.coords(i, z, x, y);
    const int c = axis == 0 ? z : (axis == 1 ? x : y);
    T acc = T(0);
    for (int k = 0; k < n_taps; ++k) {
      const int s = src[c * n_taps + k];
      const std::int64_t j =
          axis == 0 ? shape.index(s, x, y) : (axis == 1 ? shape.index(z, s, y) : shape.index(z, x, s));
      acc += w[c * n_taps + k] * in[j];
    }
    out[i] = acc;
  }
};

template <class T>
struct CopyKernel {
  const T* in;
  T* out;
  TESSERA_HD void operator()(std::int64_t i) const { out[i] = in[i]; }
};

// The 3-D blur (or its transpose) on one backend. Pointers are backend pointers.
template <class T>
class Blur {
 public:
  Blur() = default;
  Blur(const Exec& exec, Shape shape, double sigma, Boundary boundary);

  bool enabled() const { return m_enabled; }
  // out = B in (or B^T in). `tmp` is scratch of N values; in, out and tmp are distinct.
  void apply(const Exec& exec, const T* in, T* out, T* tmp, bool transpose = false);

 private:
  struct AxisOp {
    int n_taps = 0;
    int band_lo = 0, band_hi = 0, band_radius = 0;
    Mirrored<int> src;
    Mirrored<T> w;
    std::vector<T> band_w;  // host only (CPU fast path)
    bool circulant = false;
  };
  void pass(const Exec& exec, int axis, AxisOp& op, const T* in, T* out);

  Shape m_shape;
  bool m_enabled = false;
  bool m_symmetric = true;  // periodic: B^T = B
  AxisOp m_ops[2][3];       // [transpose][axis]
};

}  // namespace tessera::curvatubes
