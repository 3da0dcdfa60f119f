#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <numeric>
#include <vector>

#include "engine/rng.h"
#include "sim/ot/cell_bins.h"
#include "sim/ot/cost_setup.h"
#include "sim/ot/domain.h"
#include "sim/ot/laguerre.h"
#include "test_support.h"

using namespace tessera;

namespace {

const Exec kCpu{Backend::Cpu};

CellCost power_cost(double s, double p, double cap = 0.0) {
  CellCost c;
  c.family = CostFamily::Power;
  c.s = s;
  c.p = p;
  c.cap = cap;
  return c;
}

// Host reference of c_i(y) - f_i (Grid's own wrap; differs from the kernel's only by
// rounding at exactly half a period, so compare with a tolerance).
double value_at(const Grid& g, std::int64_t idx, const Vec3& x, const CellCost& cost, double f,
                const CellBias* bias = nullptr) {
  return solver_cost_value(cost, bias, x, g.wrap_displacement(g.center(idx) - x), g.dim) - f;
}

// A random configuration: seeds anywhere in the box, per-cell exponents and scales,
// potentials from "empty" (negative or tiny) to strongly overlapping, a few capped costs.
struct Config {
  std::vector<Vec3> seeds;
  std::vector<CellCost> costs;
  std::vector<double> f;
};

Config random_config(const Grid& g, int n, std::uint64_t seed, bool allow_caps = true) {
  const CounterRng rng{seed};
  const double volume = g.length[0] * g.length[1] * (g.dim == 3 ? g.length[2] : 1.0);
  // Reference radius: n balls covering about 60 % of the box.
  const double R = g.dim == 3 ? std::cbrt(0.6 * volume / n * 3.0 / (4.0 * std::numbers::pi))
                              : std::sqrt(0.6 * volume / (n * std::numbers::pi));
  const double exponents[4] = {2.0, 1.0, 0.7, 3.0};
  Config c;
  for (int i = 0; i < n; ++i) {
    double u0, u1, u2, u3;
    rng.uniform2(0, i, u0, u1);
    rng.uniform2(1, i, u2, u3);
    c.seeds.push_back(Vec3{u0 * g.length[0], u1 * g.length[1], g.dim == 3 ? u2 * g.length[2] : 0.0});
    const double p = exponents[i % 4];
    const double s = 0.5 + 1.5 * u3;
    const double level = s * std::pow(R, p);
    double f = level * (0.3 + 2.7 * rng.uniform(2, i));  // radius 0.55 R .. 1.7 R: strong overlaps
    if (i % 7 == 3) f = -0.5 * level;                    // empty with a void
    if (i % 11 == 5) f = 1e-6 * level;                   // tiny
    const bool capped = allow_caps && i % 13 == 6;
    c.costs.push_back(power_cost(s, p, capped ? 0.8 * level : 0.0));
    c.f.push_back(f);
  }
  return c;
}

// Counts the labels on the host.
std::vector<std::int64_t> histogram(const std::vector<std::int32_t>& labels, int n, std::int64_t& n_void,
                                    std::int64_t& n_outside) {
  std::vector<std::int64_t> counts(n, 0);
  n_void = n_outside = 0;
  for (std::int32_t l : labels) {
    if (l >= 0)
      ++counts[l];
    else if (l == kVoidLabel)
      ++n_void;
    else if (l == kOutsideLabel)
      ++n_outside;
  }
  return counts;
}

struct Case {
  const char* name;
  Domain domain;
};

std::vector<Case> test_domains() {
  std::vector<Case> cases;
  cases.push_back({"2D walled", make_box_domain(make_grid_2d(64, 48, 1.0, 0.75))});
  cases.push_back({"2D periodic", make_box_domain(make_grid_2d(60, 60, 1.0, 1.0, true))});
  cases.push_back({"3D walled", make_box_domain(make_grid_3d(20, 16, 12, 1.0, 0.8, 0.6))});
  cases.push_back({"3D periodic", make_box_domain(make_grid_3d(16, 16, 16, 1.0, 1.0, 1.0, true))});
  const Grid disk_grid = make_grid_2d(64, 64);
  cases.push_back({"2D disk", make_masked_domain(disk_grid, disk_shape(Vec3{0.5, 0.5, 0}, 0.42))});
  return cases;
}

}  // namespace

TEST_CASE("domains: box, masks, disk shape", "[cpu][sim]") {
  const Grid g = make_grid_2d(40, 40);
  const Domain box = make_box_domain(g);
  REQUIRE_FALSE(box.has_mask());
  REQUIRE(box.n_kept == 1600);
  const Domain disk = make_masked_domain(g, disk_shape(Vec3{0.5, 0.5, 0}, 0.3));
  REQUIRE(disk.has_mask());
  REQUIRE(test::close(static_cast<double>(disk.n_kept), std::numbers::pi * 0.09 * 1600, 0.03));
  std::vector<std::uint8_t> mask(1600, 0);
  mask[7] = 3;
  const Domain one = make_masked_domain(g, mask);
  REQUIRE(one.n_kept == 1);
  REQUIRE(one.mask.host()[7] == 1);
  REQUIRE_THROWS_WITH(make_masked_domain(g, std::vector<std::uint8_t>(10, 1)), Catch::Contains("1600 pixels"));
  REQUIRE_THROWS_WITH(make_masked_domain(g, std::vector<std::uint8_t>(1600, 0)), Catch::Contains("no pixel"));
  REQUIRE_THROWS(make_masked_domain(g, disk_shape(Vec3{5, 5, 0}, 0.1)));
}

