#pragma once
// 2D surface-tension forces on the seeds (iceshot-model.md 4.5; scenes SurfaceTension
// 5.10 and Engulfment 5.3): an interface force from bands around every interface and
// a triple-junction force from Young's balance at the clustered junctions. Pure
// functions of the labels, seeds, centroids, cell types, tension table and parameters;
// the caller combines them into a velocity,
//   dx_i/dt = F0_ifc F_ifc_i + F0_jct F_jct_i (+ the incompressibility force, noise).
//
// Types: 0 is the medium; cells carry types 1 .. n_types - 1. Tensions are a symmetric
// table over types. The reference adds gamma_22 to every interface whose larger-index
// cell has type 2, so its 1-2 interfaces get gamma_12 + gamma_22 (section 8, item 7);
// here gamma is looked up symmetrically, as the reference's junction force does.
//
// Units: positions in box units; the interface force is ~ 2 gamma l_ab / |x_a - x_b|
// (gamma times a length ratio), the junction force ~ gamma; both become velocities
// through the gains. Ids follow sim/junctions.h (the medium is n_cells).
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/field_table.h"
#include "engine/grid.h"
#include "engine/vec.h"
#include "sim/labels/junctions.h"

namespace tessera {

// Symmetric tension table gamma(a, b) over types 0 (medium) .. n_types - 1.
class TensionTable {
 public:
  // All tensions zero; n_types >= 1 counts the medium.
  explicit TensionTable(int n_types);
  // Sets gamma(a, b) and gamma(b, a); throws for a type out of range or a non-finite value.
  void set(int a, int b, double gamma);
  double operator()(int a, int b) const { return m_values[static_cast<std::size_t>(a * m_n_types + b)]; }
  int n_types() const { return m_n_types; }

