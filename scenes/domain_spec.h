#pragma once
// A domain as a scene file describes it: a shape, evaluated on the grid by
// build_domain. Shapes are in box units.
#include <array>
#include <string_view>

#include "engine/grid.h"
#include "sim/domain.h"

namespace tessera {

enum class DomainShape { Box, Disk };
inline constexpr std::array<std::string_view, 2> kDomainShapeNames = {"box", "disk"};

struct DomainSpec {
  DomainShape shape = DomainShape::Box;
  Vec3 center{0.5, 0.5, 0.5};  // disk/ball centre (2D ignores z)
  double radius = 0.5;         // disk/ball radius
};

// Throws tessera::Error when the shape keeps no pixel.
Domain build_domain(const Grid& grid, const DomainSpec& spec);

}  // namespace tessera
