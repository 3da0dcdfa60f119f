#pragma once
// `tessera polycrystal`: one synthetic polycrystal from the command line, fitted and
// exported into --out (scenes/polycrystal/exports.h lists the files). Runs the mode's
// Model through the headless loop (1 + --lloyd rounds, a progress bar over them).
#include "scenes/polycrystal/polycrystal_file.h"
#include "ui/cli/cli.h"

namespace tessera {

// The generator file of the flags; throws tessera::Error naming the flag of a bad value.
PolycrystalFile polycrystal_file_from_options(const PolycrystalOptions& options);
int run_polycrystal(const CommonOptions& common, const PolycrystalOptions& options);

}  // namespace tessera
