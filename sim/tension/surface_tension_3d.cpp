#include "sim/tension/surface_tension_3d.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "engine/error.h"
#include "sim/ot/laguerre.h"

namespace tessera {

TypeTable::TypeTable(int n_cell_types, double value) : m_n_cell_types(n_cell_types), m_stride(n_cell_types + 2) {
  TESSERA_REQUIRE(n_cell_types >= 1, "type table: at least one cell type is needed");
  m_values.assign(static_cast<std::size_t>(m_stride) * m_stride, value);
}

int TypeTable::slot(int type) const {
  if (type == kWallType) return m_n_cell_types + 1;
  if (type < 0 || type > m_n_cell_types)
    throw_error("type table: type " + std::to_string(type) +
                " is not the medium (0), the wall (-1) or a cell type 1.." + std::to_string(m_n_cell_types));
  return type;
}

void TypeTable::set(int a, int b, double value) {
  m_values[slot(a) * m_stride + slot(b)] = value;
  m_values[slot(b) * m_stride + slot(a)] = value;
}

SurfaceTension3DParams default_surface_tension_3d_params() {
  // Bubbles (section 5.13): equal tensions everywhere give Plateau-like foams.
  SurfaceTension3DParams p;
  p.gamma = TypeTable(1);
  p.eta = TypeTable(1);
  p.wall_pressure = 5.0;
  p.gamma.set(1, 1, 0.7);
  p.gamma.set(1, kMediumType, 0.7);
  p.gamma.set(1, kWallType, p.wall_pressure);
  p.eta.set(1, 1, 0.7);
  return p;
}

CellSortingRatios default_cell_sorting_ratios() {
  return CellSortingRatios{};
}

CellSortingRatios cell_sorting_ratios(CellSortingPreset preset) {
  // The calls at the end of the reference script CellSorting3D.py (section 5.14's table).
  switch (preset) {
    case CellSortingPreset::Separation:
      return {3.0, 1.0, 1.0, 5.0};
    case CellSortingPreset::Checkerboard:
      return {0.3, 1.0, 1.0, 5.0};
    case CellSortingPreset::EngulfmentEtaAbove1:
      return {3.0, 2.0, 0.8 / (3.0 * 2.0), 5.0};
    case CellSortingPreset::EngulfmentEtaBelow1:
      return {0.3, 2.0, 0.8 / 2.0, 5.0};
  }
  throw_error("unknown CellSorting3D preset");
}

SurfaceTension3DParams cell_sorting_3d_params(const CellSortingRatios& r) {
  TESSERA_REQUIRE(r.r_eta >= 0 && r.r_gamma > 0 && r.r_k > 0 && r.gamma_20 > 0,
                  "CellSorting3D ratios: r_gamma, r_k and gamma_20 must be > 0 and r_eta >= 0");
  // Section 5.14: the compaction ratios k_a0 = eta_aa / (2 gamma_a0), with k_20 = k_12 = 0.4.
  constexpr double k_20 = 0.4, k_12 = 0.4;
  const double k_10 = r.r_k * k_20;
  const double gamma_20 = r.gamma_20;
  const double gamma_10 = r.r_gamma * gamma_20;
  const double eta_11 = 2 * k_10 * gamma_10;
  SurfaceTension3DParams p;
  p.gamma = TypeTable(2);
  p.eta = TypeTable(2);
  p.wall_pressure = gamma_20;  // gamma_b
  p.gamma.set(1, kMediumType, gamma_10);
  p.gamma.set(2, kMediumType, gamma_20);
  p.gamma.set(1, 1, 0.0);
  p.gamma.set(2, 2, 0.0);
  p.gamma.set(1, 2, (k_10 / k_12) * gamma_10);
  p.gamma.set(1, kWallType, p.wall_pressure);
  p.gamma.set(2, kWallType, p.wall_pressure);
  p.eta.set(1, 1, eta_11);
  p.eta.set(2, 2, 2 * k_20 * gamma_20);
  p.eta.set(1, 2, r.r_eta * eta_11);
  return p;
}

namespace {

// Union-find with path halving; the root of a set is its lowest member.
struct DisjointSets {
  std::vector<std::int32_t> parent;
  explicit DisjointSets(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::int32_t find(std::int32_t a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  }
  void unite(std::int32_t a, std::int32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent[b] = a;
  }
};

}  // namespace

SurfaceForces3D surface_tension_forces_3d(const LabelMesh& mesh, const MeshGeometry& geometry,
                                          std::span<const Vec3> seeds, std::span<const std::int32_t> cell_types,
                                          const SurfaceTension3DParams& params) {
  const std::size_t n = seeds.size();
  const std::size_t nt = mesh.triangles.size();
  TESSERA_REQUIRE(mesh.triangle_labels.size() == nt && geometry.area.size() == nt && geometry.normal.size() == nt &&
                      geometry.mean_curvature.size() == nt,
                  "surface tension 3D: the geometry does not belong to the mesh (rebuild it with mesh_geometry)");
  TESSERA_REQUIRE(cell_types.size() == 1 || cell_types.size() == n,
                  "surface tension 3D: cell_types must hold one type or one per cell");
  TESSERA_REQUIRE(params.gamma.n_cell_types() == params.eta.n_cell_types(),
                  "surface tension 3D: the gamma and eta tables must have the same cell types");
  TESSERA_REQUIRE(params.min_distance > 0, "surface tension 3D: min_distance must be > 0");
  const int n_types = params.gamma.n_cell_types();
  for (std::int32_t t : cell_types)
    TESSERA_REQUIRE(t >= 1 && t <= n_types,
                    "surface tension 3D: cell type " + std::to_string(t) + " is outside 1.." + std::to_string(n_types));
  auto type_of = [&](std::int32_t label) -> int {
    if (label == kVoidLabel) return kMediumType;
    if (label == kOutsideLabel) return kWallType;
    if (label < 0 || static_cast<std::size_t>(label) >= n)
      throw_error("surface tension 3D: the mesh has label " + std::to_string(label) + " but there are " +
                  std::to_string(n) + " cells");
    return cell_types.size() == 1 ? cell_types[0] : cell_types[label];
  };

  SurfaceForces3D out;
  out.attraction.assign(n, Vec3{});
  out.correction.assign(n, Vec3{});
  DisjointSets sets(n);

  // Attraction: every triangle pushes each of its cells along that cell's inward
  // normal. The mesh normal n points from labels[0] into labels[1], so the inward
  // normal is -n for labels[0] and +n for labels[1]. Serial, so sums do not depend
  // on the thread count.
  for (std::size_t t = 0; t < nt; ++t) {
    const std::array<std::int32_t, 2> lab = mesh.triangle_labels[t];
    const int type[2] = {type_of(lab[0]), type_of(lab[1])};
    const double a = geometry.area[t];
    const double abs_kappa = std::fabs(geometry.mean_curvature[t]);
    if (lab[0] >= 0 && lab[1] >= 0) sets.unite(lab[0], lab[1]);
    for (int side = 0; side < 2; ++side) {
      const std::int32_t i = lab[side], k = lab[1 - side];
      if (i < 0) continue;
      const int ti = type[side], tk = type[1 - side];
      double pressure = params.gamma(ti, tk) * abs_kappa;
      if (k >= 0) {
        const double d = std::max(norm(seeds[i] - seeds[k]), params.min_distance);
        pressure += params.eta(ti, tk) / d;
      } else if (k == kOutsideLabel) {
        pressure += params.wall_pressure;
      }
      const double sign = side == 0 ? -1.0 : 1.0;
      out.attraction[i] += (sign * a * pressure) * geometry.normal[t];
    }
  }

  // Aggregates, numbered by their lowest cell, and the momentum correction: each
  // aggregate of two or more cells gets minus its mean attraction on every member.
  out.aggregate.assign(n, -1);
  std::vector<Vec3> sum;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t root = sets.find(static_cast<std::int32_t>(i));
    if (out.aggregate[root] < 0) {
      out.aggregate[root] = static_cast<std::int32_t>(out.aggregate_size.size());
      out.aggregate_size.push_back(0);
      sum.push_back(Vec3{});
    }
    const std::int32_t c = out.aggregate[root];
    out.aggregate[i] = c;
    ++out.aggregate_size[c];
    sum[c] += out.attraction[i];
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t c = out.aggregate[i];
    if (out.aggregate_size[c] > 1) out.correction[i] = sum[c] * (-1.0 / out.aggregate_size[c]);
  }
  return out;
}

const FieldTable<SurfaceTension3DParams>& surface_tension_3d_fields() {
  using T = SurfaceTension3DParams;
  static const FieldTable<T> table = {
      TESSERA_NUMBER_FIELD(T, wall_pressure, "force / area", -kUnbounded, kUnbounded, kClosed,
                           "constant pressure of a wall face on its cell (gamma_b)"),
      TESSERA_NUMBER_FIELD(T, min_distance, "box units", 0, kUnbounded, kOpenMin,
                           "floor of the seed distance in the positional term"),
  };
  return table;
}
}  // namespace tessera
