#include "scenes/common/domain_spec.h"

#include <cmath>
#include <numbers>
#include <sstream>
#include <string>

#include "engine/error.h"

namespace tessera {

PipetteGeometry pipette_geometry(double r) {
  const double h = r / 2;
  return PipetteGeometry{r, h, std::numbers::pi * r * r / h};  // the tube's area equals the cell's
}

bool PipetteGeometry::inside(const Vec3& y) const {
  const double l = tube_length;
  const bool tube = std::fabs(y.x - (1.0 - 0.5 * l)) <= 0.5 * l && std::fabs(y.y - 0.5) <= 0.5 * tube_height;
  const bool chamber = std::fabs(y.y - 0.5) <= 3 * r && std::fabs(y.x - (1.0 - l - 1.05 * r)) <= 1.05 * r;
  return tube || chamber;
}

bool HourglassGeometry::in_funnel(const Vec3& y) const {
  const double dx = y.x - obstacle_center.x, dy = y.y - obstacle_center.y;
  const double r = funnel_radius(y.z);
  return y.z > neck_z && dx * dx + dy * dy < r * r;
}

bool HourglassGeometry::inside(const Vec3& y) const {
  if (y.z > neck_z) return in_funnel(y);
  // The lower chamber (z = neck_z itself belongs to neither part, as in the reference).
  return y.z < neck_z && norm2(y - obstacle_center) > obstacle_radius * obstacle_radius;
}

HourglassGeometry hourglass_geometry(const DomainSpec& spec) {
  HourglassGeometry h;
  h.obstacle_center = spec.center;
  h.obstacle_radius = spec.radius;
  return h;
}

std::string domain_spec_error(const DomainSpec& spec, int dim) {
  switch (spec.shape) {
    case DomainShape::Box:
      return {};
    case DomainShape::Disk:
      return spec.radius > 0 ? "" : "the disk radius must be > 0";
    case DomainShape::Micropipette:
      if (dim != 2) return "the micropipette is a 2D shape";
      return spec.radius > 0 && spec.radius < 0.12 ? "" : "the micropipette's cell radius must be in (0, 0.12)";
    case DomainShape::Hourglass: {
      if (dim != 3) return "the hourglass is a 3D shape";
      if (!(spec.radius > 0)) return "the hourglass obstacle's radius must be > 0";
      // Below the neck, so that the funnel drains into the lower chamber around it.
      const double neck_z = hourglass_geometry(spec).neck_z;
      if (!(spec.center.z + spec.radius < neck_z)) {
        std::ostringstream why;
        why << "the hourglass obstacle must lie below the neck (center.z + radius < " << neck_z << ")";
        return why.str();
      }
      return {};
    }
  }
  return "unknown shape";
}

namespace {

Domain build_shape(const Grid& grid, const DomainSpec& spec) {
  const std::string error = domain_spec_error(spec, grid.dim);
  TESSERA_REQUIRE(error.empty(), "domain: " + error);
  switch (spec.shape) {
    case DomainShape::Box:
      return make_box_domain(grid);
    case DomainShape::Disk: {
      Vec3 center = spec.center;
      if (grid.dim == 2) center.z = 0;
      return make_masked_domain(grid, disk_shape(center, spec.radius));
    }
    case DomainShape::Micropipette: {
      const PipetteGeometry pipette = pipette_geometry(spec.radius);
      return make_masked_domain(grid, [pipette](const Vec3& y) { return pipette.inside(y); });
    }
    case DomainShape::Hourglass: {
      const HourglassGeometry hourglass = hourglass_geometry(spec);
      return make_masked_domain(grid, [hourglass](const Vec3& y) { return hourglass.inside(y); });
    }
  }
  throw_error("domain: unknown shape");
}

}  // namespace

Domain build_domain(const Grid& grid, const DomainSpec& spec) {
  Domain domain = build_shape(grid, spec);
  if (spec.walls.empty()) return domain;
  std::vector<std::uint8_t> mask(static_cast<std::size_t>(grid.size()), 1);
  if (domain.has_mask()) mask = domain.mask.host();
  for (const WallStroke& stroke : spec.walls) {
    TESSERA_REQUIRE(stroke.radius > 0, "domain: a wall stroke's radius must be > 0");
    Vec3 center = stroke.center;
    if (grid.dim == 2) center.z = 0;
    // Walls follow the box's periodicity, like the cells do.
    for (std::int64_t idx = 0; idx < grid.size(); ++idx) {
      const Vec3 d = grid.wrap_displacement(grid.center(idx) - center);
      if (d.x * d.x + d.y * d.y + d.z * d.z <= stroke.radius * stroke.radius)
        mask[static_cast<std::size_t>(idx)] = stroke.wall ? 0 : 1;
    }
  }
  return make_masked_domain(grid, std::move(mask));
}

}  // namespace tessera
