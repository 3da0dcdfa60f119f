#include "sim/tension/surface_tension_2d.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/error.h"

namespace tessera {
namespace {

// The reference's regulariser in norms and divisions (section 4.5).
constexpr double kTiny = 1e-8;
// kOutsideLabel of sim/laguerre.h: a pixel outside the domain mask.
constexpr std::int32_t kOutside = -2;

std::string format_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", v);
  return buffer;
}

// g = p u (|u| + 1e-8)^(p-2), the gradient of |u|^p: for power costs the a-b interface
// is a level set of |u_a|^p - |u_b|^p, so g_a - g_b is its normal (p = 2: 2 u, no pow).
Vec3 normal_gradient(const Vec3& u, double p) {
  if (p == 2.0) return 2.0 * u;
  return p * std::pow(norm(u) + kTiny, p - 2.0) * u;
}

// Unit vector, with hat(0) = 0 (section 4.5).
Vec3 unit(const Vec3& v) {
  const double n = norm(v);
  return n > 0 ? v * (1.0 / n) : Vec3{};
}

Vec3 rotate_90(const Vec3& v) {
  return Vec3{-v.y, v.x, 0.0};
}

int wrap_index(int q, int n) {
  q %= n;
  return q < 0 ? q + n : q;
}

// Input shared by both forces.
void check_cells(const Grid& grid, int n_cells, std::span<const Vec3> seeds, std::span<const int> types,
                 const TensionTable& tensions, const SurfaceTensionParams& params, const char* who) {
  const std::string name(who);
  TESSERA_REQUIRE(grid.dim == 2, name + ": surface tension by bands and junctions is 2D only");
  TESSERA_REQUIRE(static_cast<int>(seeds.size()) == n_cells,
                  name + ": " + std::to_string(seeds.size()) + " seeds for " + std::to_string(n_cells) + " cells");
  TESSERA_REQUIRE(types.size() == seeds.size(), name + ": " + std::to_string(types.size()) + " cell types for " +
                                                    std::to_string(seeds.size()) + " cells");
  for (std::size_t i = 0; i < types.size(); ++i)
    TESSERA_REQUIRE(types[i] >= 1 && types[i] < tensions.n_types(),
                    name + ": cell " + std::to_string(i) + " has type " + std::to_string(types[i]) +
                        "; cell types are 1 .. " + std::to_string(tensions.n_types() - 1) + " (0 is the medium)");
  TESSERA_REQUIRE(std::isfinite(params.p) && params.p > 0,
                  name + ": the normal exponent p must be finite and > 0 (got " + format_number(params.p) + ")");
}

// One axis of a pair's local bitmap. Coordinates are "unwrapped" relative to the pair's
// first boundary pixel, so a pair straddling a periodic edge gets one compact window;
// when even that window would cover the axis, the axis is used whole, modulo n.
struct AxisWindow {
  int n = 1;
  bool periodic = false;
  bool whole = false;  // local = global coordinate (periodic, modulo n)
  int start = 0;       // unwrapped coordinate of local 0
  int width = 1;

