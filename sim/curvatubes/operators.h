#pragma once
// Host-device kernel bodies of the curvatubes energy (ref. 1.4, 4.1-4.3), the
// divergence (ref. 2.3/2.4) and the small reductions. One thread per voxel on the GPU;
// the CPU runs row-wise variants of the same bodies (operators_rows.h) so that the
// innermost loop over the fastest axis (Y) vectorises.
//
// Storage: index(z, x, y) = y + Y * (x + X * z) (see params.h). Adjoint fields are one
// buffer of kNumAdjoints * N values, component-major in the order of enum Adjoint.
// They are stored pre-scaled by the factors of the gather (ref. 4.3) so that
//   dE/du(i) = phi'(i) + sum_a [Phi'_a(i-e_a) - Phi'_a(i+e_a)]
//            + sum_a [Psi'_aa(i+e_a) + Psi'_aa(i-e_a) - 2 Psi'_aa(i)]
//            + sum_{a<b} [Psi'_ab(i+e_a+e_b) + Psi'_ab(i-e_a-e_b) - Psi'_ab(i-e_a+e_b) - Psi'_ab(i+e_a-e_b)]
// with Phi' = Phi h^2/2, Psi'_aa = Psi_aa h, Psi'_ab = Psi_ab h/4, phi' = phi h^3.
#include <cmath>
#include <cstdint>

#include "engine/host_device.h"

