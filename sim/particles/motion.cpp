#include "sim/particles/motion.h"

#include <algorithm>
#include <cmath>

#include "engine/error.h"

namespace tessera {

namespace {

double value_for(std::span<const double> values, std::size_t i) {
  return values.size() == 1 ? values[0] : values[i];
}

void require_per_cell(std::span<const double> values, std::size_t n, const char* what) {
  TESSERA_REQUIRE(values.size() == 1 || values.size() == n,
                  std::string(what) + ": give one value, or one per cell");
}

Vec3 normalized(const Vec3& v, const Vec3& fallback) {
  const double len = norm(v);
  return len > 0 ? v * (1.0 / len) : fallback;
}

}  // namespace

std::uint64_t random_stream(RandomPurpose purpose, std::int64_t step) {
  return (static_cast<std::uint64_t>(purpose) << 48) ^ static_cast<std::uint64_t>(step);
}

Vec3 random_unit_vector(const CounterRng& rng, std::uint64_t stream, std::uint64_t counter, int dim) {
  // A normalised Gaussian vector is uniform on the sphere; redraw in the (measure-zero) zero case.
  for (std::uint64_t attempt = 0;; ++attempt) {
    const Vec3 g = rng.normal_vec(stream, counter + (attempt << 40), dim);
    if (norm2(g) > 1e-24) return g * (1.0 / norm(g));
  }
}

void add_self_propulsion(std::span<Vec3> velocity, std::span<const Vec3> axis, std::span<const double> v0) {
  require_per_cell(v0, velocity.size(), "self-propulsion speed");
  for (std::size_t i = 0; i < velocity.size(); ++i) velocity[i] += value_for(v0, i) * axis[i];
}

void add_body_force(std::span<Vec3> velocity, const Vec3& force) {
  for (Vec3& v : velocity) v += force;
}

void add_centripetal_drift(std::span<Vec3> velocity, std::span<const Vec3> x, const Vec3& center, double speed) {
  for (std::size_t i = 0; i < velocity.size(); ++i) {
    const Vec3 d = center - x[i];
    velocity[i] += (speed / (norm(d) + 1e-6)) * d;
  }
}

double buoyancy_profile(double z, double surface, double gravity, double buoyancy, double width) {
  const double lo = std::min(gravity, buoyancy), hi = std::max(gravity, buoyancy);
  return std::clamp((gravity - buoyancy) / (2 * width) * (z - surface), lo, hi);
}

void rotational_diffusion(CellState& cells, std::span<const double> d_r, double dt, int dim, const CounterRng& rng,
                          std::int64_t step) {
  require_per_cell(d_r, cells.axis.size(), "rotational diffusion");
  const std::uint64_t stream = random_stream(RandomPurpose::RotationalNoise, step);
  for (int i = 0; i < cells.size(); ++i) {
    const double amplitude = std::sqrt(2 * value_for(d_r, i) * dt);
    if (amplitude == 0) continue;
    const Vec3 xi = rng.normal_vec(stream, cells.id[i], dim);
    cells.axis[i] = normalized(cells.axis[i] + amplitude * xi, cells.axis[i]);
  }
}

void steer_toward(CellState& cells, const Vec3& target, std::span<const double> noise, double dt, int dim,
                  const CounterRng& rng, std::int64_t step) {
  require_per_cell(noise, cells.axis.size(), "steering noise");
  const std::uint64_t stream = random_stream(RandomPurpose::SteeringNoise, step);
  for (int i = 0; i < cells.size(); ++i) {
    const Vec3 toward = normalized(target - cells.x[i], Vec3{});
    const Vec3 xi = rng.normal_vec(stream, cells.id[i], dim);
    const Vec3 delta = dt * toward + std::sqrt(2 * value_for(noise, i) * dt) * xi;
    const Vec3& n = cells.axis[i];
    cells.axis[i] = normalized(n + delta - dot(n, delta) * n, n);
  }
}

int run_and_tumble(CellState& cells, std::span<const double> rate, double dt, int dim, const CounterRng& rng,
                   std::int64_t step) {
  require_per_cell(rate, cells.axis.size(), "tumble rate");
  const std::uint64_t stream = random_stream(RandomPurpose::Tumble, step);
  const std::uint64_t direction_stream = random_stream(RandomPurpose::TumbleDirection, step);
  int tumbles = 0;
  for (int i = 0; i < cells.size(); ++i) {
    const double p = 1.0 - std::exp(-value_for(rate, i) * dt);
    if (rng.uniform(stream, cells.id[i]) >= p) continue;
    cells.axis[i] = random_unit_vector(rng, direction_stream, cells.id[i], dim);
    ++tumbles;
  }
  return tumbles;
}

void grow_volumes(CellState& cells, double rate, double v_max, double dt) {
  for (int i = 0; i < cells.size(); ++i)
    cells.volume[i] = std::min(v_max, cells.volume[i] + cells.growth_rate[i] * rate * dt);
}

int divide_cells(CellState& cells, const std::vector<char>& flags, const DivisionParams& params, int dim,
                 const CounterRng& rng, std::int64_t step) {
  TESSERA_REQUIRE(static_cast<int>(flags.size()) == cells.size(), "divide_cells: one flag per cell is needed");
  const std::uint64_t axis_stream = random_stream(RandomPurpose::DivisionAxis, step);
  const std::uint64_t growth_stream = random_stream(RandomPurpose::Division, step);
  // One pass into fresh arrays: daughters are placed beside their parent, so no later
  // division can hit a shifted index (the reference's bug, section 8 item 10).
  CellState out;
  out.next_id = cells.next_id;
  int divided = 0;
  for (int i = 0; i < cells.size(); ++i) {
    if (!flags[i]) {
      out.add_copy(cells, i);
      continue;
    }
    const Vec3 half = (0.5 * params.offset) * cells.axis[i];
    const double v = 0.5 * cells.volume[i];
    const std::uint64_t parent = cells.id[i];
    const double fresh = params.growth_min + (params.growth_max - params.growth_min) * rng.uniform(growth_stream, parent);
    out.add(cells.x[i] - half, random_unit_vector(rng, axis_stream, 2 * parent, dim), 1.0, v, cells.species[i],
            cells.potential[i], cells.growth_rate[i], cells.stiffness[i]);
    out.add(cells.x[i] + half, random_unit_vector(rng, axis_stream, 2 * parent + 1, dim), 1.0, v, cells.species[i],
            cells.potential[i], fresh, cells.stiffness[i]);
    ++divided;
  }
  cells = std::move(out);
  return divided;
}

std::vector<char> flag_cells(const CellState& cells, const std::function<bool(const Vec3&)>& predicate) {
  std::vector<char> flags(cells.size(), 0);
  for (int i = 0; i < cells.size(); ++i) flags[i] = predicate(cells.x[i]) ? 1 : 0;
  return flags;
}

}  // namespace tessera
