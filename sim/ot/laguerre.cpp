// Laguerre engine: dispatch of the kernels in sim/laguerre_kernels.h and the host
// bookkeeping around them (bins, thresholds, sparse graphs).
#include "sim/ot/laguerre.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <utility>

#include "sim/ot/boundary.h"
#include "engine/error.h"
#include "engine/parallel.h"
#include "sim/ot/boundary.h"
#include "sim/ot/cell_bins.h"
#include "sim/ot/laguerre_assemble.h"
#include "sim/ot/laguerre_kernels.h"

namespace tessera {

namespace {

// Pixels per run for kernels that do not follow bins (moments, adjacency) on the CPU.
constexpr int kHostRunLength = 32;
// Packed domains before any labelling: the threshold is sampled on about this many
// pixels per cell (at least kMinThresholdSamples), then widened by this fraction of
// the sampled range. Pixels it misses fall back to the full scan.
constexpr double kThresholdSamplesPerCell = 4.0;
constexpr double kMinThresholdSamples = 1024.0;
constexpr double kSampledThresholdWidening = 0.25;
// Packed domains with a previous labelling: per-bin thresholds are rounded up to one
// of this many values (at most 255: stored in a byte per bin).
constexpr int kThresholdLevels = 24;
// The Jacobian's candidate lists reach this many pixel spacings beyond each
// support, so that void pixels in the band outside a cell still see it. For a
// power cost with p <= 2 and a support radius r0, the band {c - f < h |grad c|}
// ends within h / (1 - h / r0) of the support: 1.5 h covers r0 >= 3 h. (Packed
// domains need it less: without it about 1 % of the interface weight goes missing
// near the pixels that set their bin's threshold.)
constexpr double kJacobianReachPixels = 1.5;

}  // namespace

struct LaguerreEngine::Impl {
  Exec exec;
  Domain domain;
  bool with_void = true;
  double h_min = 1, h_max = 1;
  int n_cells = 0;

  Mirrored<LaguerreCell> cells;
  Mirrored<CellCost> costs;
  Mirrored<CellBias> biases;  // one per cell when some cell has a bias (section 2.8), else empty
  std::vector<Vec3> seeds;  // wrapped copies, for the bins
  Mirrored<std::int32_t> labels;
  Mirrored<std::uint8_t> boundary;  // boundary_pixels() output
  bool has_labels = false;  // an assign() ran with the current cell count
  bool labels_on_host = true;
  AssignStats stats;

  CellBins bins;
  std::vector<double> radii;
  Mirrored<double> bin_threshold;  // packed: per bin, the accepted best value
  std::vector<std::uint8_t> bin_level;
  std::vector<double> level_value;
  Mirrored<double> sums;
  Mirrored<std::int32_t> pair_label, pair_other;
  Mirrored<double> pair_weight;

  Impl(const Exec& e, const Domain& d, bool void_cell) : exec(e), with_void(void_cell) {
    domain.grid = d.grid;
    domain.mask = Mirrored<std::uint8_t>(d.mask.host());
    domain.n_kept = d.n_kept;
    domain.mask.upload(exec);
    const Grid& g = domain.grid;
    h_min = h_max = g.spacing(0);
    for (int a = 1; a < g.dim; ++a) {
      h_min = std::min(h_min, g.spacing(a));
      h_max = std::max(h_max, g.spacing(a));
    }
    labels.resize(static_cast<std::size_t>(g.size()), kOutsideLabel);
  }

  // The kernels' bias array, null when no cell has a bias; a cell's bias on the host.
  // The cell data every per-pixel kernel reads (AssignKernel, JacobianKernel).
  template <class Kernel>
  void bind_cells(Kernel& kernel) {
    kernel.cells = cells.data(exec);
    kernel.costs = costs.data(exec);
    kernel.biases = bias_data();
    kernel.n_cells = n_cells;
    kernel.with_void = with_void;
  }

  const CellBias* bias_data() { return biases.size() > 0 ? biases.data(exec) : nullptr; }
  const CellBias* host_bias(int i) const { return biases.size() > 0 ? &biases.host()[i] : nullptr; }

  // One pixel per thread on the GPU; runs amortise the index arithmetic on the CPU.
  PixelGeometry geometry(int run_length) {
    const std::uint8_t* mask = domain.has_mask() ? domain.mask.data(exec) : nullptr;
    return make_pixel_geometry(domain.grid, mask, exec.is_cuda() ? 1 : run_length);
  }

  void require_labels(const char* what) const {
    TESSERA_REQUIRE(has_labels, std::string("Laguerre engine: ") + what + " needs a labelling; call assign() first");
  }

