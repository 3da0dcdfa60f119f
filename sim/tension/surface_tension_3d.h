#pragma once
// 3D surface-tension forces on a multi-label interface mesh (iceshot-model.md 4.6,
// steps 3-5; scenes Bubbles 5.13 and CellSorting3D 5.14). Pure functions: a mesh and
// its geometry (sim/label_mesh.h), seeds and cell types in, per-cell forces out.
//
//   F_att_i = sum over the triangles phi of cell i, with other side k, of
//             a_phi n_in(i, phi) ( gamma(t_i, t_k) |kappa_phi|
//                                 + [k cell] eta(t_i, t_k) / max(|x_i - x_k|, d_min)
//                                 + [k wall] gamma_b )
//   F_corr_i = -(1 / |C|) sum_{j in C} F_att_j over the aggregate C of i (the connected
//              component of the graph of cells sharing a triangle); 0 for a cell that
//              touches no other cell.
// n_in is the unit normal pointing into cell i, taken from the mesh's label
// orientation (lo -> hi): -n for i = lo, +n for i = hi. Walls therefore always repel
// (section 8 item 8: the reference's wall sign depends on the mesher's label order).
// Forces are velocities (box units per time unit), as in the reference's
// x += (F_att + F_corr) dt. After the correction the forces of each aggregate sum to
// zero (section 7 item 19).
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "engine/field_table.h"
#include "engine/vec.h"
#include "sim/labels/label_mesh.h"

namespace tessera {

// Material types: the medium, the walls, and cell types 1..n (the reference's "type 1",
// "type 2"; section 4.5's type 0 is the medium).
inline constexpr int kMediumType = 0;
inline constexpr int kWallType = -1;

// A symmetric table of coefficients over {medium, wall, cell types 1..n}.
class TypeTable {
 public:
  TypeTable() : TypeTable(1) {}
  explicit TypeTable(int n_cell_types, double value = 0.0);
  int n_cell_types() const { return m_n_cell_types; }
  double operator()(int a, int b) const { return m_values[slot(a) * m_stride + slot(b)]; }
  // Sets (a, b) and (b, a). Throws tessera::Error for an unknown type.
  void set(int a, int b, double value);

 private:
  int slot(int type) const;  // medium 0, cell types 1..n, wall n + 1

  int m_n_cell_types = 1;
  int m_stride = 3;
  std::vector<double> m_values;
};

struct SurfaceTension3DParams {
  TypeTable gamma;             // interface tension, multiplies |kappa| (force / area / curvature)
  TypeTable eta;               // positional coefficient, used on cell-cell interfaces only
  double wall_pressure = 5;    // gamma_b: constant pressure of a wall face on its cell (force / area)
  double min_distance = 0.01;  // floor of |x_i - x_k| in the positional term, box units
};

// Bubbles (section 5.13): one cell type, gamma(cell, cell) = gamma(cell, medium) = 0.7,
// eta(cell, cell) = 0.7, gamma(cell, wall) = gamma_b = 5.
SurfaceTension3DParams default_surface_tension_3d_params();
// The scalar fields of SurfaceTension3DParams (the gamma and eta tables are read beside them).
const FieldTable<SurfaceTension3DParams>& surface_tension_3d_fields();

// CellSorting3D (section 5.14): two cell types from the ratios r_eta = eta_12 / eta_11,
// r_gamma = gamma_10 / gamma_20 and r_k = k_10 / k_20, with k_a0 = eta_aa / (2 gamma_a0),
// k_20 = k_12 = 0.4 and gamma_b = gamma_20:
//   gamma_10 = r_gamma gamma_20, gamma_11 = gamma_22 = 0, gamma_12 = (k_10 / k_12) gamma_10,
//   eta_11 = 2 k_10 gamma_10, eta_22 = 2 k_20 gamma_20, eta_12 = r_eta eta_11,
// and gamma(cell, wall) = gamma_b (the reference's curvature term uses gamma_b on wall faces).
struct CellSortingRatios {
  double r_eta = 3;
  double r_gamma = 1;
  double r_k = 1;
  double gamma_20 = 5;
};
CellSortingRatios default_cell_sorting_ratios();  // the separation run (3, 1, 1)
SurfaceTension3DParams cell_sorting_3d_params(const CellSortingRatios& ratios);

// The runs of section 5.14's table (the split-initialisation runs reuse the engulfment ratios).
enum class CellSortingPreset { Separation, Checkerboard, EngulfmentEtaAbove1, EngulfmentEtaBelow1 };
inline constexpr std::array<std::string_view, 4> kCellSortingPresetNames = {
    "separation", "checkerboard", "engulfment_eta_above_1", "engulfment_eta_below_1"};
CellSortingRatios cell_sorting_ratios(CellSortingPreset preset);

struct SurfaceForces3D {
  std::vector<Vec3> attraction;              // F_att per cell
  std::vector<Vec3> correction;              // F_corr per cell
  std::vector<std::int32_t> aggregate;       // connected-component id per cell, 0..n_aggregates-1, by lowest member
  std::vector<std::int32_t> aggregate_size;  // cells per aggregate
};

// Forces on n = seeds.size() cells. `cell_types` holds one type (1..n_cell_types) per
// cell, or a single type for all. Every cell label in the mesh must be < n; cells
// without triangles get zero force. Throws tessera::Error on inconsistent input.
SurfaceForces3D surface_tension_forces_3d(const LabelMesh& mesh, const MeshGeometry& geometry,
                                          std::span<const Vec3> seeds, std::span<const std::int32_t> cell_types,
                                          const SurfaceTension3DParams& params);

}  // namespace tessera
