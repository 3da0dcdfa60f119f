// Cost biases B_i(y) of the solver's cost (iceshot-model.md 2.8, sim/costs/cost_bias.h):
// bounds, pixel gradients, identical binned and brute-force labels, the shapes they
// produce, and forces that ignore them.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include "engine/rng.h"
#include "sim/ot/cost_setup.h"
#include "sim/ot/laguerre.h"
#include "sim/ot/volume_fit.h"
#include "test_support.h"

using namespace tessera;

namespace {

const Exec kCpu{Backend::Cpu};
constexpr double kPi = std::numbers::pi;

CellCost power_cost(double s, double p) {
  CellCost c;
  c.family = CostFamily::Power;
  c.s = s;
  c.p = p;
  return c;
}

// A random bias: none, chemotaxis (every form and sign) or, in 2D, protrusions.
CellBias random_bias(const CounterRng& rng, int i, int dim) {
  const int kind = dim == 3 ? (i % 3 == 2 ? 0 : i % 3) : i % 3;
  if (kind == 0) return CellBias{};
  double u0, u1, u2, u3;
  rng.uniform2(40, i, u0, u1);
  rng.uniform2(41, i, u2, u3);
  if (kind == 1) {
    ChemotaxisSpec spec;
    spec.center = Vec3{0.2 + 0.6 * u0, 0.2 + 0.6 * u1, 0.2 + 0.6 * u2};
    spec.width = 0.15 + 0.15 * u3;
    spec.form = static_cast<ChemotaxisForm>(i % 4);
    spec.beta = 0.005 + 0.03 * u2;
    spec.sign = i % 5 < 2 ? -1.0 : 1.0;
    return make_chemotaxis_bias(spec, dim);
  }
  double a[kProtrusionDirections];
  for (int k = 0; k < kProtrusionDirections; ++k) {
    const double u = rng.uniform(42, kProtrusionDirections * i + k);
    a[k] = u < 0.3 ? 0.0 : 0.5 * u;  // some directions retracted
  }
  return make_protrusion_bias(a, -kPi + 2 * kPi * u0);
}

// Seeds, power costs and potentials from "empty" to strongly overlapping, each cell with
// a random bias (the potential follows the bias's scale at the reference radius).
struct BiasedConfig {
  std::vector<Vec3> seeds;
  std::vector<CellCost> costs;
  std::vector<CellBias> biases;
  std::vector<double> f;
};

BiasedConfig random_biased_config(const Grid& g, int n, std::uint64_t seed) {
  const CounterRng rng{seed};
  const double volume = g.length[0] * g.length[1] * (g.dim == 3 ? g.length[2] : 1.0);
  const double R = g.dim == 3 ? std::cbrt(0.6 * volume / n * 3.0 / (4.0 * kPi)) : std::sqrt(0.6 * volume / (n * kPi));
  const double exponents[4] = {2.0, 1.0, 0.7, 3.0};
  BiasedConfig c;
  for (int i = 0; i < n; ++i) {
    double u0, u1, u2, u3;
    rng.uniform2(0, i, u0, u1);
    rng.uniform2(1, i, u2, u3);
    c.seeds.push_back(Vec3{u0 * g.length[0], u1 * g.length[1], g.dim == 3 ? u2 * g.length[2] : 0.0});
    const double p = exponents[i % 4];
    const double s = 0.5 + 1.5 * u3;
    c.costs.push_back(power_cost(s, p));
    c.biases.push_back(random_bias(rng, i + static_cast<int>(seed % 7), g.dim));
    // The solver's cost at R in a random direction sets the level.
    const Vec3 dir = rng.normal_vec(3, i, g.dim);
    const double level = solver_cost_value(c.costs[i], &c.biases[i], c.seeds[i], (R / norm(dir)) * dir, g.dim);
    double f = level * (0.3 + 2.7 * rng.uniform(2, i));
    if (i % 7 == 3) f = -0.5 * level;  // empty with a void
    c.f.push_back(f);
  }
  return c;
}

// One cell fitted alone to `volume` (a fraction of the box) at x; returns its labels.
std::vector<std::int32_t> fit_single(const Domain& domain, const Vec3& x, const CellCost& cost, const CellBias* bias,
                                     double volume) {
  LaguerreEngine engine(kCpu, domain, true);
  const std::vector<Vec3> seeds{x};
  const std::vector<CellCost> costs{cost};
  std::vector<CellBias> biases;
  if (bias != nullptr) biases.push_back(*bias);
  engine.set_cells(seeds, costs, biases);
  std::vector<double> f{0.0};
  const FitResult r =
      fit_volumes(engine, CellSetView{seeds, costs, biases}, std::vector<double>{volume}, f, default_fit_params());
  REQUIRE(r.converged);
  return engine.labels();
}

// Largest <y - x, d> over the cell's pixels (how far it reaches along d).
double extent(const Grid& g, const std::vector<std::int32_t>& labels, const Vec3& x, const Vec3& d) {
  double best = -HUGE_VAL;
  for (std::int64_t idx = 0; idx < g.size(); ++idx)
    if (labels[idx] == 0) best = std::max(best, dot(g.center(idx) - x, d));
  return best;
}

Vec3 centroid_offset(const Grid& g, const std::vector<std::int32_t>& labels, const Vec3& x) {
  Vec3 sum;
  double n = 0;
  for (std::int64_t idx = 0; idx < g.size(); ++idx)
    if (labels[idx] == 0) sum += g.center(idx) - x, n += 1;
  return (1.0 / n) * sum;
}

}  // namespace