TEST_CASE("cell bins list every cell that reaches a pixel", "[cpu][sim]") {
  for (const Grid& g : {make_grid_2d(50, 30, 1.0, 0.6), make_grid_2d(40, 40, 1.0, 1.0, true),
                        make_grid_3d(12, 10, 9, 1.0, 1.0, 1.0, true)}) {
    const CounterRng rng{17};
    std::vector<Vec3> seeds;
    std::vector<double> radii;
    for (int i = 0; i < 40; ++i) {
      double u0, u1;
      rng.uniform2(0, i, u0, u1);
      seeds.push_back(Vec3{u0 * g.length[0], u1 * g.length[1], g.dim == 3 ? rng.uniform(1, i) * g.length[2] : 0.0});
      radii.push_back(i == 5 ? HUGE_VAL : 0.3 * rng.uniform(2, i) + (i % 9 == 0 ? 0.6 : 0.0));
    }
    radii[7] = 0.0;
    seeds[8] = Vec3{3.0, -2.0, 0.0};  // outside a walled box: may reach nothing
    CellBins bins;
    bins.build(g, seeds, radii);
    REQUIRE(bins.n_bins_total() > 1);
    const std::vector<std::int32_t>& global = bins.global_cells();
    REQUIRE(std::find(global.begin(), global.end(), 5) != global.end());
    for (std::int64_t idx = 0; idx < g.size(); ++idx) {
      int i, j, k;
      g.coords(idx, i, j, k);
      const std::int64_t b = i / bins.bin_size()[0] +
                             bins.n_bins()[0] * (j / bins.bin_size()[1] + static_cast<std::int64_t>(bins.n_bins()[1]) *
                                                                              (k / bins.bin_size()[2]));
      const auto first = bins.bin_cells().begin() + bins.bin_start()[b];
      const auto last = bins.bin_cells().begin() + bins.bin_start()[b + 1];
      REQUIRE(std::is_sorted(first, last));
      for (int c = 0; c < 40; ++c) {
        if (norm(g.wrap_displacement(g.center(idx) - seeds[c])) > radii[c]) continue;
        const bool listed =
            std::find(first, last, c) != last || std::find(global.begin(), global.end(), c) != global.end();
        REQUIRE(listed);
      }
    }
  }
}

TEST_CASE("cell bins with per-bin levels list every cell within its level's radius", "[cpu][sim]") {
  const Grid g = make_grid_2d(60, 45, 1.0, 0.75, true);
  const CounterRng rng{23};
  std::vector<Vec3> seeds;
  std::vector<double> max_radius;
  for (int i = 0; i < 30; ++i) {
    double u0, u1;
    rng.uniform2(0, i, u0, u1);
    seeds.push_back(Vec3{u0, 0.75 * u1, 0});
    max_radius.push_back(0.05 + 0.2 * rng.uniform(1, i));
  }
  CellBins bins;
  bins.set_layout(g, 0.05, 30);
  std::vector<std::uint8_t> level(static_cast<std::size_t>(bins.n_bins_total()));
  for (std::size_t b = 0; b < level.size(); ++b) level[b] = static_cast<std::uint8_t>(b * 7 % 3);
  BinLevels levels;
  levels.n_levels = 3;
  levels.bin_level = level;
  int n_calls = 0;
  levels.radius = [&](int cell, int l) {
    ++n_calls;
    return max_radius[cell] * (l + 1) / 3.0;
  };
  bins.fill(g, seeds, max_radius, &levels);
  REQUIRE(n_calls <= 30 * 3);  // lazily, once per (cell, level) at most
  std::int64_t n_listed = 0, n_needed = 0;
  for (std::int64_t idx = 0; idx < g.size(); ++idx) {
    int i, j, k;
    g.coords(idx, i, j, k);
    const std::int64_t b = i / bins.bin_size()[0] + bins.n_bins()[0] * (j / bins.bin_size()[1]);
    const auto first = bins.bin_cells().begin() + bins.bin_start()[b];
    const auto last = bins.bin_cells().begin() + bins.bin_start()[b + 1];
    n_listed += last - first;
    for (int c = 0; c < 30; ++c) {
      if (norm(g.wrap_displacement(g.center(idx) - seeds[c])) > max_radius[c] * (level[b] + 1) / 3.0) continue;
      ++n_needed;
      REQUIRE(std::find(first, last, c) != last);
    }
  }
  // The levels prune: far fewer entries than with the largest radius everywhere.
  CellBins full;
  full.set_layout(g, 0.05, 30);
  full.fill(g, seeds, max_radius);
  REQUIRE(bins.n_entries() < full.n_entries());
  REQUIRE(n_needed > 0);
  REQUIRE(n_listed >= n_needed);
}

