#include "sim/polycrystal/generator.h"

#include <algorithm>

#include "engine/error.h"

namespace tessera::polycrystal {

CellCost grain_cost(const GrainShape& shape) {
  CellCost c;
  c.family = CostFamily::AnisotropicPower;
  c.s = 1.0;
  c.p = 2.0;
  // The long axis: the largest principal length (smallest eigenvalue of A).
  int longest = 0;
  for (int k = 1; k < 3; ++k)
    if (shape.lengths[k] > shape.lengths[longest]) longest = k;
  c.axis = shape.axes[longest];
  c.aspect = 1.0;
  for (int k = 0; k < 6; ++k) c.A[k] = shape.A[k];
  return c;
}

FitParams polycrystal_fit_params(double tolerance) {
  FitParams f = default_fit_params();
  f.tolerance = tolerance;
  f.criterion = StopCriterion::Max;  // every grain, like PyAPD's per-grain gtol
  f.method = FitMethod::Newton;
  f.max_newton_iterations = 200;
  f.max_lbfgs_iterations = 2000;  // PyAPD's runtime tests used max_iter 2000
  f.max_passes = 6000;
  f.lbfgs_history = 30;
  f.min_pixels_per_cell = 4;
  return f;
}

namespace {

Domain box_domain(const PolycrystalParams& p) {
  validate(p);
  const std::vector<double> targets = sample_targets(p);
  return make_box_domain(polycrystal_grid(p, targets));
}

}  // namespace

Polycrystal::Polycrystal(const PolycrystalParams& params, const Exec& exec)
    : m_params(params), m_fit(polycrystal_fit_params(params.tolerance)), m_engine(exec, box_domain(params), false) {
  m_seeds = sample_seeds(m_params);
  m_shapes = sample_shapes(m_params);
  m_orientations = sample_orientations(m_params);
  m_targets = sample_targets(m_params);
  m_costs.reserve(m_shapes.size());
  for (const GrainShape& s : m_shapes) m_costs.push_back(grain_cost(s));
  // Refuse grains the grid cannot hold before anything runs (names the grain).
  std::string warning;
  checked_targets(m_targets, m_engine.domain().n_kept, false, m_fit, &warning);
  m_weights.resize(m_shapes.size());
  for (std::size_t i = 0; i < m_shapes.size(); ++i)
    m_weights[i] = heuristic_weight(m_targets[i], sym_det(m_shapes[i].A, m_params.dim), m_params.dim);
  m_engine.set_cells(m_seeds, m_costs);
  m_engine.assign(m_weights);
}

FitResult Polycrystal::fit() {
  const CellSetView cells{m_seeds, m_costs, {}};
  return fit_volumes(m_engine, cells, m_targets, m_weights, m_fit);
}

FitResult Polycrystal::lloyd_sweep() {
  const CellMoments moments = m_engine.moments();
  for (std::size_t i = 0; i < m_seeds.size(); ++i)
    if (moments.counts[i] > 0) m_seeds[i] = moments.centroid[i];  // wrapped into the box when periodic
  m_engine.set_cells(m_seeds, m_costs);
  return fit();
}

}  // namespace tessera::polycrystal