TEST_CASE("cost bias: B >= min_factor and the support radius bounds the biased sublevel set", "[cpu][sim]") {
  const CounterRng rng{5};
  for (int dim : {2, 3}) {
    for (int i = 0; i < 60; ++i) {
      const CellBias bias = random_bias(rng, i, dim);
      const CellCost cost = power_cost(1.0 + rng.uniform(7, i), i % 2 == 0 ? 2.0 : 0.8);
      const Vec3 x{rng.uniform(8, i), rng.uniform(9, i), dim == 3 ? rng.uniform(10, i) : 0.0};
      const double level = 0.02 + 0.5 * rng.uniform(11, i);
      const double radius = solver_support_radius(cost, &bias, level, dim);
      REQUIRE(radius >= cost_support_radius(cost, level, dim));
      for (int q = 0; q < 400; ++q) {
        const Vec3 dir = rng.normal_vec(12 + i, q, dim);
        // Radii out to 3 times the bound.
        const Vec3 z = (3.0 * radius * rng.uniform(13 + i, q) / norm(dir)) * dir;
        if (bias.kind != CostBias::None) REQUIRE(cost_bias_factor(bias, x, z) >= bias.min_factor);
        if (solver_cost_value(cost, &bias, x, z, dim) <= level) REQUIRE(norm(z) <= radius);
      }
    }
  }
  // The chemotaxis bound is reached: on the steepest ring (r = s) delta tends to L up the
  // gradient, where B = exp(-beta delta) is smallest.
  ChemotaxisSpec spec;
  spec.sign = -1.0;
  spec.form = ChemotaxisForm::Linear;
  const CellBias b = make_chemotaxis_bias(spec, 2);
  const Vec3 x{0.5 + spec.width, 0.5, 0};
  REQUIRE(cost_bias_factor(b, x, Vec3{-1e-4, 0, 0}) == Approx(b.min_factor).epsilon(1e-4));
  REQUIRE_THROWS_WITH(make_chemotaxis_bias(ChemotaxisSpec{Vec3{}, -0.1}, 2), Catch::Contains("chemotaxis.width"));
  // The protrusion bound is reached along a lone protrusion's direction.
  const double lone[kProtrusionDirections] = {0, 0, 0.3, 0, 0, 0};
  const CellBias p = make_protrusion_bias(lone, 0.5);
  const double angle = 0.5 - kPi + 2 * kPi / 3;
  REQUIRE(cost_bias_factor(p, Vec3{}, Vec3{std::cos(angle), std::sin(angle), 0}) == Approx(p.min_factor));
  const double negative[kProtrusionDirections] = {0, 0, -0.1, 0, 0, 0};
  REQUIRE_THROWS_WITH(make_protrusion_bias(negative, 0.0), Catch::Contains("protrusion amplitude"));
}