  void setup(int c0, int lo, int hi, int reach) {
    if (periodic && hi - lo + 2 * reach + 1 >= n) {
      whole = true;
      start = 0;
      width = n;
    } else if (periodic) {
      start = c0 + lo - reach;
      width = hi - lo + 2 * reach + 1;
    } else {
      start = std::max(0, c0 + lo - reach);
      width = std::min(n - 1, c0 + hi + reach) - start + 1;
    }
  }
  // Local coordinate of unwrapped coordinate q, or -1 off a walled edge.
  int local(int q) const {
    if (whole) return wrap_index(q, n);
    if (!periodic && (q < 0 || q >= n)) return -1;
    return q - start;
  }
  int global(int l) const { return periodic ? wrap_index(start + l, n) : start + l; }
};

// Scratch space of one thread, reused across pairs.
struct PairScratch {
  std::vector<int> ux, uy;  // unwrapped coordinates of the pair's boundary pixels
  std::vector<std::uint8_t> bitmap;
};

// Sums over one pair's band.
struct BandSums {
  Vec3 nu_over_zeta;        // sum of nu_ab / (zeta + 1e-8), nu_ab pointing out of `high` into `low`
  double inv_zeta = 0;      // sum of 1 / (zeta + 1e-8)
  std::int64_t n_band = 0;  // band pixels
};

BandSums pair_band_sums(const Grid& grid, const std::int32_t* labels, std::span<const std::int64_t> members,
                        std::span<const int> stencil_dx, std::span<const int> stencil_dy, int reach_x, int reach_y,
                        const Vec3* x_high, const Vec3& x_low, double p, PairScratch& s) {
  AxisWindow ax, ay;
  ax.n = grid.n[0];
  ay.n = grid.n[1];
  ax.periodic = grid.periodic[0];
  ay.periodic = grid.periodic[1];
  // Unwrapped coordinates: displacement from the first pixel, nearest image on periodic axes.
  int c0[2], dummy;
  grid.coords(members[0], c0[0], c0[1], dummy);
  const auto unwrap = [](int c, int origin, int n, bool periodic) {
    int rel = c - origin;
    if (periodic) {
      const int half = n / 2;
      if (rel >= n - half)
        rel -= n;
      else if (rel < -half)
        rel += n;
    }
    return origin + rel;
  };
  s.ux.resize(members.size());
  s.uy.resize(members.size());
  int lo[2] = {c0[0], c0[1]}, hi[2] = {c0[0], c0[1]};
  for (std::size_t m = 0; m < members.size(); ++m) {
    int c[3];
    grid.coords(members[m], c[0], c[1], c[2]);
    s.ux[m] = unwrap(c[0], c0[0], ax.n, ax.periodic);
    s.uy[m] = unwrap(c[1], c0[1], ay.n, ay.periodic);
    lo[0] = std::min(lo[0], s.ux[m]);
    hi[0] = std::max(hi[0], s.ux[m]);
    lo[1] = std::min(lo[1], s.uy[m]);
    hi[1] = std::max(hi[1], s.uy[m]);
  }
  ax.setup(c0[0], lo[0] - c0[0], hi[0] - c0[0], reach_x);
  ay.setup(c0[1], lo[1] - c0[1], hi[1] - c0[1], reach_y);

  // Mark the band: the stencil disk around every boundary pixel of the pair. Each band
  // pixel is then visited once however many disks cover it.
  s.bitmap.assign(static_cast<std::size_t>(ax.width) * ay.width, 0);
  for (std::size_t m = 0; m < members.size(); ++m)
    for (std::size_t o = 0; o < stencil_dx.size(); ++o) {
      const int lx = ax.local(s.ux[m] + stencil_dx[o]);
      const int ly = ay.local(s.uy[m] + stencil_dy[o]);
      if (lx < 0 || ly < 0) continue;
      s.bitmap[static_cast<std::size_t>(ly) * ax.width + lx] = 1;
    }

  // Sum over the band, in bitmap order (deterministic).
  BandSums sums;
  for (int ly = 0; ly < ay.width; ++ly)
    for (int lx = 0; lx < ax.width; ++lx) {
      if (!s.bitmap[static_cast<std::size_t>(ly) * ax.width + lx]) continue;
      const int gx = ax.global(lx), gy = ay.global(ly);
      const std::int64_t idx = grid.index(gx, gy);
      if (labels[idx] == kOutside) continue;  // outside the domain mask: not a source point
      const Vec3 y = grid.center(gx, gy);
      const Vec3 u_low = grid.wrap_displacement(y - x_low);
      const Vec3 u_high = x_high ? grid.wrap_displacement(y - *x_high) : Vec3{};
      const Vec3 dg = normal_gradient(u_high, p) - normal_gradient(u_low, p);
      const Vec3 nu = dg * (1.0 / (norm(dg) + kTiny));  // out of `high` into `low`
      const double inv_zeta = 1.0 / (norm(u_high - u_low) + kTiny);
      sums.nu_over_zeta += nu * inv_zeta;
      sums.inv_zeta += inv_zeta;
      ++sums.n_band;
    }
  return sums;
}

}  // namespace

