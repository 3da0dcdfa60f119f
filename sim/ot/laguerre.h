#pragma once
// Discrete Laguerre (power) cells on a pixel/voxel grid (iceshot-model.md 1.4):
//   label(y) = argmin_i (c_i(y) - f_i), or VOID when that minimum is > 0 and the
//   domain has a void (medium) cell with potential 0.
// Ties go to the lowest index; ties with the void go to the cell.
//
// Two passes give identical labels: a brute-force pass (every pixel scans every
// cell: the test reference) and a binned pass in which each pixel scans only the
// cells whose bounded support {c_i <= f_i + T} can reach it (T = 0 with a void; in
// packed domains T bounds min_i (c_i - f_i) over the pixels of each bin, measured
// from the previous labels, or estimated from a sample before the first labelling,
// and a pixel whose best candidate exceeds T falls back to the full scan). Both run
// on CPU and CUDA from one kernel source (sim/laguerre_kernels.h); the candidate
// lists are sim/cell_bins.h.
//
// Alongside the labels the engine measures what the solvers and the dynamics need:
// exact integer pixel counts per cell, the dual objective's pixel sum, per-cell
// moments (centroids, covariances, OT-gradient force), the boundary / adjacency
// graph with shared boundary sizes, and the sparse Jacobian of the counts with
// respect to the potentials.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "engine/backend.h"
#include "engine/buffer.h"
#include "engine/label_codes.h"  // kVoidLabel, kOutsideLabel
#include "engine/vec.h"
#include "sim/ot/cost.h"
#include "sim/ot/domain.h"

namespace tessera {

enum class AssignMethod { Binned, BruteForce };
inline constexpr std::array<std::string_view, 2> kAssignMethodNames = {"binned", "brute_force"};

// Result of one assignment.
struct AssignStats {
  std::vector<std::int64_t> counts;  // pixels per cell (exact)
  std::int64_t void_count = 0;       // kept pixels of the void (0 without a void)
  // Sum over kept pixels of min(0, min_i(c_i - f_i)) with a void, or of
  // min_i(c_i - f_i) without one: the pixel part of the dual objective (section 3.1), in cost units.
  double min_sum = 0;
  std::int64_t n_fallback = 0;       // pixels that needed the full scan (packed domains)
};

// Per-cell moments of the current labels, relative to each seed with wrapped
// displacements z = wr(y - x_i). Sums run over the cell's pixels.
struct CellMoments {
  std::vector<std::int64_t> counts;
  std::vector<Vec3> centroid;        // x_i + mean z (wrapped into the box on periodic axes)
  std::vector<std::array<double, 6>> covariance;  // about the centroid, xx,yy,zz,xy,xz,yz, 1/(m-1) normalised
  std::vector<Vec3> cost_gradient_sum;            // sum over the cell of G_i(y) (seed gradient), times pixel volume 1/P
  // Cost-weighted barycentre (section 4.2, weight = None): x_i + sum w z / sum w with
  // w = <G_i, z> / |z|^2, the fixed point of d/dx_i of the cell's transport cost
  // (the |z|^(p-2)-weighted centroid for power costs; the plain centroid for p = 2).
  std::vector<Vec3> weighted_centroid;
  // Stiffness of the seed's pull toward it: -sum over the cell of w, times 1/P (w <= 0 for
  // costs that grow with distance, so this is >= 0). For radial costs the OT gradient is
  // exactly a spring, -cost_gradient_sum = cost_stiffness (weighted_centroid - x), so the
  // incompressibility force relaxes the seed toward its weighted barycentre at rate
  // tau cost_stiffness (s p sum |z|^(p-2) / P for the power cost).
  std::vector<double> cost_stiffness;
};

// Adjacency of cells through shared boundaries (face-neighbour pixel pairs).
struct Adjacency {
  // CSR over cells: neighbours of i are cols[row_start[i] .. row_start[i+1]), sorted,
  // with the number of face-adjacent pixel pairs between i and that neighbour.
  std::vector<std::int64_t> row_start;
  std::vector<std::int32_t> cols;
  std::vector<std::int64_t> shared_faces;
  std::vector<std::int64_t> void_faces;  // per cell: face pairs with the void
};

// Sparse, symmetric Jacobian H = d(count_i)/d(f_j) (pixels per potential unit),
// estimated from the pixels within one pixel of each interface (co-area formula).
// Off-diagonals are <= 0; the diagonal is the sum of |off-diagonals| plus the void
// interface term, so H is diagonally dominant.
struct CountJacobian {
  std::vector<std::int64_t> row_start;  // CSR, includes the diagonal
  std::vector<std::int32_t> cols;
  std::vector<double> values;
};

class LaguerreEngine {
 public:
  LaguerreEngine(const Exec& exec, const Domain& domain, bool with_void);
  ~LaguerreEngine();
  LaguerreEngine(LaguerreEngine&&) noexcept;
  LaguerreEngine& operator=(LaguerreEngine&&) noexcept;

  // Sets seeds and costs (uploaded once; the potentials change per assignment), and
  // optionally one cost bias per cell (section 2.8; empty: none).
  void set_cells(std::span<const Vec3> seeds, std::span<const CellCost> costs, std::span<const CellBias> biases = {});
  int n_cells() const;
  bool with_void() const;

  // Labels every kept pixel for potentials f (length n_cells()).
  const AssignStats& assign(std::span<const double> potentials, AssignMethod method = AssignMethod::Binned);
  // Labels on the host (downloaded on demand), x-fastest, kVoidLabel / kOutsideLabel for the rest.
  // Throws before the first assign() (and after set_cells() changed the cell count).
  const std::vector<std::int32_t>& labels();
  // True when an assign() ran since the last set_cells() that changed the cell count,
  // i.e. when labels() and the moments are available.
  bool has_labels() const;
  // The labels of the last assign() in CUDA device memory (the layout of labels(),
  // grid.size() int32 values), for a graphics copy without a host round trip. nullptr on
  // the CPU backend and while has_labels() is false. The kernels have finished when
  // assign() returns. Valid until the next assign(), count_jacobian() or set_cells(), or the
  // engine's destruction; never written through.
  const std::int32_t* device_labels() const;

  // Computed from the labels of the last assign() and the current seeds and costs
  // (same precondition as labels()). count_jacobian labels afresh with `potentials`.
  CellMoments moments();
  // 1 for kept pixels whose 3^d neighbourhood holds another label (the void counts), else 0.
  const std::vector<std::uint8_t>& boundary_pixels();
  Adjacency adjacency();
  CountJacobian count_jacobian(std::span<const double> potentials);

  const Domain& domain() const;
  const Exec& exec() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Pixels per cell in a label array (labels outside [0, n_cells) are not counted): the
// measured volumes of a labelling, for code that holds only the labels (exports, views).
std::vector<std::int64_t> label_counts(std::span<const std::int32_t> labels, int n_cells);

}  // namespace tessera
