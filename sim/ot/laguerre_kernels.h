#pragma once
// Kernel bodies of the Laguerre engine (sim/laguerre.h), shared by the CPU
// dispatch (laguerre.cpp) and the CUDA launches (laguerre.cu).
//
// Every kernel works on "runs": up to run_length consecutive pixels of one row
// (x fastest). On the CPU a run is one bin wide, so its pixels share one candidate
// list and the index arithmetic is paid once per run; on the GPU a run is one
// pixel. The per-pixel arithmetic is the same whatever the run length, so the
// labels do not depend on it.
#include <cmath>
#include <cstdint>

#include "engine/grid.h"
#include "engine/host_device.h"
#include "engine/vec.h"
#include "sim/ot/cell_bins.h"
#include "sim/ot/cost.h"
#include "sim/ot/laguerre.h"

// The candidate loop must be inlined into each kernel, cost family dispatch
// included: an out-of-line call per (pixel, cell) pair costs as much as the cost
// evaluation itself. (nvcc inlines device code on its own.)
#if defined(__CUDACC__)
#define TESSERA_SIM_INLINE __forceinline__
#define TESSERA_SIM_FLATTEN
#elif defined(__GNUC__)
#define TESSERA_SIM_INLINE inline __attribute__((always_inline))
#define TESSERA_SIM_FLATTEN __attribute__((flatten))
#else
#define TESSERA_SIM_INLINE inline
#define TESSERA_SIM_FLATTEN
#endif

namespace tessera {

// Per-cell data read for every candidate: kept compact (32 bytes) for the inner loop.
struct LaguerreCell {
  Vec3 x;        // seed, wrapped into the box on periodic axes
  double f = 0;  // potential
};

inline constexpr std::int32_t kNoPair = -3;  // adjacency / Jacobian record: nothing at this slot

// Pixel geometry and the run decomposition shared by the kernels.
struct PixelGeometry {
  Grid grid;
  const std::uint8_t* mask = nullptr;  // null: every pixel is kept
  bool any_periodic = false;
  double half_length[3] = {0, 0, 0};
  int run_length = 1;
  int runs_per_row = 1;

  TESSERA_HD std::int64_t n_runs() const { return static_cast<std::int64_t>(runs_per_row) * grid.n[1] * grid.n[2]; }
  // Pixels [i0, i1) of row (j, k).
  TESSERA_HD void run_extent(std::int64_t run, int& i0, int& i1, int& j, int& k) const {
    const std::int64_t row = run / runs_per_row;
    i0 = static_cast<int>(run - row * runs_per_row) * run_length;
    i1 = i0 + run_length < grid.n[0] ? i0 + run_length : grid.n[0];
    j = static_cast<int>(row % grid.n[1]);
    k = static_cast<int>(row / grid.n[1]);
  }
  TESSERA_HD bool kept(std::int64_t idx) const { return mask == nullptr || mask[idx] != 0; }

