// Geometry sanity on tanh profiles (ref. 4.7 item 5): diffuse curvatures of a sphere
// and a cylinder, the c-only energy / area ratio and the equipartition discrepancy.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "ct_test_fields.h"
#include "sim/curvatubes/energy.h"
#include "sim/curvatubes/morphometrics.h"

using namespace tessera;
using namespace tessera::curvatubes;

namespace {

CurvatubesParams grid64() {
  CurvatubesParams p = default_curvatubes_params();
  p.nz = p.nx = p.ny = 64;
  return p;
}

// u = tanh((rho - dist) / (sqrt(2) eps)); dist to the domain centre (cylinder: axis Z).
std::vector<double> tanh_shape(const CurvatubesParams& p, double rho, bool cylinder) {
  const Shape s{p.nz, p.nx, p.ny};
  std::vector<double> u(s.size());
  const double c = 32 * p.h;
  for (std::int64_t i = 0; i < s.size(); ++i) {
    int z, x, y;
    s.coords(i, z, x, y);
    const double dz = cylinder ? 0.0 : z * p.h - c, dx = x * p.h - c, dy = y * p.h - c;
    const double dist = std::sqrt(dz * dz + dx * dx + dy * dy);
    u[i] = std::tanh((rho - dist) / (std::sqrt(2.0) * p.eps));
  }
  return u;
}

void mean_curvatures(const CurvatubesParams& p, const std::vector<double>& u, double& k1, double& k2) {
  std::vector<double> kappa1, kappa2;
  diffuse_curvature_fields(p, u, kappa1, kappa2);
  double s1 = 0, s2 = 0;
  int n = 0;
  for (std::size_t i = 0; i < u.size(); ++i)
    if (std::fabs(u[i]) < 0.3) {
      s1 += kappa1[i];
      s2 += kappa2[i];
      ++n;
    }
  k1 = s1 / n;
  k2 = s2 / n;
}

}  // namespace

TEST_CASE("curvatubes geometry: tanh sphere rho = 0.2 at 64^3", "[cpu][curvatubes]") {
  CurvatubesParams p = grid64();
  const double rho = 0.2;
  const std::vector<double> u = tanh_shape(p, rho, false);
  double k1, k2;
  mean_curvatures(p, u, k1, k2);
  INFO("k1 " << k1 << " k2 " << k2);
  REQUIRE(0.5 * (k1 + k2) == Approx(1 / rho).epsilon(0.03));  // mean curvature 1/rho
  REQUIRE(k1 >= k2);
  // c-only energy / sphere area -> 2 sqrt(2)/3 ~ 0.943; 0.929 at eps = 2h (ref. 1.3).
  p.coeffs = Coefficients{0, 0, 0, 0, 0, 1};
  EnergyEvaluator<double> op(Exec{Backend::Cpu}, p);
  const double ratio = op.evaluate(Exec{Backend::Cpu}, u.data(), nullptr) / (4 * M_PI * rho * rho);
  INFO("energy / area " << ratio);
  REQUIRE(ratio == Approx(0.929).margin(0.01));
  const Discrepancy d = discrepancy(p, u);
  INFO("discrepancy " << d.ratio);
  REQUIRE(d.ratio == Approx(0.017).margin(0.006));
  REQUIRE(solid_fraction(u) == Approx(4.0 / 3 * M_PI * rho * rho * rho / std::pow(0.64, 3)).epsilon(0.03));
}

TEST_CASE("curvatubes geometry: tanh cylinder rho = 0.15 and blurred noise", "[cpu][curvatubes]") {
  const CurvatubesParams p = grid64();
  double k1, k2;
  mean_curvatures(p, tanh_shape(p, 0.15, true), k1, k2);
  INFO("k1 " << k1 << " k2 " << k2);
  REQUIRE(k1 == Approx(6.80).margin(0.15));  // 1/rho = 6.67
  REQUIRE(std::fabs(k2) < 0.3);
  CurvatubesParams q = p;
  q.nz = q.nx = q.ny = 32;
  const Shape s{32, 32, 32};
  const std::vector<double> noise = ct_test::blurred(s, ct_test::normal_noise(s.size(), 3), 2.0);
  REQUIRE(discrepancy(q, noise).ratio > 0.9);  // ~0.985 for blurred noise
}
