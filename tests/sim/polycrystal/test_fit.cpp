// The fitted polycrystal (apd-model.md section 5, checks 11, 13, 14, 17 and the periodic
// wrap-around): the solver's gradient, convergence to 1 % per grain with no empty grain,
// the two-grain analytic case, Lloyd sweeps, and grains that wrap across periodic faces.
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/rng.h"
#include "sim/polycrystal/generator.h"
#include "sim/polycrystal/grain_stats.h"
#include "test_support.h"

using namespace tessera;
using namespace tessera::polycrystal;

namespace {

PolycrystalParams small(int dim, int grains, double alpha, bool periodic) {
  PolycrystalParams p = default_polycrystal_params();
  p.dim = dim;
  p.grains = grains;
  p.anisotropy = alpha;
  p.periodic = periodic;
  p.seed = 11;
  return p;
}

// The relative error of every grain, re-measured from the labels alone.
double max_error_from_labels(Polycrystal& pc) {
  const std::vector<std::int64_t> counts = label_counts(pc.labels(), pc.n_grains());
  double worst = 0;
  for (int i = 0; i < pc.n_grains(); ++i) {
    const double v = static_cast<double>(counts[i]) / static_cast<double>(pc.grid().size());
    worst = std::max(worst, std::fabs(v - pc.targets()[i]) / pc.targets()[i]);
  }
  return worst;
}

}  // namespace

TEST_CASE("fit reaches 1 % per grain with no empty grain (2D, 3D, box, periodic)", "[cpu][polycrystal]") {
  for (int dim : {2, 3})
    for (bool periodic : {false, true})
      for (double alpha : {0.0, 0.5}) {
        CAPTURE(dim, periodic, alpha);
        PolycrystalParams p = small(dim, dim == 2 ? 40 : 30, alpha, periodic);
        p.sizes = alpha > 0 ? SizeLaw::Lognormal : SizeLaw::Equal;
        Polycrystal pc(p, Exec{Backend::Cpu});
        // The rule: M = 2 floor((N / 0.01)^(1/D)) for equal sizes: 2 floor(63.2), 2 floor(14.4).
        if (p.sizes == SizeLaw::Equal) REQUIRE(pc.grid().n[0] == (dim == 2 ? 2 * 63 : 2 * 14));
        const FitResult r = pc.fit();
        REQUIRE(r.converged);
        REQUIRE(max_error_from_labels(pc) < 0.01);
        const PolycrystalStats stats = measure(pc);
        REQUIRE(stats.n_empty == 0);
        REQUIRE(stats.max_abs_error == Approx(max_error_from_labels(pc)).epsilon(1e-12));
        for (const GrainStats& g : stats.grains) {
          REQUIRE(g.components >= 1);
          REQUIRE(g.neighbours >= 1);
        }
      }
}

TEST_CASE("gradient of the dual is v - V(W)", "[cpu][polycrystal]") {
  // g(w) = sum v_i w_i + (1/P) sum_j min_i (c_i(y_j) - w_i) is concave and piecewise
  // linear on pixels; its slope along d is sum d_i (v_i - V_i(w)).
  Polycrystal pc(small(2, 20, 0.4, false), Exec{Backend::Cpu});
  LaguerreEngine& engine = pc.engine();
  const double P = static_cast<double>(pc.grid().size());
  auto dual = [&](const std::vector<double>& w) {
    const AssignStats& s = engine.assign(w);
    double g = s.min_sum / P;
    for (int i = 0; i < 20; ++i) g += pc.targets()[i] * w[i];
    return g;
  };
  std::vector<double> w = pc.weights(), d(20);
  const CounterRng rng{5};
  for (int i = 0; i < 20; ++i) d[i] = rng.uniform(1, i) - 0.5;
  const AssignStats at = engine.assign(w);
  double slope = 0;
  for (int i = 0; i < 20; ++i) slope += d[i] * (pc.targets()[i] - static_cast<double>(at.counts[i]) / P);
  // A step of a few pixel masses in cost units (h^2 per unit of w moves a face ~ one pixel).
  const double t = 4 * pc.grid().spacing(0) * pc.grid().spacing(0);
  std::vector<double> plus = w, minus = w;
  for (int i = 0; i < 20; ++i) plus[i] += t * d[i], minus[i] -= t * d[i];
  const double fd = (dual(plus) - dual(minus)) / (2 * t);
  REQUIRE(fd == Approx(slope).epsilon(0.05).margin(1e-4));
  // Concavity: the midpoint lies above the chord.
  REQUIRE(dual(w) >= 0.5 * (dual(plus) + dual(minus)) - 1e-15);
}

TEST_CASE("two grains with A = I: the interface sits at x = v", "[cpu][polycrystal]") {
  const Grid grid = make_grid_2d(200, 200);
  LaguerreEngine engine(Exec{Backend::Cpu}, make_box_domain(grid), false);
  const std::vector<Vec3> seeds = {Vec3{0.25, 0.5, 0}, Vec3{0.75, 0.5, 0}};
  const GrainShape round{{1, 1, 1, 0, 0, 0}, Vec3{1, 1, 1}, {Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}}};
  const std::vector<CellCost> costs = {grain_cost(round), grain_cost(round)};
  engine.set_cells(seeds, costs);
  const double v = 0.4;
  const std::vector<double> targets = {v, 1 - v};
  std::vector<double> w = {0.0, 0.0};
  const FitResult r = fit_volumes(engine, CellSetView{seeds, costs, {}}, targets, w, polycrystal_fit_params(0.001));
  REQUIRE(r.converged);
  // The plane x = v between them: (v - 0.25)^2 - w1 = (v - 0.75)^2 - w2.
  const double expected = (v - 0.25) * (v - 0.25) - (v - 0.75) * (v - 0.75);
  const double h = grid.spacing(0);
  REQUIRE(std::fabs((w[0] - w[1]) - expected) <= 2 * 0.5 * h);  // d(w1 - w2)/dx = 2 (0.75 - 0.25) = 1 per unit x
}

