// Cell colour modes (ui/cell_colors.h) and the colour scales behind them (engine/color_scale.h).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <numbers>
#include <vector>

#include "engine/color_scale.h"
#include "scenes/particles/cell_colors.h"

using namespace tessera;

namespace {

bool same(Rgb8 a, Rgb8 b) { return a.r == b.r && a.g == b.g && a.b == b.b; }
int luma(Rgb8 c) { return 299 * c.r + 587 * c.g + 114 * c.b; }

// Cells of power cost p = 2 with target volume `volume` each (a fraction of the box), at
// `seeds`, on an n x n grid with a void; species s of cell i is species_of[i] (default 0).
Simulation make_sim(const std::vector<Vec3>& seeds, double volume, int n = 96, bool periodic = false,
                    std::vector<SpeciesParams> species = {SpeciesParams{}}, std::vector<int> species_of = {}) {
  const Domain domain = make_box_domain(make_grid_2d(n, n, 1.0, 1.0, periodic));
  SimParams params = default_sim_params();
  params.species = std::move(species);
  for (SpeciesParams& s : params.species) s.cost.R = std::sqrt(volume / std::numbers::pi);
  params.dt = 0.01;
  CellState cells;
  for (std::size_t i = 0; i < seeds.size(); ++i)
    cells.add(seeds[i], Vec3{1, 0, 0}, 1.0, volume, species_of.empty() ? 0 : species_of[i]);
  Simulation sim(Exec{Backend::Cpu}, domain, params, cells);
  REQUIRE(sim.fit().converged);
  return sim;
}

const std::vector<Vec3> kFourSeeds = {{0.25, 0.25, 0}, {0.75, 0.25, 0}, {0.25, 0.75, 0}, {0.75, 0.75, 0}};

}  // namespace

TEST_CASE("colour modes: the name table round-trips", "[cpu][ui][colors]") {
  for (std::size_t k = 0; k < kColorModeNames.size(); ++k) {
    const auto mode = static_cast<ColorMode>(k);
    REQUIRE(color_mode_name(mode) == kColorModeNames[k]);
    REQUIRE(parse_color_mode(kColorModeNames[k]) == mode);
  }
  REQUIRE(parse_color_mode("Species") == std::nullopt);
  REQUIRE(parse_color_mode("") == std::nullopt);
}

TEST_CASE("colour scales: ends, clamping, monotone lightness, no-data colour", "[cpu][ui][colors]") {
  // Sequential: dark to light.
  for (int k = 0; k < 20; ++k) REQUIRE(luma(sequential_color(k / 20.0)) <= luma(sequential_color((k + 1) / 20.0)));
  REQUIRE(same(sequential_color(-3), sequential_color(0)));
  REQUIRE(same(sequential_color(7), sequential_color(1)));
  // Diverging: blue below 0, red above, a light neutral centre, symmetric lightness.
  const Rgb8 lo = diverging_color(-1), mid = diverging_color(0), hi = diverging_color(1);
  REQUIRE(lo.b > lo.r);
  REQUIRE(hi.r > hi.b);
  REQUIRE(luma(mid) > luma(lo));
  REQUIRE(luma(mid) > luma(hi));
  REQUIRE(!same(mid, kVoidColor));
  REQUIRE(same(diverging_color(-5), lo));
  REQUIRE(same(diverging_color(5), hi));
  REQUIRE(same(sequential_color(std::nan("")), kNoDataColor));
  REQUIRE(same(diverging_color(std::nan("")), kNoDataColor));
}

