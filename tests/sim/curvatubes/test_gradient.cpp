// Finite-difference checks of the hand-derived gradient in double on 16^3 (ref. 4.7
// items 2-3): the energy itself, and the three flows' variables through blur,
// projection and divergence, periodic and (L2/averm0) replicate.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "ct_test_fields.h"
#include "sim/curvatubes/energy.h"
#include "sim/curvatubes/generator.h"
#include "sim/curvatubes/presets.h"

using namespace tessera;
using namespace tessera::curvatubes;
using ct_test::dot;

namespace {

const Exec kCpu{Backend::Cpu};

CurvatubesParams base_params(const std::string& name) {
  CurvatubesParams p = default_curvatubes_params();
  p.nz = p.nx = p.ny = 16;
  p.coeffs = Coefficients{2, 2, 2, 0, 0, 0};
  p.m0 = -0.3;
  if (name == "exp_0684") p = apply_preset(p, "exp_0684");
  if (name == "oriented_tubes") p = apply_preset(p, "oriented_tubes");
  if (name == "oriented_tilted") {
    p = apply_preset(p, "tubes");
    p.mu = 1000;
    p.theta = {0.6, 0, 0.8};
  }
  if (name == "spatialised") {
    const std::int64_t n = p.size();
    p.spatial.a20 = ct_test::uniform_noise(n, 21, 0.5, 2);
    p.spatial.a11 = ct_test::uniform_noise(n, 22, -2, 3);
    p.spatial.a02 = ct_test::uniform_noise(n, 23, 0.5, 10);
    p.spatial.b10 = ct_test::uniform_noise(n, 24, -100, 100);
    p.spatial.b01 = ct_test::uniform_noise(n, 25, -100, 100);
    p.spatial.c = ct_test::uniform_noise(n, 26, -1000, 2000);
    p.spatial.eps = ct_test::uniform_noise(n, 27, 0.015, 0.03);
  }
  return p;
}

double energy_of(EnergyEvaluator<double>& op, const std::vector<double>& u) {
  return op.evaluate(kCpu, u.data(), nullptr);
}

std::vector<double> axpy(const std::vector<double>& x, double t, const std::vector<double>& d) {
  std::vector<double> out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = x[i] + t * d[i];
  return out;
}

void check_energy_gradient(const CurvatubesParams& p) {
  const Shape s{p.nz, p.nx, p.ny};
  EnergyEvaluator<double> op(kCpu, p);
  const std::vector<double> u = ct_test::interface_field(s, 31);
  const std::vector<double> d = ct_test::smooth_direction(s, 32);
  std::vector<double> grad(u.size());
  const double e0 = op.evaluate(kCpu, u.data(), grad.data());
  REQUIRE(std::isfinite(e0));
  const double t = 1e-6;
  const double fd = (energy_of(op, axpy(u, t, d)) - energy_of(op, axpy(u, -t, d))) / (2 * t);
  const double an = dot(grad, d);
  INFO("E = " << e0 << " analytic " << an << " fd " << fd);
  REQUIRE(std::fabs(fd - an) <= 1e-5 * std::fabs(an));
  // Single voxels at the interface, t = 1e-7.
  double gmax = 0;
  for (double g : grad) gmax = std::max(gmax, std::fabs(g));
  int n_checked = 0;
  for (std::int64_t i = 0; i < s.size() && n_checked < 8; i += 37) {
    if (std::fabs(u[i]) >= 0.5) continue;
    std::vector<double> up = u, um = u;
    up[i] += 1e-7;
    um[i] -= 1e-7;
    const double fdi = (energy_of(op, up) - energy_of(op, um)) / 2e-7;
    INFO("voxel " << i << " analytic " << grad[i] << " fd " << fdi << " max|g| " << gmax);
    REQUIRE(std::fabs(fdi - grad[i]) <= 1e-6 * gmax);
    ++n_checked;
  }
  REQUIRE(n_checked == 8);
}

// Directional check of dE/d(variable) through the generator's chain.
void check_flow_gradient(CurvatubesParams p, double t) {
  const Shape s{p.nz, p.nx, p.ny};
  Generator<double> gen(kCpu, p);
  std::vector<double> x, d;
  if (p.flow == Flow::Cons) {
    x = ct_test::uniform_noise(3 * s.size(), 41, 0, 0.4);  // A = 0.4 U[0,1) (ref. 4.7 item 3)
    d = ct_test::smooth_direction(s, 42, 3);
    gen.init_from_potential(x);
  } else {
    x = ct_test::interface_field(s, 43);
    d = ct_test::smooth_direction(s, 44);
    gen.init_from_field(x);
  }
  gen.evaluate();
  const std::vector<double> g = gen.gradient();
  gen.set_variable(axpy(x, t, d));
  const double ep = gen.evaluate();
  gen.set_variable(axpy(x, -t, d));
  const double em = gen.evaluate();
  const double fd = (ep - em) / (2 * t);
  const double an = dot(g, d);
  INFO("flow " << flow_name(p.flow) << " boundary " << boundary_name(p.boundary) << " analytic " << an << " fd " << fd);
  REQUIRE(std::fabs(fd - an) <= 1e-5 * std::fabs(an));
}

}  // namespace