  // Wrapped displacement wr(y - x) (iceshot-model.md 1.5). Seeds are wrapped into
  // the box, so on a periodic axis y - x lies in (-L, L) and one shift suffices.
  TESSERA_HD TESSERA_SIM_INLINE Vec3 displacement(const Vec3& y, const Vec3& x) const {
    Vec3 z{y.x - x.x, y.y - x.y, y.z - x.z};
    if (any_periodic) {
      if (grid.periodic[0]) z.x = wrap_component(z.x, 0);
      if (grid.periodic[1]) z.y = wrap_component(z.y, 1);
      if (grid.periodic[2]) z.z = wrap_component(z.z, 2);
    }
    return z;
  }
  TESSERA_HD TESSERA_SIM_INLINE double wrap_component(double z, int axis) const {
    if (z >= half_length[axis]) return z - grid.length[axis];
    if (z < -half_length[axis]) return z + grid.length[axis];
    return z;
  }
};

// The kernels' geometry for a grid (mask: device or host pointer for the backend
// that runs the kernel, null for the whole box), in runs of run_length pixels.
inline PixelGeometry make_pixel_geometry(const Grid& grid, const std::uint8_t* mask, int run_length = 1) {
  PixelGeometry geo;
  geo.grid = grid;
  geo.mask = mask;
  for (int a = 0; a < grid.dim; ++a) {
    geo.any_periodic = geo.any_periodic || grid.periodic[a];
    geo.half_length[a] = 0.5 * grid.length[a];
  }
  geo.run_length = run_length < 1 ? 1 : (run_length > grid.n[0] ? grid.n[0] : run_length);
  geo.runs_per_row = (grid.n[0] + geo.run_length - 1) / geo.run_length;
  return geo;
}

// c_i(y) B_i(y) - f_i (section 2.8; B = 1 for a cell without a bias): the one expression
// both the brute-force and the binned pass use, so that they compare bit-identical
// numbers. kBiased = false leaves the per-candidate bias test out of the loop (measured
// with `tessera bench`: the test slowed the unbiased brute-force pass by 10-35 %); the
// kernels take it when no cell has a bias, where both forms give the same bits.
template <bool kBiased>
TESSERA_HD TESSERA_SIM_INLINE double laguerre_value(const PixelGeometry& geo, const Vec3& y, const LaguerreCell& cell,
                                                    const CellCost& cost, const CellBias* bias) {
  const Vec3 z = geo.displacement(y, cell.x);
  if constexpr (kBiased) {
    return solver_cost_value(cost, bias, cell.x, z, geo.grid.dim) - cell.f;
  } else {
    (void)bias;
    return capped_cost_value(cost, z, geo.grid.dim) - cell.f;
  }
}
// The same for cell c of arrays where `biases` is null when no cell has a bias.
TESSERA_HD TESSERA_SIM_INLINE double laguerre_value(const PixelGeometry& geo, const Vec3& y, const LaguerreCell* cells,
                                                    const CellCost* costs, const CellBias* biases, std::int32_t c) {
  return biases != nullptr ? laguerre_value<true>(geo, y, cells[c], costs[c], biases + c)
                           : laguerre_value<false>(geo, y, cells[c], costs[c], nullptr);
}

// Running argmin with the reference's tie rule: lowest index wins (section 1.4),
// whatever order the candidates come in. The unsigned compare makes the empty
// state (-1) lose every tie, so even a +inf value gets a label.
struct BestCell {
  double value = HUGE_VAL;
  std::int32_t label = -1;
  TESSERA_HD TESSERA_SIM_INLINE void consider(double v, std::int32_t id) {
    if (v < value || (v == value && static_cast<std::uint32_t>(id) < static_cast<std::uint32_t>(label))) {
      value = v;
      label = id;
    }
  }
};

// Best and second-best cell (same tie rule), for the Jacobian's interface pixels.
struct BestTwoCells {
  BestCell first, second;
  TESSERA_HD TESSERA_SIM_INLINE void consider(double v, std::int32_t id) {
    const bool beats_first = v < first.value || (v == first.value && static_cast<std::uint32_t>(id) <
                                                                         static_cast<std::uint32_t>(first.label));
    if (beats_first) {
      second = first;
      first.value = v;
      first.label = id;
    } else {
      second.consider(v, id);
    }
  }
};

// Scans the candidate cells of the pixel at y into `best`: the bin's list and the
// global list, or every cell (brute force). kBiased: as in laguerre_value; the kernels
// choose it once per run (biases non-null), so no pixel and no candidate tests it.
template <class Best, bool kBiased>
struct CandidateScan {
  const PixelGeometry* geo;
  const LaguerreCell* cells;
  const CellCost* costs;
  const CellBias* biases;  // one per cell when kBiased
  TESSERA_HD TESSERA_SIM_INLINE void all(const Vec3& y, int n_cells, Best& best) const {
    for (int c = 0; c < n_cells; ++c)
      best.consider(laguerre_value<kBiased>(*geo, y, cells[c], costs[c], kBiased ? biases + c : nullptr), c);
  }
  TESSERA_HD TESSERA_SIM_INLINE void list(const Vec3& y, const CellIdList& cells_in, Best& best) const {
    for (int q = 0; q < cells_in.count; ++q) {
      const std::int32_t c = cells_in.ids[q];
      best.consider(laguerre_value<kBiased>(*geo, y, cells[c], costs[c], kBiased ? biases + c : nullptr), c);
    }
  }
};

// The candidates of the bin that holds a run (a run never crosses a bin, so one list and
// one packed-domain threshold serve all its pixels): the bin's list and, when per-bin
// thresholds exist, its threshold; unchanged (no list, the global threshold) unbinned.
TESSERA_HD inline void run_candidates(const CellBinsView& bins, bool binned, const double* bin_threshold, int i0, int j,
                                      int k, CellIdList& list, double& accept) {
  if (!binned) return;
  const std::int64_t bin = bins.bin_of(i0, j, k);
  list = bins.bin_list(bin);
  if (bin_threshold != nullptr) accept = bin_threshold[bin];
}

// ---- assignment -------------------------------------------------------------------
// Labels every kept pixel and reduces, per key (cell i -> i, void -> n_cells,
// fallback counter -> n_cells + 1), channel 0 = pixel count and channel 1 = the sum
// of the pixel's dual term (min(0, best) with a void, best without).
struct AssignKernel {
  PixelGeometry geo;
  const LaguerreCell* cells = nullptr;
  const CellCost* costs = nullptr;
  const CellBias* biases = nullptr;  // one per cell, or null when no cell has a bias (section 2.8)
  int n_cells = 0;
  bool with_void = true;
  bool binned = false;
  CellBinsView bins;
  // Binned, packed: a pixel whose best candidate exceeds the threshold of its bin
  // (bin_threshold[bin], or `threshold` when null) is rescanned in full.
  double threshold = 0;
  const double* bin_threshold = nullptr;
  std::int32_t* labels = nullptr;