TEST_CASE("species mode: each cell in its species' colour family", "[cpu][ui][colors]") {
  SpeciesParams red, blue;
  red.name = "red";
  red.color = {220, 40, 40};
  blue.name = "blue";
  blue.color = {40, 60, 220};
  Simulation sim = make_sim(kFourSeeds, 0.04, 64, false, {red, blue}, {0, 1, 1, 0});
  const CellColoring coloring = cell_colors(sim, ColorMode::Species);
  REQUIRE(coloring.colors.size() == 4);
  REQUIRE(coloring.values.empty());
  REQUIRE(coloring.legend.scale == ColorScale::None);
  for (int i = 0; i < 4; ++i) {
    const Rgb8 c = coloring.colors[i];
    const bool is_red = sim.cells().species[i] == 0;
    INFO("cell " << i);
    REQUIRE((is_red ? c.r > c.b + 100 : c.b > c.r + 100));
    // The shade moves each channel by at most 15 % of its range.
    const auto& base = sim.params().species[sim.cells().species[i]].color;
    REQUIRE(std::abs(c.r - base[0]) <= 40);
    REQUIRE(std::abs(c.g - base[1]) <= 40);
    REQUIRE(std::abs(c.b - base[2]) <= 40);
    REQUIRE(same(c, shade(Rgb8{base[0], base[1], base[2]}, static_cast<std::uint32_t>(sim.cells().id[i]))));
  }
  // Two cells of one species still differ (shaded by id).
  REQUIRE(!same(coloring.colors[0], coloring.colors[3]));
}

TEST_CASE("id mode: the colour follows the cell, not its index", "[cpu][ui][colors]") {
  Simulation sim = make_sim(kFourSeeds, 0.04, 64);
  const CellColoring before = cell_colors(sim, ColorMode::Id);
  for (int i = 0; i < 4; ++i)
    REQUIRE(same(before.colors[i], label_color(static_cast<std::int32_t>(sim.cells().id[i]))));
  sim.mutable_cells().remove(0);
  const CellColoring after = cell_colors(sim, ColorMode::Id);
  REQUIRE(after.colors.size() == 3);
  for (int i = 0; i < 3; ++i) REQUIRE(same(after.colors[i], before.colors[i + 1]));
}

TEST_CASE("volume error mode: the worst cell gets the extreme colour", "[cpu][ui][colors]") {
  Simulation sim = make_sim(kFourSeeds, 0.04);
  // Cell 2's target doubles after the fit: its measured volume is half of it (error ~ -0.5).
  sim.mutable_cells().volume[2] *= 2.0;

  const CellColoring automatic = cell_colors(sim, ColorMode::VolumeError);
  REQUIRE(automatic.legend.scale == ColorScale::Diverging);
  REQUIRE(automatic.legend.min == -automatic.legend.max);
  REQUIRE(automatic.values[2] == Approx(-0.5).margin(0.02));
  REQUIRE(automatic.legend.max == Approx(std::fabs(automatic.values[2])));
  REQUIRE(same(automatic.colors[2], diverging_color(-1)));
  for (int i : {0, 1, 3}) {
    REQUIRE(std::fabs(automatic.values[i]) < 0.02);
    REQUIRE(!same(automatic.colors[i], diverging_color(-1)));
    REQUIRE(!same(automatic.colors[i], diverging_color(1)));
  }
  REQUIRE_THAT(automatic.legend.label, Catch::Contains("volume error"));

  // A given range saturates beyond it and keeps small errors near the centre.
  CellColorOptions fixed;
  fixed.error_range = 0.1;
  const CellColoring ranged = cell_colors(sim, ColorMode::VolumeError, fixed);
  REQUIRE(ranged.legend.max == 0.1);
  REQUIRE(same(ranged.colors[2], diverging_color(-1)));
  REQUIRE(same(ranged.colors[0], diverging_color(ranged.values[0] / 0.1)));

  // A cell added after the fit: the labels no longer describe the cells.
  sim.mutable_cells().add(Vec3{0.5, 0.5, 0}, Vec3{1, 0, 0}, 1.0, 0.04, 0);
  const CellColoring stale = cell_colors(sim, ColorMode::VolumeError);
  REQUIRE(stale.colors.size() == 5);
  for (int i = 0; i < 5; ++i) {
    REQUIRE(std::isnan(stale.values[i]));
    REQUIRE(same(stale.colors[i], kNoDataColor));
  }
}

