#pragma once
// `tessera curvatubes`: grows one texture headless from a preset or given coefficients
// and writes it (scenes/curvatubes/run_outputs.h); `--list` prints the presets.
#include "ui/cli/cli.h"

namespace tessera {

// The parameter file the flags describe (validated; throws tessera::Error naming the flag).
struct CurvatubesFile;
CurvatubesFile curvatubes_file_from_options(const CurvatubesOptions& options);

int run_curvatubes(const CommonOptions& common, const CurvatubesOptions& options);

}  // namespace tessera
