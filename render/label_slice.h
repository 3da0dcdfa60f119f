#pragma once
// Axis-aligned slices of a 3D label grid, without OpenGL: which plane the 2D view
// shows, how its axes map onto the box, and the slice's labels as a 2D grid.
//
// A slice with normal axis a shows the two other axes, the lower-numbered one
// horizontal (u, to the right) and the other vertical (v, up): normal z shows (x, y),
// normal y shows (x, z), normal x shows (y, z). A 2D grid is its own z slice.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "engine/grid.h"

namespace tessera {

enum class SliceAxis { X, Y, Z };  // the slice's normal
inline constexpr std::array<std::string_view, 3> kSliceAxisNames = {"x", "y", "z"};

struct SlicePlane {
  int normal = 2;  // axis across the slice (0, 1, 2)
  int u = 0;       // grid axis shown horizontally, left to right
  int v = 1;       // grid axis shown vertically, bottom to top
  int index = 0;   // grid index of the slice along `normal`, in [0, n[normal])
};

// The slice of `grid` across `axis` at grid index `index`; index < 0 picks the middle
// (n / 2, as the PNG export does), larger indices are clamped to n - 1. A 2D grid
// always gives {normal 2, u 0, v 1, index 0}.
SlicePlane slice_plane(const Grid& grid, SliceAxis axis = SliceAxis::Z, int index = -1);

// The slice as a 2D grid: n = (n[u], n[v]), lengths and periodicity of those axes.
Grid slice_grid(const Grid& grid, const SlicePlane& plane);

// Centre of the slice along its normal, box units (0 for a 2D grid).
double slice_position(const Grid& grid, const SlicePlane& plane);

// The labels of the slice, x fastest in the slice's own (u, v) axes, row 0 at the
// bottom, resized into `out`. Throws tessera::Error when labels.size() != grid.size().
void extract_slice(std::span<const std::int32_t> labels, const Grid& grid, const SlicePlane& plane,
                   std::vector<std::int32_t>& out);

}  // namespace tessera
