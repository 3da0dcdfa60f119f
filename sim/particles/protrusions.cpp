#include "sim/particles/protrusions.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/error.h"
#include "sim/particles/motion.h"

namespace tessera {

ProtrusionParams default_protrusion_params(double radius) {
  ProtrusionParams p;
  p.radius = radius;
  p.max_amplitude = 5.0 * radius;
  return p;
}

void validate_protrusion_params(const ProtrusionParams& p) {
  auto require = [](double v, bool ok, const char* name, const char* range) {
    TESSERA_REQUIRE(std::isfinite(v) && ok,
                    std::string("protrusions: '") + name + "' must be " + range + " (got " + std::to_string(v) + ")");
  };
  require(p.radius, p.radius > 0, "radius", "> 0");
  require(p.noise, p.noise >= 0, "noise", ">= 0");
  require(p.max_amplitude, p.max_amplitude >= 0, "max_amplitude", ">= 0");
  require(p.decay, p.decay >= 0, "decay", ">= 0");
  require(p.edge_margin, p.edge_margin >= 0, "edge_margin", ">= 0");
  require(p.force_gain, true, "force_gain", "finite");
}

void fluctuate_protrusions(CellState& cells, const ProtrusionParams& params, double dt, const CounterRng& rng,
                           std::int64_t step) {
  const std::uint64_t stream = random_stream(RandomPurpose::Protrusion, step);
  for (int i = 0; i < cells.size(); ++i) {
    // Three blocks of two uniforms per cell: counter = id * 3 + block.
    for (int k = 0; k < kProtrusionDirections; k += 2) {
      double u[2];
      rng.uniform2(stream, 3 * cells.id[i] + k / 2, u[0], u[1]);
      for (int m = 0; m < 2; ++m) {
        double& a = cells.protrusion[i][k + m];
        a = std::clamp(a + params.noise * dt * (2.0 * u[m] - 1.0), 0.0, params.max_amplitude);
      }
    }
  }
}

void retract_protrusions_at_walls(CellState& cells, const ProtrusionParams& params, const Grid& grid) {
  constexpr double kPi = 3.141592653589793;
  for (int i = 0; i < cells.size(); ++i)
    for (int k = 0; k < kProtrusionDirections; ++k) {
      const double angle = cells.protrusion_angle[i] + (-kPi + k * kPi / 3.0);
      const double tip[2] = {cells.x[i].x + params.radius * std::cos(angle),
                             cells.x[i].y + params.radius * std::sin(angle)};
      for (int a = 0; a < 2; ++a)
        if (!grid.periodic[a] && (tip[a] < params.edge_margin || tip[a] > grid.length[a] - params.edge_margin))
          cells.protrusion[i][k] = 0.0;
    }
}

void decay_protrusions(CellState& cells, const ProtrusionParams& params, double dt) {
  const double keep = std::max(0.0, 1.0 - params.decay * dt);
  for (auto& amplitudes : cells.protrusion)
    for (double& a : amplitudes) a *= keep;
}

std::vector<Vec3> protrusion_forces(const Grid& grid, std::span<const std::int32_t> labels, std::span<const Vec3> seeds,
                                    double radius) {
  const int n = static_cast<int>(seeds.size());
  TESSERA_REQUIRE(static_cast<std::int64_t>(labels.size()) == grid.size(),
                  "protrusion forces: " + std::to_string(labels.size()) + " labels for a grid of " +
                      std::to_string(grid.size()) + " pixels");
  std::vector<Vec3> sum(n);
  std::vector<double> beyond(n, 0.0);
  const double r0_2 = radius * radius;
  for (std::int64_t idx = 0; idx < grid.size(); ++idx) {
    const std::int32_t l = labels[idx];
    if (l < 0) continue;
    TESSERA_REQUIRE(l < n,
                    "protrusion forces: label " + std::to_string(l) + " but only " + std::to_string(n) + " seeds");
    const Vec3 z = grid.wrap_displacement(grid.center(idx) - seeds[l]);
    const double r2 = norm2(z);
    if (r2 < r0_2) continue;  // only the pixels beyond R0 pull (and count)
    beyond[l] += 1.0;
    // zhat sqrt(r^2 - R0^2); r >= R0 > 0 here.
    sum[l] += (std::sqrt(r2 - r0_2) / std::sqrt(r2)) * z;
  }
  for (int i = 0; i < n; ++i) sum[i] = (kProtrusionDirections / (beyond[i] + 1e-7)) * sum[i];
  return sum;
}

const FieldTable<ProtrusionParams>& protrusion_fields() {
  using P = ProtrusionParams;
  static const FieldTable<P> table = {
      TESSERA_NUMBER_FIELD(P, radius, "box units", -kUnbounded, kUnbounded, kClosed, "tip distance and force threshold R0"),
      TESSERA_NUMBER_FIELD(P, noise, "1 / time", -kUnbounded, kUnbounded, kClosed, "amplitude change per time unit"),
      TESSERA_NUMBER_FIELD(P, max_amplitude, "", -kUnbounded, kUnbounded, kClosed, "amplitude clamp"),
      TESSERA_NUMBER_FIELD(P, decay, "1 / time", -kUnbounded, kUnbounded, kClosed, "relative amplitude decay"),
      TESSERA_NUMBER_FIELD(P, edge_margin, "box units", -kUnbounded, kUnbounded, kClosed, "a tip this close to a wall retracts"),
      TESSERA_NUMBER_FIELD(P, force_gain, "", -kUnbounded, kUnbounded, kClosed, "velocity gain of the protrusion force"),
  };
  return table;
}
}  // namespace tessera
