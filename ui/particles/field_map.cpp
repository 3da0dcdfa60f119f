#include "ui/particles/field_map.h"

#include <cmath>

#include "sim/ot/cost_setup.h"

namespace tessera {

std::vector<Rgb8> attractant_tint(const SimParams& params, const Grid& grid) {
  if (params.bias != CostBias::Chemotaxis || grid.dim != 2) return {};
  const CellBias bias = make_chemotaxis_bias(params.chemotaxis, grid.dim);
  std::vector<Rgb8> out(static_cast<std::size_t>(grid.size()));
  auto blend = [](std::uint8_t a, std::uint8_t b, double t) {
    return static_cast<std::uint8_t>(std::lround(a + (b - a) * t));
  };
  for (std::int64_t idx = 0; idx < grid.size(); ++idx) {
    // Relative to the peak, so the map reads the same whatever the width.
    const double t = bias.peak > 0 ? attractant(bias, grid.center(idx)) / bias.peak : 0.0;
    out[static_cast<std::size_t>(idx)] = Rgb8{blend(kVoidColor.r, kAttractantColor.r, t),
                                              blend(kVoidColor.g, kAttractantColor.g, t),
                                              blend(kVoidColor.b, kAttractantColor.b, t)};
  }
  return out;
}

}  // namespace tessera