TEST_CASE("pressure mode: squeezed cells are at the high end", "[cpu][ui][colors]") {
  // One isolated cell and three pressed together (seeds 0.1 apart, radius ~0.08): the
  // pressed ones must raise their potential to keep their volume.
  const std::vector<Vec3> seeds = {{0.2, 0.2, 0}, {0.65, 0.65, 0}, {0.75, 0.65, 0}, {0.70, 0.74, 0}};
  Simulation sim = make_sim(seeds, 0.02, 128);
  const CellColoring coloring = cell_colors(sim, ColorMode::Pressure);
  REQUIRE(coloring.legend.scale == ColorScale::Sequential);
  REQUIRE(coloring.values == sim.cells().potential);
  for (int i = 1; i < 4; ++i) REQUIRE(coloring.values[i] > coloring.values[0]);
  REQUIRE(coloring.legend.min == coloring.values[0]);
  REQUIRE(same(coloring.colors[0], sequential_color(0)));
  int top = 1;
  for (int i = 2; i < 4; ++i)
    if (coloring.values[i] > coloring.values[top]) top = i;
  REQUIRE(coloring.legend.max == coloring.values[top]);
  REQUIRE(same(coloring.colors[top], sequential_color(1)));
}

TEST_CASE("speed mode: a cell moved by a known distance", "[cpu][ui][colors]") {
  Simulation sim = make_sim(kFourSeeds, 0.04, 64, true);
  SpeedTracker tracker;
  REQUIRE_THROWS_WITH(cell_colors(sim, ColorMode::Speed), Catch::Contains("SpeedTracker"));

  // First sight: no previous positions. Cell 3 sits just left of the periodic edge.
  CellState& cells = sim.mutable_cells();
  cells.x[3] = Vec3{0.99, 0.75, 0};
  const CellColoring first = cell_colors(sim, ColorMode::Speed, {}, &tracker);
  for (int i = 0; i < 4; ++i) {
    REQUIRE(std::isnan(first.values[i]));
    REQUIRE(same(first.colors[i], kNoDataColor));
  }

  // Cell 1 moves 0.03 and cell 3 crosses the edge by 0.02, in 4 steps of dt = 0.01.
  cells.x[1].x += 0.03;
  cells.x[3] = Vec3{0.01, 0.75, 0};
  for (double v : tracker.update(sim)) REQUIRE(std::isnan(v));  // no step yet: no interval
  sim.restore_step_count(4);

  const CellColoring moved = cell_colors(sim, ColorMode::Speed, {}, &tracker);
  REQUIRE(moved.values[0] == Approx(0.0).margin(1e-12));
  REQUIRE(moved.values[1] == Approx(0.03 / (0.01 * 4)));
  REQUIRE(moved.values[2] == Approx(0.0).margin(1e-12));
  REQUIRE(moved.values[3] == Approx(0.02 / (0.01 * 4)));  // the short way round
  REQUIRE(moved.legend.min == Approx(0.0).margin(1e-12));
  REQUIRE(moved.legend.max == Approx(0.75));
  REQUIRE(same(moved.colors[1], sequential_color(1)));
  REQUIRE(same(moved.colors[0], sequential_color(0)));
  REQUIRE_THAT(moved.legend.label, Catch::Contains("speed"));

  // Same step count again: the same speeds. A new cell has none.
  cells.add(Vec3{0.5, 0.5, 0}, Vec3{1, 0, 0}, 1.0, 0.04, 0);
  const std::vector<double>& again = tracker.update(sim);
  REQUIRE(again.size() == 5);
  REQUIRE(again[1] == Approx(0.75));
  REQUIRE(std::isnan(again[4]));

  // The run went back: start afresh.
  sim.restore_step_count(2);
  for (double v : tracker.update(sim)) REQUIRE(std::isnan(v));
}
