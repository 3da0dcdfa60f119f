#pragma once
// `tessera run`: the frame loop without a window, writing PNG frames.
#include "ui/cli.h"

namespace tessera {

// Returns the process exit code. Throws tessera::Error on bad input.
int run_headless(const SimOptions& sim, const RunOptions& run);

}  // namespace tessera
