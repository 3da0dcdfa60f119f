#include "sim/ot/domain.h"

#include <string>
#include <utility>

#include "engine/error.h"

namespace tessera {

namespace {

// Normalises the mask to 0/1 and counts the kept pixels (iceshot-model.md 1.1:
// every kept pixel has volume 1/P, P = the kept count).
Domain finish_masked(const Grid& grid, std::vector<std::uint8_t> mask) {
  std::int64_t n_kept = 0;
  for (std::uint8_t& m : mask) {
    m = m != 0 ? 1 : 0;
    n_kept += m;
  }
  TESSERA_REQUIRE(n_kept > 0, "domain mask keeps no pixel: the domain would be empty");
  Domain domain;
  domain.grid = grid;
  domain.mask = Mirrored<std::uint8_t>(std::move(mask));
  domain.n_kept = n_kept;
  return domain;
}

}  // namespace

Domain make_box_domain(const Grid& grid) {
  Domain domain;
  domain.grid = grid;
  domain.n_kept = grid.size();
  return domain;
}

Domain make_masked_domain(const Grid& grid, const std::function<bool(const Vec3&)>& inside) {
  TESSERA_REQUIRE(static_cast<bool>(inside), "domain mask: no shape function given");
  std::vector<std::uint8_t> mask(static_cast<std::size_t>(grid.size()));
  for (std::int64_t idx = 0; idx < grid.size(); ++idx) mask[idx] = inside(grid.center(idx)) ? 1 : 0;
  return finish_masked(grid, std::move(mask));
}

Domain make_masked_domain(const Grid& grid, std::vector<std::uint8_t> mask) {
  TESSERA_REQUIRE(static_cast<std::int64_t>(mask.size()) == grid.size(),
                  "domain mask has " + std::to_string(mask.size()) + " entries but the grid has " +
                      std::to_string(grid.size()) + " pixels");
  return finish_masked(grid, std::move(mask));
}

std::function<bool(const Vec3&)> disk_shape(const Vec3& center, double radius) {
  const double r2 = radius * radius;
  // Pixel centres of a 2D grid have z = 0, so a 2D disk needs center.z = 0.
  return [center, r2](const Vec3& p) { return norm2(p - center) <= r2; };
}

}  // namespace tessera
