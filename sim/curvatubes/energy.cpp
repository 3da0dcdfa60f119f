#include "sim/curvatubes/energy.h"

#include <omp.h>

#include <algorithm>
#include <chrono>

#include "engine/parallel.h"

namespace tessera::curvatubes {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU forward pass over whole rows (z, x): the interior y loop runs the density with
// the far-field softplus (vectorisable); voxels flagged `near` and the two row ends are
// recomputed exactly. Returns the row's sum of f.
template <class T>
struct ForwardRows {
  Shape shape;
  bool periodic;
  const T* u;
  T* adj;
  EnergyCoefs<T> k;
  LocalCoefs<T> scalar_coefs;  // used when !k.spatial()
  bool spatial;
  // Adjoint layout: field k of voxel i at adj[k * adj_stride + i - adj_offset]
  // (whole grid: stride N, offset 0; one plane of the slab ring: stride X*Y, offset z*X*Y).
  std::int64_t adj_stride;
  std::int64_t adj_offset;

  static constexpr int kChunk = 256;

  // kSpatial: every coefficient field is present (the evaluator expands them), so the
  // loads are unconditional and the loop has no control flow.
  template <bool kExact, bool kSpatial>
  T voxel(std::int64_t i, const Stencil19<T>& st, bool& near) const {
    const T h = k.h;
    const Derivatives<T> d = derivatives(st, T(0.5) / h, T(1) / (h * h));
    LocalAdjoints<T> a;
    LocalCoefs<T> lc;
    if constexpr (kSpatial)
      lc = local_coefs<T>(k.f_eps[i], k.f_a20[i], k.f_a11[i], k.f_a02[i], k.f_b10[i], k.f_b01[i], k.f_c[i]);
    else
      lc = scalar_coefs;
    const T f = density<T, kExact>(d, st.c, lc, k, a, near);
    store_adjoints(adj, adj_stride, i - adj_offset, a, h);
    return f;
  }

  double operator()(std::int64_t row) const { return spatial ? run<true>(row) : run<false>(row); }

  template <bool kSpatial>
  double run(std::int64_t row) const {
    const int z = static_cast<int>(row / shape.nx), x = static_cast<int>(row % shape.nx);
    const int ny = shape.ny;
    const int zp = step_coord(z, 1, shape.nz, periodic), zm = step_coord(z, -1, shape.nz, periodic);
    const int xp = step_coord(x, 1, shape.nx, periodic), xm = step_coord(x, -1, shape.nx, periodic);
    const T* r00 = u + shape.index(z, x, 0);
    const T* rp0 = u + shape.index(zp, x, 0);
    const T* rm0 = u + shape.index(zm, x, 0);
    const T* r0p = u + shape.index(z, xp, 0);
    const T* r0m = u + shape.index(z, xm, 0);
    const T* rpp = u + shape.index(zp, xp, 0);
    const T* rmm = u + shape.index(zm, xm, 0);
    const T* rmp = u + shape.index(zm, xp, 0);
    const T* rpm = u + shape.index(zp, xm, 0);
    const std::int64_t base = shape.index(z, x, 0);
    auto stencil = [&](int y, int ym, int yp) {
      Stencil19<T> s;
      s.c = r00[y];
      s.zp = rp0[y];
      s.zm = rm0[y];
      s.xp = r0p[y];
      s.xm = r0m[y];
      s.yp = r00[yp];
      s.ym = r00[ym];
      s.zpxp = rpp[y];
      s.zmxm = rmm[y];
      s.zmxp = rmp[y];
      s.zpxm = rpm[y];
      s.zpyp = rp0[yp];
      s.zmym = rm0[ym];
      s.zmyp = rm0[yp];
      s.zpym = rp0[ym];
      s.xpyp = r0p[yp];
      s.xmym = r0m[ym];
      s.xmyp = r0m[yp];
      s.xpym = r0p[ym];
      return s;
    };
    double acc = 0;
    bool unused = false;
    for (int y : {0, ny - 1}) {
      const int ym = step_coord(y, -1, ny, periodic), yp = step_coord(y, 1, ny, periodic);
      acc += voxel<true, kSpatial>(base + y, stencil(y, ym, yp), unused);
    }
    T fbuf[kChunk];
    unsigned char nearbuf[kChunk];
    for (int y0 = 1; y0 < ny - 1; y0 += kChunk) {
      const int n = std::min(kChunk, ny - 1 - y0);
#pragma omp simd
      for (int j = 0; j < n; ++j) {
        const int y = y0 + j;
        bool near = false;
        fbuf[j] = voxel<false, kSpatial>(base + y, stencil(y, y - 1, y + 1), near);
        nearbuf[j] = near;
      }
      for (int j = 0; j < n; ++j) {
        if (nearbuf[j]) {
          const int y = y0 + j;
          fbuf[j] = voxel<true, kSpatial>(base + y, stencil(y, y - 1, y + 1), unused);
        }
        acc += static_cast<double>(fbuf[j]);
      }
    }
    return acc;
  }
};

// CPU gather over whole rows, periodic mode (the replicate transpose runs per voxel).
// The adjoints of planes z-1, z, z+1 are read from three plane bases with a field
// stride, so the same body serves the whole-grid layout and the slab ring.
template <class T>
struct GatherRows {
  Shape shape;
  const T* adj;
  T* grad;

