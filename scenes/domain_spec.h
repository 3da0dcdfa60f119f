#pragma once
// A domain as a scene file describes it: a shape, evaluated on the grid by
// build_domain. Shapes are in box units.
#include <array>
#include <string_view>
#include <vector>

#include "engine/grid.h"
#include "sim/domain.h"

namespace tessera {

enum class DomainShape { Box, Disk, Micropipette };
inline constexpr std::array<std::string_view, 3> kDomainShapeNames = {"box", "disk", "micropipette"};

// A disk (ball in 3D) painted after the shape: `wall` removes its pixels from the domain
// (an obstacle), otherwise it gives them back (erases walls). Strokes apply in order.
struct WallStroke {
  Vec3 center;         // box units (2D ignores z)
  double radius = 0;   // box units, > 0
  bool wall = true;
};

struct DomainSpec {
  DomainShape shape = DomainShape::Box;
  Vec3 center{0.5, 0.5, 0.5};  // disk/ball centre (2D ignores z)
  double radius = 0.5;         // disk/ball radius; micropipette: the cell radius r (tube
                               // height r/2, length 2 pi r, chamber 2.1 r x 6 r; iceshot-model.md 5.6)
  std::vector<WallStroke> walls;  // painted walls and erasures (the window's wall tools)
};

// Micropipette geometry (2D, unit square): the tube ends at the right edge.
struct PipetteGeometry {
  double r, tube_height, tube_length;
  double tube_start() const { return 1.0 - tube_length; }  // x of the tube's mouth
  bool inside(const Vec3& y) const;
};
PipetteGeometry pipette_geometry(double r);

// Throws tessera::Error when the shape keeps no pixel.
Domain build_domain(const Grid& grid, const DomainSpec& spec);

}  // namespace tessera
