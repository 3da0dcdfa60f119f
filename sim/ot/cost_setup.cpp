#include "sim/ot/cost_setup.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "engine/error.h"

namespace tessera {
namespace {

constexpr double kPi = 3.141592653589793;

std::string format_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", v);
  return buffer;
}

std::string family_name(CostFamily family) {
  return std::string(kCostFamilyNames[static_cast<int>(family)]);
}

void require_finite(double v, const char* name) {
  TESSERA_REQUIRE(std::isfinite(v),
                  std::string("cost parameter '") + name + "' must be finite (got " + format_number(v) + ")");
}

void require_positive(double v, const char* name) {
  require_finite(v, name);
  TESSERA_REQUIRE(v > 0, std::string("cost parameter '") + name + "' must be > 0 (got " + format_number(v) + ")");
}

void require_dim(int dim) {
  TESSERA_REQUIRE(dim == 2 || dim == 3, "cost dimension must be 2 or 3 (got " + std::to_string(dim) + ")");
}

// The axis restricted to the simulated plane or space, unnormalised.
Vec3 axis_in_dim(const Vec3& axis, int dim) {
  return dim == 2 ? Vec3{axis.x, axis.y, 0.0} : axis;
}

void require_axis(const Vec3& axis, int dim) {
  // Runs for every cell at every shape update: format the message only on failure.
  const bool finite = std::isfinite(axis.x) && std::isfinite(axis.y) && std::isfinite(axis.z);
  if (finite && norm2(axis_in_dim(axis, dim)) > 0) return;
  const std::string text =
      "(" + format_number(axis.x) + ", " + format_number(axis.y) + ", " + format_number(axis.z) + ")";
  if (!finite) throw_error("cost parameter 'axis' must be finite (got " + text + ")");
  throw_error("cost parameter 'axis' must be non-zero" + std::string(dim == 2 ? " in the plane" : "") + " (got " +
              text + ")");
}

// ---- scalings s per family (section 2; ball and ellipsoid means via w = A^(1/2) z) ----

// Mean of |w|^p over the ball of radius rho in d dimensions: d rho^p / (p + d).
double ball_power_mean(double p, double rho, int dim) {
  return dim * std::pow(rho, p) / (p + dim);
}

// Power (2.2): level_set c(R) = C; volume mean over the ball of radius R = C.
double power_scaling(const CostSpec& spec, int dim) {
  switch (spec.scaling) {
    case CostScaling::LevelSet:
      return spec.C / std::pow(spec.R, spec.p);
    case CostScaling::Volume:
      return spec.C / ball_power_mean(spec.p, spec.R, dim);
    case CostScaling::Constant:
      return spec.C;
    case CostScaling::Unit:
      break;
  }
  return 1.0;
}

// Anisotropic power (2.3). level_set: c = C has short semi-axis b (eigenvalue ar in 2D,
// sqrt(ar) in 3D across the axis), s = C (ar^(1/(d-1)) b^2)^(-p/2). volume: the mean
// over {q <= rho^2}, rho = b ar^(1/d) (volume pi ar b^2 or 4/3 pi ar b^3), is C; with
// det A = 1 that mean is the ball mean d rho^p / (p + d).
double anisotropic_scaling(const CostSpec& spec, double aspect, int dim) {
  switch (spec.scaling) {
    case CostScaling::LevelSet:
      return spec.C * std::pow(std::pow(aspect, 1.0 / (dim - 1)) * spec.b * spec.b, -0.5 * spec.p);
    case CostScaling::Volume:
      return spec.C / ball_power_mean(spec.p, spec.b * std::pow(aspect, 1.0 / dim), dim);
    case CostScaling::Constant:
      return spec.C;
    case CostScaling::Unit:
      break;
  }
  return 1.0;
}

// Stadium gauge and polar stadium (2.4, 2.5): the reference shape is {Lambda <= b}; c = s
// on its boundary, and the mean of (Lambda/b)^p over it is 2/(p+2) for any 2D gauge.
double stadium_gauge_scaling(const CostSpec& spec) {
  switch (spec.scaling) {
    case CostScaling::LevelSet:
    case CostScaling::Constant:
      return spec.C;
    case CostScaling::Volume:
      return 0.5 * (spec.p + 2.0) * spec.C;
    case CostScaling::Unit:
      break;
  }
  return 1.0;
}

// Distance-to-segment stadium (2.5): the reference shape is {u <= 1}, the stadium
// (capsule in 3D) of half-width b and straight half-length k b, k = ar - 1. Mean of u^p:
//   2D: (2 pi/(p+2) + 4k/(p+1)) / (pi + 4k)            (disk + rectangle)
//   3D: (4 pi/(p+3) + 4 pi k/(p+2)) / (4 pi/3 + 2 pi k)  (ball + cylinder)
// The reference's volume scaling keeps s = 1 and rescales b to the b' of section 2.5;
// that formula does not make the mean C (it even shrinks the cost as C grows), so here
// s carries C as in every other family, on the stadium of half-width b.
double segment_stadium_scaling(const CostSpec& spec, double aspect, int dim) {
  const double k = aspect - 1.0, p = spec.p;
  switch (spec.scaling) {
    case CostScaling::LevelSet:
    case CostScaling::Constant:
      return spec.C;
    case CostScaling::Volume: {
      const double mean = dim == 2
                              ? (2.0 * kPi / (p + 2.0) + 4.0 * k / (p + 1.0)) / (kPi + 4.0 * k)
                              : (4.0 * kPi / (p + 3.0) + 4.0 * kPi * k / (p + 2.0)) / (4.0 * kPi / 3.0 + 2.0 * kPi * k);
      return spec.C / mean;
    }
    case CostScaling::Unit:
      break;
  }
  return 1.0;
}

// ReLU (2.5): level_set c(R) = C; volume mean over the ball of radius R = C. The
// reference uses the 2D mean in every dimension; here the mean matches dim:
//   2D: 2 pi slope ((R^3 - r^3)/3 - r (R^2 - r^2)/2) / (pi R^2)
//   3D: 4 pi slope ((R^4 - r^4)/4 - r (R^3 - r^3)/3) / (4/3 pi R^3)
double relu_scaling(const CostSpec& spec, int dim) {
  const double R = spec.R, r = spec.relu_r, slope = spec.relu_slope;
  switch (spec.scaling) {
    case CostScaling::LevelSet:
      return spec.C / (slope * (R - r));
    case CostScaling::Volume: {
      const double mean =
          dim == 2
              ? 2.0 * slope * ((R * R * R - r * r * r) / 3.0 - 0.5 * r * (R * R - r * r)) / (R * R)
              : 3.0 * slope * ((R * R * R * R - r * r * r * r) / 4.0 - r * (R * R * R - r * r * r) / 3.0) / (R * R * R);
      return spec.C / mean;
    }
    case CostScaling::Constant:
      return spec.C;
    case CostScaling::Unit:
      break;
  }
  return 1.0;
}

}  // namespace

