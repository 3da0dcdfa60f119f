// CUDA equals CPU for the curvatubes kernels (skips without a device).
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "ct_test_fields.h"
#include "sim/curvatubes/generator.h"
#include "sim/curvatubes/presets.h"
#include "test_support.h"

using namespace tessera;
using namespace tessera::curvatubes;

namespace {

template <class T>
double max_rel(const std::vector<T>& a, const std::vector<T>& b) {
  double num = 0, den = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    num = std::max(num, std::fabs(static_cast<double>(a[i]) - static_cast<double>(b[i])));
    den = std::max(den, std::fabs(static_cast<double>(b[i])));
  }
  return num / den;
}

template <class T>
void compare_runs(const CurvatubesParams& p, int n_steps, double tol) {
  Generator<T> cpu(Exec{Backend::Cpu}, p), gpu(Exec{Backend::Cuda}, p);
  if (p.flow == Flow::Cons) {
    cpu.init_noise();
    gpu.init_noise();
  } else {
    const Shape s{p.nz, p.nx, p.ny};
    const std::vector<double> u0 = ct_test::interface_field(s, 9);
    const std::vector<T> u(u0.begin(), u0.end());
    cpu.init_from_field(u);
    gpu.init_from_field(u);
  }
  REQUIRE(cpu.variable() == gpu.variable());
  cpu.iterate(n_steps);
  gpu.iterate(n_steps);
  INFO("flow " << flow_name(p.flow) << " boundary " << boundary_name(p.boundary));
  REQUIRE(gpu.energy() == Approx(cpu.energy()).epsilon(tol));
  REQUIRE(max_rel(gpu.field(), cpu.field()) < tol);
  REQUIRE(max_rel(gpu.gradient(), cpu.gradient()) < tol);
  REQUIRE(max_rel(gpu.variable(), cpu.variable()) < tol);
}

}  // namespace

TEST_CASE("curvatubes CUDA equals CPU: cons, L2, averm0 in double and float", "[cuda][curvatubes]") {
  TESSERA_REQUIRE_CUDA_OR_SKIP();
  CurvatubesParams p = apply_preset(default_curvatubes_params(), "oriented_tubes");
  p.nz = 20;
  p.nx = 17;
  p.ny = 24;
  compare_runs<double>(p, 5, 1e-9);
  compare_runs<float>(p, 5, 2e-3);
  p.flow = Flow::L2;
  p.boundary = Boundary::Replicate;
  compare_runs<double>(p, 3, 1e-9);
  p.flow = Flow::Averm0;
  compare_runs<double>(p, 3, 1e-9);
  p.boundary = Boundary::Periodic;
  p.spatial.c = ct_test::uniform_noise(p.size(), 4, -500, 1500);
  compare_runs<double>(p, 3, 1e-9);
}