TensionTable::TensionTable(int n_types) : m_n_types(n_types) {
  TESSERA_REQUIRE(n_types >= 1,
                  "a tension table needs at least the medium type 0 (got " + std::to_string(n_types) + " types)");
  m_values.assign(static_cast<std::size_t>(n_types) * n_types, 0.0);
}

void TensionTable::set(int a, int b, double gamma) {
  TESSERA_REQUIRE(a >= 0 && a < m_n_types && b >= 0 && b < m_n_types, "tension type pair (" + std::to_string(a) + ", " +
                                                                          std::to_string(b) + ") outside 0 .. " +
                                                                          std::to_string(m_n_types - 1));
  TESSERA_REQUIRE(std::isfinite(gamma), "tension gamma_" + std::to_string(a) + std::to_string(b) +
                                            " must be finite (got " + format_number(gamma) + ")");
  m_values[static_cast<std::size_t>(a * m_n_types + b)] = gamma;
  m_values[static_cast<std::size_t>(b * m_n_types + a)] = gamma;
}

TensionTable two_type_tensions(double g11, double g22, double g12, double g10, double g20) {
  TensionTable t(3);
  t.set(1, 1, g11);
  t.set(2, 2, g22);
  t.set(1, 2, g12);
  t.set(1, 0, g10);
  t.set(2, 0, g20);
  return t;
}

SurfaceTensionParams default_surface_tension_params(double reference_radius) {
  TESSERA_REQUIRE(
      std::isfinite(reference_radius) && reference_radius > 0,
      "surface tension: the reference radius R0 must be finite and > 0 (got " + format_number(reference_radius) + ")");
  SurfaceTensionParams p;
  p.interface_gain = 1.0 / 7;  // F0_ifc = F0_jct = 1/7 in both scenes (5.3, 5.10)
  p.junction_gain = 1.0 / 7;
  p.band_width = reference_radius / 4;      // eps_ifc = R0 / 4
  p.cluster_radius = reference_radius / 3;  // junction clustering radius R0 / 3
  p.p = 2.0;
  p.band_pairs = BandPairs::AllInBlock;
  return p;
}

