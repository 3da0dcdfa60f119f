#include "sim/ot/sinkhorn.h"

#include <algorithm>
#include <cmath>

#include "engine/error.h"
#include "engine/parallel.h"
#include "sim/ot/sinkhorn_kernels.h"

namespace tessera {

std::vector<double> annealing_schedule(double s0, int steps, int final_steps, double pixel_size) {
  TESSERA_REQUIRE(s0 > 0 && pixel_size > 0 && steps >= 1 && final_steps >= 0, "Sinkhorn schedule: bad parameters");
  std::vector<double> s;
  for (int k = 0; k < steps; ++k) {
    const double t = steps == 1 ? 1.0 : static_cast<double>(k) / (steps - 1);
    s.push_back(std::exp(std::log(s0) + t * (std::log(pixel_size) - std::log(s0))));
  }
  for (int k = 0; k < final_steps; ++k) s.push_back(pixel_size);
  return s;
}

SinkhornResult sinkhorn_with_void(const Exec& exec, const Domain& domain, const CellSetView& cells,
                                  std::span<const double> targets, std::vector<double>& potentials,
                                  const SinkhornParams& params) {
  const int n = static_cast<int>(potentials.size());
  const Grid& grid = domain.grid;
  TESSERA_REQUIRE(static_cast<int>(targets.size()) == n && static_cast<int>(cells.seeds.size()) == n &&
                      static_cast<int>(cells.costs.size()) == n,
                  "Sinkhorn: seeds, costs, targets and potentials must have one entry per cell");
  double total = 0;
  for (double v : targets) total += v;
  const double void_volume = 1.0 - total;
  TESSERA_REQUIRE(void_volume > 0, "Sinkhorn with a void needs target volumes summing to less than 1");
  SinkhornResult result;
  if (n == 0) return result;

  // Device-side copies: the mask (Domain is const here), cells, costs, log a, radii, g.
  Mirrored<std::uint8_t> mask(domain.mask.host());
  mask.upload(exec);
  const PixelGeometry geo = make_pixel_geometry(grid, domain.has_mask() ? mask.data(exec) : nullptr);
  Mirrored<LaguerreCell> cell_data(n);
  Mirrored<CellCost> costs(std::vector<CellCost>(cells.costs.begin(), cells.costs.end()));
  costs.upload(exec);
  TESSERA_REQUIRE(cells.biases.empty() || static_cast<int>(cells.biases.size()) == n,
                  "Sinkhorn: give no cost bias, or one per cell");
  Mirrored<CellBias> biases(std::vector<CellBias>(cells.biases.begin(), cells.biases.end()));
  biases.upload(exec);
  const CellBias* bias_data = cells.biases.empty() ? nullptr : biases.data(exec);
  Mirrored<double> log_a(n), radii(n), f_tilde(n), g(static_cast<std::size_t>(grid.size()), 0.0);
  for (int i = 0; i < n; ++i) log_a.host()[i] = std::log(targets[i]);
  log_a.upload(exec);
  const double log_void = std::log(void_volume);
  const double log_p = std::log(static_cast<double>(domain.n_kept));
  CellBins bins;
  std::vector<Vec3> wrapped(n);
  for (int i = 0; i < n; ++i) wrapped[i] = grid.wrap_position(cells.seeds[i]);

  double h = grid.spacing(0);
  for (int a = 1; a < grid.dim; ++a) h = std::min(h, grid.spacing(a));
  const std::vector<double> schedule = annealing_schedule(params.s0, params.steps, params.final_steps, h);

  double f_void = 0;
  bool g_ready = false;
  for (const double s : schedule) {
    const double eps = s * s;
    // Gauge: f_void = 0 (section 3.5 step 1, with the intended shift of g).
    for (double& f : potentials) f -= f_void;
    if (g_ready) parallel_for(exec, grid.size(), ShiftKernel{geo, f_void, g.data(exec)});
    f_void = 0;

    // Bounded supports at this temperature; the cell data carry the shifted potentials.
    for (int i = 0; i < n; ++i) {
      cell_data.host()[i] = LaguerreCell{wrapped[i], potentials[i]};
      const double level = potentials[i] + eps * (params.margin + std::max(0.0, log_a.host()[i] - log_void));
      radii.host()[i] =
          solver_support_radius(cells.costs[i], cells.biases.empty() ? nullptr : &cells.biases[i], level, grid.dim);
    }
    cell_data.upload(exec);
    radii.upload(exec);
    bins.build(grid, wrapped, radii.host());
    bins.upload(exec);
    const double phi_old = log_void;  // f_void = 0 after the gauge fix

    if (!g_ready) {  // first step: g is the exact pixel half-update of the given potentials
      parallel_for(exec, grid.size(),
                   SinkhornPixelKernel{geo, cell_data.data(exec), costs.data(exec), bias_data, log_a.data(exec),
                                       bins.view(exec), eps, phi_old, 1.0, g.data(exec)});
      g_ready = true;
    }
    // Cell and void half-updates from the current g.
    parallel_for(exec, n,
                 SinkhornCellKernel{geo, cell_data.data(exec), costs.data(exec), bias_data, radii.data(exec),
                                    g.data(exec), eps, log_p, f_tilde.data(exec)});
    f_tilde.download(exec);
    const double g_max = transform_reduce(exec, grid.size(), -HUGE_VAL, MaxOp{}, PixelPotentialMax{geo, g.data(exec)});
    const double g_sum =
        transform_reduce(exec, grid.size(), 0.0, SumOp{}, PixelPotentialExpSum{geo, g.data(exec), g_max, eps});
    const double void_tilde = -g_max - eps * std::log(g_sum) + eps * log_p;
    // Averaged updates: f from the shifted f and f~, then g with the new void potential.
    for (int i = 0; i < n; ++i) potentials[i] = 0.5 * (potentials[i] + f_tilde.host()[i]);
    f_void = 0.5 * void_tilde;
    parallel_for(exec, grid.size(),
                 SinkhornPixelKernel{geo, cell_data.data(exec), costs.data(exec), bias_data, log_a.data(exec),
                                     bins.view(exec), eps, log_void + f_void / eps, 0.5, g.data(exec)});
    ++result.iterations;
    for (double f : potentials)
      TESSERA_REQUIRE(std::isfinite(f), "Sinkhorn produced a non-finite potential (epsilon " + std::to_string(eps) + ")");
  }
  // The hard assignment's gauge: the void potential is 0.
  for (double& f : potentials) f -= f_void;
  return result;
}

}  // namespace tessera