TEST_CASE("binned labels equal brute-force labels", "[cpu][sim]") {
  std::uint64_t seed = 100;
  for (Case& test_case : test_domains()) {
    for (bool with_void : {true, false}) {
      INFO(test_case.name << (with_void ? ", void" : ", packed"));
      const Domain& domain = test_case.domain;
      const Grid& g = domain.grid;
      LaguerreEngine engine(kCpu, domain, with_void);
      for (int round = 0; round < 6; ++round) {
        // Round 0: first labelling; later rounds move seeds and potentials (packed:
        // the threshold then comes from the previous labels).
        const Config c = random_config(g, g.dim == 3 ? 24 : 36, seed++);
        engine.set_cells(c.seeds, c.costs);
        // Binned first: in round 0 the packed threshold is then the sampled estimate.
        const AssignStats binned = engine.assign(c.f, AssignMethod::Binned);
        const std::vector<std::int32_t> binned_labels = engine.labels();
        const AssignStats brute = engine.assign(c.f, AssignMethod::BruteForce);
        const std::vector<std::int32_t>& brute_labels = engine.labels();
        REQUIRE(binned_labels == brute_labels);
        REQUIRE(binned.counts == brute.counts);
        REQUIRE(binned.void_count == brute.void_count);
        REQUIRE(test::close(binned.min_sum, brute.min_sum, 1e-9, 1e-12));
        REQUIRE(brute.n_fallback == 0);
        if (with_void) REQUIRE(binned.n_fallback == 0);
        if (!with_void && round > 0) REQUIRE(binned.n_fallback == 0);  // threshold from the previous labels

        // Partition (invariant 1): every kept pixel has one label; counts match it.
        std::int64_t n_void, n_outside;
        const std::vector<std::int64_t> counts = histogram(brute_labels, engine.n_cells(), n_void, n_outside);
        REQUIRE(counts == binned.counts);
        REQUIRE(n_void == binned.void_count);
        REQUIRE(n_outside == g.size() - domain.n_kept);
        REQUIRE(std::accumulate(counts.begin(), counts.end(), std::int64_t{0}) + n_void == domain.n_kept);
        if (!with_void) REQUIRE(n_void == 0);
        if (domain.has_mask())
          for (std::int64_t idx = 0; idx < g.size(); ++idx)
            REQUIRE((domain.mask.host()[idx] == 0) == (brute_labels[idx] == kOutsideLabel));
      }
    }
  }
}

TEST_CASE("packed: pixels beyond the threshold fall back to the full scan", "[cpu][sim]") {
  // The first threshold is sampled on odd pixel columns: the far strip at the even
  // column 62, much farther from every seed, is never sampled.
  const Grid g = make_grid_2d(64, 64);
  std::vector<std::uint8_t> mask(static_cast<std::size_t>(g.size()), 0);
  for (int j = 0; j < 64; ++j)
    for (int i = 0; i < 64; ++i) mask[g.index(i, j)] = (i <= 20 && j <= 20) || i == 62;
  const Domain domain = make_masked_domain(g, mask);
  const Config c = random_config(make_grid_2d(64, 64, 0.3, 0.3), 8, 41, false);
  LaguerreEngine engine(kCpu, domain, false);
  engine.set_cells(c.seeds, c.costs);
  const std::vector<double> f(8, 0.0);
  const AssignStats binned = engine.assign(f);
  REQUIRE(binned.n_fallback > 0);
  const std::vector<std::int32_t> binned_labels = engine.labels();
  const AssignStats brute = engine.assign(f, AssignMethod::BruteForce);
  REQUIRE(engine.labels() == binned_labels);
  REQUIRE(binned.counts == brute.counts);
  // With the labels known, the per-bin thresholds cover every pixel.
  REQUIRE(engine.assign(f).n_fallback == 0);
  REQUIRE(engine.labels() == binned_labels);
}

TEST_CASE("ties go to the lowest index, and to the cell against the void", "[cpu][sim]") {
  // Dyadic seeds on pixel centres: the tied values are bit-identical.
  const Domain domain = make_box_domain(make_grid_2d(32, 16, 2.0, 1.0));
  const Grid& g = domain.grid;
  const double h = g.spacing(0);
  const Vec3 left = g.center(4, 8), right = g.center(12, 8);
  const std::vector<CellCost> costs{power_cost(1.0, 2.0), power_cost(1.0, 2.0)};
  for (AssignMethod method : {AssignMethod::BruteForce, AssignMethod::Binned}) {
    for (bool swapped : {false, true}) {
      LaguerreEngine engine(kCpu, domain, true);
      const std::vector<Vec3> seeds = swapped ? std::vector<Vec3>{right, left} : std::vector<Vec3>{left, right};
      engine.set_cells(seeds, costs);
      // Radius exactly 4 pixels: column 8 is on both circles and on the bisector.
      const double f = (4 * h) * (4 * h);
      const AssignStats stats = engine.assign(std::vector<double>{f, f}, method);
      const std::vector<std::int32_t>& labels = engine.labels();
      const std::int32_t id_left = swapped ? 1 : 0, id_right = swapped ? 0 : 1;
      REQUIRE(labels[g.index(8, 8)] == 0);  // tie between the cells: the lower index
      // Pixels at exactly the support radius (value 0) belong to the cell, not the void.
      REQUIRE(labels[g.index(0, 8)] == id_left);
      REQUIRE(labels[g.index(4, 12)] == id_left);
      REQUIRE(labels[g.index(16, 8)] == id_right);
      REQUIRE(labels[g.index(12, 4)] == id_right);
      REQUIRE(labels[g.index(4, 13)] == kVoidLabel);
      // The disk of radius 4 pixels (49 lattice points) per cell; the shared column
      // pixel (8, 8) goes to cell 0 only.
      REQUIRE(stats.counts[0] + stats.counts[1] == 2 * 49 - 1);
      REQUIRE(stats.counts[0] == 49);
    }
  }
}

