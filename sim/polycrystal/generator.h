#pragma once
// One polycrystal: samples the grains (sampling.h), builds the Laguerre engine on a
// packed box (every voxel belongs to a grain; periodic when asked) with the
// anisotropic power cost c_i(y) = (y - x_i)^T A_i (y - x_i) (sim/ot/costs/
// anisotropic_power.h, s = 1, p = 2), starts from the heuristic weights of apd-model 1.6
// and fits the weights with the OT engine's damped Newton (sim/ot/volume_fit.h; L-BFGS
// takes over where Newton stalls) until every grain is within the tolerance.
//
// Periodic boxes use the engine's nearest-image displacement (engine/grid.h). That is
// the minimum over lattice images of (z - tau)^T A (z - tau) whenever a grain's extent
// stays below half the box along its axes, true for all but a handful of grains.
#include <cstdint>
#include <vector>

#include "engine/backend.h"
#include "sim/ot/laguerre.h"
#include "sim/ot/volume_fit.h"
#include "sim/polycrystal/params.h"
#include "sim/polycrystal/sampling.h"

namespace tessera::polycrystal {

class Polycrystal {
 public:
  // Samples everything and labels the grid at the heuristic weights (no fit yet).
  // Throws tessera::Error on bad parameters (validate) or a grain too small for the grid.
  Polycrystal(const PolycrystalParams& params, const Exec& exec);

  // Fits the weights from where they are (the heuristic start, or the last fit) to the
  // tolerance; the labels are those of the result.
  FitResult fit();
  // One Lloyd sweep (apd-model 1.7): every non-empty grain's seed moves to its centroid,
  // then fit() warm. Returns the fit's result.
  FitResult lloyd_sweep();

  const PolycrystalParams& params() const { return m_params; }
  const Grid& grid() const { return m_engine.domain().grid; }
  int n_grains() const { return m_params.grains; }
  const std::vector<Vec3>& seeds() const { return m_seeds; }
  const std::vector<GrainShape>& shapes() const { return m_shapes; }
  const std::vector<CellCost>& costs() const { return m_costs; }
  const std::vector<Quaternion>& orientations() const { return m_orientations; }
  const std::vector<double>& targets() const { return m_targets; }  // fractions of the box
  const std::vector<double>& weights() const { return m_weights; }  // w_i (box units squared)
  // Grain ids per voxel, x-fastest, all in [0, N).
  const std::vector<std::int32_t>& labels() { return m_engine.labels(); }
  LaguerreEngine& engine() { return m_engine; }
  const FitParams& fit_params() const { return m_fit; }

 private:
  PolycrystalParams m_params;
  std::vector<Vec3> m_seeds;
  std::vector<GrainShape> m_shapes;
  std::vector<CellCost> m_costs;
  std::vector<Quaternion> m_orientations;
  std::vector<double> m_targets;
  std::vector<double> m_weights;
  FitParams m_fit;
  LaguerreEngine m_engine;
};

// The kernel-ready cost of a shape: anisotropic power, s = 1, p = 2, A as given; the
// axis is the long principal direction (the engine's bins read only A).
CellCost grain_cost(const GrainShape& shape);
// The fit settings for a per-grain tolerance: every grain (criterion max) within
// `tolerance`, Newton then L-BFGS, generous caps for N up to 10^5.
FitParams polycrystal_fit_params(double tolerance);

}  // namespace tessera::polycrystal
