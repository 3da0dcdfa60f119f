// Diagram identities of anisotropic power diagrams on the Laguerre engine (apd-model.md
// section 5, checks 5, 6, 8, 9 and 10): the labels the polycrystal engine uses.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "engine/rng.h"
#include "sim/polycrystal/generator.h"
#include "sim/polycrystal/sampling.h"
#include "test_support.h"

using namespace tessera;
using namespace tessera::polycrystal;

namespace {

struct Scene {
  Grid grid;
  std::vector<Vec3> seeds;
  std::vector<CellCost> costs;
  std::vector<double> w;
};

// n seeds in the unit square; shapes of strength alpha; weights uniform in [0, w_max).
Scene scene2d(int m, int n, double alpha, double w_max, std::uint64_t seed) {
  PolycrystalParams p = default_polycrystal_params();
  p.dim = 2;
  p.grains = n;
  p.anisotropy = alpha;
  p.seed = seed;
  Scene s;
  s.grid = make_grid_2d(m, m);
  s.seeds = sample_seeds(p);
  for (const GrainShape& g : sample_shapes(p)) s.costs.push_back(grain_cost(g));
  const CounterRng rng{seed};
  for (int i = 0; i < n; ++i) s.w.push_back(w_max * rng.uniform(9, i));
  return s;
}

std::vector<std::int32_t> engine_labels(const Scene& s, AssignMethod method = AssignMethod::Binned) {
  LaguerreEngine engine(Exec{Backend::Cpu}, make_box_domain(s.grid), false);
  engine.set_cells(s.seeds, s.costs);
  engine.assign(s.w, method);
  return engine.labels();
}

double quad(const CellCost& c, const Vec3& d) {
  return c.A[0] * d.x * d.x + c.A[1] * d.y * d.y + 2 * c.A[3] * d.x * d.y;
}

// phi_ik(y) = c_i(y) - c_k(y): the interface is its zero set (a quadric, 1.1).
double phi(const Scene& s, int i, int k, const Vec3& y) {
  return quad(s.costs[i], y - s.seeds[i]) - s.w[i] - (quad(s.costs[k], y - s.seeds[k]) - s.w[k]);
}

Vec3 phi_gradient(const Scene& s, int i, int k, const Vec3& y) {
  auto apply = [](const CellCost& c, const Vec3& d) {
    return Vec3{2 * (c.A[0] * d.x + c.A[3] * d.y), 2 * (c.A[3] * d.x + c.A[1] * d.y), 0};
  };
  return apply(s.costs[i], y - s.seeds[i]) - apply(s.costs[k], y - s.seeds[k]);
}

// Midpoints of face-neighbour pixel pairs labelled (i, k).
std::vector<Vec3> interface_points(const Scene& s, const std::vector<std::int32_t>& labels, int i, int k) {
  std::vector<Vec3> out;
  for (std::int64_t idx = 0; idx < s.grid.size(); ++idx)
    for (int axis = 0; axis < 2; ++axis) {
      const std::int64_t j = s.grid.neighbor(idx, axis, 1);
      if (j < 0) continue;
      const int a = labels[idx], b = labels[j];
      if ((a == i && b == k) || (a == k && b == i)) out.push_back(0.5 * (s.grid.center(idx) + s.grid.center(j)));
    }
  return out;
}

// Largest distance of the points from their total-least-squares line.
double line_residual(const std::vector<Vec3>& pts) {
  Vec3 c{0, 0, 0};
  for (const Vec3& p : pts) c += p * (1.0 / pts.size());
  double sxx = 0, syy = 0, sxy = 0;
  for (const Vec3& p : pts) {
    const Vec3 d = p - c;
    sxx += d.x * d.x, syy += d.y * d.y, sxy += d.x * d.y;
  }
  // Normal = eigenvector of the smaller eigenvalue of the scatter matrix.
  const double angle = 0.5 * std::atan2(2 * sxy, sxx - syy) + 0.5 * 3.141592653589793;
  const Vec3 n{std::cos(angle), std::sin(angle), 0};
  double worst = 0;
  for (const Vec3& p : pts) worst = std::max(worst, std::fabs(dot(p - c, n)));
  return worst;
}

}  // namespace

