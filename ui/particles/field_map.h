#pragma once
// Maps of the scene's fields for the view, computed on the CPU (GL-free): the
// chemoattractant of a chemotaxis scene (iceshot-model.md 5.2) as a tint of the void,
// so the gradient the cells climb is visible around them.
#include <vector>

#include "engine/colormap.h"
#include "engine/grid.h"
#include "sim/particles/simulation.h"

namespace tessera {

inline constexpr Rgb8 kAttractantColor{236, 142, 60};  // the tint at the attractant's peak

// One colour per pixel of a 2D grid (x fastest): the void colour blended toward
// kAttractantColor by u(p) / u(centre), u the Gaussian attractant. Empty when the scene has
// no chemotaxis bias or the grid is 3D.
std::vector<Rgb8> attractant_tint(const SimParams& params, const Grid& grid);

}  // namespace tessera