TEST_CASE("labels have the Laguerre property and min_sum is the dual term", "[cpu][sim]") {
  for (bool with_void : {true, false}) {
    const Domain domain = make_box_domain(make_grid_2d(48, 40, 1.0, 1.0, true));
    const Grid& g = domain.grid;
    const Config c = random_config(g, 25, 7);
    LaguerreEngine engine(kCpu, domain, with_void);
    engine.set_cells(c.seeds, c.costs);
    const AssignStats stats = engine.assign(c.f);
    const std::vector<std::int32_t>& labels = engine.labels();
    double min_sum = 0;
    for (std::int64_t idx = 0; idx < g.size(); ++idx) {
      double best = HUGE_VAL;
      for (int k = 0; k < engine.n_cells(); ++k)
        best = std::min(best, value_at(g, idx, c.seeds[k], c.costs[k], c.f[k]));
      min_sum += with_void ? std::min(0.0, best) : best;
      const std::int32_t l = labels[idx];
      if (l == kVoidLabel) {  // invariant 4: void pixels lie outside every sublevel set
        REQUIRE(with_void);
        REQUIRE(best > -1e-12);
        continue;
      }
      const double own = value_at(g, idx, c.seeds[l], c.costs[l], c.f[l]);
      REQUIRE(own <= best + 1e-12);
      if (with_void) REQUIRE(own <= 1e-12);
    }
    REQUIRE(test::close(stats.min_sum, min_sum, 1e-9, 1e-12));
  }
}

TEST_CASE("an isolated l2 cell is the pixelised disk, with no force", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(128, 128));
  const Grid& g = domain.grid;
  const Vec3 x{0.503, 0.491, 0};
  const double r = 0.2;
  LaguerreEngine engine(kCpu, domain, true);
  const std::vector<Vec3> seeds{x};
  const std::vector<CellCost> costs{power_cost(1.0, 2.0)};
  engine.set_cells(seeds, costs);
  const AssignStats stats = engine.assign(std::vector<double>{r * r});
  std::int64_t in_disk = 0;
  for (std::int64_t idx = 0; idx < g.size(); ++idx) in_disk += norm2(g.center(idx) - x) <= r * r ? 1 : 0;
  REQUIRE(stats.counts[0] == in_disk);
  REQUIRE(test::close(static_cast<double>(stats.counts[0]), std::numbers::pi * r * r * g.size(), 0.01));
  REQUIRE(stats.void_count == g.size() - in_disk);

  const CellMoments m = engine.moments();
  const double h = g.spacing(0);
  REQUIRE(m.counts[0] == in_disk);
  REQUIRE(norm(m.centroid[0] - x) < h);
  // F = -tau sum G / P = 2 tau m/P (centroid - x): well under one pixel's pull.
  const double one_pixel_pull = 2.0 * static_cast<double>(in_disk) / g.size() * h;
  REQUIRE(norm(m.cost_gradient_sum[0]) < 0.2 * one_pixel_pull);
  REQUIRE(
      test::close(m.cost_gradient_sum[0].x, -2.0 * in_disk / double(g.size()) * (m.centroid[0].x - x.x), 1e-9, 1e-15));
  // Isotropic: equal variances r^2 / 4, no correlation.
  REQUIRE(test::close(m.covariance[0][0], r * r / 4, 0.02));
  REQUIRE(test::close(m.covariance[0][1], r * r / 4, 0.02));
  REQUIRE(std::fabs(m.covariance[0][3]) < 1e-3 * r * r);
}

TEST_CASE("two identical overlapping cells repel symmetrically", "[cpu][sim]") {
  // Seeds mirror-symmetric about x = 1/2, which lies between pixel columns.
  const Domain domain = make_box_domain(make_grid_2d(100, 80, 1.0, 0.8));
  const std::vector<Vec3> seeds{{0.4, 0.4, 0}, {0.6, 0.4, 0}};
  const std::vector<CellCost> costs{power_cost(1.0, 2.0), power_cost(1.0, 2.0)};
  LaguerreEngine engine(kCpu, domain, true);
  engine.set_cells(seeds, costs);
  const AssignStats stats = engine.assign(std::vector<double>{0.15 * 0.15, 0.15 * 0.15});
  REQUIRE(stats.counts[0] == stats.counts[1]);
  const CellMoments m = engine.moments();
  // F_i = -tau sum G: pointing apart along x, equal magnitudes (invariant 7).
  const Vec3 f0 = -1.0 * m.cost_gradient_sum[0], f1 = -1.0 * m.cost_gradient_sum[1];
  REQUIRE(f0.x < 0);
  REQUIRE(f1.x > 0);
  REQUIRE(test::close(-f0.x, f1.x, 1e-9));
  REQUIRE(std::fabs(f0.y) < 1e-6 * std::fabs(f0.x));
  REQUIRE(std::fabs(f1.y) < 1e-6 * std::fabs(f1.x));
}