InterfaceForces interface_forces(const Grid& grid, std::span<const std::int32_t> labels, const JunctionMap& map,
                                 std::span<const Vec3> seeds, std::span<const int> types, const TensionTable& tensions,
                                 const SurfaceTensionParams& params) {
  check_cells(grid, map.n_cells, seeds, types, tensions, params, "interface_forces");
  TESSERA_REQUIRE(static_cast<std::int64_t>(labels.size()) == grid.size(),
                  "interface_forces: " + std::to_string(labels.size()) + " labels for a grid of " +
                      std::to_string(grid.size()) + " pixels");
  TESSERA_REQUIRE(
      std::isfinite(params.band_width) && params.band_width > 0,
      "interface_forces: the band width eps_ifc must be finite and > 0 (got " + format_number(params.band_width) + ")");
  const int n_cells = map.n_cells;
  const std::int32_t medium = map.medium;

  // Which pairs each boundary pixel borders. Section 4.4 gives it one pair, the two
  // largest labels of its block; near a junction that hands the pixel to the pair of
  // the larger indices only, so the bands (and forces) depend on the cell numbering
  // (mirror-image cells got forces 8 % apart in a test at R0 = 13 px). AllInBlock gives it
  // every pair of labels in its block instead: numbering-independent (invariant 9).
  struct PairMember {
    std::int64_t pixel;
    std::int32_t high, low;
  };
  std::vector<PairMember> members;
  members.reserve(map.boundary.size());
  std::array<std::int32_t, 27> ids;
  for (const BoundaryPixel& b : map.boundary) {
    if (params.band_pairs == BandPairs::TwoLargest || b.n_labels == 2) {
      members.push_back(PairMember{b.pixel, b.high, b.low});
      continue;
    }
    const int n = block_labels(grid, labels, b.pixel, n_cells, ids);
    for (int a = 0; a < n; ++a)
      for (int c = a + 1; c < n; ++c) members.push_back(PairMember{b.pixel, ids[a], ids[c]});
  }

  // Group by pair: two stable counting sorts (by low, then by high) leave the members
  // ordered by (high, low, pixel) in O(members + cells).
  const std::size_t n_ids = static_cast<std::size_t>(n_cells) + 1;
  std::vector<std::size_t> by_low(members.size());
  std::vector<std::int64_t> pixels(members.size());
  std::vector<std::size_t> pair_begin;
  std::vector<std::array<std::int32_t, 2>> pair_ids;
  {
    std::vector<std::size_t> start(n_ids + 1, 0);
    for (const PairMember& m : members) ++start[static_cast<std::size_t>(m.low) + 1];
    for (std::size_t k = 0; k < n_ids; ++k) start[k + 1] += start[k];
    for (std::size_t i = 0; i < members.size(); ++i) by_low[start[members[i].low]++] = i;
    std::fill(start.begin(), start.end(), 0);
    for (const PairMember& m : members) ++start[static_cast<std::size_t>(m.high) + 1];
    for (std::size_t k = 0; k < n_ids; ++k) start[k + 1] += start[k];
    std::vector<std::size_t> order(members.size());
    for (std::size_t i : by_low) order[start[members[i].high]++] = i;
    for (std::size_t k = 0; k < order.size(); ++k) {
      const PairMember& m = members[order[k]];
      pixels[k] = m.pixel;
      if (k == 0 || m.high != pair_ids.back()[0] || m.low != pair_ids.back()[1]) {
        pair_begin.push_back(k);
        pair_ids.push_back({m.high, m.low});
      }
    }
  }
  pair_begin.push_back(pixels.size());
  const std::size_t n_pairs = pair_ids.size();

  // Disk stencil of radius eps in pixel offsets (true distances, so anisotropic
  // spacings work); the tolerance keeps a radius of exactly k pixels inclusive.
  const double h0 = grid.spacing(0), h1 = grid.spacing(1), eps = params.band_width;
  const int reach_x = static_cast<int>(std::floor(eps / h0 * (1 + 1e-12)));
  const int reach_y = static_cast<int>(std::floor(eps / h1 * (1 + 1e-12)));
  std::vector<int> stencil_dx, stencil_dy;
  for (int dy = -reach_y; dy <= reach_y; ++dy)
    for (int dx = -reach_x; dx <= reach_x; ++dx)
      if ((dx * h0) * (dx * h0) + (dy * h1) * (dy * h1) <= eps * eps * (1 + 1e-12)) {
        stencil_dx.push_back(dx);
        stencil_dy.push_back(dy);
      }

  // Per pair, in parallel: band sums into the pair's own record (no shared writes).
  InterfaceForces out;
  out.pairs.resize(n_pairs);
  const double h_p = map.n_kept > 0 ? 1.0 / static_cast<double>(map.n_kept) : 0.0;
  const int type_medium = 0;
  const auto type_of = [&](std::int32_t id) {
    return id == medium ? type_medium : types[static_cast<std::size_t>(id)];
  };
#pragma omp parallel
  {
    PairScratch scratch;
#pragma omp for schedule(dynamic, 4)
    for (std::int64_t q = 0; q < static_cast<std::int64_t>(n_pairs); ++q) {
      const std::size_t b0 = pair_begin[static_cast<std::size_t>(q)], b1 = pair_begin[static_cast<std::size_t>(q) + 1];
      InterfacePair& pr = out.pairs[static_cast<std::size_t>(q)];
      pr.high = pair_ids[static_cast<std::size_t>(q)][0];
      pr.low = pair_ids[static_cast<std::size_t>(q)][1];
      pr.n_boundary = static_cast<std::int64_t>(b1 - b0);
      pr.gamma = tensions(type_of(pr.high), type_of(pr.low));
      const Vec3* x_high = pr.high == medium ? nullptr : &seeds[static_cast<std::size_t>(pr.high)];
      const BandSums sums = pair_band_sums(
          grid, labels.data(), std::span<const std::int64_t>(pixels).subspan(b0, b1 - b0), stencil_dx, stencil_dy,
          reach_x, reach_y, x_high, seeds[static_cast<std::size_t>(pr.low)], params.p, scratch);
      // F_high = -gamma (h_P / eps) sum nu_ab / zeta; nu_ba = -nu_ab, so F_low is its opposite.
      const double coef = pr.gamma * h_p / eps;
      pr.n_band = sums.n_band;
      pr.force_high = pr.high == medium ? Vec3{} : -coef * sums.nu_over_zeta;
      pr.force_low = coef * sums.nu_over_zeta;
      pr.scale = std::fabs(coef) * sums.inv_zeta;
    }
  }

  // Per cell, summed in pair order: deterministic whatever the thread count.
  out.force.assign(static_cast<std::size_t>(n_cells), Vec3{});
  for (const InterfacePair& pr : out.pairs) {
    if (pr.high != medium) out.force[static_cast<std::size_t>(pr.high)] += pr.force_high;
    out.force[static_cast<std::size_t>(pr.low)] += pr.force_low;
  }
  return out;
}