  void operator()(std::int64_t row) const {
    const int z = static_cast<int>(row / shape.nx), x = static_cast<int>(row % shape.nx);
    const std::int64_t plane = static_cast<std::int64_t>(shape.nx) * shape.ny;
    const int zp = step_coord(z, 1, shape.nz, true), zm = step_coord(z, -1, shape.nz, true);
    gather_row(z, x, adj + zm * plane, adj + z * plane, adj + zp * plane, shape.size());
  }

  void gather_row(int z, int x, const T* base_m, const T* base_0, const T* base_p, std::int64_t n) const {
    const int ny = shape.ny;
    const int xp = step_coord(x, 1, shape.nx, true), xm = step_coord(x, -1, shape.nx, true);
    auto rowp = [&](int k, int dz, int xx) {
      const T* base = dz < 0 ? base_m : (dz > 0 ? base_p : base_0);
      return base + k * n + static_cast<std::int64_t>(xx) * ny;
    };
    const int zp = 1, zm = -1, zc = 0;  // plane offsets
    const T* __restrict phi_u = rowp(kPhiU, zc, x);
    const T* __restrict phz_m = rowp(kPhiZ, zm, x);
    const T* __restrict phz_p = rowp(kPhiZ, zp, x);
    const T* __restrict phx_m = rowp(kPhiX, zc, xm);
    const T* __restrict phx_p = rowp(kPhiX, zc, xp);
    const T* __restrict phy = rowp(kPhiY, zc, x);
    const T* __restrict pzz_p = rowp(kPsiZZ, zp, x);
    const T* __restrict pzz_m = rowp(kPsiZZ, zm, x);
    const T* __restrict pzz = rowp(kPsiZZ, zc, x);
    const T* __restrict pxx_p = rowp(kPsiXX, zc, xp);
    const T* __restrict pxx_m = rowp(kPsiXX, zc, xm);
    const T* __restrict pxx = rowp(kPsiXX, zc, x);
    const T* __restrict pyy = rowp(kPsiYY, zc, x);
    const T* __restrict pzx_pp = rowp(kPsiZX, zp, xp);
    const T* __restrict pzx_mm = rowp(kPsiZX, zm, xm);
    const T* __restrict pzx_mp = rowp(kPsiZX, zm, xp);
    const T* __restrict pzx_pm = rowp(kPsiZX, zp, xm);
    const T* __restrict pzy_p = rowp(kPsiZY, zp, x);
    const T* __restrict pzy_m = rowp(kPsiZY, zm, x);
    const T* __restrict pxy_p = rowp(kPsiXY, zc, xp);
    const T* __restrict pxy_m = rowp(kPsiXY, zc, xm);
    T* __restrict g = grad + shape.index(z, x, 0);
    auto at = [&](int y, int ym, int yp) {
      T v = phi_u[y];
      v += phz_m[y] - phz_p[y];
      v += phx_m[y] - phx_p[y];
      v += phy[ym] - phy[yp];
      v += pzz_p[y] + pzz_m[y] - T(2) * pzz[y];
      v += pxx_p[y] + pxx_m[y] - T(2) * pxx[y];
      v += pyy[yp] + pyy[ym] - T(2) * pyy[y];
      v += pzx_pp[y] + pzx_mm[y] - pzx_mp[y] - pzx_pm[y];
      v += pzy_p[yp] + pzy_m[ym] - pzy_m[yp] - pzy_p[ym];
      v += pxy_p[yp] + pxy_m[ym] - pxy_m[yp] - pxy_p[ym];
      return v;
    };
    g[0] = at(0, ny - 1, 1);
    g[ny - 1] = at(ny - 1, ny - 2, 0);
#pragma omp simd
    for (int y = 1; y < ny - 1; ++y) g[y] = at(y, y - 1, y + 1);
  }
};

}  // namespace