TEST_CASE("labels and forces are equivariant under integer pixel shifts (periodic)", "[cpu][sim]") {
  // Dyadic seeds and spacing: shifted displacements are bit-identical.
  const Domain domain = make_box_domain(make_grid_2d(64, 64, 1.0, 1.0, true));
  const Grid& g = domain.grid;
  Config c = random_config(g, 20, 3, false);
  for (Vec3& x : c.seeds) x = Vec3{std::floor(x.x * 1024) / 1024, std::floor(x.y * 1024) / 1024, 0};
  const int di = 5, dj = -3;
  std::vector<Vec3> shifted = c.seeds;
  for (Vec3& x : shifted) x = g.wrap_position(x + Vec3{di * g.spacing(0), dj * g.spacing(1), 0});
  for (bool with_void : {true, false}) {
    LaguerreEngine a(kCpu, domain, with_void), b(kCpu, domain, with_void);
    a.set_cells(c.seeds, c.costs);
    b.set_cells(shifted, c.costs);
    REQUIRE(a.assign(c.f).counts == b.assign(c.f).counts);
    const std::vector<std::int32_t>& la = a.labels();
    const std::vector<std::int32_t>& lb = b.labels();
    for (int j = 0; j < 64; ++j)
      for (int i = 0; i < 64; ++i) REQUIRE(lb[g.index((i + di + 64) % 64, (j + dj + 64) % 64)] == la[g.index(i, j)]);
    const CellMoments ma = a.moments(), mb = b.moments();
    for (int i = 0; i < a.n_cells(); ++i) {
      REQUIRE(norm(ma.cost_gradient_sum[i] - mb.cost_gradient_sum[i]) <= 1e-12);
      if (ma.counts[i] > 0)
        REQUIRE(norm(g.wrap_displacement(mb.centroid[i] - ma.centroid[i] - (shifted[i] - c.seeds[i]))) < 1e-12);
    }
  }
}

TEST_CASE("a cell straddling the periodic border has a wrapped centroid", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(64, 64, 1.0, 1.0, true));
  const std::vector<Vec3> seeds{{0.01, 0.5, 0}};
  const std::vector<CellCost> costs{power_cost(1.0, 2.0)};
  LaguerreEngine engine(kCpu, domain, true);
  engine.set_cells(seeds, costs);
  engine.assign(std::vector<double>{0.1 * 0.1});
  const CellMoments m = engine.moments();
  // Invariant 10: the centroid stays next to the seed, not in the middle of the box.
  REQUIRE(norm(domain.grid.wrap_displacement(m.centroid[0] - seeds[0])) < domain.grid.spacing(0));
  // Covariance about the centroid with wrapped displacements (section 4.3), from the labels.
  const Grid& g = domain.grid;
  const std::vector<std::int32_t>& labels = engine.labels();
  double cxx = 0, cyy = 0, cxy = 0;
  for (std::int64_t idx = 0; idx < g.size(); ++idx) {
    if (labels[idx] != 0) continue;
    const Vec3 z = g.wrap_displacement(g.center(idx) - m.centroid[0]);
    cxx += z.x * z.x, cyy += z.y * z.y, cxy += z.x * z.y;
  }
  const double norm_m = 1.0 / (m.counts[0] - 1.0);
  REQUIRE(test::close(m.covariance[0][0], cxx * norm_m, 1e-9));
  REQUIRE(test::close(m.covariance[0][1], cyy * norm_m, 1e-9));
  REQUIRE(std::fabs(m.covariance[0][3] - cxy * norm_m) < 1e-12);
  REQUIRE(test::close(m.covariance[0][0], 0.01 / 4, 0.1));
}

TEST_CASE("adjacency is symmetric and counts the shared faces", "[cpu][sim]") {
  for (bool periodic : {false, true}) {
    for (bool with_void : {true, false}) {
      const Domain domain = make_box_domain(make_grid_2d(50, 40, 1.0, 0.8, periodic));
      const Grid& g = domain.grid;
      const Config c = random_config(g, 20, 11);
      LaguerreEngine engine(kCpu, domain, with_void);
      engine.set_cells(c.seeds, c.costs);
      engine.assign(c.f);
      const Adjacency adj = engine.adjacency();
      const std::vector<std::int32_t>& labels = engine.labels();
      // Reference: face pairs counted straight from the labels.
      const int n = engine.n_cells();
      std::vector<std::int64_t> faces(static_cast<std::size_t>(n) * n, 0), void_faces(n, 0);
      for (std::int64_t idx = 0; idx < g.size(); ++idx)
        for (int a = 0; a < 2; ++a) {
          const std::int64_t o = g.neighbor(idx, a, +1);
          if (o < 0 || labels[o] == labels[idx]) continue;
          const std::int32_t l = labels[idx], m = labels[o];
          if (l >= 0 && m >= 0)
            ++faces[l * n + m], ++faces[m * n + l];
          else
            ++void_faces[l >= 0 ? l : m];
        }
      REQUIRE(adj.void_faces == void_faces);
      REQUIRE(adj.row_start.size() == static_cast<std::size_t>(n) + 1);
      std::int64_t n_entries = 0;
      for (int i = 0; i < n; ++i) {
        REQUIRE(std::is_sorted(adj.cols.begin() + adj.row_start[i], adj.cols.begin() + adj.row_start[i + 1]));
        for (std::int64_t e = adj.row_start[i]; e < adj.row_start[i + 1]; ++e) {
          const int j = adj.cols[e];
          REQUIRE(j != i);
          REQUIRE(adj.shared_faces[e] == faces[i * n + j]);
          ++n_entries;
        }
      }
      REQUIRE(n_entries == std::count_if(faces.begin(), faces.end(), [](std::int64_t v) { return v > 0; }));
      if (!with_void) REQUIRE(std::all_of(void_faces.begin(), void_faces.end(), [](std::int64_t v) { return v == 0; }));
    }
  }
}