  void upload_potentials(std::span<const double> potentials) {
    TESSERA_REQUIRE(static_cast<int>(potentials.size()) == n_cells,
                    "Laguerre engine: " + std::to_string(potentials.size()) + " potentials for " +
                        std::to_string(n_cells) + " cells");
    for (int i = 0; i < n_cells; ++i) cells.host()[i].f = potentials[i];
    cells.upload(exec);
  }

  // Packed domains before any labelling: one threshold T for the whole box, an
  // estimate of max_y min_i (c_i(y) - f_i) from a strided sample of the pixels (brute
  // force), widened. Pixels it misses fall back to the full scan.
  double sampled_threshold() {
    const Grid& g = domain.grid;
    const double target = std::max(kMinThresholdSamples, kThresholdSamplesPerCell * n_cells);
    const int stride =
        std::max(1, static_cast<int>(std::floor(std::pow(static_cast<double>(g.size()) / target, 1.0 / g.dim))));
    SampledGapKernel kernel{geometry(1), cells.data(exec), costs.data(exec), n_cells};
    kernel.biases = bias_data();
    std::int64_t n_samples = 1;
    for (int a = 0; a < 3; ++a) {
      kernel.stride[a] = a < g.dim ? std::min(stride, g.n[a]) : 1;
      kernel.n_samples[a] = (g.n[a] + kernel.stride[a] - 1) / kernel.stride[a];
      n_samples *= kernel.n_samples[a];
    }
    const ValueRange range = transform_reduce(exec, n_samples, ValueRange{HUGE_VAL, -HUGE_VAL}, ValueRangeOp{}, kernel);
    if (!(range.hi > -HUGE_VAL) || !std::isfinite(range.hi - range.lo)) return HUGE_VAL;
    return range.hi + kSampledThresholdWidening * (range.hi - range.lo);
  }

  // Bins over the supports {c_i <= f_i + threshold}, reaching `pad` further.
  void build_uniform_bins(double threshold, double pad) {
    radii.resize(n_cells);
    const int dim = domain.grid.dim;
    for (int i = 0; i < n_cells; ++i)
      radii[i] = solver_support_radius(costs.host()[i], host_bias(i), cells.host()[i].f + threshold, dim) + pad;
    bins.build(domain.grid, seeds, radii);
    bins.upload(exec);
  }

  // Packed domains with a previous labelling: a threshold per bin (BinGapKernel),
  // rounded up to one of kThresholdLevels values so that each cell needs few support
  // radii. Returns false when no bin has a labelled pixel.
  bool build_leveled_bins(double pad) {
    const Grid& g = domain.grid;
    // Layout from the radius of a ball of the mean cell volume: packed cells tile the domain.
    const double cell_volume = static_cast<double>(domain.n_kept) * g.pixel_volume() / n_cells;
    const double ball = g.dim == 3 ? std::cbrt(cell_volume * 3.0 / (4.0 * std::numbers::pi))
                                   : std::sqrt(cell_volume / std::numbers::pi);
    bins.set_layout(g, ball + pad, n_cells);
    const std::int64_t n_bins = bins.n_bins_total();
    bin_threshold.resize(static_cast<std::size_t>(n_bins));
    const BinGapKernel gap_kernel{geometry(1),     cells.data(exec),         costs.data(exec), labels.data(exec),
                                  bins.view(exec), bin_threshold.data(exec), bias_data()};
    parallel_for(exec, n_bins, gap_kernel);
    bin_threshold.download(exec);
    std::vector<double>& gap = bin_threshold.host();
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (double t : gap)
      if (t > -HUGE_VAL) lo = std::min(lo, t), hi = std::max(hi, t);
    if (!(lo <= hi) || !std::isfinite(hi - lo)) return false;
    // Levels lo + (hi - lo) 2^(-m/2): fine steps near the smallest gaps, hi exactly last.
    level_value.assign(kThresholdLevels, lo);
    for (int l = 1; l < kThresholdLevels; ++l)
      level_value[l] = lo + (hi - lo) * std::exp2(-0.5 * (kThresholdLevels - 1 - l));
    level_value.back() = hi;
    bin_level.resize(static_cast<std::size_t>(n_bins));
    for (std::int64_t b = 0; b < n_bins; ++b) {
      const double t = gap[b] > -HUGE_VAL ? gap[b] : lo;
      const auto level = std::lower_bound(level_value.begin(), level_value.end(), t) - level_value.begin();
      bin_level[b] = static_cast<std::uint8_t>(level);
      gap[b] = level_value[level];  // the threshold the kernel accepts: >= the bin's gap
    }
    bin_threshold.upload(exec);

    const int dim = g.dim;
    radii.resize(n_cells);
    for (int i = 0; i < n_cells; ++i)
      radii[i] = solver_support_radius(costs.host()[i], host_bias(i), cells.host()[i].f + hi, dim) + pad;
    BinLevels levels;
    levels.n_levels = kThresholdLevels;
    levels.bin_level = bin_level;
    levels.radius = [&](int cell, int level) {
      const double level_f = cells.host()[cell].f + level_value[level];
      return solver_support_radius(costs.host()[cell], host_bias(cell), level_f, dim) + pad;
    };
    bins.fill(g, seeds, radii, &levels);
    bins.upload(exec);
    return true;
  }