TEST_CASE("cost bias: the pixel gradient of the biased cost matches finite differences", "[cpu][sim]") {
  const CounterRng rng{6};
  int checked = 0;
  for (int i = 0; i < 40; ++i) {
    const CellBias bias = random_bias(rng, i, 2);
    if (bias.kind == CostBias::None) continue;
    const CellCost cost = power_cost(1.3, i % 2 == 0 ? 2.0 : 1.5);
    const Vec3 x{0.3 + 0.4 * rng.uniform(20, i), 0.3 + 0.4 * rng.uniform(21, i), 0};
    for (int q = 0; q < 30; ++q) {
      const Vec3 dir = rng.normal_vec(22 + i, q, 2);
      const Vec3 z = ((0.02 + 0.08 * rng.uniform(23 + i, q)) / norm(dir)) * dir;
      // Away from the kinks of f at delta = 0.
      if (bias.kind == CostBias::Chemotaxis && std::fabs(chemotaxis_delta(bias, x, z)) < 1e-2 * bias.max_slope)
        continue;
      const Vec3 g = solver_cost_pixel_gradient(cost, &bias, x, z, 2);
      const double h = 1e-6;
      Vec3 fd;
      for (int a = 0; a < 2; ++a) {
        Vec3 e;
        e[a] = h;
        fd[a] = (solver_cost_value(cost, &bias, x, z + e, 2) - solver_cost_value(cost, &bias, x, z - e, 2)) / (2 * h);
      }
      INFO("cell " << i << " kind " << static_cast<int>(bias.kind) << " z " << z.x << ", " << z.y);
      REQUIRE(norm(g - fd) <= 1e-5 * norm(fd) + 1e-8);
      ++checked;
    }
  }
  REQUIRE(checked > 300);
  // Without a bias: -G, the translation-invariant cost's pixel gradient.
  const CellCost plain = power_cost(2.0, 2.0);
  const Vec3 z{0.03, -0.02, 0};
  REQUIRE(norm(solver_cost_pixel_gradient(plain, nullptr, Vec3{}, z, 2) + cost_seed_gradient(plain, z, 2)) == 0.0);
}

TEST_CASE("cost bias: binned labels equal brute-force labels (chemotaxis and protrusions)", "[cpu][sim]") {
  struct Layout {
    const char* name;
    Domain domain;
  };
  std::vector<Layout> layouts;
  layouts.push_back({"2D walled", make_box_domain(make_grid_2d(64, 48, 1.0, 0.75))});
  layouts.push_back({"2D periodic", make_box_domain(make_grid_2d(60, 60, 1.0, 1.0, true))});
  layouts.push_back({"2D disk", make_masked_domain(make_grid_2d(64, 64), disk_shape(Vec3{0.5, 0.5, 0}, 0.42))});
  layouts.push_back({"3D walled", make_box_domain(make_grid_3d(20, 16, 12, 1.0, 0.8, 0.6))});
  std::uint64_t seed = 300;
  for (const Layout& layout : layouts) {
    for (bool with_void : {true, false}) {
      INFO(layout.name << (with_void ? ", void" : ", packed"));
      const Grid& g = layout.domain.grid;
      LaguerreEngine engine(kCpu, layout.domain, with_void);
      for (int round = 0; round < 4; ++round) {
        const BiasedConfig c = random_biased_config(g, g.dim == 3 ? 24 : 36, seed++);
        engine.set_cells(c.seeds, c.costs, c.biases);
        const AssignStats binned = engine.assign(c.f, AssignMethod::Binned);
        const std::vector<std::int32_t> binned_labels = engine.labels();
        const AssignStats brute = engine.assign(c.f, AssignMethod::BruteForce);
        REQUIRE(engine.labels() == binned_labels);
        REQUIRE(binned.counts == brute.counts);
        REQUIRE(binned.void_count == brute.void_count);
        REQUIRE(test::close(binned.min_sum, brute.min_sum, 1e-9, 1e-12));
        if (with_void) REQUIRE(binned.n_fallback == 0);
        // The Laguerre property with the biased values, on the host.
        for (std::int64_t idx = 0; idx < g.size(); idx += 7) {
          const std::int32_t l = binned_labels[idx];
          if (l < 0) continue;
          const Vec3 y = g.center(idx);
          const double own =
              solver_cost_value(c.costs[l], &c.biases[l], c.seeds[l], g.wrap_displacement(y - c.seeds[l]), g.dim) -
              c.f[l];
          for (int k = 0; k < engine.n_cells(); ++k)
            REQUIRE(own <= solver_cost_value(c.costs[k], &c.biases[k], c.seeds[k], g.wrap_displacement(y - c.seeds[k]),
                                             g.dim) -
                               c.f[k] + 1e-12);
        }
      }
    }
  }
}

