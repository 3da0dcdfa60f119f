// The generator: mass conservation, reproducibility, curves, NaN handling and a short
// tubes run that must be viable (ref. 3.1-3.5, 4.7 item 4, 6.1).
#include <omp.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "ct_test_fields.h"
#include "engine/error.h"
#include "sim/curvatubes/generator.h"
#include "sim/curvatubes/presets.h"

using namespace tessera;
using namespace tessera::curvatubes;

namespace {

const Exec kCpu{Backend::Cpu};

CurvatubesParams small(int n, const char* preset = "tubes") {
  CurvatubesParams p = apply_preset(default_curvatubes_params(), preset);
  p.nz = p.nx = p.ny = n;
  return p;
}

template <class T>
double mean_of(const std::vector<T>& v) {
  double s = 0;
  for (T x : v) s += x;
  return s / static_cast<double>(v.size());
}

}  // namespace

TEST_CASE("curvatubes generator: cons conserves the mass exactly", "[cpu][curvatubes]") {
  const CurvatubesParams p = small(20);
  Generator<double> gd(kCpu, p);
  gd.init_noise();
  Generator<float> gf(kCpu, p);
  gf.init_noise();
  for (int round = 0; round < 4; ++round) {
    gd.iterate(5);
    gf.iterate(5);
    REQUIRE(std::fabs(mean_of(gd.field()) - p.m0) < 1e-12);
    REQUIRE(std::fabs(mean_of(gf.field()) - p.m0) < 1e-6);
  }
  REQUIRE(gd.step() == 20);
  REQUIRE(gd.n_evals() == 20);
  REQUIRE(gd.energy() < gd.curves().front().energy);  // Adam lowers the energy
}

TEST_CASE("curvatubes generator: averm0 keeps mean(B u0), L2 runs", "[cpu][curvatubes]") {
  for (Boundary b : {Boundary::Periodic, Boundary::Replicate}) {
    CurvatubesParams p = small(18);
    p.flow = Flow::Averm0;
    p.boundary = b;
    Generator<double> g(kCpu, p);
    const Shape s{18, 18, 18};
    std::vector<double> u0 = ct_test::interface_field(s, 5);
    for (double& v : u0) v = 0.5 * v - 0.3;
    g.init_from_field(u0);
    g.iterate(10);
    REQUIRE(std::fabs(mean_of(g.field()) - g.mass()) < 1e-12);
    REQUIRE(std::fabs(g.mass() - mean_of(u0)) < (b == Boundary::Periodic ? 1e-12 : 0.05));
    p.flow = Flow::L2;
    Generator<double> l2(kCpu, p);
    l2.init_from_field(u0);
    const int done = l2.iterate(10);
    REQUIRE(done == 10);
    REQUIRE(std::isfinite(l2.energy()));
  }
}

TEST_CASE("curvatubes generator: reproducible from the seed on any thread count", "[cpu][curvatubes]") {
  const CurvatubesParams p = small(16);
  const int threads = omp_get_max_threads();
  std::vector<float> fields[2], vars[2];
  for (int run = 0; run < 2; ++run) {
    omp_set_num_threads(run == 0 ? 1 : std::max(2, threads));
    Generator<float> g(kCpu, p);
    g.init_noise();
    vars[run] = g.variable();
    g.iterate(4);
    fields[run] = g.field();
  }
  omp_set_num_threads(threads);
  REQUIRE(vars[0] == vars[1]);
  REQUIRE(fields[0] == fields[1]);
  // A0 = 40 h U[0,1): values in [0, 0.4), mean ~0.2.
  for (float a : vars[0]) REQUIRE((a >= 0 && a < 0.4f));
  REQUIRE(mean_of(vars[0]) == Approx(0.2).margin(0.01));
  CurvatubesParams q = p;
  q.seed = 2;
  Generator<float> other(kCpu, q);
  other.init_noise();
  REQUIRE(other.variable() != vars[0]);
}