namespace tessera::curvatubes {

struct Shape {
  int nz = 0, nx = 0, ny = 0;
  TESSERA_HD std::int64_t size() const { return static_cast<std::int64_t>(nz) * nx * ny; }
  TESSERA_HD std::int64_t index(int z, int x, int y) const {
    return y + static_cast<std::int64_t>(ny) * (x + static_cast<std::int64_t>(nx) * z);
  }
  TESSERA_HD void coords(std::int64_t i, int& z, int& x, int& y) const {
    y = static_cast<int>(i % ny);
    const std::int64_t rest = i / ny;
    x = static_cast<int>(rest % nx);
    z = static_cast<int>(rest / nx);
  }
};

enum Adjoint : int {
  kPhiZ = 0,
  kPhiX,
  kPhiY,  // dE/d(first derivative), scaled
  kPsiZZ,
  kPsiXX,
  kPsiYY,  // dE/d(pure second derivative), scaled
  kPsiZX,
  kPsiZY,
  kPsiXY,  // dE/d(mixed derivative), scaled
  kPhiU,   // explicit dE/du through W'(u), scaled
  kNumAdjoints
};

// ---- scalar maths usable on host and device for float and double ----------------
TESSERA_HD inline float ct_sqrt(float x) {
  return ::sqrtf(x);
}
TESSERA_HD inline double ct_sqrt(double x) {
  return ::sqrt(x);
}
TESSERA_HD inline float ct_exp(float x) {
  return ::expf(x);
}
TESSERA_HD inline double ct_exp(double x) {
  return ::exp(x);
}
TESSERA_HD inline float ct_log1p(float x) {
  return ::log1pf(x);
}
TESSERA_HD inline double ct_log1p(double x) {
  return ::log1p(x);
}
TESSERA_HD inline float ct_abs(float x) {
  return ::fabsf(x);
}
TESSERA_HD inline double ct_abs(double x) {
  return ::fabs(x);
}

// Neighbour coordinate c + d (|d| <= 1) on an axis of n voxels: wrap or clamp (ref. 2.1).
TESSERA_HD inline int step_coord(int c, int d, int n, bool periodic) {
  int v = c + d;
  if (v < 0) v = periodic ? v + n : 0;
  if (v >= n) v = periodic ? v - n : n - 1;
  return v;
}

// The 19 values of the 3x3x3 neighbourhood that the stencils of ref. 2.2 read.
template <class T>
struct Stencil19 {
  T c;
  T zp, zm, xp, xm, yp, ym;  // +-e_a
  T zpxp, zmxm, zmxp, zpxm;  // zx diagonals
  T zpyp, zmym, zmyp, zpym;  // zy diagonals
  T xpyp, xmym, xmyp, xpym;  // xy diagonals
};

// Scaled derivatives (ref. 2.2): g = G u / h, H = D u / h^2.
template <class T>
struct Derivatives {
  T gz, gx, gy;
  T hzz, hxx, hyy, hzx, hzy, hxy;
};

template <class T>
TESSERA_HD inline Derivatives<T> derivatives(const Stencil19<T>& s, T inv_2h, T inv_h2) {
  Derivatives<T> d;
  d.gz = (s.zp - s.zm) * inv_2h;
  d.gx = (s.xp - s.xm) * inv_2h;
  d.gy = (s.yp - s.ym) * inv_2h;
  d.hzz = (s.zp + s.zm - T(2) * s.c) * inv_h2;
  d.hxx = (s.xp + s.xm - T(2) * s.c) * inv_h2;
  d.hyy = (s.yp + s.ym - T(2) * s.c) * inv_h2;
  const T q = T(0.25) * inv_h2;
  d.hzx = (s.zpxp + s.zmxm - s.zmxp - s.zpxm) * q;
  d.hzy = (s.zpyp + s.zmym - s.zmyp - s.zpym) * q;
  d.hxy = (s.xpyp + s.xmym - s.xmyp - s.xpym) * q;
  return d;
}

// Per-voxel model constants: scalars, optionally replaced by per-voxel fields (ref. 1.6).
template <class T>
struct EnergyCoefs {
  T eps, a20, a11, a02, b10, b01, c;
  const T* f_eps;  // nullptr = use the scalar
  const T* f_a20;
  const T* f_a11;
  const T* f_a02;
  const T* f_b10;
  const T* f_b01;
  const T* f_c;
  T mu;        // orientation weight (0 = off)
  T theta[3];  // unit vector (z, x, y)
  T xi2;       // xi^2 (gradient regularisation)
  T xi_s;      // softplus sharpness/offset
  T h;         // voxel length
  bool spatial() const { return f_eps || f_a20 || f_a11 || f_a02 || f_b10 || f_b01 || f_c; }
};

// The density's combinations of ref. 1.4: alpha Q + beta T R + gamma T^2 + delta nu T + eta nu R + c eps s.
template <class T>
struct LocalCoefs {
  T eps, alpha, beta, gamma, delta, eta, c_eps;
};

template <class T>
TESSERA_HD inline LocalCoefs<T> local_coefs(T eps, T a20, T a11, T a02, T b10, T b01, T c) {
  const T inv_2eps = T(0.5) / eps;
  return LocalCoefs<T>{eps,
                       (a20 + a02 - a11) * inv_2eps,
                       (a20 - a02) * inv_2eps,
                       a11 * inv_2eps,
                       T(0.5) * (b10 + b01),
                       T(0.5) * (b10 - b01),
                       c * eps};
}

template <class T>
TESSERA_HD inline LocalCoefs<T> local_coefs_at(const EnergyCoefs<T>& k, std::int64_t i) {
  return local_coefs<T>(k.f_eps ? k.f_eps[i] : k.eps, k.f_a20 ? k.f_a20[i] : k.a20, k.f_a11 ? k.f_a11[i] : k.a11,
                        k.f_a02 ? k.f_a02[i] : k.a02, k.f_b10 ? k.f_b10[i] : k.b10, k.f_b01 ? k.f_b01[i] : k.b01,
                        k.f_c ? k.f_c[i] : k.c);
}

// The ten local adjoints of ref. 4.2 (unscaled).
template <class T>
struct LocalAdjoints {
  T phi_z, phi_x, phi_y;
  T psi_zz, psi_xx, psi_yy, psi_zx, psi_zy, psi_xy;
  T phi_u;
};

// Beyond |r|/xi_s > kSoftplusFar the softplus is max(r,0) + xi_s to below double
// round-off (the dropped term is xi_s e^{-40} ~ 4e-18 xi_s) and its slope is 0 or 1.
inline constexpr double kSoftplusFar = 40.0;

// Density f (ref. 1.4) and its local adjoints (ref. 4.2).
// kExact = false replaces the softplus by its far-field limit (no exp/log, so the CPU
// loop vectorises) and sets `near` when that limit is not exact for this voxel; the
// caller then recomputes the voxel with kExact = true.
template <class T, bool kExact>
TESSERA_HD inline T density(const Derivatives<T>& d, T u, const LocalCoefs<T>& k, const EnergyCoefs<T>& kc,
                            LocalAdjoints<T>& adj, bool& near) {
  const T eps = k.eps;
  const T s = d.gz * d.gz + d.gx * d.gx + d.gy * d.gy;
  const T q = s + kc.xi2;
  const T nu = ct_sqrt(q);
  const T w = u * u * u - u;
  const T p = d.hzz * d.gz * d.gz + d.hxx * d.gx * d.gx + d.hyy * d.gy * d.gy +
              T(2) * (d.hzx * d.gz * d.gx + d.hzy * d.gz * d.gy + d.hxy * d.gx * d.gy);
  const T inv_q = T(1) / q;
  const T n = p * inv_q;
  const T inv_eps = T(1) / eps;
  const T tr = -eps * (d.hzz + d.hxx + d.hyy) + w * inv_eps;
  const T hess2 =
      d.hzz * d.hzz + d.hxx * d.hxx + d.hyy * d.hyy + T(2) * (d.hzx * d.hzx + d.hzy * d.hzy + d.hxy * d.hxy);
  const T qn = eps * eps * hess2 + w * w * inv_eps * inv_eps - T(2) * w * n;  // |M|^2
  const T r = T(2) * qn - tr * tr;
  const T xs = kc.xi_s;
  T sp, slope;  // softplus sigma(r) and sigma'(r)
  if constexpr (kExact) {
    const T e = ct_exp(-ct_abs(r) / xs);  // in (0, 1]
    sp = xs + (r > T(0) ? r : T(0)) + xs * ct_log1p(e);
    slope = r >= T(0) ? T(1) / (T(1) + e) : e / (T(1) + e);
    near = false;
  } else {
    near = ct_abs(r) < T(kSoftplusFar) * xs;
    sp = xs + (r > T(0) ? r : T(0));
    slope = r > T(0) ? T(1) : T(0);
  }
  const T rr = ct_sqrt(sp);
  const T tg = kc.theta[0] * d.gz + kc.theta[1] * d.gx + kc.theta[2] * d.gy;  // theta . grad u
  const T f = k.alpha * qn + k.beta * tr * rr + k.gamma * tr * tr + k.delta * nu * tr + k.eta * nu * rr + k.c_eps * s +
              kc.mu * eps * tg * tg;
  {
    const T f_rr = k.beta * tr + k.eta * nu;
    const T f_r = f_rr * slope / (T(2) * rr);
    const T f_qn = k.alpha + T(2) * f_r;
    const T f_tr = k.beta * rr + T(2) * k.gamma * tr + k.delta * nu - T(2) * tr * f_r;
    const T f_nu = k.delta * tr + k.eta * rr;
    const T f_w = f_qn * (T(2) * w * inv_eps * inv_eps - T(2) * n) + f_tr * inv_eps;
    const T f_p = -T(2) * w * f_qn * inv_q;
    const T f_q = f_nu / (T(2) * nu) + T(2) * w * f_qn * n * inv_q;
    const T f_s = k.c_eps + f_q;
    const T hg_z = d.hzz * d.gz + d.hzx * d.gx + d.hzy * d.gy;
    const T hg_x = d.hzx * d.gz + d.hxx * d.gx + d.hxy * d.gy;
    const T hg_y = d.hzy * d.gz + d.hxy * d.gx + d.hyy * d.gy;
    const T orient = T(2) * kc.mu * eps * tg;
    adj.phi_z = T(2) * f_s * d.gz + T(2) * f_p * hg_z + orient * kc.theta[0];
    adj.phi_x = T(2) * f_s * d.gx + T(2) * f_p * hg_x + orient * kc.theta[1];
    adj.phi_y = T(2) * f_s * d.gy + T(2) * f_p * hg_y + orient * kc.theta[2];
    const T e2q = T(2) * eps * eps * f_qn;
    const T ef = eps * f_tr;
    adj.psi_zz = e2q * d.hzz - ef + f_p * d.gz * d.gz;
    adj.psi_xx = e2q * d.hxx - ef + f_p * d.gx * d.gx;
    adj.psi_yy = e2q * d.hyy - ef + f_p * d.gy * d.gy;
    adj.psi_zx = T(2) * e2q * d.hzx + T(2) * f_p * d.gz * d.gx;
    adj.psi_zy = T(2) * e2q * d.hzy + T(2) * f_p * d.gz * d.gy;
    adj.psi_xy = T(2) * e2q * d.hxy + T(2) * f_p * d.gx * d.gy;
    adj.phi_u = f_w * (T(3) * u * u - T(1));
  }
  return f;
}

// Diffuse principal curvatures (ref. 1.3/1.4): k1 = (T+R)/(2 eps nu), k2 = (T-R)/(2 eps nu).
template <class T>
TESSERA_HD inline void diffuse_curvatures(const Derivatives<T>& d, T u, T eps, T xi2, T xi_s, T& k1, T& k2) {
  const T s = d.gz * d.gz + d.gx * d.gx + d.gy * d.gy;
  const T q = s + xi2;
  const T nu = ct_sqrt(q);
  const T w = u * u * u - u;
  const T p = d.hzz * d.gz * d.gz + d.hxx * d.gx * d.gx + d.hyy * d.gy * d.gy +
              T(2) * (d.hzx * d.gz * d.gx + d.hzy * d.gz * d.gy + d.hxy * d.gx * d.gy);
  const T n = p / q;
  const T tr = -eps * (d.hzz + d.hxx + d.hyy) + w / eps;
  const T hess2 =
      d.hzz * d.hzz + d.hxx * d.hxx + d.hyy * d.hyy + T(2) * (d.hzx * d.hzx + d.hzy * d.hzy + d.hxy * d.hxy);
  const T qn = eps * eps * hess2 + w * w / (eps * eps) - T(2) * w * n;
  const T r = T(2) * qn - tr * tr;
  const T e = ct_exp(-ct_abs(r) / xi_s);
  const T rr = ct_sqrt(xi_s + (r > T(0) ? r : T(0)) + xi_s * ct_log1p(e));
  k1 = (tr + rr) / (T(2) * eps * nu);
  k2 = (tr - rr) / (T(2) * eps * nu);
}

// Reads the 19-point neighbourhood of (z, x, y) with wrap or clamp.
template <class T>
TESSERA_HD inline Stencil19<T> load_stencil(const T* u, const Shape& sh, int z, int x, int y, bool periodic) {
  const int zp = step_coord(z, 1, sh.nz, periodic), zm = step_coord(z, -1, sh.nz, periodic);
  const int xp = step_coord(x, 1, sh.nx, periodic), xm = step_coord(x, -1, sh.nx, periodic);
  const int yp = step_coord(y, 1, sh.ny, periodic), ym = step_coord(y, -1, sh.ny, periodic);
  Stencil19<T> s;
  s.c = u[sh.index(z, x, y)];
  s.zp = u[sh.index(zp, x, y)];
  s.zm = u[sh.index(zm, x, y)];
  s.xp = u[sh.index(z, xp, y)];
  s.xm = u[sh.index(z, xm, y)];
  s.yp = u[sh.index(z, x, yp)];
  s.ym = u[sh.index(z, x, ym)];
  s.zpxp = u[sh.index(zp, xp, y)];
  s.zmxm = u[sh.index(zm, xm, y)];
  s.zmxp = u[sh.index(zm, xp, y)];
  s.zpxm = u[sh.index(zp, xm, y)];
  s.zpyp = u[sh.index(zp, x, yp)];
  s.zmym = u[sh.index(zm, x, ym)];
  s.zmyp = u[sh.index(zm, x, yp)];
  s.zpym = u[sh.index(zp, x, ym)];
  s.xpyp = u[sh.index(z, xp, yp)];
  s.xmym = u[sh.index(z, xm, ym)];
  s.xmyp = u[sh.index(z, xm, yp)];
  s.xpym = u[sh.index(z, xp, ym)];
  return s;
}

// Stores the scaled adjoints of one voxel (scales: see the header comment).
template <class T>
TESSERA_HD inline void store_adjoints(T* adj, std::int64_t n, std::int64_t i, const LocalAdjoints<T>& a, T h) {
  const T s_phi = T(0.5) * h * h, s_aa = h, s_ab = T(0.25) * h, s_u = h * h * h;
  adj[kPhiZ * n + i] = a.phi_z * s_phi;
  adj[kPhiX * n + i] = a.phi_x * s_phi;
  adj[kPhiY * n + i] = a.phi_y * s_phi;
  adj[kPsiZZ * n + i] = a.psi_zz * s_aa;
  adj[kPsiXX * n + i] = a.psi_xx * s_aa;
  adj[kPsiYY * n + i] = a.psi_yy * s_aa;
  adj[kPsiZX * n + i] = a.psi_zx * s_ab;
  adj[kPsiZY * n + i] = a.psi_zy * s_ab;
  adj[kPsiXY * n + i] = a.psi_xy * s_ab;
  adj[kPhiU * n + i] = a.phi_u * s_u;
}

// Forward pass, one voxel: returns the density f (the energy is h^3 * sum f) and
// writes the ten scaled adjoints.
template <class T>
struct ForwardKernel {
  Shape shape;
  bool periodic;
  const T* u;
  T* adj;  // kNumAdjoints * N
  EnergyCoefs<T> k;

