#include "sim/polycrystal/grain_stats.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace tessera::polycrystal {

std::vector<int> component_counts(const Grid& grid, std::span<const std::int32_t> labels, int n_labels) {
  // Flood fill with an explicit stack; grid.neighbor wraps on periodic axes.
  std::vector<int> counts(static_cast<std::size_t>(n_labels), 0);
  std::vector<std::uint8_t> seen(labels.size(), 0);
  std::vector<std::int64_t> stack;
  for (std::int64_t start = 0; start < static_cast<std::int64_t>(labels.size()); ++start) {
    if (seen[start]) continue;
    const std::int32_t label = labels[start];
    seen[start] = 1;
    if (label < 0 || label >= n_labels) continue;
    ++counts[label];
    stack.push_back(start);
    while (!stack.empty()) {
      const std::int64_t idx = stack.back();
      stack.pop_back();
      for (int axis = 0; axis < grid.dim; ++axis)
        for (int step = -1; step <= 1; step += 2) {
          const std::int64_t j = grid.neighbor(idx, axis, step);
          if (j < 0 || seen[j] || labels[j] != label) continue;
          seen[j] = 1;
          stack.push_back(j);
        }
    }
  }
  return counts;
}

PolycrystalStats measure(Polycrystal& polycrystal) {
  LaguerreEngine& engine = polycrystal.engine();
  const Grid& grid = polycrystal.grid();
  const int n = polycrystal.n_grains(), dim = grid.dim;
  const CellMoments moments = engine.moments();
  const Adjacency adjacency = engine.adjacency();
  const std::vector<int> components = component_counts(grid, engine.labels(), n);
  const double n_voxels = static_cast<double>(grid.size());

  PolycrystalStats out;
  out.grains.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    GrainStats& g = out.grains[i];
    g.voxels = moments.counts[i];
    g.volume = static_cast<double>(g.voxels) / n_voxels;
    g.target = polycrystal.targets()[i];
    g.volume_error = (g.volume - g.target) / g.target;
    g.centroid = g.voxels > 0 ? moments.centroid[i] : polycrystal.seeds()[i];
    g.equivalent_diameter = dim == 2 ? 2.0 * std::sqrt(g.volume / std::numbers::pi)
                                     : std::cbrt(6.0 * g.volume / std::numbers::pi);
    g.neighbours = static_cast<int>(adjacency.row_start[i + 1] - adjacency.row_start[i]);
    g.components = components[i];
    out.n_empty += g.voxels == 0 ? 1 : 0;
    out.n_disconnected += g.components > 1 ? 1 : 0;
    out.max_abs_error = std::max(out.max_abs_error, std::fabs(g.volume_error));
    if (g.voxels < 2) continue;
    // Second moments -> ellipsoid: covariance = l^2 / (D + 2) along each principal axis.
    const std::array<double, 6>& c = moments.covariance[i];
    Eigen::Matrix3d m;
    m << c[0], c[3], c[4], c[3], c[1], c[5], c[4], c[5], c[2];
    if (dim == 2) m(2, 2) = 0, m(0, 2) = m(2, 0) = m(1, 2) = m(2, 1) = 0;
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(m);
    // Eigen sorts ascending: walk from the top for longest first (2D: skip the zero z).
    for (int k = 0; k < dim; ++k) {
      const int e = 2 - k;
      g.semi_axes[k] = std::sqrt(std::max(0.0, (dim + 2) * eig.eigenvalues()[e]));
      g.axes[k] = Vec3{eig.eigenvectors()(0, e), eig.eigenvectors()(1, e), eig.eigenvectors()(2, e)};
    }
  }
  return out;
}

}  // namespace tessera::polycrystal
