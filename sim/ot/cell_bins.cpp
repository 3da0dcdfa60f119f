#include "sim/ot/cell_bins.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "engine/error.h"

namespace tessera {

namespace {

// Relative and absolute inflation of every radius: the kernels compare costs
// computed from wrapped displacements, the bins compare pixel-centre distances;
// the margin keeps rounding from ever dropping a cell that can reach a pixel.
constexpr double kRadiusRelMargin = 1e-9;
constexpr double kRadiusAbsMargin = 1e-9;  // in pixel spacings

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Bin side per axis (pixels) ~ a fraction of the typical radius, then grown until
// the bin count fits the cap (a few bins per cell are plenty; more only cost memory).
void choose_bin_sizes(const Grid& grid, double typical_radius, int n_cells, const CellBinsOptions& options,
                      int bin_size[3], int n_bins[3]) {
  const double target =
      std::isfinite(typical_radius) && typical_radius > 0 ? typical_radius * options.bin_to_radius : 0.0;
  for (int a = 0; a < 3; ++a) {
    if (a >= grid.dim) {
      bin_size[a] = grid.n[a];
    } else {
      const double pixels = target / grid.spacing(a);
      bin_size[a] = static_cast<int>(std::clamp(std::floor(pixels), 1.0, static_cast<double>(grid.n[a])));
    }
    n_bins[a] = (grid.n[a] + bin_size[a] - 1) / bin_size[a];
  }
  const std::int64_t cap =
      std::max<std::int64_t>(options.min_max_bins, options.bins_per_cell * static_cast<std::int64_t>(n_cells));
  auto total = [&] { return static_cast<std::int64_t>(n_bins[0]) * n_bins[1] * n_bins[2]; };
  while (total() > cap) {
    // Coarsen the axis with the most bins.
    int a = 0;
    for (int b = 1; b < grid.dim; ++b)
      if (n_bins[b] > n_bins[a]) a = b;
    bin_size[a] = std::min(grid.n[a], bin_size[a] + std::max(1, bin_size[a] / 4));
    n_bins[a] = (grid.n[a] + bin_size[a] - 1) / bin_size[a];
  }
}

double median_finite(std::span<const double> radii) {
  std::vector<double> finite;
  finite.reserve(radii.size());
  for (double r : radii)
    if (std::isfinite(r) && r >= 0) finite.push_back(r);
  if (finite.empty()) return 0.0;
  auto mid = finite.begin() + static_cast<std::ptrdiff_t>(finite.size() / 2);
  std::nth_element(finite.begin(), mid, finite.end());
  return *mid;
}

}  // namespace

void CellBins::build(const Grid& grid, std::span<const Vec3> seeds, std::span<const double> radii,
                     const CellBinsOptions& options) {
  TESSERA_REQUIRE(seeds.size() == radii.size(), "cell bins: " + std::to_string(seeds.size()) + " seeds but " +
                                                    std::to_string(radii.size()) + " radii");
  set_layout(grid, median_finite(radii), static_cast<int>(seeds.size()), options);
  fill(grid, seeds, radii);
}

void CellBins::set_layout(const Grid& grid, double typical_radius, int n_cells, const CellBinsOptions& options) {
  choose_bin_sizes(grid, typical_radius, n_cells, options, m_bin_size, m_n_bins);
}

void CellBins::fill(const Grid& grid, std::span<const Vec3> seeds, std::span<const double> max_radius,
                    const BinLevels* levels) {
  TESSERA_REQUIRE(seeds.size() == max_radius.size(), "cell bins: " + std::to_string(seeds.size()) + " seeds but " +
                                                         std::to_string(max_radius.size()) + " radii");
  const int n_cells = static_cast<int>(seeds.size());
  const std::int64_t n_total = n_bins_total();
  for (int a = 0; a < 3; ++a)
    TESSERA_REQUIRE(m_bin_size[a] >= 1 && m_n_bins[a] == (grid.n[a] + m_bin_size[a] - 1) / m_bin_size[a],
                    "cell bins: the layout does not match the grid; call set_layout() first");
  if (levels != nullptr)
    TESSERA_REQUIRE(static_cast<std::int64_t>(levels->bin_level.size()) == n_total && levels->n_levels >= 1 &&
                        static_cast<bool>(levels->radius),
                    "cell bins: per-bin levels need one level per bin and a radius function");
  double h_min = grid.spacing(0);
  for (int a = 1; a < grid.dim; ++a) h_min = std::min(h_min, grid.spacing(a));
  auto inflate = [h_min](double r) { return std::max(r, 0.0) * (1 + kRadiusRelMargin) + kRadiusAbsMargin * h_min; };

  m_pairs.clear();
  std::vector<std::int32_t>& global = m_global_cells.host();
  global.clear();
  for (int a = 0; a < 3; ++a) {
    m_axis_dist[a].assign(m_n_bins[a], HUGE_VAL);
    m_axis_bins[a].clear();
  }

  for (int cell = 0; cell < n_cells; ++cell) {
    const double radius = max_radius[cell];
    if (!(radius < HUGE_VAL)) {  // infinite or NaN: every pixel scans it
      global.push_back(cell);
      continue;
    }
    const double r = inflate(radius);
    const Vec3 x = grid.wrap_position(seeds[cell]);
    // Per axis: the bins holding a pixel within r of the seed along that axis, with
    // the smallest such axis distance (over all periodic images).
    bool reaches = true;
    for (int a = 0; a < 3 && reaches; ++a) {
      std::vector<std::int32_t>& bins = m_axis_bins[a];
      std::vector<double>& dist = m_axis_dist[a];
      for (std::int32_t b : bins) dist[b] = HUGE_VAL;
      bins.clear();
      if (a >= grid.dim) {
        bins.push_back(0);
        dist[0] = 0;
        continue;
      }
      const double h = grid.spacing(a);
      const int n = grid.n[a];
      // Pixel p (unwrapped) has centre (p + 1/2) h; keep p with |centre - x| <= r.
      const double lo_f = std::floor((x[a] - r) / h - 0.5);
      const double hi_f = std::ceil((x[a] + r) / h - 0.5);
      if (grid.periodic[a] && hi_f - lo_f + 1 >= n) {
        for (int b = 0; b < m_n_bins[a]; ++b) {
          bins.push_back(b);
          dist[b] = 0;  // conservative: some image may be at distance 0
        }
        continue;
      }
      if (!grid.periodic[a] && (hi_f < 0 || lo_f > n - 1)) {
        reaches = false;  // the support lies beyond this wall
        continue;
      }
      std::int64_t lo, hi;
      if (grid.periodic[a]) {
        lo = static_cast<std::int64_t>(lo_f);
        hi = static_cast<std::int64_t>(hi_f);
      } else {
        lo = static_cast<std::int64_t>(std::max(lo_f, 0.0));
        hi = static_cast<std::int64_t>(std::min(hi_f, static_cast<double>(n - 1)));
      }
      for (std::int64_t p = lo; p <= hi; ++p) {
        const double d = std::fabs((p + 0.5) * h - x[a]);
        if (d > r) continue;
        const std::int64_t pw = grid.periodic[a] ? p - floor_div(p, n) * n : p;
        const int b = static_cast<int>(pw / m_bin_size[a]);
        if (dist[b] == HUGE_VAL) bins.push_back(b);
        dist[b] = std::min(dist[b], d);
      }
      reaches = !bins.empty();
    }
    if (!reaches) continue;  // the support misses the box entirely
    // Keep the bins whose nearest pixel (axis by axis) lies within r, or within the
    // radius of the bin's level.
    const std::size_t first = m_pairs.size();
    const double r2 = r * r;
    if (levels != nullptr) m_level_radius.assign(levels->n_levels, -1.0);
    auto within_level = [&](std::int64_t bin, double d2) {
      if (levels == nullptr) return true;
      const int level = levels->bin_level[bin];
      double& rl = m_level_radius[level];
      if (rl < 0) rl = std::min(inflate(levels->radius(cell, level)), r);
      return d2 <= rl * rl;
    };
    for (std::int32_t bz : m_axis_bins[2]) {
      const double dz2 = m_axis_dist[2][bz] * m_axis_dist[2][bz];
      for (std::int32_t by : m_axis_bins[1]) {
        const double dyz2 = dz2 + m_axis_dist[1][by] * m_axis_dist[1][by];
        if (dyz2 > r2) continue;
        for (std::int32_t bx : m_axis_bins[0]) {
          const double d2 = dyz2 + m_axis_dist[0][bx] * m_axis_dist[0][bx];
          if (d2 > r2) continue;
          const std::int64_t bin =
              bx + static_cast<std::int64_t>(m_n_bins[0]) * (by + static_cast<std::int64_t>(m_n_bins[1]) * bz);
          if (within_level(bin, d2)) m_pairs.push_back(bin << 32 | cell);
        }
      }
    }
    // A cell in every bin is cheaper as a global candidate.
    if (static_cast<std::int64_t>(m_pairs.size() - first) == n_total) {
      m_pairs.resize(first);
      global.push_back(cell);
    }
  }

  // Counting sort of (bin, cell) into CSR; pairs are in cell order, so ids ascend within a bin.
  TESSERA_REQUIRE(m_pairs.size() < static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()),
                  "cell bins: too many (bin, cell) entries; the supports are too large for binning");
  std::vector<std::int32_t>& start = m_bin_start.host();
  start.assign(static_cast<std::size_t>(n_total) + 1, 0);
  for (std::int64_t pair : m_pairs) ++start[(pair >> 32) + 1];
  for (std::int64_t b = 0; b < n_total; ++b) start[b + 1] += start[b];
  std::vector<std::int32_t>& cells = m_bin_cells.host();
  cells.resize(m_pairs.size());
  std::vector<std::int32_t> cursor(start.begin(), start.end() - 1);
  for (std::int64_t pair : m_pairs) cells[cursor[pair >> 32]++] = static_cast<std::int32_t>(pair & 0xffffffff);
}

void CellBins::upload(const Exec& exec) {
  m_bin_start.upload(exec);
  m_bin_cells.upload(exec);
  m_global_cells.upload(exec);
}

CellBinsView CellBins::view(const Exec& exec) {
  CellBinsView v;
  for (int a = 0; a < 3; ++a) {
    v.bin_size[a] = m_bin_size[a];
    v.n_bins[a] = m_n_bins[a];
  }
  v.bin_start = m_bin_start.data(exec);
  v.bin_cells = m_bin_cells.data(exec);
  v.global_cells = m_global_cells.data(exec);
  v.n_global = static_cast<int>(m_global_cells.size());
  return v;
}

}  // namespace tessera