  template <class Emit>
  TESSERA_HD TESSERA_SIM_FLATTEN void operator()(std::int64_t run, const Emit& emit) const {
    if (biases != nullptr) {
      assign_run<true>(run, emit);
    } else {
      assign_run<false>(run, emit);
    }
  }
  template <bool kBiased, class Emit>
  TESSERA_HD TESSERA_SIM_INLINE void assign_run(std::int64_t run, const Emit& emit) const {
    int i0, i1, j, k;
    geo.run_extent(run, i0, i1, j, k);
    const CandidateScan<BestCell, kBiased> scan{&geo, cells, costs, biases};
    // A run lies inside one bin: one candidate list (and threshold) for all its pixels.
    CellIdList list{nullptr, 0};
    double accept = threshold;
    run_candidates(bins, binned, bin_threshold, i0, j, k, list, accept);
    const CellIdList global = bins.global_list();
    // Consecutive pixels with the same key are summed locally: fewer emits.
    int run_key = -1;
    double run_count = 0, run_sum = 0, n_fallback = 0;
    const std::int64_t row_start = geo.grid.index(0, j, k);
    for (int i = i0; i < i1; ++i) {
      const std::int64_t idx = row_start + i;
      if (!geo.kept(idx)) {
        labels[idx] = kOutsideLabel;
        continue;
      }
      const Vec3 y = geo.grid.center(i, j, k);
      BestCell best;
      if (binned) {
        scan.list(y, list, best);
        scan.list(y, global, best);
        // Packed: the cells missing from the lists all exceed the threshold.
        if (!with_void && !(best.value <= accept)) {
          best = BestCell{};
          scan.all(y, n_cells, best);
          n_fallback += 1;
        }
      } else {
        scan.all(y, n_cells, best);
      }
      // With a void a pixel is void when every c_i - f_i > 0; a tie goes to the cell.
      const bool is_void = best.label < 0 || (with_void && !(best.value <= 0));
      labels[idx] = is_void ? kVoidLabel : best.label;
      const int key = is_void ? n_cells : best.label;
      const double term = is_void ? (with_void ? 0.0 : best.value) : best.value;
      if (key != run_key) {
        if (run_key >= 0) {
          emit.add(run_key, 0, run_count);
          emit.add(run_key, 1, run_sum);
        }
        run_key = key;
        run_count = 0;
        run_sum = 0;
      }
      run_count += 1;
      run_sum += term;
    }
    if (run_key >= 0) {
      emit.add(run_key, 0, run_count);
      emit.add(run_key, 1, run_sum);
    }
    if (n_fallback > 0) emit.add(n_cells + 1, 0, n_fallback);
  }
};

// ---- threshold estimates for packed domains ------------------------------------------
// Per bin: the max over its kept pixels of c_l(y) - f_l for the previous label l.
// Since min_i (c_i(y) - f_i) <= c_l(y) - f_l, a pixel of the bin only needs the cells
// with c_i <= f_i + that value (current seeds and potentials): a local threshold,
// much tighter than one for the whole box when cell sizes or spacings vary.
struct BinGapKernel {
  PixelGeometry geo;
  const LaguerreCell* cells = nullptr;
  const CellCost* costs = nullptr;
  const std::int32_t* labels = nullptr;
  CellBinsView bins;      // layout only
  double* gap = nullptr;  // one per bin; -inf when no pixel of the bin is labelled
  const CellBias* biases = nullptr;  // one per cell, or null when no cell has a bias

