#include "scenes/particles/scene_builders.h"

#include <cmath>
#include <numbers>

#include "engine/error.h"
#include "sim/particles/motion.h"

namespace tessera {

double radius_of_fraction(const Domain& domain, double fraction) {
  const double volume = fraction * static_cast<double>(domain.n_kept) * domain.grid.pixel_volume();
  return domain.grid.dim == 2 ? std::sqrt(volume / std::numbers::pi) : std::cbrt(3.0 * volume / (4.0 * std::numbers::pi));
}

void add_random_cells(CellState& cells, int n, double volume, int species, const Domain& domain,
                      const std::function<bool(const Vec3&)>& inside, const CounterRng& rng) {
  const Grid& g = domain.grid;
  int added = 0;
  for (std::uint64_t k = 0; added < n; ++k) {
    TESSERA_REQUIRE(k < 1000ull * static_cast<std::uint64_t>(n) + 1000, "scene: the seeding region is (almost) empty");
    double u0, u1;
    rng.uniform2(random_stream(RandomPurpose::Insertion, species), k, u0, u1);
    const Vec3 x{u0 * g.length[0], u1 * g.length[1],
                 g.dim == 3 ? rng.uniform(random_stream(RandomPurpose::Insertion, species) + 1, k) * g.length[2] : 0.0};
    if (!inside(x)) continue;
    cells.add(x, random_unit_vector(rng, random_stream(RandomPurpose::DivisionAxis, species), k, g.dim), 1.0, volume,
              species);
    ++added;
  }
}

SpeciesParams power_species(const char* name, double R, double C, double p) {
  SpeciesParams s;
  s.name = name;
  s.cost.family = CostFamily::Power;
  s.cost.scaling = CostScaling::Volume;
  s.cost.p = p;
  s.cost.C = C;
  s.cost.R = R;
  return s;
}

Grid scene_grid(int default_resolution, const SceneOptions& options, int dim, bool periodic) {
  const int m = options.resolution > 0 ? options.resolution : default_resolution;
  return dim == 2 ? make_grid_2d(m, m, 1.0, 1.0, periodic) : make_grid_3d(m, m, m, 1.0, 1.0, 1.0, periodic);
}

}  // namespace tessera
