#include "sim/curvatubes/flow_ops.h"

#include "engine/parallel.h"

namespace tessera::curvatubes {

namespace {

struct RowIndex {
  int z, x, zp, zm, xp, xm;
  RowIndex(const Shape& s, std::int64_t row)
      : z(static_cast<int>(row / s.nx)),
        x(static_cast<int>(row % s.nx)),
        zp(step_coord(z, 1, s.nz, true)),
        zm(step_coord(z, -1, s.nz, true)),
        xp(step_coord(x, 1, s.nx, true)),
        xm(step_coord(x, -1, s.nx, true)) {}
};

template <class T>
struct DivergenceRows {
  Shape shape;
  const T* a;
  T* raw;
  T inv_2h, m0;
  const T* m0_field;
  void operator()(std::int64_t row) const {
    const RowIndex r(shape, row);
    const std::int64_t n = shape.size();
    const int ny = shape.ny;
    const T* __restrict azp = a + shape.index(r.zp, r.x, 0);
    const T* __restrict azm = a + shape.index(r.zm, r.x, 0);
    const T* __restrict axp = a + n + shape.index(r.z, r.xp, 0);
    const T* __restrict axm = a + n + shape.index(r.z, r.xm, 0);
    const T* __restrict ay = a + 2 * n + shape.index(r.z, r.x, 0);
    T* __restrict out = raw + shape.index(r.z, r.x, 0);
    const T* __restrict mf = m0_field ? m0_field + shape.index(r.z, r.x, 0) : nullptr;
    auto div = [&](int y, int ym, int yp) { return azp[y] - azm[y] + axp[y] - axm[y] + ay[yp] - ay[ym]; };
    out[0] = div(0, ny - 1, 1) * inv_2h;
    out[ny - 1] = div(ny - 1, ny - 2, 0) * inv_2h;
#pragma omp simd
    for (int y = 1; y < ny - 1; ++y) out[y] = div(y, y - 1, y + 1) * inv_2h;
    if (mf) {
#pragma omp simd
      for (int y = 0; y < ny; ++y) out[y] += mf[y];
    } else {
#pragma omp simd
      for (int y = 0; y < ny; ++y) out[y] += m0;
    }
  }
};

template <class T>
struct AdamConsRows {
  Shape shape;
  T* a;
  T* m;
  T* v;
  const T* b;
  T inv_2h;
  AdamStep<T> step;
  void operator()(std::int64_t row) const {
    const RowIndex r(shape, row);
    const std::int64_t n = shape.size();
    const int ny = shape.ny;
    const std::int64_t base = shape.index(r.z, r.x, 0);
    const T* __restrict bzm = b + shape.index(r.zm, r.x, 0);
    const T* __restrict bzp = b + shape.index(r.zp, r.x, 0);
    const T* __restrict bxm = b + shape.index(r.z, r.xm, 0);
    const T* __restrict bxp = b + shape.index(r.z, r.xp, 0);
    const T* __restrict b0 = b + base;
    const AdamStep<T> s = step;
    for (int c = 0; c < 3; ++c) {
      T* __restrict ac = a + c * n + base;
      T* __restrict mc = m + c * n + base;
      T* __restrict vc = v + c * n + base;
      auto g_at = [&](int y, int ym, int yp) {
        return c == 0 ? (bzm[y] - bzp[y]) * inv_2h : (c == 1 ? (bxm[y] - bxp[y]) * inv_2h : (b0[ym] - b0[yp]) * inv_2h);
      };
      adam_update(ac[0], mc[0], vc[0], g_at(0, ny - 1, 1), s);
      adam_update(ac[ny - 1], mc[ny - 1], vc[ny - 1], g_at(ny - 1, ny - 2, 0), s);
      if (c == 0) {
#pragma omp simd
        for (int y = 1; y < ny - 1; ++y) adam_update(ac[y], mc[y], vc[y], (bzm[y] - bzp[y]) * inv_2h, s);
      } else if (c == 1) {
#pragma omp simd
        for (int y = 1; y < ny - 1; ++y) adam_update(ac[y], mc[y], vc[y], (bxm[y] - bxp[y]) * inv_2h, s);
      } else {
#pragma omp simd
        for (int y = 1; y < ny - 1; ++y) adam_update(ac[y], mc[y], vc[y], (b0[y - 1] - b0[y + 1]) * inv_2h, s);
      }
    }
  }
};

}  // namespace

template <class T>
void divergence(const Exec& exec, const Shape& shape, const T* a, T* raw, T inv_2h, T m0, const T* m0_field) {
  if (exec.is_cuda()) {
    parallel_for(exec, shape.size(), DivergenceKernel<T>{shape, a, raw, inv_2h, m0, m0_field});
    return;
  }
  parallel_for_host(static_cast<std::int64_t>(shape.nz) * shape.nx,
                    DivergenceRows<T>{shape, a, raw, inv_2h, m0, m0_field});
}

template <class T>
void adam_cons(const Exec& exec, const Shape& shape, T* a, T* m, T* v, const T* b, T inv_2h, const AdamStep<T>& step) {
  if (exec.is_cuda()) {
    parallel_for(exec, shape.size(), AdamConsKernel<T>{shape, a, m, v, b, inv_2h, step});
    return;
  }
  parallel_for_host(static_cast<std::int64_t>(shape.nz) * shape.nx, AdamConsRows<T>{shape, a, m, v, b, inv_2h, step});
}

template void divergence<float>(const Exec&, const Shape&, const float*, float*, float, float, const float*);
template void divergence<double>(const Exec&, const Shape&, const double*, double*, double, double, const double*);
template void adam_cons<float>(const Exec&, const Shape&, float*, float*, float*, const float*, float,
                               const AdamStep<float>&);
template void adam_cons<double>(const Exec&, const Shape&, double*, double*, double*, const double*, double,
                                const AdamStep<double>&);

}  // namespace tessera::curvatubes
