#pragma once
// `tessera curvatubes-family`: the bilinear-interpolation family of ref. 5.3. A K x K grid of
// coefficient sets between four corner presets, each grown from the same initial noise into
// DIR/row_<i>_col_<j>/ (the outputs of `tessera curvatubes`), plus DIR/family.csv (one row
// per member: indices, weights, coefficients, morphometrics, viability) and
// DIR/contact_sheet.png (the middle slices, row i down, column j across).
#include "ui/cli/cli.h"

namespace tessera {

int run_curvatubes_family(const CommonOptions& common, const CurvatubesFamilyOptions& options);

}  // namespace tessera