JunctionForces junction_forces(const Grid& grid, std::span<const Junction> junctions, std::span<const Vec3> seeds,
                               std::span<const Vec3> centroids, std::span<const int> types,
                               const TensionTable& tensions, const SurfaceTensionParams& params) {
  const int n_cells = static_cast<int>(seeds.size());
  check_cells(grid, n_cells, seeds, types, tensions, params, "junction_forces");
  TESSERA_REQUIRE(centroids.size() == seeds.size(), "junction_forces: " + std::to_string(centroids.size()) +
                                                        " centroids for " + std::to_string(seeds.size()) + " cells");
  const std::int32_t medium = n_cells;
  const auto type_of = [&](std::int32_t id) { return id == medium ? 0 : types[static_cast<std::size_t>(id)]; };

  JunctionForces out;
  out.force.assign(seeds.size(), Vec3{});
  out.net_tension.reserve(junctions.size());
  for (const Junction& j : junctions) {
    const std::array<std::int32_t, 3>& l = j.labels;
    TESSERA_REQUIRE(l[0] > l[1] && l[1] > l[2] && l[2] >= 0 && l[0] <= medium && l[1] < medium,
                    "junction_forces: a junction's labels must be decreasing ids with only the first the medium "
                    "(were the junctions found for " +
                        std::to_string(n_cells) + " cells?)");
    // Seed-to-junction u_k and centroid-to-junction ubar_k (0 for the medium).
    Vec3 u[3], g[3], u_bar[3];
    for (int k = 0; k < 3; ++k) {
      if (l[k] == medium) continue;
      const std::size_t c = static_cast<std::size_t>(l[k]);
      u[k] = grid.wrap_displacement(j.position - seeds[c]);
      u_bar[k] = grid.wrap_displacement(j.position - centroids[c]);
      g[k] = normal_gradient(u[k], params.p);
    }
    // Interface directions: e_ab is normal to the a-b interface (the power-cost bisector
    // for two cells, the radial direction for a cell and the medium), t_ab tangent to it.
    const Vec3 t12 = rotate_90(unit(g[1] - g[0]));
    const Vec3 t23 = rotate_90(unit(g[2] - g[1]));
    const Vec3 t31 = rotate_90(unit(g[0] - g[2]));
    // The label order fixes the orientation of the t's: they point away from J along
    // the interfaces exactly when cell l2 (which lies between interfaces 12 and 23)
    // sits in their cone, seen from J through its centroid.
    const Vec3 w = -u_bar[1];
    const double c = dot(t12, t23);
    const bool in_cone = dot(w, t12) >= dot(w, t23) * c && dot(w, t23) >= dot(w, t12) * c;
    const double sigma = in_cone ? 1.0 : -1.0;
    const Vec3 phi =
        sigma * (tensions(type_of(l[0]), type_of(l[1])) * t12 + tensions(type_of(l[1]), type_of(l[2])) * t23 +
                 tensions(type_of(l[2]), type_of(l[0])) * t31);
    out.net_tension.push_back(phi);
    // Each cell takes the net pull projected on its seed-to-junction direction.
    for (int k = 0; k < 3; ++k) {
      if (l[k] == medium) continue;
      const Vec3 d = unit(u[k]);
      out.force[static_cast<std::size_t>(l[k])] += dot(phi, d) * d;
    }
  }
  return out;
}

