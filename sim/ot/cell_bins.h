#pragma once
// A uniform grid of bins over the pixel grid, listing for every bin the cells
// whose bounded support can reach one of its pixels (iceshot-model.md 3.8: a pixel
// only needs the cells whose sublevel set {c_i <= level_i} contains it).
//
// The caller gives one radius per cell: every pixel y with |wr(y - x_i)| <= r_i must
// see cell i among its candidates. The Laguerre pass uses r_i = support radius of
// {c_i <= f_i + T}; a Sinkhorn pass can pass the radius of an enlarged threshold.
// Cells whose radius is infinite (or that reach every bin) go to a global list that
// every pixel scans as well.
//
// Bins are aligned with pixels (a bin is a block of bin_size[a] pixels per axis), so
// the bin of a pixel is found with integer arithmetic only and candidates never
// depend on rounding of a pixel's coordinates. Within a bin the cell ids ascend.
// Built on the host (N is small), uploaded for kernels.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "engine/backend.h"
#include "engine/buffer.h"
#include "engine/grid.h"
#include "engine/host_device.h"
#include "engine/vec.h"

namespace tessera {

// A list of cell ids (ascending).
struct CellIdList {
  const std::int32_t* ids;
  int count;
};

// Kernel-side view: plain pointers, trivially copyable. The candidates of pixel
// (i, j, k) are bin_list(bin_of(i, j, k)) plus global_list().
struct CellBinsView {
  int bin_size[3] = {1, 1, 1};  // pixels per bin along each axis
  int n_bins[3] = {1, 1, 1};
  const std::int32_t* bin_start = nullptr;  // CSR offsets, n_bins_total + 1 entries
  const std::int32_t* bin_cells = nullptr;  // cell ids, ascending within a bin
  const std::int32_t* global_cells = nullptr;
  int n_global = 0;

  // Bin of the pixel with integer coordinates (i, j, k).
  TESSERA_HD std::int64_t bin_of(int i, int j, int k) const {
    return i / bin_size[0] + static_cast<std::int64_t>(n_bins[0]) *
                                 (j / bin_size[1] + static_cast<std::int64_t>(n_bins[1]) * (k / bin_size[2]));
  }
  TESSERA_HD CellIdList bin_list(std::int64_t bin) const {
    return CellIdList{bin_cells + bin_start[bin], bin_start[bin + 1] - bin_start[bin]};
  }
  TESSERA_HD CellIdList global_list() const { return CellIdList{global_cells, n_global}; }
};

struct CellBinsOptions {
  double bin_to_radius = 0.5;        // bin side ~ this fraction of the median finite radius
  std::int64_t min_max_bins = 4096;  // the bin count is capped at max(min_max_bins, bins_per_cell * N)
  std::int64_t bins_per_cell = 64;
};

// Per-bin radii: bin b uses level bin_level[b] (0 .. n_levels - 1), and cell i
// enters it when its pixels come within radius(i, level) of x_i. radius(i, l) must
// not decrease with l and must not exceed max_radius[i]; it is called lazily, at
// most once per (cell, level).
struct BinLevels {
  int n_levels = 1;
  std::span<const std::uint8_t> bin_level;  // one per bin
  std::function<double(int cell, int level)> radius;
};

class CellBins {
 public:
  // seeds: one per cell (box units; wrapped into the box on periodic axes).
  // radii: one per cell, >= 0, HUGE_VAL (or NaN) for unbounded supports.
  // The bin side follows the median finite radius.
  void build(const Grid& grid, std::span<const Vec3> seeds, std::span<const double> radii,
             const CellBinsOptions& options = {});

  // Two steps, for radii that depend on the bin (e.g. a threshold measured per bin):
  // fix the layout from a typical radius (box units), compute the per-bin data, then
  // fill. max_radius bounds each cell's reach over all levels.
  void set_layout(const Grid& grid, double typical_radius, int n_cells, const CellBinsOptions& options = {});
  void fill(const Grid& grid, std::span<const Vec3> seeds, std::span<const double> max_radius,
            const BinLevels* levels = nullptr);

  // Copies the lists to the device (no-op on the CPU).
  void upload(const Exec& exec);
  // View for kernels on `exec`'s backend (upload first on CUDA).
  CellBinsView view(const Exec& exec);

  std::int64_t n_bins_total() const { return static_cast<std::int64_t>(m_n_bins[0]) * m_n_bins[1] * m_n_bins[2]; }
  const int* bin_size() const { return m_bin_size; }
  const int* n_bins() const { return m_n_bins; }
  std::int64_t n_entries() const { return static_cast<std::int64_t>(m_bin_cells.size()); }
  // Host copies of the lists (for tests and diagnostics).
  const std::vector<std::int32_t>& bin_start() const { return m_bin_start.host(); }
  const std::vector<std::int32_t>& bin_cells() const { return m_bin_cells.host(); }
  const std::vector<std::int32_t>& global_cells() const { return m_global_cells.host(); }

 private:
  int m_bin_size[3] = {1, 1, 1};
  int m_n_bins[3] = {1, 1, 1};
  Mirrored<std::int32_t> m_bin_start;
  Mirrored<std::int32_t> m_bin_cells;
  Mirrored<std::int32_t> m_global_cells;
  // Scratch reused between builds.
  std::vector<std::int64_t> m_pairs;  // (bin << 32 | cell), in cell order
  std::vector<double> m_axis_dist[3];
  std::vector<std::int32_t> m_axis_bins[3];
  std::vector<double> m_level_radius;  // per level, for the current cell (NaN: not computed)
};

}  // namespace tessera
