#include "sim/curvatubes/params.h"

#include <cmath>
#include <sstream>

#include "engine/error.h"

namespace tessera::curvatubes {

namespace {

template <std::size_t N>
int parse_name(const std::array<std::string_view, N>& names, std::string_view name, const char* what) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<int>(i);
  std::ostringstream msg;
  msg << "curvatubes: unknown " << what << " '" << name << "' (expected one of:";
  for (auto n : names) msg << ' ' << n;
  msg << ')';
  throw_error(msg.str());
}

std::string number(double value) {
  std::ostringstream s;
  s << value;
  return s.str();
}

void require_finite(double value, const char* name) {
  TESSERA_REQUIRE(std::isfinite(value), std::string("curvatubes: ") + name + " is not finite (" + number(value) + ")");
}

void check_field(const std::vector<double>& field, std::int64_t n, const char* name) {
  if (field.empty()) return;
  TESSERA_REQUIRE(static_cast<std::int64_t>(field.size()) == n, std::string("curvatubes: spatial field ") + name +
                                                                    " has " + std::to_string(field.size()) +
                                                                    " values, expected Z*X*Y = " + std::to_string(n));
  for (double v : field)
    TESSERA_REQUIRE(std::isfinite(v), std::string("curvatubes: spatial field ") + name + " holds a non-finite value");
}

}  // namespace

std::string flow_name(Flow flow) {
  return std::string(kFlowNames[static_cast<int>(flow)]);
}
Flow parse_flow(std::string_view name) {
  return static_cast<Flow>(parse_name(kFlowNames, name, "flow"));
}
std::string boundary_name(Boundary boundary) {
  return std::string(kBoundaryNames[static_cast<int>(boundary)]);
}
Boundary parse_boundary(std::string_view name) {
  return static_cast<Boundary>(parse_name(kBoundaryNames, name, "boundary"));
}

bool SpatialFields::any() const {
  return !eps.empty() || !a20.empty() || !a11.empty() || !a02.empty() || !b10.empty() || !b01.empty() || !c.empty() ||
         !m0.empty();
}

CurvatubesParams default_curvatubes_params() {
  return CurvatubesParams{};
}

std::string unsteerable_difference(const CurvatubesParams& a, const CurvatubesParams& b) {
  if (a.nz != b.nz || a.nx != b.nx || a.ny != b.ny) return "the grid";
  if (a.h != b.h) return "h";
  if (a.flow != b.flow) return "the flow";
  if (a.boundary != b.boundary) return "the boundary mode";
  if (a.seed != b.seed) return "the seed";
  return "";
}

void validate(const CurvatubesParams& p) {
  const char* axes[3] = {"Z", "X", "Y"};
  const int dims[3] = {p.nz, p.nx, p.ny};
  for (int a = 0; a < 3; ++a)
    TESSERA_REQUIRE(dims[a] >= 16, std::string("curvatubes: grid axis ") + axes[a] + " = " + std::to_string(dims[a]) +
                                       " is below the minimum of 16 voxels");
  require_finite(p.h, "h");
  TESSERA_REQUIRE(p.h > 0, "curvatubes: h = " + number(p.h) + " must be positive");
  require_finite(p.eps, "eps");
  // Below one voxel the diffuse interface is not resolved by the 3x3x3 stencils (ref. 1.3).
  TESSERA_REQUIRE(p.eps >= p.h, "curvatubes: eps = " + number(p.eps) + " is below one voxel (h = " + number(p.h) + ")");
  require_finite(p.coeffs.a20, "coefficient a20");
  require_finite(p.coeffs.a11, "coefficient a11");
  require_finite(p.coeffs.a02, "coefficient a02");
  require_finite(p.coeffs.b10, "coefficient b10");
  require_finite(p.coeffs.b01, "coefficient b01");
  require_finite(p.coeffs.c, "coefficient c");
  require_finite(p.m0, "mass M0");
  TESSERA_REQUIRE(p.m0 > -1 && p.m0 < 1, "curvatubes: mass M0 = " + number(p.m0) + " is outside (-1, 1)");
  require_finite(p.mu, "orientation mu");
  if (p.mu != 0) {
    for (double t : p.theta) require_finite(t, "orientation theta");
    const double norm = std::sqrt(p.theta[0] * p.theta[0] + p.theta[1] * p.theta[1] + p.theta[2] * p.theta[2]);
    TESSERA_REQUIRE(std::fabs(norm - 1) < 1e-6,
                    "curvatubes: orientation theta is not a unit vector (|theta| = " + number(norm) + ")");
  }
  require_finite(p.xi, "xi");
  TESSERA_REQUIRE(p.xi > 0, "curvatubes: xi = " + number(p.xi) + " must be positive");
  require_finite(p.xi_s, "xi_s");
  TESSERA_REQUIRE(p.xi_s > 0, "curvatubes: xi_s = " + number(p.xi_s) + " must be positive");
  require_finite(p.sigma_blur, "sigma_blur");
  TESSERA_REQUIRE(p.sigma_blur >= 0, "curvatubes: sigma_blur = " + number(p.sigma_blur) + " must be >= 0");
  // The conservative flow's mass argument (sum of div A = 0) needs the periodic wrap (ref. 2.3).
  TESSERA_REQUIRE(!(p.flow == Flow::Cons && p.boundary == Boundary::Replicate),
                  "curvatubes: flow 'cons' requires boundary 'periodic' (got 'replicate')");
  require_finite(p.adam.lr, "adam lr");
  TESSERA_REQUIRE(p.adam.lr > 0, "curvatubes: adam lr = " + number(p.adam.lr) + " must be positive");
  TESSERA_REQUIRE(p.adam.beta1 >= 0 && p.adam.beta1 < 1,
                  "curvatubes: adam beta1 = " + number(p.adam.beta1) + " is outside [0, 1)");
  TESSERA_REQUIRE(p.adam.beta2 >= 0 && p.adam.beta2 < 1,
                  "curvatubes: adam beta2 = " + number(p.adam.beta2) + " is outside [0, 1)");
  TESSERA_REQUIRE(p.adam.eps_adam > 0, "curvatubes: eps_adam = " + number(p.adam.eps_adam) + " must be positive");
  TESSERA_REQUIRE(p.curve_every >= 1, "curvatubes: curve_every = " + std::to_string(p.curve_every) + " must be >= 1");
  const std::int64_t n = p.size();
  check_field(p.spatial.eps, n, "eps");
  for (double e : p.spatial.eps)
    TESSERA_REQUIRE(e >= p.h,
                    "curvatubes: spatial field eps holds " + number(e) + ", below one voxel (h = " + number(p.h) + ")");
  check_field(p.spatial.a20, n, "a20");
  check_field(p.spatial.a11, n, "a11");
  check_field(p.spatial.a02, n, "a02");
  check_field(p.spatial.b10, n, "b10");
  check_field(p.spatial.b01, n, "b01");
  check_field(p.spatial.c, n, "c");
  check_field(p.spatial.m0, n, "m0");
  for (double m : p.spatial.m0)
    TESSERA_REQUIRE(m > -1 && m < 1, "curvatubes: spatial field m0 holds " + number(m) + ", outside (-1, 1)");
}

}  // namespace tessera::curvatubes
