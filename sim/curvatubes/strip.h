#pragma once
// Spatialised coefficients along one axis (ref. 1.6): eps, the six coefficients and M0
// interpolated linearly between presets anchored at voxel positions along Z, X or Y, and
// constant beyond the first and last anchors. The notebook's "Extension 2" strip (sheets
// to tubes to spheres to a trabecular network along Y on 50 x 100 x 600) is one of them.
#include <string>
#include <string_view>
#include <vector>

#include "sim/curvatubes/params.h"

namespace tessera::curvatubes {

struct StripAnchor {
  double at = 0;       // voxel index along the strip's axis (may lie outside the grid)
  std::string preset;  // a preset without an orientation term
};

struct CoefficientStrip {
  int axis = 2;  // 0 = Z, 1 = X, 2 = Y (the storage order's axes)
  std::vector<StripAnchor> anchors;  // at least two, positions strictly increasing
};

// Ref. 1.6's strip: along Y, anchors at -50, 50, ..., 650 (trabec_2, layers, layers, tubes,
// spheres, trabec_2, trabec_2, layers; the end textures repeat so the periodic wrap joins
// like textures), for its 50 x 100 x 600 grid.
CoefficientStrip notebook_strip();

// The per-voxel fields of `strip` on params' grid. Throws tessera::Error naming the
// problem: fewer than two anchors, positions not increasing, an unknown preset, one with
// an orientation term.
SpatialFields strip_fields(const CurvatubesParams& params, const CoefficientStrip& strip);

// "notebook", or "AXIS:PRESET@POS,PRESET@POS,..." with AXIS one of Z, X, Y, e.g.
// "Y:layers@0,tubes@100". Throws tessera::Error naming the bad part.
CoefficientStrip parse_strip(std::string_view text);
// The AXIS:PRESET@POS,... form of `strip`.
std::string strip_text(const CoefficientStrip& strip);
// "Z", "X" or "Y"; parse_strip_axis throws for anything else.
std::string strip_axis_name(int axis);
int parse_strip_axis(std::string_view name);

}  // namespace tessera::curvatubes