TEST_CASE("cost bias: a protrusion amplitude extends the cell in its direction", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(128, 128));
  const Grid& g = domain.grid;
  const Vec3 x{0.503, 0.497, 0};
  const double v = 0.03, R = std::sqrt(v / kPi);
  const CellCost cost = power_cost(1.0 / (0.5 * R * R), 2.0);  // l2, volume scaling, C = 1
  const double theta0 = 0.4;
  for (int k : {0, 1, 4}) {
    INFO("direction " << k);
    double a[kProtrusionDirections] = {};
    a[k] = 0.3;
    const CellBias bias = make_protrusion_bias(a, theta0);
    const double angle = theta0 - kPi + k * kPi / 3.0;
    const Vec3 d{std::cos(angle), std::sin(angle), 0};
    const std::vector<std::int32_t> labels = fit_single(domain, x, cost, &bias, v);
    const double forward = extent(g, labels, x, d), backward = extent(g, labels, x, -1.0 * d);
    // B = exp(-0.3 / sqrt(0.06 pi)) ~ 0.5 along d: the reach there grows by ~1/sqrt(B) ~ 1.4.
    CHECK(forward > 1.25 * backward);
    // A narrow lobe (angular width ~0.17 rad) holds few pixels: the centroid moves ~1 pixel.
    REQUIRE(dot(centroid_offset(g, labels, x), d) > 0.5 * g.spacing(0));
  }
  // Without amplitudes the cell is the disk: the same reach both ways (within a pixel),
  // its centroid on the seed.
  const double none[kProtrusionDirections] = {};
  const CellBias flat = make_protrusion_bias(none, theta0);
  const std::vector<std::int32_t> round = fit_single(domain, x, cost, &flat, v);
  REQUIRE(std::fabs(extent(g, round, x, Vec3{1, 0, 0}) - extent(g, round, x, Vec3{-1, 0, 0})) <= 1.5 * g.spacing(0));
  REQUIRE(norm(centroid_offset(g, round, x)) < 0.2 * g.spacing(0));
}

