#pragma once
// Host-side construction of kernel-ready costs: resolves the scaling constant s of
// each family from the user's CostSpec (iceshot-model.md section 2, per family) and
// builds the orientation matrix from the cell's axis and aspect ratio (section 2.3).
// Invalid input throws tessera::Error naming the parameter.
#include <optional>
#include <string_view>

#include "engine/vec.h"
#include "sim/cost.h"

namespace tessera {

// Names from kCostFamilyNames; nullopt for anything else.
std::optional<CostFamily> parse_cost_family(std::string_view name);

// Names from kCostScalingNames; "level-set" (the reference's spelling for the relu and
// spherocylinder costs) is accepted too (section 8, item 5). nullopt for anything else,
// so a misspelling is an error instead of the reference's silent s = 1.
std::optional<CostScaling> parse_cost_scaling(std::string_view name);

// Symmetric orientation matrix A = (1/ar) n n^T + mu (I - n n^T), mu = ar in 2D and
// sqrt(ar) in 3D, so det A = 1 (section 2.3). Stored as xx, yy, zz, xy, xz, yz; in 2D
// the axis's z component is dropped and A gets zz = 1, xz = yz = 0. The axis need not
// be unit (it is normalised); it must be non-zero in the plane (2D), and aspect > 0.
void orientation_matrix(const Vec3& axis, double aspect, int dim, double A[6]);

// The kernel-ready cost of one cell: `axis` and `aspect` are the cell's current axis
// n_i and aspect ratio ar_i (state; spec.aspect is the user's initial value, not read
// here). The scaling s follows spec.scaling for spec.family; the axis is normalised
// (in the plane for dim = 2). Call again whenever the axis or aspect ratio changes:
// the anisotropic scalings depend on ar.
CellCost make_cell_cost(const CostSpec& spec, const Vec3& axis, double aspect, int dim);

}  // namespace tessera