template <class T>
EnergyEvaluator<T>::EnergyEvaluator(const Exec& exec, const CurvatubesParams& p)
    : m_shape{p.nz, p.nx, p.ny}, m_periodic(p.boundary == Boundary::Periodic) {
  EnergyCoefs<T>& k = m_coefs;
  k.eps = static_cast<T>(p.eps);
  k.a20 = static_cast<T>(p.coeffs.a20);
  k.a11 = static_cast<T>(p.coeffs.a11);
  k.a02 = static_cast<T>(p.coeffs.a02);
  k.b10 = static_cast<T>(p.coeffs.b10);
  k.b01 = static_cast<T>(p.coeffs.b01);
  k.c = static_cast<T>(p.coeffs.c);
  k.mu = static_cast<T>(p.mu);
  for (int a = 0; a < 3; ++a) k.theta[a] = static_cast<T>(p.mu != 0 ? p.theta[a] : 0.0);
  k.xi2 = static_cast<T>(p.xi * p.xi);
  k.xi_s = static_cast<T>(p.xi_s);
  k.h = static_cast<T>(p.h);
  const std::vector<double>* src[7] = {&p.spatial.eps, &p.spatial.a20, &p.spatial.a11, &p.spatial.a02,
                                       &p.spatial.b10, &p.spatial.b01, &p.spatial.c};
  // Spatialised: expand every coefficient to a field (scalars repeated) so that the
  // kernels load all seven unconditionally.
  const bool any =
      std::any_of(std::begin(src), std::end(src), [](const std::vector<double>* f) { return !f->empty(); });
  const double scalars[7] = {p.eps, p.coeffs.a20, p.coeffs.a11, p.coeffs.a02, p.coeffs.b10, p.coeffs.b01, p.coeffs.c};
  for (int f = 0; f < 7 && any; ++f) {
    if (src[f]->empty())
      m_fields[f].host().assign(static_cast<std::size_t>(m_shape.size()), static_cast<T>(scalars[f]));
    else
      m_fields[f].host().assign(src[f]->begin(), src[f]->end());
    m_fields[f].upload(exec);
  }
  m_adj.resize(static_cast<std::size_t>(kNumAdjoints) * m_shape.size());
  m_adj.data(exec);  // allocate the device copy once
}

template <class T>
const EnergyCoefs<T>& EnergyEvaluator<T>::coefs(const Exec& exec) {
  const T** dst[7] = {&m_coefs.f_eps, &m_coefs.f_a20, &m_coefs.f_a11, &m_coefs.f_a02,
                      &m_coefs.f_b10, &m_coefs.f_b01, &m_coefs.f_c};
  for (int f = 0; f < 7; ++f) *dst[f] = m_fields[f].size() ? m_fields[f].data(exec) : nullptr;
  return m_coefs;
}

