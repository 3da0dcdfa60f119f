#pragma once
// Adam with PyTorch semantics (ref. 3.2; torch.optim.Adam, weight_decay 0, no AMSGrad):
//   m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;
//   x <- x - (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps_adam).
// The bias corrections depend only on the step t, so the host computes them once per
// step (AdamStep) and kernels apply adam_update per component.
#include <cmath>
#include <cstdint>

#include "engine/host_device.h"
#include "sim/curvatubes/operators.h"
#include "sim/curvatubes/params.h"

namespace tessera::curvatubes {

template <class T>
struct AdamStep {
  T beta1, beta2;
  T step_size;     // lr / (1 - beta1^t)
  T inv_sqrt_bc2;  // 1 / sqrt(1 - beta2^t)
  T eps_adam;
};

// Constants of step t (t = 1 for the first update).
template <class T>
AdamStep<T> adam_step(const AdamSettings& s, std::int64_t t) {
  const double bc1 = 1.0 - std::pow(s.beta1, static_cast<double>(t));
  const double bc2 = 1.0 - std::pow(s.beta2, static_cast<double>(t));
  return AdamStep<T>{static_cast<T>(s.beta1), static_cast<T>(s.beta2), static_cast<T>(s.lr / bc1),
                     static_cast<T>(1.0 / std::sqrt(bc2)), static_cast<T>(s.eps_adam)};
}

template <class T>
TESSERA_HD inline void adam_update(T& x, T& m, T& v, T g, const AdamStep<T>& a) {
  m = a.beta1 * m + (T(1) - a.beta1) * g;
  v = a.beta2 * v + (T(1) - a.beta2) * g * g;
  x -= a.step_size * m / (ct_sqrt(v) * a.inv_sqrt_bc2 + a.eps_adam);
}

// Adam on a plain field (L2 / averm0): gradient = grad[i] - shift (shift = mean(dE/du)
// for averm0, ref. 4.4; 0 for L2).
template <class T>
struct AdamFieldKernel {
  T* x;
  T* m;
  T* v;
  const T* grad;
  T shift;
  AdamStep<T> step;
  TESSERA_HD void operator()(std::int64_t i) const { adam_update(x[i], m[i], v[i], grad[i] - shift, step); }
};

// Adam on the conservative potential, fused with the divergence transpose (ref. 4.9
// steps 6-7): gA_a = [b(i-e_a) - b(i+e_a)]/(2h), then the update of the three components.
template <class T>
struct AdamConsKernel {
  Shape shape;
  T* a;  // 3N, component-major
  T* m;
  T* v;
  const T* b;  // B(dE/du)
  T inv_2h;
  AdamStep<T> step;
  TESSERA_HD void operator()(std::int64_t i) const {
    int z, x, y;
    shape.coords(i, z, x, y);
    T g[3];
    divergence_transpose_at(shape, b, z, x, y, inv_2h, g);
    const std::int64_t n = shape.size();
    for (int c = 0; c < 3; ++c) adam_update(a[c * n + i], m[c * n + i], v[c * n + i], g[c], step);
  }
};

}  // namespace tessera::curvatubes