  TESSERA_HD double operator()(std::int64_t i) const {
    int z, x, y;
    shape.coords(i, z, x, y);
    const Stencil19<T> st = load_stencil(u, shape, z, x, y, periodic);
    const T h = k.h;
    const Derivatives<T> d = derivatives(st, T(0.5) / h, T(1) / (h * h));
    LocalAdjoints<T> a;
    bool near = false;
    const T f = density<T, true>(d, st.c, local_coefs_at(k, i), k, a, near);
    store_adjoints(adj, shape.size(), i, a, h);
    return static_cast<double>(f);
  }
};

// Transposed stencils at (possibly ghost) coordinate (z, x, y). `read(k, z, x, y)`
// returns scaled adjoint k at a coordinate one step away (wrapped, or 0 outside).
template <class T, class Read>
TESSERA_HD inline T transposed_stencils(int z, int x, int y, const Read& read) {
  T g = read(kPhiU, z, x, y);
  g += read(kPhiZ, z - 1, x, y) - read(kPhiZ, z + 1, x, y);
  g += read(kPhiX, z, x - 1, y) - read(kPhiX, z, x + 1, y);
  g += read(kPhiY, z, x, y - 1) - read(kPhiY, z, x, y + 1);
  g += read(kPsiZZ, z + 1, x, y) + read(kPsiZZ, z - 1, x, y) - T(2) * read(kPsiZZ, z, x, y);
  g += read(kPsiXX, z, x + 1, y) + read(kPsiXX, z, x - 1, y) - T(2) * read(kPsiXX, z, x, y);
  g += read(kPsiYY, z, x, y + 1) + read(kPsiYY, z, x, y - 1) - T(2) * read(kPsiYY, z, x, y);
  g += read(kPsiZX, z + 1, x + 1, y) + read(kPsiZX, z - 1, x - 1, y) - read(kPsiZX, z - 1, x + 1, y) -
       read(kPsiZX, z + 1, x - 1, y);
  g += read(kPsiZY, z + 1, x, y + 1) + read(kPsiZY, z - 1, x, y - 1) - read(kPsiZY, z - 1, x, y + 1) -
       read(kPsiZY, z + 1, x, y - 1);
  g += read(kPsiXY, z, x + 1, y + 1) + read(kPsiXY, z, x - 1, y - 1) - read(kPsiXY, z, x - 1, y + 1) -
       read(kPsiXY, z, x + 1, y - 1);
  return g;
}

// Periodic reader: coordinates are at most one step (two for ghosts) outside; wrap once.
template <class T>
struct WrapReader {
  const T* adj;
  Shape sh;
  TESSERA_HD static int wrap(int c, int n) { return c < 0 ? c + n : (c >= n ? c - n : c); }
  TESSERA_HD T operator()(int k, int z, int x, int y) const {
    return adj[k * sh.size() + sh.index(wrap(z, sh.nz), wrap(x, sh.nx), wrap(y, sh.ny))];
  }
};

// Zero-extension reader for the exact replicate transpose (ref. 2.4).
template <class T>
struct ZeroReader {
  const T* adj;
  Shape sh;
  TESSERA_HD T operator()(int k, int z, int x, int y) const {
    if (z < 0 || z >= sh.nz || x < 0 || x >= sh.nx || y < 0 || y >= sh.ny) return T(0);
    return adj[k * sh.size() + sh.index(z, x, y)];
  }
};

// Gather, one voxel: grad[i] = dE/du(i) (includes h^3; ref. 4.3). In replicate mode
// it is the exact transpose of the clamped stencils: the transposed stencils applied
// to the zero-extended adjoints, summed over every (ghost) position that clamps to i.
template <class T>
struct GatherKernel {
  Shape shape;
  bool periodic;
  const T* adj;
  T* grad;