SurfaceTensionForces surface_tension_forces(const Grid& grid, std::span<const std::int32_t> labels,
                                            std::span<const Vec3> seeds, std::span<const Vec3> centroids,
                                            std::span<const int> types, const TensionTable& tensions,
                                            const SurfaceTensionParams& params) {
  SurfaceTensionForces out;
  out.map = find_junctions(grid, labels, static_cast<int>(seeds.size()));
  out.junctions = cluster_junctions(grid, out.map, params.cluster_radius);
  out.interface = interface_forces(grid, labels, out.map, seeds, types, tensions, params);
  out.junction = junction_forces(grid, out.junctions, seeds, centroids, types, tensions, params);
  return out;
}

std::string engulfment_tension_error(const TensionTable& t) {
  if (t.n_types() != 3)
    return "the engulfment check needs two cell types and the medium (a 3-type table), got " +
           std::to_string(t.n_types()) + " types";
  const double g11 = t(1, 1), g22 = t(2, 2), g12 = t(1, 2), g10 = t(1, 0), g20 = t(2, 0);
  const std::string g12_text = "gamma_12 = " + format_number(g12);
  // Below half a homotypic tension, mixing lowers the energy: the types cannot sort.
  if (g12 < g11 / 2) return g12_text + " < gamma_11 / 2 = " + format_number(g11 / 2) + ": the types cannot sort";
  if (g12 < g22 / 2) return g12_text + " < gamma_22 / 2 = " + format_number(g22 / 2) + ": the types cannot sort";
  // Engulfment of type 1 by type 2 needs gamma_10 >= gamma_12 + gamma_20 (spreading).
  if (g12 > g10 - g20)
    return g12_text + " > gamma_10 - gamma_20 = " + format_number(g10 - g20) + ": type 2 cannot engulf type 1";
  if (g12 > g10) return g12_text + " > gamma_10 = " + format_number(g10) + ": type 2 cannot engulf type 1";
  return {};
}

std::string band_width_error(const Grid& grid, const SurfaceTensionParams& params) {
  double h = grid.spacing(0);
  for (int a = 1; a < grid.dim; ++a) h = std::max(h, grid.spacing(a));
  const double pixels = params.band_width / h;
  if (pixels >= 3.0) return {};
  return "the interface band width eps_ifc = " + format_number(params.band_width) + " is " + format_number(pixels) +
         " pixels; the surface-tension scenes need at least 3 (raise the resolution or eps_ifc)";
}

const FieldTable<SurfaceTensionParams>& surface_tension_fields() {
  using T = SurfaceTensionParams;
  static const FieldTable<T> table = {
      TESSERA_NUMBER_FIELD(T, interface_gain, "", -kUnbounded, kUnbounded, kClosed, "gain of the interface forces F0_ifc"),
      TESSERA_NUMBER_FIELD(T, junction_gain, "", -kUnbounded, kUnbounded, kClosed, "gain of the triple-junction forces F0_jct"),
      TESSERA_NUMBER_FIELD(T, band_width, "box units", -kUnbounded, kUnbounded, kClosed, "half-width of each interface band"),
      TESSERA_NUMBER_FIELD(T, cluster_radius, "box units", -kUnbounded, kUnbounded, kClosed, "triple-junction clustering radius"),
      TESSERA_NUMBER_FIELD(T, p, "", -kUnbounded, kUnbounded, kClosed, "exponent of the normals p |u|^(p-2) u"),
      TESSERA_CHOICE_FIELD(T, band_pairs, BandPairs, kBandPairsNames, "which cell pairs of a band push on each other"),
  };
  return table;
}

}  // namespace tessera