  TESSERA_HD TESSERA_SIM_FLATTEN void operator()(std::int64_t bin) const {
    const Grid& g = geo.grid;
    const int bx = static_cast<int>(bin % bins.n_bins[0]);
    const std::int64_t rest = bin / bins.n_bins[0];
    const int by = static_cast<int>(rest % bins.n_bins[1]);
    const int bz = static_cast<int>(rest / bins.n_bins[1]);
    const int lo[3] = {bx * bins.bin_size[0], by * bins.bin_size[1], bz * bins.bin_size[2]};
    int hi[3];
    for (int a = 0; a < 3; ++a) hi[a] = lo[a] + bins.bin_size[a] < g.n[a] ? lo[a] + bins.bin_size[a] : g.n[a];
    double worst = -HUGE_VAL;
    for (int k = lo[2]; k < hi[2]; ++k)
      for (int j = lo[1]; j < hi[1]; ++j) {
        const std::int64_t row_start = g.index(0, j, k);
        for (int i = lo[0]; i < hi[0]; ++i) {
          const std::int32_t l = labels[row_start + i];
          if (l < 0) continue;
          const double v = laguerre_value(geo, g.center(i, j, k), cells, costs, biases, l);
          worst = v > worst ? v : worst;
        }
      }
    gap[bin] = worst;
  }
};

// A plain aggregate (no member initialisers): the device reduction keeps it in
// shared memory, which cannot run constructors. The empty range is {+inf, -inf}.
struct ValueRange {
  double lo;
  double hi;
};
struct ValueRangeOp {
  TESSERA_HD ValueRange operator()(const ValueRange& a, const ValueRange& b) const {
    return ValueRange{b.lo < a.lo ? b.lo : a.lo, b.hi > a.hi ? b.hi : a.hi};
  }
};

// Range of min_i (c_i - f_i) over a strided sample of the kept pixels (brute force):
// the first estimate of the packed threshold, before any labelling exists.
struct SampledGapKernel {
  PixelGeometry geo;
  const LaguerreCell* cells = nullptr;
  const CellCost* costs = nullptr;
  int n_cells = 0;
  int stride[3] = {1, 1, 1};
  int n_samples[3] = {1, 1, 1};
  const CellBias* biases = nullptr;  // one per cell, or null when no cell has a bias

  TESSERA_HD TESSERA_SIM_FLATTEN ValueRange operator()(std::int64_t s) const {
    const int si = static_cast<int>(s % n_samples[0]);
    const std::int64_t rest = s / n_samples[0];
    const int sj = static_cast<int>(rest % n_samples[1]);
    const int sk = static_cast<int>(rest / n_samples[1]);
    const int i = sample_coord(si, 0), j = sample_coord(sj, 1), k = sample_coord(sk, 2);
    ValueRange range{HUGE_VAL, -HUGE_VAL};
    if (!geo.kept(geo.grid.index(i, j, k))) return range;
    BestCell best;
    if (biases != nullptr) {
      CandidateScan<BestCell, true>{&geo, cells, costs, biases}.all(geo.grid.center(i, j, k), n_cells, best);
    } else {
      CandidateScan<BestCell, false>{&geo, cells, costs, biases}.all(geo.grid.center(i, j, k), n_cells, best);
    }
    range.lo = range.hi = best.value;
    return range;
  }
  TESSERA_HD int sample_coord(int s, int axis) const {
    const int c = s * stride[axis] + stride[axis] / 2;
    return c < geo.grid.n[axis] ? c : geo.grid.n[axis] - 1;
  }
};

// ---- moments ---------------------------------------------------------------------------
// Per cell, channels: count; sum z (dim); sum z z^T (xx, yy, [zz], xy, [xz, yz]);
// sum G_i(y) (dim), with z = wr(y - x_i) (iceshot-model.md 4.1-4.3).
TESSERA_HD inline int moment_channels(int dim) {
  return dim == 3 ? 17 : 11;
}

struct MomentsKernel {
  PixelGeometry geo;
  const LaguerreCell* cells = nullptr;
  const CellCost* costs = nullptr;
  const std::int32_t* labels = nullptr;

