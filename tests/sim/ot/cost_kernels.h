#pragma once
// Kernel used by the cost tests: evaluates every cost query at a list of probes, so
// the CPU and CUDA results of the same host-device code can be compared.
#include <cstdint>

#include "engine/host_device.h"
#include "engine/vec.h"
#include "sim/ot/cost.h"

namespace tessera::test {

// One query: a cell's cost at displacement z, and its support radius at `level`.
struct CostProbe {
  CellCost cost;
  Vec3 z;
  double level = 0;
  int dim = 2;
};

// Values written per probe: c, capped c, G (3 components), support radius.
inline constexpr int kCostProbeOutputs = 6;

struct EvaluateCostProbes {
  const CostProbe* probes;
  double* out;  // kCostProbeOutputs per probe
  TESSERA_HD void operator()(std::int64_t i) const {
    const CostProbe& probe = probes[i];
    double* o = out + kCostProbeOutputs * i;
    o[0] = cost_value(probe.cost, probe.z, probe.dim);
    o[1] = capped_cost_value(probe.cost, probe.z, probe.dim);
    const Vec3 g = cost_seed_gradient(probe.cost, probe.z, probe.dim);
    o[2] = g.x;
    o[3] = g.y;
    o[4] = g.z;
    o[5] = cost_support_radius(probe.cost, probe.level, probe.dim);
  }
};

}  // namespace tessera::test
