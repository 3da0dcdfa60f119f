#include "sim/demo/drifting_seeds.h"

#include <cmath>
#include <string>

#include "engine/error.h"
#include "sim/ot/nearest_seed.h"

namespace tessera {

namespace {
// Random-stream tags, so that different uses of one seed never share numbers.
constexpr std::uint64_t kStreamPlacement = 1ull << 40;
constexpr std::uint64_t kStreamSteps = 2ull << 40;

Vec3 random_position(const Grid& grid, const CounterRng& rng, std::uint64_t id) {
  double u0, u1;
  rng.uniform2(kStreamPlacement, id, u0, u1);
  Vec3 x{u0 * grid.length[0], u1 * grid.length[1], 0};
  if (grid.dim == 3) x.z = rng.uniform(kStreamPlacement + 1, id) * grid.length[2];
  return x;
}

// Reflects a coordinate into [0, L] (walled axes).
double reflect(double x, double length) {
  x = std::fmod(std::fabs(x), 2 * length);
  return x > length ? 2 * length - x : x;
}
}  // namespace

DriftParams default_drift_params() {
  DriftParams p;
  p.grid = make_grid_2d(256, 256);
  return p;
}

void validate(const DriftParams& p) {
  TESSERA_REQUIRE(p.n_seeds >= 1 && p.n_seeds <= kMaxDriftSeeds,
                  "seed count must be in [1, " + std::to_string(kMaxDriftSeeds) + "] (got " +
                      std::to_string(p.n_seeds) + ")");
  TESSERA_REQUIRE(std::isfinite(p.speed) && p.speed >= 0, "seed speed must be finite and >= 0");
  TESSERA_REQUIRE(std::isfinite(p.dt) && p.dt > 0, "time step dt must be finite and > 0");
  TESSERA_REQUIRE(p.grid.dim == 2 || p.grid.dim == 3, "grid dimension must be 2 or 3");
}

void init_drift(const DriftParams& params, DriftState& state, const Exec& exec) {
  validate(params);
  state = DriftState{};
  resize_drift(params, state, exec);
}

void resize_drift(const DriftParams& params, DriftState& state, const Exec& exec) {
  validate(params);
  const CounterRng rng{params.seed};
  auto& seeds = state.seeds.host();
  while (static_cast<int>(seeds.size()) > params.n_seeds) seeds.pop_back();
  while (static_cast<int>(seeds.size()) < params.n_seeds) seeds.push_back(random_position(params.grid, rng, state.n_created++));
  nearest_seed_labels(exec, params.grid, state.seeds, state.labels);
}

void step_drift(const DriftParams& params, DriftState& state, const Exec& exec, Profile& profile) {
  {
    ScopedTimer timer(profile, Stage::Dynamics);
    const CounterRng rng{params.seed};
    const Grid& grid = params.grid;
    const double sigma = params.speed * std::sqrt(params.dt);  // Brownian step length
    auto& seeds = state.seeds.host();
    for (std::size_t s = 0; s < seeds.size(); ++s) {
      const Vec3 noise = rng.normal_vec(kStreamSteps + static_cast<std::uint64_t>(state.step), s, grid.dim);
      Vec3 x = seeds[s] + sigma * noise;
      for (int a = 0; a < grid.dim; ++a)
        if (!grid.periodic[a]) x[a] = reflect(x[a], grid.length[a]);
      seeds[s] = grid.wrap_position(x);
    }
    ++state.step;
  }
  ScopedTimer timer(profile, Stage::Fit, &exec);
  nearest_seed_labels(exec, params.grid, state.seeds, state.labels);
}

}  // namespace tessera