  template <class Emit>
  TESSERA_HD TESSERA_SIM_FLATTEN void operator()(std::int64_t run, const Emit& emit) const {
    int i0, i1, j, k;
    geo.run_extent(run, i0, i1, j, k);
    const int dim = geo.grid.dim;
    const int n_ch = moment_channels(dim);
    double acc[17];
    int run_label = -1;
    const std::int64_t row_start = geo.grid.index(0, j, k);
    for (int i = i0; i < i1; ++i) {
      const std::int32_t l = labels[row_start + i];
      if (l < 0) continue;
      if (l != run_label) {
        if (run_label >= 0) flush(emit, run_label, acc, n_ch);
        run_label = l;
        for (int c = 0; c < n_ch; ++c) acc[c] = 0;
      }
      const Vec3 z = geo.displacement(geo.grid.center(i, j, k), cells[l].x);
      const Vec3 g = cost_seed_gradient(costs[l], z, dim);
      // Cost-derived barycentre weight w = <G, z> / (|z|^2 + 1e-8) (section 4.2).
      const double w = dot(g, z) / (norm2(z) + 1e-8);
      acc[0] += 1;
      if (dim == 3) {
        acc[1] += z.x, acc[2] += z.y, acc[3] += z.z;
        acc[4] += z.x * z.x, acc[5] += z.y * z.y, acc[6] += z.z * z.z;
        acc[7] += z.x * z.y, acc[8] += z.x * z.z, acc[9] += z.y * z.z;
        acc[10] += g.x, acc[11] += g.y, acc[12] += g.z;
        acc[13] += w * z.x, acc[14] += w * z.y, acc[15] += w * z.z, acc[16] += w;
      } else {
        acc[1] += z.x, acc[2] += z.y;
        acc[3] += z.x * z.x, acc[4] += z.y * z.y, acc[5] += z.x * z.y;
        acc[6] += g.x, acc[7] += g.y;
        acc[8] += w * z.x, acc[9] += w * z.y, acc[10] += w;
      }
    }
    if (run_label >= 0) flush(emit, run_label, acc, n_ch);
  }
  template <class Emit>
  TESSERA_HD static void flush(const Emit& emit, int label, const double* acc, int n_ch) {
    for (int c = 0; c < n_ch; ++c) emit.add(label, c, acc[c]);
  }
};

// ---- adjacency -------------------------------------------------------------------------
// For each kept pixel and axis, the label across the face towards +axis when it
// differs (cell or void), else kNoPair. Faces with pixels outside the mask, or
// across a wall, are not boundaries between cells.
struct FaceNeighbourKernel {
  PixelGeometry geo;
  const std::int32_t* labels = nullptr;
  std::int32_t* across = nullptr;  // dim entries per pixel

  TESSERA_HD TESSERA_SIM_FLATTEN void operator()(std::int64_t run) const {
    int i0, i1, j, k;
    geo.run_extent(run, i0, i1, j, k);
    const Grid& g = geo.grid;
    const int dim = g.dim;
    const std::int64_t row_start = g.index(0, j, k);
    // Rows across the +y and +z faces (wrapped on periodic axes, absent at walls).
    std::int64_t next_row[3] = {-1, -1, -1};
    if (dim >= 2) {
      const int jn = j + 1 < g.n[1] ? j + 1 : (g.periodic[1] ? 0 : -1);
      if (jn >= 0) next_row[1] = g.index(0, jn, k);
    }
    if (dim == 3) {
      const int kn = k + 1 < g.n[2] ? k + 1 : (g.periodic[2] ? 0 : -1);
      if (kn >= 0) next_row[2] = g.index(0, j, kn);
    }
    for (int i = i0; i < i1; ++i) {
      const std::int64_t idx = row_start + i;
      const std::int32_t l = labels[idx];
      for (int a = 0; a < dim; ++a) {
        std::int64_t other = -1;
        if (a == 0) {
          other = i + 1 < g.n[0] ? idx + 1 : (g.periodic[0] ? row_start : -1);
        } else if (next_row[a] >= 0) {
          other = next_row[a] + i;
        }
        std::int32_t code = kNoPair;
        if (l != kOutsideLabel && other >= 0) {
          const std::int32_t m = labels[other];
          if (m != kOutsideLabel && m != l) code = m;
        }
        across[idx * dim + a] = code;
      }
    }
  }
};

// ---- count Jacobian --------------------------------------------------------------------
// For each kept pixel: its label a (cell or void) and runner-up b (next best cell,
// or the void whose value is 0), with phi = (c_b - f_b) - (c_a - f_a) >= 0 and
// |grad_y phi| = |grad_y c_a - grad_y c_b| (-G for translation-invariant costs, the
// biased cost's own gradient with a bias; the void's is 0). A pixel whose estimated
// distance phi / |grad phi| to the a|b interface is below h contributes
// 1 / (2 h |grad phi|): the co-area estimate of the facet integral of 1/|grad phi| over
// the pixel volume, each side giving half.
struct JacobianKernel {
  PixelGeometry geo;
  const LaguerreCell* cells = nullptr;
  const CellCost* costs = nullptr;
  const CellBias* biases = nullptr;  // one per cell, or null when no cell has a bias
  int n_cells = 0;
  bool with_void = true;
  bool binned = false;
  CellBinsView bins;
  double threshold = 0;  // packed: as in AssignKernel
  const double* bin_threshold = nullptr;
  double h = 1;                        // band half-width: the smallest pixel spacing
  std::int32_t* pair_label = nullptr;  // per pixel: a, or kNoPair when it contributes nothing
  std::int32_t* pair_other = nullptr;  // per pixel: b (kVoidLabel for the void)
  double* pair_weight = nullptr;       // per pixel: 1 / (2 h |grad phi|)