 private:
  int m_n_types;
  std::vector<double> m_values;
};

// The scenes' two-type table (type 1, type 2, medium 0), in the reference's order:
// (gamma_11, gamma_22, gamma_12, gamma_10, gamma_20). SurfaceTension's presets:
// internalisation (1, 1, 5, 30, 7), checkerboard (7, 7, 1, 30, 30), separation
// (1, 1, 12, 5, 5); Engulfment uses (1, 1, 5, 30, 7).
TensionTable two_type_tensions(double g11, double g22, double g12, double g10, double g20);

// Which interface bands a boundary pixel seeds. Section 4.4 gives each boundary pixel
// one pair, the two largest labels of its 3x3 block (TwoLargest, the reference); near a
// junction that favours the larger cell indices. AllInBlock (default) puts the pixel in
// every pair of labels in its block, so relabelling the cells permutes the forces.
enum class BandPairs { AllInBlock, TwoLargest };
inline constexpr std::array<std::string_view, 2> kBandPairsNames = {"all_in_block", "two_largest"};

struct SurfaceTensionParams {
  double interface_gain = 1.0 / 7;  // F0_ifc (caller's use)
  double junction_gain = 1.0 / 7;   // F0_jct (caller's use)
  double band_width = 0.0;          // eps_ifc, box units: half-width of each interface band (> 0)
  double cluster_radius = 0.0;      // triple-junction clustering radius, box units (>= 0)
  double p = 2.0;                   // exponent of the normals p |u|^(p-2) u (> 0)
  BandPairs band_pairs = BandPairs::AllInBlock;
};

// Every field of SurfaceTensionParams, once (the tension table is read beside it).
const FieldTable<SurfaceTensionParams>& surface_tension_fields();

// The scenes' values for cells of reference radius R0 = sqrt(v / pi) (box units):
// gains 1/7, band width R0 / 4, clustering radius R0 / 3, p = 2.
SurfaceTensionParams default_surface_tension_params(double reference_radius);

// One interface (one label pair of the boundary pixels) and what it contributes.
struct InterfacePair {
  std::int32_t high = 0, low = 0;  // ids, high > low (high = medium for a cell-medium interface)
  double gamma = 0;                // the pair's tension
  std::int64_t n_boundary = 0;     // boundary pixels of the pair
  std::int64_t n_band = 0;         // kept pixels within band_width of them
  Vec3 force_high, force_low;      // contributions (force_high is 0 for the medium)
  // gamma h_P / eps sum 1 / zeta: the size the force would have if every normal in the
  // band pointed the same way, a scale for "the force is ~0" comparisons.
  double scale = 0;
};

struct InterfaceForces {
  std::vector<Vec3> force;           // per cell, F_ifc
  std::vector<InterfacePair> pairs;  // ordered by (high, low)
};

// Interface force (section 4.5). For every pair {a, b} of the boundary pixels (see
// BandPairs), the band B_ab = kept pixels within band_width of one of its boundary pixels; for y in B_ab,
// u_k = wr(y - x_k) (u_medium = 0), g_k = p u_k (|u_k| + 1e-8)^(p-2), normal
// nu_ab = (g_a - g_b) / (|g_a - g_b| + 1e-8), zeta = |u_a - u_b|, and
//   F_a += -gamma_ab (h_P / eps) sum nu_ab / (zeta + 1e-8),  F_b gets the opposite,
// nothing for the medium. h_P = 1 / n_kept (the reference's normalised pixel volume,
// the pixel area in the unit square). The band comes from a disk stencil of radius eps
// dilated around the pair's boundary pixels in a local bitmap: O(boundary pixels x
// stencil), not O(P x boundary). `labels` are the engine's (kOutsideLabel pixels never
// join a band), `map` comes from find_junctions on them. 2D only; throws on bad input.
InterfaceForces interface_forces(const Grid& grid, std::span<const std::int32_t> labels, const JunctionMap& map,
                                 std::span<const Vec3> seeds, std::span<const int> types, const TensionTable& tensions,
                                 const SurfaceTensionParams& params);

struct JunctionForces {
  std::vector<Vec3> force;        // per cell, F_jct
  std::vector<Vec3> net_tension;  // per junction, Phi (the oriented Young sum; ~0 at balance)
};

// Triple-junction force (section 4.5, Young's balance). For a junction J with ids
// (l1 > l2 > l3): u_k = wr(J - x_lk), ubar_k = wr(J - ybar_lk) (centroids), both 0 for
// the medium; g_k = p u_k (|u_k| + 1e-8)^(p-2); edges e12 = hat(g2 - g1), e23, e31 and
// their +90 degree rotations t12, t23, t31 (tangents to the interfaces). sigma = +1 when
// -ubar_2 lies in the cone of t12 and t23, else -1 (so the t's point away from J along
// the interfaces), Phi = sigma (g12 t12 + g23 t23 + g31 t31) and every cell of the
// junction gets <Phi, hat(u_k)> hat(u_k). 2D only; throws on bad input.
JunctionForces junction_forces(const Grid& grid, std::span<const Junction> junctions, std::span<const Vec3> seeds,
                               std::span<const Vec3> centroids, std::span<const int> types,
                               const TensionTable& tensions, const SurfaceTensionParams& params);

struct SurfaceTensionForces {
  JunctionMap map;
  std::vector<Junction> junctions;
  InterfaceForces interface;
  JunctionForces junction;
};

// Everything at once: find_junctions, cluster_junctions(cluster_radius), both forces.
SurfaceTensionForces surface_tension_forces(const Grid& grid, std::span<const std::int32_t> labels,
                                            std::span<const Vec3> seeds, std::span<const Vec3> centroids,
                                            std::span<const int> types, const TensionTable& tensions,
                                            const SurfaceTensionParams& params);

// Engulfment's refusal (section 4.5): empty when the two-type table can sort, else why
// not. Needs gamma_12 >= gamma_11 / 2 and >= gamma_22 / 2, gamma_12 <= gamma_10 - gamma_20
// and <= gamma_10 (SurfaceTension itself checks nothing).
std::string engulfment_tension_error(const TensionTable& tensions);

// The scenes refuse a band narrower than 3 pixels (section 4.5): empty when
// band_width >= 3 pixel spacings (the coarser axis), else a message.
std::string band_width_error(const Grid& grid, const SurfaceTensionParams& params);

}  // namespace tessera