namespace {

double jacobian_entry(const CountJacobian& H, int i, int j) {
  for (std::int64_t e = H.row_start[i]; e < H.row_start[i + 1]; ++e)
    if (H.cols[e] == j) return H.values[e];
  return 0.0;
}

// Central difference of count_i with respect to f_j.
double count_difference(LaguerreEngine& engine, std::vector<double> f, int i, int j, double delta) {
  f[j] += delta;
  const double up = static_cast<double>(engine.assign(f).counts[i]);
  f[j] -= 2 * delta;
  const double down = static_cast<double>(engine.assign(f).counts[i]);
  return (up - down) / (2 * delta);
}

}  // namespace

TEST_CASE("count Jacobian matches finite differences of the counts", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(200, 160, 1.0, 0.8));
  const std::vector<Vec3> seeds{{0.4, 0.4, 0}, {0.61, 0.41, 0}};
  const std::vector<CellCost> costs{power_cost(1.0, 2.0), power_cost(1.3, 2.0)};
  for (bool with_void : {true, false}) {
    INFO((with_void ? "void" : "packed"));
    LaguerreEngine engine(kCpu, domain, with_void);
    engine.set_cells(seeds, costs);
    const std::vector<double> f = {0.15 * 0.15, 1.3 * 0.14 * 0.14};
    engine.assign(f);
    const CountJacobian H = engine.count_jacobian(f);
    REQUIRE(H.row_start.size() == 3);
    // Symmetric, non-positive off-diagonals, diagonally dominant.
    REQUIRE(jacobian_entry(H, 0, 1) == jacobian_entry(H, 1, 0));
    REQUIRE(jacobian_entry(H, 0, 1) < 0);
    REQUIRE(jacobian_entry(H, 0, 0) >= -jacobian_entry(H, 0, 1));
    // A shift of the interface by ~3 pixels averages out the pixelisation.
    const double h = domain.grid.spacing(0);
    const double delta = 3 * h * 2 * norm(seeds[1] - seeds[0]);
    const double d01 = count_difference(engine, f, 0, 1, delta);
    CHECK(test::close(jacobian_entry(H, 0, 1), d01, 0.15));
    const double d00 = count_difference(engine, f, 0, 0, delta);
    CHECK(test::close(jacobian_entry(H, 0, 0), d00, 0.15));
    const double d11 = count_difference(engine, f, 1, 1, delta);
    CHECK(test::close(jacobian_entry(H, 1, 1), d11, 0.15));
    if (!with_void) REQUIRE(test::close(jacobian_entry(H, 0, 0), -jacobian_entry(H, 0, 1), 1e-12));
  }
}

TEST_CASE("count Jacobian: a cell alone in the void (3D ball)", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_3d(40, 40, 40));
  const std::vector<Vec3> seeds{{0.52, 0.49, 0.5}};
  const std::vector<CellCost> costs{power_cost(2.0, 1.5)};
  LaguerreEngine engine(kCpu, domain, true);
  engine.set_cells(seeds, costs);
  const std::vector<double> f = {2.0 * std::pow(0.3, 1.5)};
  engine.assign(f);
  const CountJacobian H = engine.count_jacobian(f);
  REQUIRE(H.cols.size() == 1);
  // d(count)/df = P * area / |grad c| on the sphere of radius r: 4 pi r^2 / (s p r^(p-1)) / h^3.
  const double r = 0.3, h = 1.0 / 40;
  const double exact = 4 * std::numbers::pi * r * r / (2.0 * 1.5 * std::sqrt(r)) / (h * h * h);
  CHECK(test::close(H.values[0], exact, 0.1));
  CHECK(test::close(H.values[0], count_difference(engine, f, 0, 0, 3 * h * 2.0 * 1.5 * std::sqrt(r)), 0.15));
}

TEST_CASE("covariance of a pixelised ellipse gives its long axis", "[cpu][sim]") {
  // One packed cell fills an elliptic domain, semi-axes a > b, long axis at 30 degrees.
  const double a = 0.4, b = 0.2, angle = std::numbers::pi / 6;
  const Vec3 axis{std::cos(angle), std::sin(angle), 0}, normal{-std::sin(angle), std::cos(angle), 0};
  const Vec3 center{0.5, 0.5, 0};
  const Domain domain = make_masked_domain(make_grid_2d(128, 128), [&](const Vec3& p) {
    const double u = dot(p - center, axis) / a, v = dot(p - center, normal) / b;
    return u * u + v * v <= 1.0;
  });
  LaguerreEngine engine(kCpu, domain, false);
  const std::vector<Vec3> seeds{{0.45, 0.52, 0}};
  const std::vector<CellCost> costs{power_cost(1.0, 2.0)};
  engine.set_cells(seeds, costs);
  REQUIRE(engine.assign(std::vector<double>{0.0}).counts[0] == domain.n_kept);
  const CellMoments m = engine.moments();
  REQUIRE(norm(m.centroid[0] - center) < 1e-3);
  const auto& C = m.covariance[0];
  // Largest eigenvector of [[xx, xy], [xy, yy]].
  const double theta = 0.5 * std::atan2(2 * C[3], C[0] - C[1]);
  REQUIRE(std::fabs(theta - angle) < 0.01);
  const double mean = 0.5 * (C[0] + C[1]), half = std::sqrt(0.25 * (C[0] - C[1]) * (C[0] - C[1]) + C[3] * C[3]);
  REQUIRE(test::close(mean + half, a * a / 4, 0.02));
  REQUIRE(test::close(mean - half, b * b / 4, 0.03));
}