std::optional<CostFamily> parse_cost_family(std::string_view name) {
  for (std::size_t i = 0; i < kCostFamilyNames.size(); ++i)
    if (kCostFamilyNames[i] == name) return static_cast<CostFamily>(i);
  return std::nullopt;
}

std::optional<CostScaling> parse_cost_scaling(std::string_view name) {
  if (name == "level-set") return CostScaling::LevelSet;
  for (std::size_t i = 0; i < kCostScalingNames.size(); ++i)
    if (kCostScalingNames[i] == name) return static_cast<CostScaling>(i);
  return std::nullopt;
}

void orientation_matrix(const Vec3& axis, double aspect, int dim, double A[6]) {
  require_dim(dim);
  require_axis(axis, dim);
  require_positive(aspect, "aspect");
  const Vec3 raw = axis_in_dim(axis, dim);
  const Vec3 n = (1.0 / norm(raw)) * raw;
  // A = mu I + (1/ar - mu) n n^T: eigenvalue 1/ar along n, mu across.
  const double mu = dim == 2 ? aspect : std::sqrt(aspect);
  const double delta = 1.0 / aspect - mu;
  A[0] = mu + delta * n.x * n.x;
  A[1] = mu + delta * n.y * n.y;
  A[2] = dim == 2 ? 1.0 : mu + delta * n.z * n.z;
  A[3] = delta * n.x * n.y;
  A[4] = dim == 2 ? 0.0 : delta * n.x * n.z;
  A[5] = dim == 2 ? 0.0 : delta * n.y * n.z;
}