  TESSERA_HD TESSERA_SIM_FLATTEN void operator()(std::int64_t run) const {
    if (biases != nullptr) {
      pair_run<true>(run);
    } else {
      pair_run<false>(run);
    }
  }
  template <bool kBiased>
  TESSERA_HD TESSERA_SIM_INLINE void pair_run(std::int64_t run) const {
    int i0, i1, j, k;
    geo.run_extent(run, i0, i1, j, k);
    const CandidateScan<BestTwoCells, kBiased> scan{&geo, cells, costs, biases};
    // A run lies inside one bin: one candidate list (and threshold) for all its pixels.
    CellIdList list{nullptr, 0};
    double accept = threshold;
    run_candidates(bins, binned, bin_threshold, i0, j, k, list, accept);
    const CellIdList global = bins.global_list();
    const std::int64_t row_start = geo.grid.index(0, j, k);
    for (int i = i0; i < i1; ++i) {
      const std::int64_t idx = row_start + i;
      pair_label[idx] = kNoPair;
      if (!geo.kept(idx)) continue;
      const Vec3 y = geo.grid.center(i, j, k);
      BestTwoCells best;
      if (binned) {
        scan.list(y, list, best);
        scan.list(y, global, best);
        if (!with_void && !(best.first.value <= accept)) {
          best = BestTwoCells{};
          scan.all(y, n_cells, best);
        }
      } else {
        scan.all(y, n_cells, best);
      }
      // Label and runner-up among the cells and the void (value 0, ties to the cell);
      // BestCell's label -1 means "no cell in reach".
      std::int32_t a = best.first.label, b = best.second.label;
      double va = best.first.value, vb = best.second.value;
      if (with_void && !(va <= 0)) {
        if (a < 0) continue;  // no cell near this void pixel
        b = a, vb = va;
        a = kVoidLabel, va = 0;
      } else if (with_void && (b < 0 || !(vb <= 0))) {
        b = kVoidLabel, vb = 0;
      } else if (b < 0) {
        continue;  // packed, a single candidate: no interface in reach
      }
      const Vec3 grad_a = a >= 0 ? gradient<kBiased>(a, y) : Vec3{};
      const Vec3 grad_b = b >= 0 ? gradient<kBiased>(b, y) : Vec3{};
      // Band test gap / slope < h without a square root: most pixels fail it.
      const double slope2 = norm2(grad_a - grad_b);
      const double gap = vb - va;  // >= 0
      if (!(slope2 > 0) || !(gap * gap < h * h * slope2)) continue;
      const double slope = ::sqrt(slope2);
      pair_label[idx] = a;
      pair_other[idx] = b;
      pair_weight[idx] = 1.0 / (2.0 * h * slope);
    }
  }
  // grad_y of the solver's cost of cell c at y.
  template <bool kBiased>
  TESSERA_HD TESSERA_SIM_INLINE Vec3 gradient(std::int32_t c, const Vec3& y) const {
    const Vec3 z = geo.displacement(y, cells[c].x);
    if constexpr (kBiased) {
      return solver_cost_pixel_gradient(costs[c], biases + c, cells[c].x, z, geo.grid.dim);
    } else {
      return -cost_seed_gradient(costs[c], z, geo.grid.dim);
    }
  }
};

}  // namespace tessera