TEST_CASE("Laguerre engine rejects bad input", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(32, 16, 2.0, 1.0));
  LaguerreEngine engine(kCpu, domain, false);
  REQUIRE_THROWS_WITH(engine.labels(), Catch::Contains("assign"));
  REQUIRE_THROWS_WITH(engine.assign(std::vector<double>{}), Catch::Contains("at least one cell"));
  const std::vector<Vec3> seeds{{0.5, 0.5, 0}};
  const std::vector<CellCost> costs{power_cost(1.0, 2.0), power_cost(1.0, 2.0)};
  REQUIRE_THROWS_WITH(engine.set_cells(seeds, costs), Catch::Contains("2 costs"));
  engine.set_cells(seeds, std::span<const CellCost>(costs.data(), 1));
  REQUIRE_THROWS_WITH(engine.assign(std::vector<double>{0.0, 1.0}), Catch::Contains("2 potentials for 1 cells"));
}

TEST_CASE("Laguerre engine: CUDA equals CPU", "[cuda][sim]") {
  TESSERA_REQUIRE_CUDA_OR_SKIP();
  const Exec gpu{Backend::Cuda};
  std::vector<Case> cases;
  cases.push_back({"2D walled", make_box_domain(make_grid_2d(256, 192, 1.0, 0.75))});
  cases.push_back({"2D periodic", make_box_domain(make_grid_2d(200, 200, 1.0, 1.0, true))});
  cases.push_back({"3D periodic", make_box_domain(make_grid_3d(48, 40, 32, 1.2, 1.0, 0.8, true))});
  cases.push_back({"2D disk", make_masked_domain(make_grid_2d(160, 160), disk_shape(Vec3{0.5, 0.5, 0}, 0.45))});
  std::uint64_t seed = 900;
  for (Case& test_case : cases) {
    for (bool with_void : {true, false}) {
      INFO(test_case.name << (with_void ? ", void" : ", packed"));
      const Grid& g = test_case.domain.grid;
      Config c = random_config(g, 150, seed++);
      // Exponent 2 only: pow() may round differently on the device, the rest is IEEE.
      for (CellCost& cost : c.costs) cost.p = 2.0;
      LaguerreEngine cpu(kCpu, test_case.domain, with_void), dev(gpu, test_case.domain, with_void);
      cpu.set_cells(c.seeds, c.costs);
      dev.set_cells(c.seeds, c.costs);
      for (AssignMethod method : {AssignMethod::BruteForce, AssignMethod::Binned}) {
        const AssignStats a = cpu.assign(c.f, method), b = dev.assign(c.f, method);
        REQUIRE(a.counts == b.counts);
        REQUIRE(a.void_count == b.void_count);
        REQUIRE(a.n_fallback == b.n_fallback);
        REQUIRE(test::close(a.min_sum, b.min_sum, 1e-9, 1e-12));
        REQUIRE(cpu.labels() == dev.labels());
        REQUIRE(cpu.boundary_pixels() == dev.boundary_pixels());
      }
      const CellMoments ma = cpu.moments(), mb = dev.moments();
      REQUIRE(ma.counts == mb.counts);
      for (int i = 0; i < cpu.n_cells(); ++i) {
        REQUIRE(norm(g.wrap_displacement(ma.centroid[i] - mb.centroid[i])) <= 1e-9);
        REQUIRE(norm(ma.cost_gradient_sum[i] - mb.cost_gradient_sum[i]) <= 1e-9 * (1 + norm(ma.cost_gradient_sum[i])));
        for (int q = 0; q < 6; ++q) REQUIRE(std::fabs(ma.covariance[i][q] - mb.covariance[i][q]) <= 1e-9);
      }
      const Adjacency aa = cpu.adjacency(), ab = dev.adjacency();
      REQUIRE(aa.row_start == ab.row_start);
      REQUIRE(aa.cols == ab.cols);
      REQUIRE(aa.shared_faces == ab.shared_faces);
      REQUIRE(aa.void_faces == ab.void_faces);
      const CountJacobian ha = cpu.count_jacobian(c.f), hb = dev.count_jacobian(c.f);
      REQUIRE(ha.row_start == hb.row_start);
      REQUIRE(ha.cols == hb.cols);
      for (std::size_t e = 0; e < ha.values.size(); ++e) REQUIRE(test::close(ha.values[e], hb.values[e], 1e-9, 1e-12));
    }
  }
}