TEST_CASE("cost bias: chemotaxis shifts and stretches the cell up the gradient", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(160, 160));
  const Grid& g = domain.grid;
  const double v = 0.01, R = std::sqrt(v / kPi);
  const CellCost cost = power_cost(1.0 / (0.5 * R * R), 2.0);
  const Vec3 x{0.3, 0.5, 0};  // attractant peak at (0.5, 0.5): up the gradient is +x
  const Vec3 up{1, 0, 0}, down{-1, 0, 0}, side{0, 1, 0};
  const std::vector<std::int32_t> plain = fit_single(domain, x, cost, nullptr, v);
  const double plain_up = extent(g, plain, x, up), plain_side = extent(g, plain, x, side);
  REQUIRE(std::fabs(plain_up - extent(g, plain, x, down)) <= 1.5 * g.spacing(0));

  // Fan (the reference code's default): down-gradient pixels cost exp(0.02 delta^2) more,
  // so the cell retreats there and spreads sideways; its centroid moves up the gradient.
  const CellBias fan = make_chemotaxis_bias(ChemotaxisSpec{Vec3{0.5, 0.5, 0}}, 2);
  const std::vector<std::int32_t> fanned = fit_single(domain, x, cost, &fan, v);
  INFO("fan: up " << extent(g, fanned, x, up) << " down " << extent(g, fanned, x, down) << " side "
                  << extent(g, fanned, x, side) << " (plain " << plain_up << ")");
  REQUIRE(extent(g, fanned, x, up) > 1.5 * extent(g, fanned, x, down));
  REQUIRE(extent(g, fanned, x, side) > plain_side + 2 * g.spacing(0));
  REQUIRE(dot(centroid_offset(g, fanned, x), up) > 2 * g.spacing(0));

  // Elongated (exp(-0.02 max(0, delta)^2)): up-gradient pixels are cheaper, the cell
  // reaches far up the gradient.
  ChemotaxisSpec elongated_spec{Vec3{0.5, 0.5, 0}};
  elongated_spec.form = ChemotaxisForm::Elongated;
  elongated_spec.sign = -1.0;
  const CellBias elongated = make_chemotaxis_bias(elongated_spec, 2);
  const std::vector<std::int32_t> stretched = fit_single(domain, x, cost, &elongated, v);
  REQUIRE(extent(g, stretched, x, up) > 1.5 * plain_up);
  REQUIRE(extent(g, stretched, x, up) > 1.5 * extent(g, stretched, x, side));
}

TEST_CASE("cost bias: the forces keep the unbiased gradient", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(96, 96));
  const Grid& g = domain.grid;
  const BiasedConfig c = random_biased_config(g, 20, 77);
  LaguerreEngine engine(kCpu, domain, true);
  engine.set_cells(c.seeds, c.costs);
  const std::vector<std::int64_t> unbiased_counts = engine.assign(c.f).counts;
  engine.set_cells(c.seeds, c.costs, c.biases);
  REQUIRE(engine.assign(c.f).counts != unbiased_counts);  // the bias changes the cells
  const CellMoments m = engine.moments();
  const std::vector<std::int32_t>& labels = engine.labels();
  // Sum of the unbiased G_i over each (biased) cell, times the pixel volume 1/P.
  std::vector<Vec3> expected(c.seeds.size());
  for (std::int64_t idx = 0; idx < g.size(); ++idx) {
    const std::int32_t l = labels[idx];
    if (l >= 0) expected[l] += cost_seed_gradient(c.costs[l], g.wrap_displacement(g.center(idx) - c.seeds[l]), 2);
  }
  for (std::size_t i = 0; i < c.seeds.size(); ++i) {
    const Vec3 e = (1.0 / static_cast<double>(domain.n_kept)) * expected[i];
    REQUIRE(norm(m.cost_gradient_sum[i] - e) <= 1e-9 * (1 + norm(e)));
  }
}

TEST_CASE("cost bias: count Jacobian matches finite differences of the counts", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(200, 160, 1.0, 0.8));
  const std::vector<Vec3> seeds{{0.4, 0.4, 0}, {0.61, 0.41, 0}};
  const std::vector<CellCost> costs{power_cost(1.0, 2.0), power_cost(1.3, 2.0)};
  const double amplitudes[kProtrusionDirections] = {0.1, 0.3, 0.0, 0.2, 0.0, 0.15};
  ChemotaxisSpec chemo{Vec3{0.8, 0.6, 0}};
  chemo.width = 0.3;
  const std::vector<CellBias> biases{make_protrusion_bias(amplitudes, 0.3), make_chemotaxis_bias(chemo, 2)};
  for (bool with_void : {true, false}) {
    INFO((with_void ? "void" : "packed"));
    LaguerreEngine engine(kCpu, domain, with_void);
    engine.set_cells(seeds, costs, biases);
    const std::vector<double> f = {0.15 * 0.15, 1.3 * 0.14 * 0.14};
    engine.assign(f);
    const CountJacobian H = engine.count_jacobian(f);
    auto entry = [&](int i, int j) {
      for (std::int64_t e = H.row_start[i]; e < H.row_start[i + 1]; ++e)
        if (H.cols[e] == j) return H.values[e];
      return 0.0;
    };
    auto difference = [&](int i, int j, double delta) {
      std::vector<double> fd = f;
      fd[j] += delta;
      const double up = static_cast<double>(engine.assign(fd).counts[i]);
      fd[j] -= 2 * delta;
      return (up - static_cast<double>(engine.assign(fd).counts[i])) / (2 * delta);
    };
    REQUIRE(entry(0, 1) == entry(1, 0));
    REQUIRE(entry(0, 1) < 0);
    const double delta = 3 * domain.grid.spacing(0) * 2 * norm(seeds[1] - seeds[0]);
    CHECK(test::close(entry(0, 1), difference(0, 1, delta), 0.15));
    CHECK(test::close(entry(0, 0), difference(0, 0, delta), 0.15));
    CHECK(test::close(entry(1, 1), difference(1, 1, delta), 0.15));
  }
}

