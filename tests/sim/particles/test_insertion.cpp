#include <catch2/catch.hpp>

#include <cmath>

#include "sim/particles/insertion.h"
#include "sim/particles/motion.h"

using namespace tessera;

namespace {

// FallingStuff-like feed: one cell per step at most, on the plane z = 0.9 of a small box.
InsertionParams one_per_step(double rate) {
  InsertionParams p;
  p.rate = rate;
  p.max_per_step = 1;
  p.region_min = Vec3{0.4, 0.4, 0.9};
  p.region_max = Vec3{0.6, 0.6, 0.9};
  p.volume = 1e-3;
  return p;
}

InsertionCounts step_insert(CellState& cells, const InsertionParams& p, double dt, std::int64_t step) {
  return insert_cells(cells, p, 3, dt, CounterRng{5}, random_stream(RandomPurpose::InsertionCount, step),
                      random_stream(RandomPurpose::InsertionPlacement, step));
}

}  // namespace

TEST_CASE("insertion: one cell per step with probability 1 - exp(-rate dt), inside its region", "[cpu][sim]") {
  const double dt = 0.005;
  const InsertionParams p = one_per_step(-std::log(1.0 - 0.58) / dt);  // FallingStuff's 0.58 per step
  CellState cells;
  int inserted = 0;
  for (int step = 0; step < 1000; ++step) {
    const int k = step_insert(cells, p, dt, step).inserted;
    REQUIRE(k <= 1);
    inserted += k;
  }
  // 580 expected; the bounds are about +-4 standard deviations (sqrt(1000 0.58 0.42) = 15.6).
  REQUIRE(inserted > 580 - 63);
  REQUIRE(inserted < 580 + 63);
  REQUIRE(cells.size() == inserted);
  for (int i = 0; i < cells.size(); ++i) {
    REQUIRE(cells.x[i].z == 0.9);  // min = max fixes the height
    REQUIRE((cells.x[i].x >= 0.4 && cells.x[i].x <= 0.6 && cells.x[i].y >= 0.4 && cells.x[i].y <= 0.6));
    REQUIRE(cells.volume[i] == p.volume);
    REQUIRE(cells.potential[i] == 0.0);
    REQUIRE(std::fabs(norm(cells.axis[i]) - 1.0) < 1e-12);
  }
}

TEST_CASE("insertion: the population cap and the volume cap of a region stop it", "[cpu][sim]") {
  const double dt = 0.005;
  InsertionParams p = one_per_step(1e4);  // an insertion every step
  p.max_cells = 3;
  CellState cells;
  for (int step = 0; step < 20; ++step) step_insert(cells, p, dt, step);
  REQUIRE(cells.size() == 3);

  // Volume cap over z > 0.5: cells below do not count, cells above do.
  p.max_cells = 0;
  p.cap_min = Vec3{-1e30, -1e30, 0.5};
  p.cap_volume = 0.25;
  CellState below;
  below.add(Vec3{0.5, 0.5, 0.2}, Vec3{1, 0, 0}, 1.0, 0.5, 0);
  REQUIRE(step_insert(below, p, dt, 0).inserted == 1);
  CellState above;
  above.add(Vec3{0.5, 0.5, 0.7}, Vec3{1, 0, 0}, 1.0, 0.25, 0);
  for (int step = 0; step < 20; ++step) REQUIRE(step_insert(above, p, dt, step).inserted == 0);
}

TEST_CASE("insertion: a point within min_distance of a seed is skipped, not stacked", "[cpu][sim]") {
  const double dt = 0.005;
  InsertionParams p = one_per_step(1e4);
  p.min_distance = 0.5;  // covers the whole region from its centre
  CellState cells;
  cells.add(Vec3{0.5, 0.5, 0.9}, Vec3{1, 0, 0}, 1.0, 1e-3, 0);
  int blocked = 0;
  for (int step = 0; step < 10; ++step) {
    const InsertionCounts c = step_insert(cells, p, dt, step);
    REQUIRE(c.inserted == 0);
    blocked += c.blocked;
  }
  REQUIRE(blocked == 10);
  REQUIRE(cells.size() == 1);
  REQUIRE(cells.next_id == 11);  // every skipped draw used up an id: the next one is a fresh point
}

TEST_CASE("insertion: inconsistent parameters are named", "[cpu][sim]") {
  InsertionParams p = one_per_step(1.0);
  REQUIRE(insertion_params_error(p).empty());
  p.rate = -1;
  REQUIRE_THAT(insertion_params_error(p), Catch::Contains("rate"));
  p = one_per_step(1.0);
  p.region_max.z = 0.1;
  REQUIRE_THAT(insertion_params_error(p), Catch::Contains("region_min"));
  p = one_per_step(1.0);
  p.volume = 0;
  REQUIRE_THAT(insertion_params_error(p), Catch::Contains("volume"));
  p = one_per_step(1.0);
  p.min_distance = -1;
  REQUIRE_THAT(insertion_params_error(p), Catch::Contains("min_distance"));
}