TEST_CASE("curvatubes generator: curves every 50 evaluations, NaN stops with an error", "[cpu][curvatubes]") {
  const CurvatubesParams p = small(16);
  Generator<float> g(kCpu, p);
  g.init_noise();
  g.iterate(101);
  REQUIRE(g.curves().size() == 3);  // evaluations 1, 50, 100
  REQUIRE(g.curves()[1].n_evals == 50);
  REQUIRE(g.curves()[2].n_evals == 100);
  for (const CurvePoint& c : g.curves()) {
    REQUIRE(std::fabs(c.mean_u - p.m0) < 1e-6);
    REQUIRE(c.max_abs_grad >= c.mean_abs_grad);
    REQUIRE(c.mean_abs_grad > 0);
  }
  REQUIRE(g.curves()[2].energy < g.curves()[0].energy);
  const std::vector<float> good = g.field();
  std::vector<float> a = g.variable();
  a[123] = std::numeric_limits<float>::quiet_NaN();
  g.set_variable(a);
  REQUIRE_THROWS_WITH(g.iterate(5), Catch::Contains("NaN"));
  REQUIRE(g.status() == GeneratorStatus::Diverged);
  REQUIRE(g.field() == good);  // the last finite field is kept
  REQUIRE(g.n_evals() == 101);
  REQUIRE_THROWS_AS(g.iterate(1), Error);
}

TEST_CASE("curvatubes generator: init checks the flow and the sizes", "[cpu][curvatubes]") {
  const CurvatubesParams p = small(16);
  Generator<double> g(kCpu, p);
  REQUIRE_THROWS_WITH(g.init_from_field(std::vector<double>(16 * 16 * 16)), Catch::Contains("cons"));
  REQUIRE_THROWS_WITH(g.init_from_potential(std::vector<double>(5)), Catch::Contains("3*Z*X*Y"));
  CurvatubesParams bad = p;
  bad.m0 = 2;
  REQUIRE_THROWS_WITH(Generator<double>(kCpu, bad), Catch::Contains("M0"));
}

TEST_CASE("curvatubes generator: tubes at 48^3 become a viable texture", "[cpu][curvatubes][slow]") {
  CurvatubesParams p = small(48);
  p.check_viable = true;  // test at 500 evaluations
  Generator<float> g(kCpu, p);
  g.init_noise();
  const int done = g.iterate(500);
  REQUIRE(done == 500);
  REQUIRE(g.viability_checks().size() == 1);
  const ViabilityCheck& c = g.viability_checks().front();
  INFO("min " << c.stats.min << " max " << c.stats.max << " discrepancy " << c.discrepancy.ratio);
  REQUIRE(c.viable);
  REQUIRE(g.status() == GeneratorStatus::Running);
  const std::vector<float> u = g.field();
  const double solid = solid_fraction(u);
  INFO("solid fraction " << solid);
  REQUIRE(solid > 0.05);  // gallery tubes: 0.15 at 100^3 after 4000+ evaluations
  REQUIRE(solid < 0.30);
  REQUIRE(discrepancy(p, u).ratio < kViableDiscrepancy);
}

TEST_CASE("curvatubes generator: live steering changes the energy, keeps the variable", "[cpu][curvatubes]") {
  // After set_params, the next evaluation is that of a fresh generator with the new
  // parameters at the same variable: steering keeps the state, only the energy changes.
  const CurvatubesParams p = small(16);
  Generator<double> g(kCpu, p);
  g.init_noise();
  g.iterate(5);
  CurvatubesParams q = apply_preset(p, "spheres");
  q.sigma_blur = 1.5;
  q.m0 = -0.4;
  q.adam.lr = 2e-3;
  g.set_params(q);
  CHECK(g.params().coeffs.c == q.coeffs.c);
  CHECK(g.mass() == -0.4);
  const std::vector<double> variable = g.variable();
  const double steered = g.evaluate();
  Generator<double> fresh(kCpu, q);
  fresh.set_variable(variable);
  CHECK(steered == fresh.evaluate());
  CHECK(std::abs(mean_of(fresh.field()) - (-0.4)) < 1e-9);
  Generator<double> unsteered(kCpu, p);
  unsteered.set_variable(variable);
  CHECK(steered != unsteered.evaluate());
  CHECK(g.step() == 5);
  CHECK(g.iterate(2) == 2);

  CurvatubesParams bad = q;
  bad.nx = 20;
  CHECK_THROWS_WITH(g.set_params(bad), Catch::Contains("the grid cannot change"));
  bad = q;
  bad.flow = Flow::L2;
  CHECK_THROWS_WITH(g.set_params(bad), Catch::Contains("the flow cannot change"));
  bad = q;
  bad.m0 = 1.5;
  CHECK_THROWS_WITH(g.set_params(bad), Catch::Contains("M0"));
  CHECK(g.params().m0 == -0.4);  // a refused change leaves the parameters as they were
}
