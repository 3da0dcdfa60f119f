#pragma once
// A domain as a scene file describes it: a shape, evaluated on the grid by
// build_domain. Shapes are in box units.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "engine/grid.h"
#include "sim/ot/domain.h"

namespace tessera {

enum class DomainShape { Box, Disk, Micropipette, Hourglass };
inline constexpr std::array<std::string_view, 4> kDomainShapeNames = {"box", "disk", "micropipette", "hourglass"};

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
                               // height r/2, length 2 pi r, chamber 2.1 r x 6 r; iceshot-model.md 5.6);
                               // hourglass: centre and radius of the obstacle ball
  std::vector<WallStroke> walls;  // painted walls and erasures (the window's wall tools)
};

// Micropipette geometry (2D, unit square): the tube ends at the right edge.
struct PipetteGeometry {
  double r, tube_height, tube_length;
  double tube_start() const { return 1.0 - tube_length; }  // x of the tube's mouth
  bool inside(const Vec3& y) const;
};
PipetteGeometry pipette_geometry(double r);

// FallingStuff's hourglass (3D, unit cube; iceshot-model.md 5.15): a 45-degree funnel
// (x - a_x)^2 + (y - a_y)^2 < (z - apex_z)^2 above the neck plane z > neck_z, the whole
// box below it, minus the obstacle ball. The funnel's axis is the vertical line through
// the obstacle's centre; its radius at the neck is neck_z - apex_z (0.03). The
// reference's apex and neck heights are fixed; the obstacle comes from the DomainSpec.
struct HourglassGeometry {
  Vec3 obstacle_center{0.5, 0.5, 0.37};
  double obstacle_radius = 0.1;
  double apex_z = 0.5;
  double neck_z = 0.53;
  double funnel_radius(double z) const { return z - apex_z; }  // where z > neck_z
  bool in_funnel(const Vec3& y) const;                         // the upper part, z > neck_z
  bool inside(const Vec3& y) const;
};
HourglassGeometry hourglass_geometry(const DomainSpec& spec);

// Empty when `spec` describes a valid shape on a `dim`-dimensional grid; else why not
// (scene files report it against their "domain" key).
std::string domain_spec_error(const DomainSpec& spec, int dim);

// Throws tessera::Error when the spec is invalid (domain_spec_error) or keeps no pixel.
Domain build_domain(const Grid& grid, const DomainSpec& spec);

}  // namespace tessera