  TESSERA_HD void operator()(std::int64_t i) const {
    int z, x, y;
    shape.coords(i, z, x, y);
    if (periodic) {
      grad[i] = transposed_stencils<T>(z, x, y, WrapReader<T>{adj, shape});
      return;
    }
    const ZeroReader<T> read{adj, shape};
    int cz[2] = {z, 0}, cx[2] = {x, 0}, cy[2] = {y, 0};
    int nz = 1, nx = 1, ny = 1;
    if (z == 0)
      cz[nz++] = -1;
    else if (z == shape.nz - 1)
      cz[nz++] = shape.nz;
    if (x == 0)
      cx[nx++] = -1;
    else if (x == shape.nx - 1)
      cx[nx++] = shape.nx;
    if (y == 0)
      cy[ny++] = -1;
    else if (y == shape.ny - 1)
      cy[ny++] = shape.ny;
    T g = T(0);
    for (int a = 0; a < nz; ++a)
      for (int b = 0; b < nx; ++b)
        for (int c = 0; c < ny; ++c) g += transposed_stencils<T>(cz[a], cx[b], cy[c], read);
    grad[i] = g;
  }
};

// raw = (div A)/h + M0 (ref. 2.3, 2.6), periodic. A is component-major (z, x, y).
template <class T>
struct DivergenceKernel {
  Shape shape;
  const T* a;
  T* raw;
  T inv_2h;
  T m0;
  const T* f_m0;  // per-voxel M0 or nullptr