TEST_CASE("binned equals brute force for every cost family (random axes, aspects, void and packed)", "[cpu][sim]") {
  struct Layout {
    const char* name;
    Grid grid;
  };
  const Layout layouts[] = {{"2D walled", make_grid_2d(72, 56)},
                            {"2D periodic", make_grid_2d(64, 64, 1.0, 1.0, true)},
                            {"3D walled", make_grid_3d(20, 18, 16)}};
  const CostFamily families_2d[] = {CostFamily::Power,          CostFamily::AnisotropicPower, CostFamily::Spherocylinder,
                                    CostFamily::SegmentStadium, CostFamily::Relu,             CostFamily::PolarStadium};
  const CostFamily families_3d[] = {CostFamily::Power, CostFamily::AnisotropicPower, CostFamily::SegmentStadium,
                                    CostFamily::Relu};
  for (const Layout& layout : layouts) {
    const Grid& g = layout.grid;
    const Domain domain = make_box_domain(g);
    const int n = 30;
    const CounterRng rng{77};
    const double R = g.dim == 3 ? std::cbrt(0.6 / n * 3.0 / (4.0 * std::numbers::pi)) : std::sqrt(0.6 / (n * std::numbers::pi));
    std::vector<Vec3> seeds;
    std::vector<CellCost> costs;
    std::vector<double> f;
    for (int i = 0; i < n; ++i) {
      double u0, u1, u2, u3;
      rng.uniform2(0, i, u0, u1);
      rng.uniform2(1, i, u2, u3);
      seeds.push_back(Vec3{u0, u1, g.dim == 3 ? u2 : 0.0});
      CostSpec spec;
      spec.family = g.dim == 3 ? families_3d[i % 4] : families_2d[i % 6];
      spec.scaling = CostScaling::Volume;
      spec.p = 1.0 + 2.0 * u3;
      spec.R = R;
      spec.b = 0.5 * R;
      spec.relu_r = 0.3 * R;
      const Vec3 axis{std::cos(7.0 * u2 + i), std::sin(7.0 * u2 + i), g.dim == 3 ? u1 - 0.5 : 0.0};
      const CellCost cost = make_cell_cost(spec, axis, 1.0 + 2.0 * u0, g.dim);
      costs.push_back(cost);
      // Levels from empty to strongly overlapping: the cost at 0.4 R .. 1.6 R along the axis.
      const Vec3 dir = axis * (1.0 / norm(axis));
      f.push_back(cost_value(cost, dir * (R * (0.4 + 1.2 * rng.uniform(2, i))), g.dim));
    }
    for (bool with_void : {true, false}) {
      INFO(layout.name << (with_void ? ", void" : ", packed"));
      LaguerreEngine binned(kCpu, domain, with_void), brute(kCpu, domain, with_void);
      binned.set_cells(seeds, costs);
      brute.set_cells(seeds, costs);
      const AssignStats a = binned.assign(f, AssignMethod::Binned);
      const AssignStats b = brute.assign(f, AssignMethod::BruteForce);
      REQUIRE(binned.labels() == brute.labels());
      REQUIRE(a.counts == b.counts);
    }
  }
}

TEST_CASE("boundary pixels: two labels in the 3^d neighbourhood", "[cpu][sim]") {
  const Grid g = make_grid_2d(40, 30, 1.0, 0.75, true);
  const Domain domain = make_box_domain(g);
  const Config c = random_config(g, 8, 5, false);
  LaguerreEngine engine(kCpu, domain, true);
  engine.set_cells(c.seeds, c.costs);
  engine.assign(c.f);
  const std::vector<std::int32_t>& labels = engine.labels();
  const std::vector<std::uint8_t> boundary = engine.boundary_pixels();
  std::int64_t n_boundary = 0;
  for (int j = 0; j < g.n[1]; ++j)
    for (int i = 0; i < g.n[0]; ++i) {
      bool expected = false;
      for (int dj = -1; dj <= 1; ++dj)
        for (int di = -1; di <= 1; ++di) {
          const int ii = (i + di + g.n[0]) % g.n[0], jj = (j + dj + g.n[1]) % g.n[1];
          expected = expected || labels[g.index(ii, jj)] != labels[g.index(i, j)];
        }
      REQUIRE(boundary[g.index(i, j)] == (expected ? 1 : 0));
      n_boundary += expected;
    }
  REQUIRE(n_boundary > 0);
}

TEST_CASE("Laguerre engine: device labels are absent on the CPU", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(32, 32));
  LaguerreEngine engine(kCpu, domain, true);
  const std::vector<Vec3> seeds{{0.3, 0.3, 0}, {0.7, 0.6, 0}};
  const std::vector<CellCost> costs{power_cost(1.0, 2.0), power_cost(1.0, 2.0)};
  engine.set_cells(seeds, costs);
  REQUIRE_FALSE(engine.has_labels());
  engine.assign(std::vector<double>{0.02, 0.02});
  REQUIRE(engine.has_labels());
  REQUIRE(engine.device_labels() == nullptr);
}

TEST_CASE("Laguerre engine: device labels hold what labels() downloads", "[cuda][sim]") {
  TESSERA_REQUIRE_CUDA_OR_SKIP();
  const Domain domain = make_masked_domain(make_grid_2d(96, 80), disk_shape(Vec3{0.5, 0.5, 0}, 0.45));
  LaguerreEngine engine(Exec{Backend::Cuda}, domain, true);
  const Config c = random_config(domain.grid, 40, 77);
  engine.set_cells(c.seeds, c.costs);
  REQUIRE(engine.device_labels() == nullptr);  // no labelling yet
  engine.assign(c.f);
  const std::int32_t* device_labels = engine.device_labels();
  REQUIRE(device_labels != nullptr);
  std::vector<std::int32_t> copied(static_cast<std::size_t>(domain.grid.size()));
  device::copy_to_host(copied.data(), device_labels, copied.size() * sizeof(std::int32_t));
  REQUIRE(copied == engine.labels());
}