template <class T>
double EnergyEvaluator<T>::evaluate(const Exec& exec, const T* u, T* grad) {
  const EnergyCoefs<T>& k = coefs(exec);
  const double h = static_cast<double>(k.h);
  const auto t0 = std::chrono::steady_clock::now();
  if (!exec.is_cuda() && m_periodic && grad && m_slab_pipeline) {
    const double sum = evaluate_slabs(u, grad);
    m_forward_s = seconds_since(t0);
    m_gather_s = 0;
    return sum * h * h * h;
  }
  T* adj = m_adj.data(exec);
  double sum;
  if (exec.is_cuda()) {
    sum = transform_reduce(exec, m_shape.size(), 0.0, SumOp{}, ForwardKernel<T>{m_shape, m_periodic, u, adj, k});
  } else {
    const LocalCoefs<T> lc = local_coefs<T>(k.eps, k.a20, k.a11, k.a02, k.b10, k.b01, k.c);
    const ForwardRows<T> rows{m_shape, m_periodic, u, adj, k, lc, k.spatial(), m_shape.size(), 0};
    sum = transform_reduce_host(static_cast<std::int64_t>(m_shape.nz) * m_shape.nx, 0.0, SumOp{}, rows);
  }
  m_forward_s = seconds_since(t0);
  const auto t1 = std::chrono::steady_clock::now();
  if (grad) {
    if (exec.is_cuda() || !m_periodic)
      parallel_for(exec, m_shape.size(), GatherKernel<T>{m_shape, m_periodic, adj, grad});
    else
      parallel_for_host(static_cast<std::int64_t>(m_shape.nz) * m_shape.nx, GatherRows<T>{m_shape, adj, grad});
  }
  m_gather_s = seconds_since(t1);
  return sum * h * h * h;
}

// CPU, periodic: forward and gather pipelined plane by plane. Each thread owns a
// contiguous range of z planes and keeps the adjoints of three planes (z-1, z, z+1)
// in a private ring, so the ten adjoint fields never travel to memory (ref. 4.8's
// passes 1-2 fused). The planes just outside a range are recomputed by both
// neighbours (their energy counted once). Every voxel's adjoints and gradient come
// from the same code whatever the thread count, so fields are bitwise reproducible.
template <class T>
double EnergyEvaluator<T>::evaluate_slabs(const T* u, T* grad) {
  const EnergyCoefs<T>& k = m_coefs;
  const int nz = m_shape.nz, nx = m_shape.nx;
  const std::int64_t plane = static_cast<std::int64_t>(nx) * m_shape.ny;
  const std::int64_t slot_size = kNumAdjoints * plane;
  const int n_threads = omp_get_max_threads();
  m_ring.resize(static_cast<std::size_t>(n_threads) * 3 * slot_size);
  std::vector<double> partial(static_cast<std::size_t>(n_threads), 0.0);
  const LocalCoefs<T> lc = local_coefs<T>(k.eps, k.a20, k.a11, k.a02, k.b10, k.b01, k.c);
  const ForwardRows<T> base_rows{m_shape, true, u, nullptr, k, lc, k.spatial(), plane, 0};
  const GatherRows<T> gather{m_shape, nullptr, grad};
  T* ring_all = m_ring.data();
#pragma omp parallel num_threads(n_threads)
  {
    const int t = omp_get_thread_num(), nt = omp_get_num_threads();
    const int z0 = static_cast<int>(static_cast<std::int64_t>(nz) * t / nt);
    const int z1 = static_cast<int>(static_cast<std::int64_t>(nz) * (t + 1) / nt);
    T* ring = ring_all + static_cast<std::int64_t>(t) * 3 * slot_size;
    // Unwrapped plane q -> ring slot; q in [z0 - 1, z1] so three consecutive q differ.
    auto slot = [&](int q) { return ring + static_cast<std::int64_t>(((q % 3) + 3) % 3) * slot_size; };
    double acc = 0;
    auto forward_plane = [&](int q, bool count) {
      const int zw = ((q % nz) + nz) % nz;
      ForwardRows<T> rows = base_rows;
      rows.adj = slot(q);
      rows.adj_offset = zw * plane;
      double s = 0;
      for (int x = 0; x < nx; ++x) s += rows(static_cast<std::int64_t>(zw) * nx + x);
      if (count) acc += s;
    };
    if (z0 < z1) {
      forward_plane(z0 - 1, false);
      forward_plane(z0, true);
      for (int z = z0; z < z1; ++z) {
        forward_plane(z + 1, z + 1 < z1);
        for (int x = 0; x < nx; ++x) gather.gather_row(z, x, slot(z - 1), slot(z), slot(z + 1), plane);
      }
    }
    partial[t] = acc;
  }
  double sum = 0;
  for (double p : partial) sum += p;  // thread order: deterministic for a thread count
  return sum;
}

template class EnergyEvaluator<float>;
template class EnergyEvaluator<double>;

}  // namespace tessera::curvatubes