TEST_CASE("A = I and w = 0: labels are the nearest seed, lowest index on ties", "[cpu][polycrystal]") {
  Scene s = scene2d(96, 40, 0.0, 0.0, 3);
  // Duplicate a seed: every pixel nearer to it must go to the lower index.
  s.seeds[20] = s.seeds[5];
  const auto labels = engine_labels(s);
  REQUIRE(labels == engine_labels(s, AssignMethod::BruteForce));
  for (std::int64_t idx = 0; idx < s.grid.size(); ++idx) {
    const Vec3 y = s.grid.center(idx);
    int best = 0;
    double bd = std::numeric_limits<double>::infinity();
    for (int i = 0; i < 40; ++i) {
      const double d = norm2(y - s.seeds[i]);
      if (d < bd) bd = d, best = i;
    }
    REQUIRE(labels[idx] == best);
  }
  for (std::int32_t l : labels) REQUIRE(l != 20);
}

TEST_CASE("A = I with random weights: every interface is flat (power diagram)", "[cpu][polycrystal]") {
  const Scene s = scene2d(200, 12, 0.0, 0.02, 4);
  const auto labels = engine_labels(s);
  const double diag = std::sqrt(2.0) * s.grid.spacing(0);
  int tested = 0;
  for (int i = 0; i < 12; ++i)
    for (int k = i + 1; k < 12; ++k) {
      const auto pts = interface_points(s, labels, i, k);
      if (pts.size() < 20) continue;
      ++tested;
      // Within one pixel diagonal of the radical line, and the points themselves fit a line.
      for (const Vec3& y : pts) REQUIRE(std::fabs(phi(s, i, k, y)) / norm(phi_gradient(s, i, k, y)) <= diag);
      REQUIRE(line_residual(pts) <= diag);
    }
  REQUIRE(tested >= 5);
}

TEST_CASE("distinct A_i: the two-grain interface is the analytic quadric, and curved", "[cpu][polycrystal]") {
  Scene s;
  s.grid = make_grid_2d(300, 300);
  s.seeds = {Vec3{0.3, 0.5, 0}, Vec3{0.7, 0.5, 0}};
  const std::array<Vec3, 3> across = {Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}};
  const std::array<Vec3, 3> along = {Vec3{0, 1, 0}, Vec3{-1, 0, 0}, Vec3{0, 0, 1}};
  s.costs = {grain_cost({shape_matrix(Vec3{2.0, 0.5, 1}, across, 2), Vec3{2.0, 0.5, 1}, across}),
             grain_cost({shape_matrix(Vec3{2.0, 0.5, 1}, along, 2), Vec3{2.0, 0.5, 1}, along})};
  s.w = {0.0, 0.0};
  const auto labels = engine_labels(s);
  const auto pts = interface_points(s, labels, 0, 1);
  REQUIRE(pts.size() > 100);
  const double h = s.grid.spacing(0), diag = std::sqrt(2.0) * h;
  for (const Vec3& y : pts) REQUIRE(std::fabs(phi(s, 0, 1, y)) / norm(phi_gradient(s, 0, 1, y)) <= diag);
  CHECK(line_residual(pts) > 10 * h);  // many pixels away from any straight line
}

TEST_CASE("labels are invariant under w + c and (A, w) -> (s A, s w)", "[cpu][polycrystal]") {
  Scene s = scene2d(128, 30, 0.5, 0.01, 5);
  const auto base = engine_labels(s);
  // Scaling by 2 is exact in floating point, so the labels must agree bit for bit.
  Scene scaled = s;
  for (CellCost& c : scaled.costs)
    for (double& a : c.A) a *= 2.0;
  for (double& w : scaled.w) w *= 2.0;
  REQUIRE(engine_labels(scaled) == base);
  // A shift rounds each cost - w differently, so exact near-ties may flip: allow none
  // beyond a few pixels of 16384.
  Scene shifted = s;
  for (double& w : shifted.w) w += 0.125;
  const auto moved = engine_labels(shifted);
  int differ = 0;
  for (std::size_t k = 0; k < base.size(); ++k) differ += base[k] != moved[k] ? 1 : 0;
  REQUIRE(differ <= 3);
}

TEST_CASE("partition bookkeeping: one label per voxel, counts sum to the grid", "[cpu][polycrystal]") {
  const Scene s = scene2d(90, 25, 0.6, 0.005, 6);
  LaguerreEngine engine(Exec{Backend::Cpu}, make_box_domain(s.grid), false);
  engine.set_cells(s.seeds, s.costs);
  const AssignStats& stats = engine.assign(s.w);
  std::int64_t sum = 0;
  for (std::int64_t c : stats.counts) sum += c;
  REQUIRE(sum == 90 * 90);
  for (std::int32_t l : engine.labels()) REQUIRE((l >= 0 && l < 25));
}
