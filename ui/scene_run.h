#pragma once
// `tessera run --scene NAME`: a reference scene without a window. Writes PNG frames
// (and optionally an MP4 and VTK label grids) every K steps, a per-step CSV of the
// cells and a JSON-lines log of the solver, into a fresh output folder.
#include "ui/cli.h"

namespace tessera {

int run_scene_headless(const SimOptions& sim, const RunOptions& run);

}  // namespace tessera