CellCost make_cell_cost(const CostSpec& spec, const Vec3& axis, double aspect, int dim) {
  require_dim(dim);
  const std::string family = family_name(spec.family);
  TESSERA_REQUIRE(!(dim == 3 && cost_family_is_2d_only(spec.family)),
                  "cost family '" + family + "' is 2D only (requested in 3D)");
  require_positive(spec.C, "C");
  require_positive(spec.R, "R");
  require_positive(spec.p, "p");
  require_positive(spec.b, "b");
  require_positive(aspect, "aspect");
  require_finite(spec.cap, "cap");
  TESSERA_REQUIRE(spec.cap >= 0,
                  "cost parameter 'cap' must be >= 0, 0 meaning no cap (got " + format_number(spec.cap) + ")");
  if (cost_family_is_stadium(spec.family))
    TESSERA_REQUIRE(aspect >= 1, "cost parameter 'aspect' must be >= 1 for the stadium family '" + family + "' (got " +
                                     format_number(aspect) + ")");
  if (spec.family == CostFamily::Relu) {
    require_finite(spec.relu_r, "relu_r");
    TESSERA_REQUIRE(spec.relu_r >= 0, "cost parameter 'relu_r' must be >= 0 (got " + format_number(spec.relu_r) + ")");
    require_positive(spec.relu_slope, "relu_slope");
    // Both scalings divide by the cost's size on the reference ball, zero unless r < R.
    if (spec.scaling == CostScaling::LevelSet || spec.scaling == CostScaling::Volume)
      TESSERA_REQUIRE(spec.relu_r < spec.R,
                      "cost parameter 'relu_r' must be < R for the level_set and volume scalings (got " +
                          format_number(spec.relu_r) + ", R = " + format_number(spec.R) + ")");
  }
  // The axis matters only to the oriented families; the others accept a zero axis.
  const bool axis_needed = cost_family_uses_axis(spec.family);
  if (axis_needed) require_axis(axis, dim);
  const Vec3 raw = axis_in_dim(axis, dim);
  const bool axis_usable = axis_needed || (std::isfinite(norm2(raw)) && norm2(raw) > 0);

  CellCost c;
  c.family = spec.family;
  c.p = spec.p;
  c.b = spec.b;
  c.aspect = aspect;
  c.relu_r = spec.relu_r;
  c.relu_slope = spec.relu_slope;
  c.cap = spec.cap;
  c.axis = axis_usable ? (1.0 / norm(raw)) * raw : Vec3{1, 0, 0};
  orientation_matrix(c.axis, aspect, dim, c.A);
  switch (spec.family) {
    case CostFamily::Power:
      c.s = power_scaling(spec, dim);
      break;
    case CostFamily::AnisotropicPower:
      c.s = anisotropic_scaling(spec, aspect, dim);
      break;
    case CostFamily::Spherocylinder:
    case CostFamily::PolarStadium:
      c.s = stadium_gauge_scaling(spec);
      break;
    case CostFamily::SegmentStadium:
      c.s = segment_stadium_scaling(spec, aspect, dim);
      break;
    case CostFamily::Relu:
      c.s = relu_scaling(spec, dim);
      break;
  }
  TESSERA_REQUIRE(std::isfinite(c.s) && c.s > 0, "cost scaling of family '" + family +
                                                     "' is not a positive number (s = " + format_number(c.s) +
                                                     "): C, R, b or aspect out of range");
  return c;
}

CellBias make_chemotaxis_bias(const ChemotaxisSpec& spec, int dim) {
  require_dim(dim);
  require_positive(spec.width, "chemotaxis.width");
  require_finite(spec.beta, "chemotaxis.beta");
  TESSERA_REQUIRE(spec.beta >= 0, "cost parameter 'chemotaxis.beta' must be >= 0 (got " + format_number(spec.beta) +
                                      "); 'chemotaxis.sign' sets the direction");
  TESSERA_REQUIRE(spec.sign == 1.0 || spec.sign == -1.0,
                  "cost parameter 'chemotaxis.sign' must be 1 or -1 (got " + format_number(spec.sign) + ")");
  TESSERA_REQUIRE(std::isfinite(spec.center.x) && std::isfinite(spec.center.y) && std::isfinite(spec.center.z),
                  "cost parameter 'chemotaxis.center' must be finite");
  CellBias b;
  b.kind = CostBias::Chemotaxis;
  b.center = spec.center;
  if (dim == 2) b.center.z = 0;  // 2D pixels have z = 0
  const double s2 = spec.width * spec.width;
  b.inv_two_width2 = 1.0 / (2.0 * s2);
  b.peak = dim == 2 ? 1.0 / (2.0 * kPi * s2) : std::pow(2.0 * kPi * s2, -1.5);
  // |grad u| = peak (r / s^2) exp(-r^2 / (2 s^2)) is largest at r = s.
  b.max_slope = b.peak * std::exp(-0.5) / spec.width;
  b.beta = spec.sign * spec.beta;
  b.form = spec.form;
  // The range of f over |delta| <= L: f is monotone on each side of 0, so its ends are
  // at 0 and +-L.
  const double L = b.max_slope;
  const double ends[3] = {chemotaxis_form_value(b.form, -L), chemotaxis_form_value(b.form, 0.0),
                          chemotaxis_form_value(b.form, L)};
  double lowest = HUGE_VAL;
  for (double f : ends) lowest = std::min(lowest, clamp_bias_exponent(b.beta * f));
  b.min_factor = std::exp(lowest);
  return b;
}

