#pragma once
// `tessera run`: any mode's model without a window. One loop for every mode: build the
// model, check the request, prepare a fresh output folder, then step with a progress
// bar while the model's RunOutputs write its files (frames every K steps, tables, logs).
#include "scenes/model.h"
#include "ui/cli/cli.h"

namespace tessera {

// Returns the process exit code. Throws tessera::Error on bad input (before any file is
// written) and when a step fails (the files written so far stay).
int run_model_headless(const CommonOptions& common, const RunOptions& run);

// The loop itself, for any model: check the request, prepare the folder, step with a
// progress bar while the model's outputs write. A failed step writes the outputs of the
// last good step, then throws tessera::Error with the reason.
int run_model(Model& model, const RunRequest& request);

}  // namespace tessera
