#pragma once
// Annealed log-domain Sinkhorn with a void (iceshot-model.md 3.3 and 3.5): the
// entropic warm start used on cold starts and after large moves, before the
// unregularised solver. Soft assignments use bounded supports, never N x P.
#include <span>
#include <vector>

#include "engine/backend.h"
#include "sim/ot/domain.h"
#include "sim/ot/volume_fit.h"

namespace tessera {

struct SinkhornParams {
  double s0 = 2.0;        // initial scale; epsilon = s^2 in cost units
  int steps = 200;        // geometric schedule from s0 to the pixel size
  int final_steps = 5;    // extra iterations at the pixel size
  double margin = 30;     // support truncation: terms below exp(-margin) are dropped
};

struct SinkhornResult {
  int iterations = 0;
};

// The schedule of section 3.3: `steps` scales geometric from s0 to the pixel size
// (the smallest spacing), then `final_steps` more at the pixel size.
std::vector<double> annealing_schedule(double s0, int steps, int final_steps, double pixel_size);

// Runs the schedule with a void of volume 1 - sum(targets), updating `potentials`
// (cells) in place and leaving the void potential at 0 (the gauge of the hard
// assignment). `targets` are fractions of the kept domain.
SinkhornResult sinkhorn_with_void(const Exec& exec, const Domain& domain, const CellSetView& cells,
                                  std::span<const double> targets, std::vector<double>& potentials,
                                  const SinkhornParams& params);

}  // namespace tessera
