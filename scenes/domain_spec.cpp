#include "scenes/domain_spec.h"

#include "engine/error.h"

namespace tessera {

Domain build_domain(const Grid& grid, const DomainSpec& spec) {
  switch (spec.shape) {
    case DomainShape::Box:
      return make_box_domain(grid);
    case DomainShape::Disk: {
      TESSERA_REQUIRE(spec.radius > 0, "domain: the disk radius must be > 0");
      Vec3 center = spec.center;
      if (grid.dim == 2) center.z = 0;
      return make_masked_domain(grid, disk_shape(center, spec.radius));
    }
  }
  throw_error("domain: unknown shape");
}

}  // namespace tessera
