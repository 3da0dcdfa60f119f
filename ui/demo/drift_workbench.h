#pragma once
// The SeedDrift demo in the window: its label picture with the seeds, run / pause /
// step, reset with a seed, and saving its file. A second workbench beside the particle
// one, so the seam (ui/workbench.h) is proven by more than one mode.
#include <memory>

#include "ui/workbenches.h"

namespace tessera {

std::unique_ptr<Workbench> make_drift_workbench(std::unique_ptr<Model> model, const StartUp& start, ShellState& shell);

}  // namespace tessera