  // The candidate lists of a binned pass; returns the kernel's threshold settings.
  void prepare_bins(double pad, double& threshold, const double*& per_bin) {
    per_bin = nullptr;
    threshold = 0;
    if (with_void) {
      build_uniform_bins(0.0, pad);
      return;
    }
    if (has_labels && build_leveled_bins(pad)) {
      per_bin = bin_threshold.data(exec);
      return;
    }
    threshold = sampled_threshold();
    build_uniform_bins(threshold, pad);
  }
};

LaguerreEngine::LaguerreEngine(const Exec& exec, const Domain& domain, bool with_void)
    : m_impl(std::make_unique<Impl>(exec, domain, with_void)) {}
LaguerreEngine::~LaguerreEngine() = default;
LaguerreEngine::LaguerreEngine(LaguerreEngine&&) noexcept = default;
LaguerreEngine& LaguerreEngine::operator=(LaguerreEngine&&) noexcept = default;

const Domain& LaguerreEngine::domain() const {
  return m_impl->domain;
}
const Exec& LaguerreEngine::exec() const {
  return m_impl->exec;
}
int LaguerreEngine::n_cells() const {
  return m_impl->n_cells;
}

bool LaguerreEngine::with_void() const { return m_impl->with_void; }

void LaguerreEngine::set_cells(std::span<const Vec3> seeds, std::span<const CellCost> costs,
                               std::span<const CellBias> biases) {
  Impl& m = *m_impl;
  TESSERA_REQUIRE(seeds.size() == costs.size(), "Laguerre engine: " + std::to_string(seeds.size()) + " seeds but " +
                                                    std::to_string(costs.size()) + " costs");
  TESSERA_REQUIRE(biases.empty() || biases.size() == costs.size(),
                  "Laguerre engine: " + std::to_string(biases.size()) + " cost biases for " +
                      std::to_string(costs.size()) + " cells (give none, or one per cell)");
  const int n = static_cast<int>(seeds.size());
  if (n != m.n_cells) m.has_labels = false;  // old labels index other cells
  m.n_cells = n;
  const Grid& g = m.domain.grid;
  m.cells.resize(n);
  m.seeds.resize(n);
  for (int i = 0; i < n; ++i) {
    Vec3 x = g.wrap_position(seeds[i]);
    if (g.dim == 2) x.z = 0;  // 2D pixel centres have z = 0
    m.cells.host()[i].x = x;
    m.seeds[i] = x;
  }
  m.costs.host().assign(costs.begin(), costs.end());
  // Biases only when some cell has one: the kernels then skip the test per candidate.
  const bool any_bias =
      std::any_of(biases.begin(), biases.end(), [](const CellBias& b) { return b.kind != CostBias::None; });
  m.biases.host().assign(any_bias ? biases.begin() : biases.end(), biases.end());
  m.cells.upload(m.exec);
  m.costs.upload(m.exec);
  m.biases.upload(m.exec);
}

const AssignStats& LaguerreEngine::assign(std::span<const double> potentials, AssignMethod method) {
  Impl& m = *m_impl;
  TESSERA_REQUIRE(m.with_void || m.n_cells > 0, "Laguerre engine: a packed domain (no void) needs at least one cell");
  m.upload_potentials(potentials);

  AssignKernel kernel;
  m.bind_cells(kernel);
  kernel.binned = method == AssignMethod::Binned;
  int run_length = kHostRunLength;
  if (kernel.binned) {
    m.prepare_bins(0.0, kernel.threshold, kernel.bin_threshold);
    kernel.bins = m.bins.view(m.exec);
    run_length = m.bins.bin_size()[0];  // a run stays inside one bin
  }
  kernel.geo = m.geometry(run_length);
  kernel.labels = m.labels.data(m.exec);
  const int n_keys = m.n_cells + 2;
  reduce_by_key(m.exec, kernel.geo.n_runs(), n_keys, 2, kernel, m.sums);

  const std::vector<double>& sums = m.sums.host();
  AssignStats& stats = m.stats;
  stats.counts.resize(m.n_cells);
  stats.min_sum = 0;
  for (int i = 0; i < m.n_cells; ++i) {
    stats.counts[i] = std::llround(sums[2 * i]);
    stats.min_sum += sums[2 * i + 1];
  }
  stats.void_count = std::llround(sums[2 * m.n_cells]);
  stats.min_sum += sums[2 * m.n_cells + 1];
  stats.n_fallback = std::llround(sums[2 * (m.n_cells + 1)]);
  m.has_labels = true;
  m.labels_on_host = !m.exec.is_cuda();
  return stats;
}

const std::vector<std::int32_t>& LaguerreEngine::labels() {
  Impl& m = *m_impl;
  m.require_labels("labels()");
  if (!m.labels_on_host) {
    m.labels.download(m.exec);
    m.labels_on_host = true;
  }
  return m.labels.host();
}

bool LaguerreEngine::has_labels() const { return m_impl->has_labels; }

const std::int32_t* LaguerreEngine::device_labels() const {
  const Impl& m = *m_impl;
  if (!m.exec.is_cuda() || !m.has_labels) return nullptr;
  return m.labels.device_data();
}

const std::vector<std::uint8_t>& LaguerreEngine::boundary_pixels() {
  Impl& m = *m_impl;
  m.require_labels("boundary_pixels()");
  tessera::boundary_pixels(m.exec, m.domain.grid, m.labels, m.boundary);
  return m.boundary.host();
}

CellMoments LaguerreEngine::moments() {
  Impl& m = *m_impl;
  m.require_labels("moments()");
  const Grid& g = m.domain.grid;
  const int dim = g.dim;
  const int n_ch = moment_channels(dim);
  if (m.n_cells == 0) return moments_from_sums(g, m.seeds, {}, m.domain.n_kept);
  const MomentsKernel kernel{m.geometry(kHostRunLength), m.cells.data(m.exec), m.costs.data(m.exec),
                             m.labels.data(m.exec)};
  reduce_by_key(m.exec, kernel.geo.n_runs(), m.n_cells, n_ch, kernel, m.sums);
  return moments_from_sums(g, m.seeds, m.sums.host(), m.domain.n_kept);
}

Adjacency LaguerreEngine::adjacency() {
  Impl& m = *m_impl;
  m.require_labels("adjacency()");
  const int dim = m.domain.grid.dim;
  m.pair_other.resize(static_cast<std::size_t>(m.domain.grid.size()) * dim);
  const FaceNeighbourKernel kernel{m.geometry(kHostRunLength), m.labels.data(m.exec), m.pair_other.data(m.exec)};
  parallel_for(m.exec, kernel.geo.n_runs(), kernel);
  m.pair_other.download(m.exec);
  return adjacency_from_faces(labels(), m.pair_other.host(), dim, m.n_cells);
}

CountJacobian LaguerreEngine::count_jacobian(std::span<const double> potentials) {
  Impl& m = *m_impl;
  TESSERA_REQUIRE(m.with_void || m.n_cells > 0, "Laguerre engine: a packed domain (no void) needs at least one cell");
  m.upload_potentials(potentials);

  JacobianKernel kernel;
  m.bind_cells(kernel);
  kernel.binned = true;
  kernel.h = m.h_min;
  m.prepare_bins(kJacobianReachPixels * m.h_max, kernel.threshold, kernel.bin_threshold);
  kernel.bins = m.bins.view(m.exec);
  kernel.geo = m.geometry(m.bins.bin_size()[0]);
  const std::size_t n_pixels = static_cast<std::size_t>(m.domain.grid.size());
  m.pair_label.resize(n_pixels);
  m.pair_other.resize(n_pixels);
  m.pair_weight.resize(n_pixels);
  kernel.pair_label = m.pair_label.data(m.exec);
  kernel.pair_other = m.pair_other.data(m.exec);
  kernel.pair_weight = m.pair_weight.data(m.exec);
  parallel_for(m.exec, kernel.geo.n_runs(), kernel);
  m.pair_label.download(m.exec);
  m.pair_other.download(m.exec);
  m.pair_weight.download(m.exec);
  return jacobian_from_pairs(m.pair_label.host(), m.pair_other.host(), m.pair_weight.host(), m.n_cells);
}

std::vector<std::int64_t> label_counts(std::span<const std::int32_t> labels, int n_cells) {
  std::vector<std::int64_t> counts(static_cast<std::size_t>(std::max(n_cells, 0)), 0);
  for (std::int32_t l : labels)
    if (l >= 0 && l < n_cells) ++counts[static_cast<std::size_t>(l)];
  return counts;
}

}  // namespace tessera
