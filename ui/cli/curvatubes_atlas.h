#pragma once
// `tessera curvatubes-atlas`: the random atlas of ref. 5.3 with the viability test of
// ref. 6.1. Each texture slot draws random coefficients and a fresh noise; a non-viable draw
// is retried with the next draw (up to --max-tries). Viable textures go to DIR/exp_<slot>/
// (the outputs of `tessera curvatubes`), every try to DIR/atlas.csv (rejected ones with the
// reason). Same --seed, same atlas.
#include "ui/cli/cli.h"

namespace tessera {

int run_curvatubes_atlas(const CommonOptions& common, const CurvatubesAtlasOptions& options);

}  // namespace tessera
