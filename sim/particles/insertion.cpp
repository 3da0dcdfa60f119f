#include "sim/particles/insertion.h"

#include <cmath>
#include <string>

#include "sim/particles/motion.h"

namespace tessera {

namespace {

// Poisson(mean) by inversion of one uniform (the means here are below a few units).
int poisson_draw(double mean, double u) {
  int k = 0;
  double term = std::exp(-mean), cumulative = term;
  while (u >= cumulative && k < 1000) {
    ++k;
    term *= mean / k;
    cumulative += term;
  }
  return k;
}

bool in_box(const Vec3& x, const Vec3& lo, const Vec3& hi) {
  for (int a = 0; a < 3; ++a)
    if (x[a] < lo[a] || x[a] > hi[a]) return false;
  return true;
}

}  // namespace

InsertionCounts insert_cells(CellState& cells, const InsertionParams& p, int dim, double dt, const CounterRng& rng,
                             std::uint64_t count_stream, std::uint64_t place_stream) {
  InsertionCounts counts;
  if (p.max_cells > 0 && cells.size() >= p.max_cells) return counts;
  double capped_volume = 0;
  for (int i = 0; i < cells.size(); ++i)
    if (in_box(cells.x[i], p.cap_min, p.cap_max)) capped_volume += cells.volume[i];
  if (!(capped_volume < p.cap_volume)) return counts;

  int k = poisson_draw(p.rate * dt, rng.uniform(count_stream, 0));
  if (p.max_per_step > 0 && k > p.max_per_step) k = p.max_per_step;
  for (int drawn = 0; drawn < k; ++drawn) {
    if (p.max_cells > 0 && cells.size() >= p.max_cells) break;
    const std::uint64_t id = cells.next_id;
    double u[3];
    rng.uniform2(place_stream, 2 * id, u[0], u[1]);
    u[2] = rng.uniform(place_stream, 2 * id + 1);
    Vec3 x;
    for (int a = 0; a < dim; ++a) x[a] = p.region_min[a] + (p.region_max[a] - p.region_min[a]) * u[a];
    bool free = true;
    for (int i = 0; i < cells.size() && free && p.min_distance > 0; ++i)
      free = norm2(cells.x[i] - x) >= p.min_distance * p.min_distance;
    if (!free) {
      // The id is consumed all the same, so the next draw is a fresh point.
      ++cells.next_id;
      ++counts.blocked;
      continue;
    }
    cells.add(x, random_unit_vector(rng, place_stream ^ (1ull << 47), id, dim), 1.0, p.volume, p.species);
    ++counts.inserted;
  }
  return counts;
}

std::string insertion_params_error(const InsertionParams& p) {
  if (!(p.rate >= 0 && std::isfinite(p.rate))) return "rate must be finite and >= 0";
  if (p.max_per_step < 0 || p.max_cells < 0) return "max_per_step and max_cells must be >= 0";
  for (int a = 0; a < 3; ++a) {
    if (!(p.region_min[a] <= p.region_max[a])) return "region_min must not exceed region_max on any axis";
    if (!(p.cap_min[a] <= p.cap_max[a])) return "cap_min must not exceed cap_max on any axis";
  }
  if (!(p.volume > 0 && p.volume < 1)) return "volume must be in (0, 1)";
  if (!(p.cap_volume > 0)) return "cap_volume must be > 0";
  if (!(p.min_distance >= 0)) return "min_distance must be >= 0";
  if (p.species < 0) return "species must be >= 0";
  return {};
}

const FieldTable<InsertionParams>& insertion_fields() {
  using I = InsertionParams;
  static const FieldTable<I> table = {
      TESSERA_NUMBER_FIELD(I, rate, "1 / time", 0, kUnbounded, kClosed, "mean insertions per time unit"),
      TESSERA_INTEGER_FIELD(I, max_per_step, "", 0, 1e9, "at most this many per step (0: no limit)"),
      TESSERA_NUMBER_FIELD(I, volume, "", 0, 1, kClosed, "target volume of a new cell (fraction of the domain)"),
      TESSERA_INTEGER_FIELD(I, species, "", 0, 1e6, "species of the new cells"),
      TESSERA_INTEGER_FIELD(I, max_cells, "", 0, 1e9, "no insertion once there are this many cells (0: no limit)"),
      TESSERA_NUMBER_FIELD(I, cap_volume, "", 0, kUnbounded, kClosed, "no insertion once the cap box holds this volume"),
      TESSERA_NUMBER_FIELD(I, min_distance, "box units", 0, kUnbounded, kClosed, "skip points this close to a seed"),
  };
  return table;
}
}  // namespace tessera
