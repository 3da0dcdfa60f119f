#pragma once
// Host-side construction of kernel-ready costs: resolves the scaling constant s of
// each family from the user's CostSpec (iceshot-model.md section 2, per family) and
// builds the orientation matrix from the cell's axis and aspect ratio (section 2.3).
// Invalid input throws tessera::Error naming the parameter.
#include <optional>
#include <span>
#include <string_view>

#include "engine/vec.h"
#include "engine/field_table.h"
#include "sim/ot/cost.h"

namespace tessera {

// Every field of CostSpec, once (files, panels, tooltips). Checks that depend on the
// family (stadium aspect >= 1, ReLU radius below R) stay in make_cell_cost.
const FieldTable<CostSpec>& cost_fields();

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

// Kernel-ready cost biases (section 2.8, sim/costs/cost_bias.h), with min_factor, the
// lower bound of B that keeps the support radii valid. Invalid input throws
// tessera::Error naming the parameter.
//
// Chemotaxis (5.2): the attractant's Lipschitz constant L = peak e^(-1/2) / s bounds
// |delta|, so B >= exp(min over |delta| <= L of sign beta f(delta)).
CellBias make_chemotaxis_bias(const ChemotaxisSpec& spec, int dim);
// The scalar fields of ChemotaxisSpec (the centre is read beside them; make_chemotaxis_bias
// checks them together).
const FieldTable<ChemotaxisSpec>& chemotaxis_fields();
// Protrusions (5.7): amplitudes a_k >= 0 (kProtrusionDirections of them) of the
// directions theta0 + theta_k (radians). The exponent is at most (max_k a_k + t sum of
// the others) / sqrt(w pi), t the far tail of a lobe (kProtrusionFarTail).
CellBias make_protrusion_bias(std::span<const double> amplitudes, double theta0);

}  // namespace tessera
