#pragma once
// Per-label colour tables for the label views, without OpenGL: the colours the
// views use for the label codes, the packed layout the shaders read, and a CPU
// reference of the colour a view gives each label (for tests and exports).
//
// A table maps cell label i >= 0 to colors[i]; the app computes it on the CPU for
// whatever it colours by (species, id, volume error, pressure, speed). Labels past
// the end of the table keep the hash palette (engine/colormap.h) so a table one
// frame behind the cell count still draws every cell.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/colormap.h"
#include "engine/label_codes.h"

namespace tessera {

inline constexpr Rgb8 kOutsideColor{72, 76, 84};        // outside the domain mask: a dark slate "wall"
inline constexpr Rgb8 kDomainOutlineColor{16, 16, 16};  // kept pixels that touch the outside
inline constexpr Rgb8 kAxisColor{20, 20, 20};           // axis arrows of the 2D view

// One table entry as the shaders read it: r | g << 8 | b << 16 | a << 24, with
// a = 255 for a drawn cell and 0 for a hidden one (GLSL unpackUnorm4x8 order).
std::uint32_t pack_label_color(Rgb8 color, bool visible = true);

// The packed table of `colors`; `visible` is empty (every cell drawn) or has one
// entry per colour (0 = hidden). Throws tessera::Error when the sizes disagree.
std::vector<std::uint32_t> pack_label_colors(std::span<const Rgb8> colors, std::span<const std::uint8_t> visible = {});

// The colour the 2D view gives `label` (before boundaries and outlines) when its
// table is `colors`: with no table, label_color() for every label (the PNG export's
// colours); with one, colors[label] for 0 <= label < size (kVoidColor when hidden),
// label_color() for larger labels, kVoidColor for the void, kOutsideColor outside.
Rgb8 view_label_color(std::int32_t label, std::span<const Rgb8> colors, std::span<const std::uint8_t> visible = {});

}  // namespace tessera