TEST_CASE("periodic grains wrap across the faces as one component", "[cpu][polycrystal]") {
  PolycrystalParams p = small(2, 30, 0.3, true);
  Polycrystal pc(p, Exec{Backend::Cpu});
  REQUIRE(pc.fit().converged);
  const PolycrystalStats stats = measure(pc);
  REQUIRE(stats.n_empty == 0);
  // Grains present on both the left and right columns are cut by a walled view of the
  // same labels but whole in the periodic one.
  Grid walled = pc.grid();
  walled.periodic[0] = walled.periodic[1] = false;
  const std::vector<int> cut = component_counts(walled, pc.labels(), 30);
  int wrapped = 0;
  const int m = pc.grid().n[0];
  for (int i = 0; i < 30; ++i) {
    bool left = false, right = false;
    for (int j = 0; j < m; ++j) {
      left = left || pc.labels()[pc.grid().index(0, j)] == i;
      right = right || pc.labels()[pc.grid().index(m - 1, j)] == i;
    }
    if (left && right && stats.grains[i].components == 1 && cut[i] >= 2) ++wrapped;
  }
  REQUIRE(wrapped >= 2);
}

TEST_CASE("a walled box gives different labels from a periodic one", "[cpu][polycrystal]") {
  Polycrystal box(small(2, 30, 0.3, false), Exec{Backend::Cpu});
  Polycrystal torus(small(2, 30, 0.3, true), Exec{Backend::Cpu});
  REQUIRE(box.seeds()[4].x == torus.seeds()[4].x);  // same draws
  REQUIRE(box.fit().converged);
  REQUIRE(torus.fit().converged);
  REQUIRE(box.labels() != torus.labels());
}

TEST_CASE("Lloyd sweeps move seeds toward centroids and keep 1 %", "[cpu][polycrystal]") {
  Polycrystal pc(small(2, 40, 0.3, false), Exec{Backend::Cpu});
  REQUIRE(pc.fit().converged);
  auto mean_offset = [&]() {
    const PolycrystalStats s = measure(pc);
    double sum = 0;
    for (int i = 0; i < 40; ++i) sum += norm(s.grains[i].centroid - pc.seeds()[i]) / 40;
    return sum;
  };
  double before = mean_offset();
  for (int sweep = 0; sweep < 3; ++sweep) {
    REQUIRE(pc.lloyd_sweep().converged);
    REQUIRE(max_error_from_labels(pc) < 0.01);
    const double after = mean_offset();
    CHECK(after < before);
    before = after;
  }
}

TEST_CASE("the same parameters give the same microstructure", "[cpu][polycrystal]") {
  PolycrystalParams p = small(3, 25, 0.4, true);
  Polycrystal a(p, Exec{Backend::Cpu}), b(p, Exec{Backend::Cpu});
  a.fit();
  b.fit();
  REQUIRE(a.labels() == b.labels());
  REQUIRE(a.weights() == b.weights());
}

TEST_CASE("second moments recover an isolated ellipse's axes", "[cpu][polycrystal]") {
  // Two grains: a small ellipse in the middle of a big one. The ellipse's moments give
  // semi-axes l_k sqrt(w) (the sublevel set {d^T A d <= w}), longest along the long axis.
  const Grid grid = make_grid_2d(400, 400);
  LaguerreEngine engine(Exec{Backend::Cpu}, make_box_domain(grid), false);
  const double th = 0.6;
  const std::array<Vec3, 3> axes = {Vec3{std::cos(th), std::sin(th), 0}, Vec3{-std::sin(th), std::cos(th), 0},
                                    Vec3{0, 0, 1}};
  const GrainShape ellipse{shape_matrix(Vec3{1.5, 1 / 1.5, 1}, axes, 2), Vec3{1.5, 1 / 1.5, 1}, axes};
  // Grain 1 is "everywhere else": a flat cost far below the ellipse's outside it.
  const GrainShape flat{{1e-6, 1e-6, 1, 0, 0, 0}, Vec3{1e3, 1e3, 1}, {Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}}};
  const std::vector<Vec3> seeds = {Vec3{0.5, 0.5, 0}, Vec3{0.5, 0.5, 0}};
  const std::vector<CellCost> costs = {grain_cost(ellipse), grain_cost(flat)};
  engine.set_cells(seeds, costs);
  const double w = 0.01;
  engine.assign(std::vector<double>{w, 0.0});
  const CellMoments m = engine.moments();
  const std::array<double, 6>& c = m.covariance[0];
  // Eigen-decomposition of the 2x2 covariance; l = sqrt(4 lambda) (D + 2 = 4).
  const double mean = 0.5 * (c[0] + c[1]), dev = std::sqrt(0.25 * (c[0] - c[1]) * (c[0] - c[1]) + c[3] * c[3]);
  CHECK(std::sqrt(4 * (mean + dev)) == Approx(1.5 * std::sqrt(w)).epsilon(0.01));
  CHECK(std::sqrt(4 * (mean - dev)) == Approx(std::sqrt(w) / 1.5).epsilon(0.02));
  const double long_angle = 0.5 * std::atan2(2 * c[3], c[0] - c[1]);
  CHECK(long_angle == Approx(th).margin(0.01));
}
