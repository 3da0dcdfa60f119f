#pragma once
// Builds the session a command line asks for (scene, grid, backend).
#include "scenes/session.h"
#include "ui/cli.h"

namespace tessera {

DriftParams drift_params_from(const SimOptions& sim);
Session make_session(const SimOptions& sim);

}  // namespace tessera