CellBias make_protrusion_bias(std::span<const double> amplitudes, double theta0) {
  TESSERA_REQUIRE(static_cast<int>(amplitudes.size()) == kProtrusionDirections,
                  "protrusion bias: " + std::to_string(amplitudes.size()) + " amplitudes given, " +
                      std::to_string(kProtrusionDirections) + " needed");
  require_finite(theta0, "protrusion angle");
  CellBias b;
  b.kind = CostBias::Protrusions;
  b.theta0 = theta0;
  double largest = 0, sum = 0;
  for (int k = 0; k < kProtrusionDirections; ++k) {
    const double a = amplitudes[k];
    require_finite(a, "protrusion amplitude");
    TESSERA_REQUIRE(a >= 0, "cost parameter 'protrusion amplitude' must be >= 0 (got " + format_number(a) + ")");
    b.amplitude[k] = a;
    largest = std::max(largest, a);
    sum += a;
  }
  // At any angle the nearest lobe gives at most its amplitude, each other one at most
  // kProtrusionFarTail times its amplitude.
  const double bound = largest + kProtrusionFarTail * (sum - largest);
  b.min_factor = std::exp(clamp_bias_exponent(-kProtrusionNorm * bound));
  return b;
}

const FieldTable<CostSpec>& cost_fields() {
  static const FieldTable<CostSpec> table = {
      TESSERA_CHOICE_FIELD(CostSpec, family, CostFamily, kCostFamilyNames, "the cost's shape family"),
      TESSERA_CHOICE_FIELD(CostSpec, scaling, CostScaling, kCostScalingNames,
                           "how the scale s is set from C and R (level_set, volume, constant, unit)"),
      TESSERA_NUMBER_FIELD(CostSpec, C, "cost units", 0, kUnbounded, kOpenMin, "stiffness: the cost's level constant"),
      TESSERA_NUMBER_FIELD(CostSpec, R, "box units", 0, kUnbounded, kOpenMin, "reference radius of the scalings"),
      TESSERA_NUMBER_FIELD(CostSpec, p, "", 0, kUnbounded, kOpenMin, "exponent: large = hard cells, below 1 = very soft"),
      TESSERA_NUMBER_FIELD(CostSpec, b, "box units", 0, kUnbounded, kOpenMin, "short semi-axis (anisotropic, stadium)"),
      TESSERA_NUMBER_FIELD(CostSpec, aspect, "", 0, kUnbounded, kOpenMin, "aspect-ratio parameter ar (>= 1 for stadiums)"),
      TESSERA_NUMBER_FIELD(CostSpec, relu_r, "box units", 0, kUnbounded, kClosed, "ReLU: radius where the cost starts rising"),
      TESSERA_NUMBER_FIELD(CostSpec, relu_slope, "cost units / box unit", 0, kUnbounded, kOpenMin, "ReLU: slope past relu_r"),
      TESSERA_NUMBER_FIELD(CostSpec, cap, "cost units", 0, kUnbounded, kClosed,
                           "> 0: the solve uses min(max(c, 0), cap); 0 = no cap"),
  };
  return table;
}

const FieldTable<ChemotaxisSpec>& chemotaxis_fields() {
  using C = ChemotaxisSpec;
  static const FieldTable<C> table = {
      TESSERA_NUMBER_FIELD(C, width, "box units", -kUnbounded, kUnbounded, kClosed, "standard deviation of the attractant"),
      TESSERA_CHOICE_FIELD(C, form, ChemotaxisForm, kChemotaxisFormNames, "how the attractant biases the cost"),
      TESSERA_NUMBER_FIELD(C, beta, "", -kUnbounded, kUnbounded, kClosed, "gain of the bias (>= 0)"),
      TESSERA_NUMBER_FIELD(C, sign, "", -kUnbounded, kUnbounded, kClosed, "+1: B = exp(+beta f); -1: exp(-beta f)"),
  };
  return table;
}
}  // namespace tessera