  TESSERA_HD void operator()(std::int64_t i) const {
    int z, x, y;
    shape.coords(i, z, x, y);
    const std::int64_t n = shape.size();
    const T* az = a;
    const T* ax = a + n;
    const T* ay = a + 2 * n;
    const T div = az[shape.index(step_coord(z, 1, shape.nz, true), x, y)] -
                  az[shape.index(step_coord(z, -1, shape.nz, true), x, y)] +
                  ax[shape.index(z, step_coord(x, 1, shape.nx, true), y)] -
                  ax[shape.index(z, step_coord(x, -1, shape.nx, true), y)] +
                  ay[shape.index(z, x, step_coord(y, 1, shape.ny, true))] -
                  ay[shape.index(z, x, step_coord(y, -1, shape.ny, true))];
    raw[i] = div * inv_2h + (f_m0 ? f_m0[i] : m0);
  }
};

// dE/dA_a(i) = [b(i-e_a) - b(i+e_a)] / (2h) (ref. 4.4), periodic.
template <class T>
TESSERA_HD inline void divergence_transpose_at(const Shape& sh, const T* b, int z, int x, int y, T inv_2h, T g[3]) {
  g[0] =
      (b[sh.index(step_coord(z, -1, sh.nz, true), x, y)] - b[sh.index(step_coord(z, 1, sh.nz, true), x, y)]) * inv_2h;
  g[1] =
      (b[sh.index(z, step_coord(x, -1, sh.nx, true), y)] - b[sh.index(z, step_coord(x, 1, sh.nx, true), y)]) * inv_2h;
  g[2] =
      (b[sh.index(z, x, step_coord(y, -1, sh.ny, true))] - b[sh.index(z, x, step_coord(y, 1, sh.ny, true))]) * inv_2h;
}

// field[i] += shift (the Averm0 projection, ref. 3.1).
template <class T>
struct ShiftKernel {
  T* field;
  T shift;
  TESSERA_HD void operator()(std::int64_t i) const { field[i] += shift; }
};

// ---- small reductions (double accumulators) -----------------------------------
template <class T>
struct ValueKernel {  // f(i) = field[i] (sum / min / max)
  const T* field;
  TESSERA_HD double operator()(std::int64_t i) const { return static_cast<double>(field[i]); }
};
template <class T>
struct AbsKernel {  // f(i) = |field[i] - shift|
  const T* field;
  T shift;
  TESSERA_HD double operator()(std::int64_t i) const { return static_cast<double>(ct_abs(field[i] - shift)); }
};
template <class T>
struct PositiveKernel {  // f(i) = 1 if field[i] > 0 (solid fraction)
  const T* field;
  TESSERA_HD double operator()(std::int64_t i) const { return field[i] > T(0) ? 1.0 : 0.0; }
};
// |dE/dA| components of voxel i folded to sum (max_mode = false) or max (true).
template <class T>
struct GradAAbsKernel {
  Shape shape;
  const T* b;
  T inv_2h;
  bool max_mode;
  TESSERA_HD double operator()(std::int64_t i) const {
    int z, x, y;
    shape.coords(i, z, x, y);
    T g[3];
    divergence_transpose_at(shape, b, z, x, y, inv_2h, g);
    const double a0 = ct_abs(g[0]), a1 = ct_abs(g[1]), a2 = ct_abs(g[2]);
    if (max_mode) return a0 > a1 ? (a0 > a2 ? a0 : a2) : (a1 > a2 ? a1 : a2);
    return a0 + a1 + a2;
  }
};

}  // namespace tessera::curvatubes
