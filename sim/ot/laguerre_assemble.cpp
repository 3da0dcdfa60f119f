#include "sim/ot/laguerre_assemble.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/ot/laguerre_kernels.h"

namespace tessera {

namespace {

// Sparse rows filled entry by entry: a cell has a handful of neighbours, so a
// linear search per row beats any hashing.
template <class T>
class SparseRows {
 public:
  explicit SparseRows(int n_rows) : m_rows(n_rows) {}
  void add(int row, std::int32_t col, T value) {
    auto& r = m_rows[row];
    for (auto& entry : r)
      if (entry.first == col) {
        entry.second += value;
        return;
      }
    r.emplace_back(col, value);
  }
  std::vector<std::pair<std::int32_t, T>>& row(int r) {
    std::sort(m_rows[r].begin(), m_rows[r].end());
    return m_rows[r];
  }

 private:
  std::vector<std::vector<std::pair<std::int32_t, T>>> m_rows;
};

}  // namespace

CellMoments moments_from_sums(const Grid& grid, std::span<const Vec3> seeds, const std::vector<double>& sums,
                              std::int64_t n_kept) {
  const int dim = grid.dim;
  const int n_ch = moment_channels(dim);
  const int n_cells = static_cast<int>(seeds.size());
  // Channel layout of MomentsKernel: count, sum z, sum z z^T, sum G, sum w z, sum w.
  const int sum_z = 1, sum_zz = 1 + dim, sum_g = 1 + dim + (dim == 3 ? 6 : 3);
  const int sum_wz = sum_g + dim, sum_w = sum_wz + dim;
  // Storage order xx, yy, zz, xy, xz, yz; 2D fills xx, yy, xy.
  const int pair_a[6] = {0, 1, 2, 0, 0, 1}, pair_b[6] = {0, 1, 2, 1, 2, 2};
  const int slots_2d[3] = {0, 1, 3};

  CellMoments out;
  out.counts.resize(n_cells);
  out.centroid.resize(n_cells);
  out.covariance.assign(n_cells, {0, 0, 0, 0, 0, 0});
  out.cost_gradient_sum.resize(n_cells);
  out.weighted_centroid.resize(n_cells);
  out.cost_stiffness.resize(n_cells);
  const double inv_kept = 1.0 / static_cast<double>(n_kept);
  for (int i = 0; i < n_cells; ++i) {
    const double* s = sums.data() + static_cast<std::size_t>(i) * n_ch;
    const double m = s[0];
    out.counts[i] = std::llround(m);
    Vec3 mean, grad, weighted_mean;
    for (int a = 0; a < dim; ++a) {
      mean[a] = m > 0 ? s[sum_z + a] / m : 0.0;
      grad[a] = s[sum_g + a] * inv_kept;
      weighted_mean[a] = m > 0 ? s[sum_wz + a] / (s[sum_w] + 1e-8) : 0.0;
    }
    out.weighted_centroid[i] = grid.wrap_position(seeds[i] + weighted_mean);
    // Centroid = seed + mean wrapped displacement (section 4.2's periodic caveat).
    out.centroid[i] = grid.wrap_position(seeds[i] + mean);
    out.cost_gradient_sum[i] = grad;
    out.cost_stiffness[i] = -s[sum_w] * inv_kept;
    if (m <= 0) continue;
    // Covariance about the centroid, 1/(m-1) (section 4.3), from the moments about
    // the seed: sum (z - mean)(z - mean)^T = sum z z^T - m mean mean^T. This equals the
    // reference's wr(y - centroid) whenever the cell spans less than half a period.
    const double norm = 1.0 / std::max(m - 1.0, 1.0);
    const int n_pairs = dim == 3 ? 6 : 3;
    for (int q = 0; q < n_pairs; ++q) {
      const int slot = dim == 3 ? q : slots_2d[q];
      const int a = pair_a[slot], b = pair_b[slot];
      out.covariance[i][slot] = (s[sum_zz + q] - m * mean[a] * mean[b]) * norm;
    }
  }
  return out;
}

Adjacency adjacency_from_faces(const std::vector<std::int32_t>& labels, const std::vector<std::int32_t>& across,
                               int dim, int n_cells) {
  SparseRows<std::int64_t> rows(n_cells);
  Adjacency out;
  out.void_faces.assign(n_cells, 0);
  const std::size_t n_pixels = labels.size();
  for (std::size_t idx = 0; idx < n_pixels; ++idx) {
    for (int a = 0; a < dim; ++a) {
      const std::int32_t other = across[idx * dim + a];
      if (other == kNoPair) continue;
      const std::int32_t l = labels[idx];
      if (l >= 0 && other >= 0) {
        rows.add(l, other, 1);
        rows.add(other, l, 1);
      } else {
        ++out.void_faces[l >= 0 ? l : other];
      }
    }
  }
  out.row_start.assign(static_cast<std::size_t>(n_cells) + 1, 0);
  for (int i = 0; i < n_cells; ++i) {
    for (const auto& [col, faces] : rows.row(i)) {
      out.cols.push_back(col);
      out.shared_faces.push_back(faces);
    }
    out.row_start[i + 1] = static_cast<std::int64_t>(out.cols.size());
  }
  return out;
}

CountJacobian jacobian_from_pairs(const std::vector<std::int32_t>& pair_label,
                                  const std::vector<std::int32_t>& pair_other, const std::vector<double>& pair_weight,
                                  int n_cells) {
  SparseRows<double> rows(n_cells);
  std::vector<double> void_term(n_cells, 0.0);
  const std::size_t n_pixels = pair_label.size();
  for (std::size_t idx = 0; idx < n_pixels; ++idx) {
    const std::int32_t a = pair_label[idx];
    if (a == kNoPair) continue;
    const std::int32_t b = pair_other[idx];
    const double w = pair_weight[idx];
    if (a >= 0 && b >= 0) {
      rows.add(a, b, w);
      rows.add(b, a, w);
    } else {
      void_term[a >= 0 ? a : b] += w;
    }
  }
  CountJacobian out;
  out.row_start.assign(static_cast<std::size_t>(n_cells) + 1, 0);
  for (int i = 0; i < n_cells; ++i) {
    auto& row = rows.row(i);
    double diagonal = void_term[i];
    for (const auto& entry : row) diagonal += entry.second;
    // Columns ascending, the diagonal in its place.
    bool placed = false;
    for (const auto& [col, w] : row) {
      if (!placed && col > i) {
        out.cols.push_back(i);
        out.values.push_back(diagonal);
        placed = true;
      }
      out.cols.push_back(col);
      out.values.push_back(-w);
    }
    if (!placed) {
      out.cols.push_back(i);
      out.values.push_back(diagonal);
    }
    out.row_start[i + 1] = static_cast<std::int64_t>(out.cols.size());
  }
  return out;
}

}  // namespace tessera
