#include "sim/ot/isolated_level.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "engine/error.h"

namespace tessera {

namespace {

// Radius of a ball holding `pixels` pixels: the first window to try.
double ball_radius(const Grid& grid, double pixels) {
  const double volume = pixels * grid.pixel_volume();
  if (grid.dim == 2) return std::sqrt(volume / std::numbers::pi);
  return std::cbrt(3.0 * volume / (4.0 * std::numbers::pi));
}

// Costs of the kept pixels inside the box of half-width `radius` around the seed.
void gather_costs(const Domain& domain, const Vec3& seed, const CellCost& cost, const CellBias* bias, double radius,
                  std::vector<double>& out) {
  const Grid& g = domain.grid;
  out.clear();
  int lo[3] = {0, 0, 0}, hi[3] = {0, 0, 0};
  for (int a = 0; a < 3; ++a) {
    if (a >= g.dim) continue;
    const double h = g.spacing(a);
    lo[a] = static_cast<int>(std::floor((seed[a] - radius) / h));
    hi[a] = static_cast<int>(std::floor((seed[a] + radius) / h));
    if (!g.periodic[a]) {
      lo[a] = std::max(lo[a], 0);
      hi[a] = std::min(hi[a], g.n[a] - 1);
    } else if (hi[a] - lo[a] + 1 > g.n[a]) {  // the window wraps all the way round
      lo[a] = 0;
      hi[a] = g.n[a] - 1;
    }
  }
  const auto& mask = domain.mask.host();
  for (int k = lo[2]; k <= hi[2]; ++k)
    for (int j = lo[1]; j <= hi[1]; ++j)
      for (int i = lo[0]; i <= hi[0]; ++i) {
        const int ii = (i % g.n[0] + g.n[0]) % g.n[0], jj = (j % g.n[1] + g.n[1]) % g.n[1],
                  kk = (k % g.n[2] + g.n[2]) % g.n[2];
        const std::int64_t idx = g.index(ii, jj, kk);
        if (!mask.empty() && mask[idx] == 0) continue;
        out.push_back(solver_cost_value(cost, bias, seed, g.wrap_displacement(g.center(ii, jj, kk) - seed), g.dim));
      }
}

}  // namespace

double isolated_level(const Domain& domain, const Vec3& position, const CellCost& cost, double target_pixels,
                      const CellBias* bias) {
  // The seed as the kernels see it (wrapped into the box): a bias reads it (section 2.8).
  Vec3 seed = domain.grid.wrap_position(position);
  if (domain.grid.dim == 2) seed.z = 0;
  TESSERA_REQUIRE(target_pixels >= 1 && target_pixels <= static_cast<double>(domain.n_kept),
                  "isolated_level: the target must hold between 1 pixel and the whole domain");
  const auto k = static_cast<std::size_t>(std::llround(target_pixels));
  double radius = 1.5 * ball_radius(domain.grid, target_pixels) * std::max(1.0, cost.aspect);
  std::vector<double> values;
  double level = 0, support = 0;
  for (int attempt = 0; attempt < 64; ++attempt, radius *= 1.5) {
    gather_costs(domain, seed, cost, bias, radius, values);
    if (values.size() < k) continue;
    std::nth_element(values.begin(), values.begin() + (k - 1), values.end());
    level = values[k - 1];
    support = solver_support_radius(cost, bias, level, domain.grid.dim);
    // The window must contain the whole sublevel set, or a pixel outside it might be cheaper.
    if (support <= radius) return level;
  }
  throw_error("isolated_level: could not bound the sublevel set of the cell at (" + std::to_string(seed.x) + ", " +
              std::to_string(seed.y) + ", " + std::to_string(seed.z) + "), " + std::to_string(target_pixels) +
              " pixels: level " + std::to_string(level) + ", support radius " + std::to_string(support));
}

void isolated_levels(const Domain& domain, std::span<const Vec3> seeds, std::span<const CellCost> costs,
                     std::span<const CellBias> biases, std::span<const double> target_pixels,
                     std::span<const int> cells, std::vector<double>& levels) {
  const int n = static_cast<int>(seeds.size());
  levels.resize(n);
  std::vector<int> all;
  if (cells.empty()) {
    all.resize(n);
    for (int i = 0; i < n; ++i) all[i] = i;
    cells = all;
  }
  // Per-cell work is independent; exceptions must not escape an OpenMP region.
  std::vector<std::string> errors(cells.size());
#pragma omp parallel for schedule(dynamic, 4)
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const int i = cells[c];
    try {
      levels[i] = isolated_level(domain, seeds[i], costs[i], target_pixels[i], biases.empty() ? nullptr : &biases[i]);
    } catch (const std::exception& e) {
      errors[c] = "cell " + std::to_string(i) + ": " + e.what();
    }
  }
  for (const std::string& e : errors) TESSERA_REQUIRE(e.empty(), e);
}

}  // namespace tessera