TEST_CASE("cost bias: CUDA labels equal CPU labels up to near-ties", "[cuda][sim]") {
  TESSERA_REQUIRE_CUDA_OR_SKIP();
  const Exec gpu{Backend::Cuda};
  const Domain domain = make_box_domain(make_grid_2d(200, 160, 1.0, 0.8));
  const Grid& g = domain.grid;
  const BiasedConfig c = random_biased_config(g, 60, 901);
  for (bool with_void : {true, false}) {
    LaguerreEngine cpu(kCpu, domain, with_void), dev(gpu, domain, with_void);
    cpu.set_cells(c.seeds, c.costs, c.biases);
    dev.set_cells(c.seeds, c.costs, c.biases);
    for (AssignMethod method : {AssignMethod::BruteForce, AssignMethod::Binned}) {
      cpu.assign(c.f, method);
      dev.assign(c.f, method);
      const std::vector<std::int32_t>& a = cpu.labels();
      const std::vector<std::int32_t>& b = dev.labels();
      // exp and atan2 may round differently on the device: a pixel may change hands only
      // where its two labels' values tie to rounding.
      for (std::int64_t idx = 0; idx < g.size(); ++idx) {
        if (a[idx] == b[idx]) continue;
        auto value = [&](std::int32_t l) {
          if (l < 0) return 0.0;  // the void
          return solver_cost_value(c.costs[l], &c.biases[l], c.seeds[l],
                                   g.wrap_displacement(g.center(idx) - c.seeds[l]), g.dim) -
                 c.f[l];
        };
        REQUIRE(std::fabs(value(a[idx]) - value(b[idx])) <= 1e-12 * (1 + std::fabs(value(a[idx]))));
      }
    }
  }
}

TEST_CASE("cost bias: cold fits converge through the isolated levels and through Sinkhorn", "[cpu][sim]") {
  const Domain domain = make_box_domain(make_grid_2d(96, 96));
  const CounterRng rng{31};
  const int n = 12;
  const double v = 0.5 / n, R = std::sqrt(v / kPi);
  std::vector<Vec3> seeds;
  std::vector<CellCost> costs(n, power_cost(1.0 / (0.5 * R * R), 2.0));
  std::vector<CellBias> biases;
  for (int i = 0; i < n; ++i) {
    seeds.push_back(Vec3{0.1 + 0.8 * rng.uniform(50, i), 0.1 + 0.8 * rng.uniform(51, i), 0});
    biases.push_back(random_bias(rng, i, 2));
  }
  const std::vector<double> targets(n, v);
  for (bool sinkhorn : {false, true}) {
    INFO((sinkhorn ? "Sinkhorn" : "isolated levels"));
    FitParams params = default_fit_params();
    params.sinkhorn = sinkhorn;
    params.sinkhorn_steps = 20;  // a short schedule: the test is about the biased supports, not accuracy
    LaguerreEngine engine(kCpu, domain, true);
    engine.set_cells(seeds, costs, biases);
    std::vector<double> f(n, 0.0);  // every cell empty: revived at its biased isolated level
    const FitResult r = fit_volumes(engine, CellSetView{seeds, costs, biases}, targets, f, params);
    INFO(r.failure);
    REQUIRE(r.converged);
    REQUIRE((r.sinkhorn_iterations > 0) == sinkhorn);
  }
}