TEST_CASE("curvatubes gradient: finite differences of E(u), periodic", "[cpu][curvatubes]") {
  for (const char* name : {"symmetric", "exp_0684", "oriented_tubes", "oriented_tilted", "spatialised"}) {
    INFO("case " << name);
    check_energy_gradient(base_params(name));
  }
}

TEST_CASE("curvatubes gradient: finite differences of E(u), replicate", "[cpu][curvatubes]") {
  for (const char* name : {"symmetric", "exp_0684", "oriented_tubes"}) {
    INFO("case " << name);
    CurvatubesParams p = base_params(name);
    p.boundary = Boundary::Replicate;
    p.flow = Flow::L2;
    check_energy_gradient(p);
  }
}

TEST_CASE("curvatubes gradient: flows L2, averm0, cons through blur and divergence", "[cpu][curvatubes]") {
  for (const char* name : {"symmetric", "exp_0684", "oriented_tubes", "spatialised"}) {
    INFO("case " << name);
    for (Flow flow : {Flow::L2, Flow::Averm0})
      for (Boundary b : {Boundary::Periodic, Boundary::Replicate}) {
        CurvatubesParams p = base_params(name);
        p.flow = flow;
        p.boundary = b;
        check_flow_gradient(p, 1e-6);
      }
    CurvatubesParams p = base_params(name);
    p.flow = Flow::Cons;
    p.m0 = -0.6;
    check_flow_gradient(p, 1e-7);
  }
}

TEST_CASE("curvatubes energy: the CPU slab pipeline equals the two-pass path", "[cpu][curvatubes]") {
  for (const char* name : {"symmetric", "oriented_tilted", "spatialised"}) {
    CurvatubesParams p = base_params(name);
    p.nz = 19;  // odd, not a multiple of 3: exercises the ring slots and the wrap
    p.spatial = SpatialFields{};
    if (std::string(name) == "spatialised") p.spatial.c = ct_test::uniform_noise(p.size(), 5, -500, 1500);
    const Shape s{p.nz, p.nx, p.ny};
    const std::vector<double> u = ct_test::interface_field(s, 51);
    EnergyEvaluator<double> op(kCpu, p);
    std::vector<double> g_slab(u.size()), g_two(u.size());
    const double e_slab = op.evaluate(kCpu, u.data(), g_slab.data());
    op.set_slab_pipeline(false);
    const double e_two = op.evaluate(kCpu, u.data(), g_two.data());
    REQUIRE(e_slab == Approx(e_two).epsilon(1e-12));
    REQUIRE(g_slab == g_two);  // same arithmetic per voxel: bitwise equal
  }
}
