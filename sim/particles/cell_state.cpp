#include "sim/particles/cell_state.h"

#include <cmath>
#include <numeric>
#include <string>

#include "engine/error.h"

namespace tessera {

double CellState::total_volume() const { return std::accumulate(volume.begin(), volume.end(), 0.0); }

int CellState::add(const Vec3& position, const Vec3& direction, double aspect_ratio, double target_volume,
                   std::int32_t species_index, double potential_value, double growth, double stiffness_factor) {
  x.push_back(position);
  axis.push_back(direction);
  aspect.push_back(aspect_ratio);
  volume.push_back(target_volume);
  potential.push_back(potential_value);
  species.push_back(species_index);
  id.push_back(next_id++);
  growth_rate.push_back(growth);
  stiffness.push_back(stiffness_factor);
  protrusion.push_back({});
  protrusion_angle.push_back(std::atan2(direction.y, direction.x));
  return size() - 1;
}

void CellState::add_copy(const CellState& other, int i) {
  add(other.x[i], other.axis[i], other.aspect[i], other.volume[i], other.species[i], other.potential[i],
      other.growth_rate[i], other.stiffness[i]);
  --next_id;
  id.back() = other.id[i];
  protrusion.back() = other.protrusion[i];
  protrusion_angle.back() = other.protrusion_angle[i];
}

void CellState::remove(int i) {
  std::vector<char> flags(size(), 0);
  flags.at(i) = 1;
  remove_flagged(flags);
}

namespace {
template <class T>
void compact(std::vector<T>& v, const std::vector<char>& flags) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!flags[i]) v[out++] = v[i];
  v.resize(out);
}
}  // namespace

void CellState::remove_flagged(const std::vector<char>& flags) {
  TESSERA_REQUIRE(static_cast<int>(flags.size()) == size(), "remove_flagged: one flag per cell is needed");
  compact(x, flags);
  compact(axis, flags);
  compact(aspect, flags);
  compact(volume, flags);
  compact(potential, flags);
  compact(species, flags);
  compact(id, flags);
  compact(growth_rate, flags);
  compact(stiffness, flags);
  compact(protrusion, flags);
  compact(protrusion_angle, flags);
}

void CellState::validate() const {
  const std::size_t n = x.size();
  TESSERA_REQUIRE(axis.size() == n && aspect.size() == n && volume.size() == n && potential.size() == n &&
                      species.size() == n && id.size() == n && growth_rate.size() == n && stiffness.size() == n &&
                      protrusion.size() == n && protrusion_angle.size() == n,
                  "cell state: per-cell arrays have different lengths");
  for (std::size_t i = 0; i < n; ++i) {
    const bool finite = std::isfinite(x[i].x) && std::isfinite(x[i].y) && std::isfinite(x[i].z) &&
                        std::isfinite(axis[i].x) && std::isfinite(axis[i].y) && std::isfinite(axis[i].z) &&
                        std::isfinite(aspect[i]) && std::isfinite(volume[i]) && std::isfinite(potential[i]) &&
                        std::isfinite(stiffness[i]) && stiffness[i] > 0 && std::isfinite(protrusion_angle[i]);
    TESSERA_REQUIRE(finite, "cell " + std::to_string(i) + " (id " + std::to_string(id[i]) + ") has a non-finite value");
    for (double a : protrusion[i])
      TESSERA_REQUIRE(std::isfinite(a) && a >= 0, "cell " + std::to_string(i) + " (id " + std::to_string(id[i]) +
                                                      ") has a protrusion amplitude that is negative or not finite");
  }
}

}  // namespace tessera
