#include "sim/simulation.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "engine/error.h"
#include "engine/rng.h"
#include "sim/cost_setup.h"
#include "sim/motion.h"

namespace tessera {

SimParams default_sim_params() {
  SimParams p;
  p.species.push_back(SpeciesParams{});
  return p;
}

Simulation::Simulation(const Exec& exec, Domain domain, SimParams params, CellState cells)
    : m_exec(exec),
      m_domain(std::move(domain)),
      m_params(std::move(params)),
      m_cells(std::move(cells)),
      m_engine(exec, m_domain, m_params.with_void) {
  validate();
}

void Simulation::set_params(const SimParams& params) {
  TESSERA_REQUIRE(params.with_void == m_params.with_void, "the void cannot be switched on or off in a running simulation");
  m_params = params;
  validate();
}

void Simulation::validate() const {
  const SimParams& p = m_params;
  TESSERA_REQUIRE(!p.species.empty(), "a simulation needs at least one species");
  TESSERA_REQUIRE(std::isfinite(p.dt) && p.dt > 0, "time step dt must be finite and > 0");
  TESSERA_REQUIRE(std::isfinite(p.correction_gain), "correction gain must be finite");
  m_cells.validate();
  for (int i = 0; i < m_cells.size(); ++i) {
    const int s = m_cells.species[i];
    TESSERA_REQUIRE(s >= 0 && s < static_cast<int>(p.species.size()),
                    "cell " + std::to_string(i) + " has species " + std::to_string(s) + ", but only " +
                        std::to_string(p.species.size()) + " are defined");
  }
  if (p.surface_tension) {
    const std::size_t n_types = p.species.size() + 1;
    TESSERA_REQUIRE(m_domain.grid.dim == 2, "2D surface tension needs a 2D grid");
    TESSERA_REQUIRE(p.tensions.size() == n_types * n_types,
                    "surface tension: the table needs (species + 1)^2 = " + std::to_string(n_types * n_types) + " values");
    for (std::size_t a = 0; a < n_types; ++a)
      for (std::size_t b = 0; b < n_types; ++b)
        TESSERA_REQUIRE(std::isfinite(p.tensions[a * n_types + b]) && p.tensions[a * n_types + b] == p.tensions[b * n_types + a],
                        "surface tension: the table must be finite and symmetric");
    const std::string band = band_width_error(m_domain.grid, p.tension);
    TESSERA_REQUIRE(band.empty(), "surface tension: " + band);
  }
  for (const SpeciesParams& s : p.species)
    TESSERA_REQUIRE(std::isfinite(s.tau) && std::isfinite(s.v0) && s.rotational_diffusion >= 0 && s.tumble_rate >= 0 &&
                        s.steering_noise >= 0,
                    "species '" + s.name + "': tau and v0 must be finite, rates and noises >= 0");
}

std::vector<double> Simulation::per_cell(double SpeciesParams::*field) const {
  std::vector<double> values(m_cells.size());
  for (int i = 0; i < m_cells.size(); ++i) values[i] = m_params.species[m_cells.species[i]].*field;
  return values;
}

void Simulation::rebuild_costs() {
  const int dim = m_domain.grid.dim;
  m_costs.resize(m_cells.size());
  for (int i = 0; i < m_cells.size(); ++i) {
    CostSpec spec = m_params.species[m_cells.species[i]].cost;
    spec.C *= m_cells.stiffness[i];  // graded stiffness within a species
    m_costs[i] = make_cell_cost(spec, m_cells.axis[i], m_cells.aspect[i], dim);
  }
}

const FitResult& Simulation::fit() {
  rebuild_costs();
  m_engine.set_cells(m_cells.x, m_costs);
  m_stats.last_fit = fit_volumes(m_engine, CellSetView{m_cells.x, m_costs}, m_cells.volume, m_cells.potential,
                                 m_params.fit);
  if (!m_stats.last_fit.converged) ++m_stats.fit_failures;
  return m_stats.last_fit;
}

void Simulation::step(Profile& profile) {
  const Grid& grid = m_domain.grid;
  const int dim = grid.dim;
  const int n = m_cells.size();
  const double dt = m_params.dt;
  const CounterRng rng{m_params.seed};

  // fit: volumes at the current seeds (the forces below are evaluated there).
  {
    ScopedTimer timer(profile, Stage::Fit, &m_exec);
    fit();
  }
  const CellMoments moments = m_engine.moments();

  // correct: incompressibility force or barycentric move, per-species gain.
  std::vector<Vec3> velocity(n);
  {
    ScopedTimer timer(profile, Stage::Correct);
    std::vector<double> tau = per_cell(&SpeciesParams::tau);
    const double kept_volume = static_cast<double>(m_domain.n_kept) * grid.pixel_volume();
    for (int i = 0; i < n; ++i) {
      const double k = m_params.species[m_cells.species[i]].tau_radius_exponent;
      if (k != 0) {
        // Radius of a disk/ball of the cell's target volume (box units).
        const double v = m_cells.volume[i] * kept_volume;
        const double r = dim == 2 ? std::sqrt(v / std::numbers::pi) : std::cbrt(3.0 * v / (4.0 * std::numbers::pi));
        tau[i] /= std::pow(r, k);
      }
      tau[i] *= m_params.correction_gain;
    }
    if (m_params.correction == Correction::Force) {
      velocity = incompressibility_forces(moments, tau);
    } else {
      // Relaxation toward the barycentre at rate tau: velocity tau (b_i - x_i) (ChemoDeformation).
      velocity = barycentric_moves(grid, moments, m_cells.x, tau, m_params.barycenter);
    }
  }

  // surface tension (2D): interface and Young forces on the labels of this fit.
  if (m_params.surface_tension) {
    ScopedTimer timer(profile, Stage::Correct);
    const int n_types = static_cast<int>(m_params.species.size()) + 1;
    TensionTable table(n_types);
    for (int a = 0; a < n_types; ++a)
      for (int b = a; b < n_types; ++b) table.set(a, b, m_params.tensions[a * n_types + b]);
    std::vector<int> types(n);
    for (int i = 0; i < n; ++i) types[i] = m_cells.species[i] + 1;
    const SurfaceTensionForces st =
        surface_tension_forces(grid, m_engine.labels(), m_cells.x, moments.centroid, types, table, m_params.tension);
    for (int i = 0; i < n; ++i)
      velocity[i] += m_params.tension.interface_gain * st.interface.force[i] + m_params.tension.junction_gain * st.junction.force[i];
  }

  // dynamics: propulsion and body force at the current axes, then the axes turn.
  {
    ScopedTimer timer(profile, Stage::Dynamics);
    add_self_propulsion(velocity, m_cells.axis, per_cell(&SpeciesParams::v0));
    add_body_force(velocity, m_params.gravity);
    if (m_params.center_drift != 0) add_centripetal_drift(velocity, m_cells.x, m_params.drift_center, m_params.center_drift);
    rotational_diffusion(m_cells, per_cell(&SpeciesParams::rotational_diffusion), dt, dim, rng, m_step);
    m_stats.last_tumbles = run_and_tumble(m_cells, per_cell(&SpeciesParams::tumble_rate), dt, dim, rng, m_step);
    if (m_params.steer)
      steer_toward(m_cells, m_params.steer_target, per_cell(&SpeciesParams::steering_noise), dt, dim, rng, m_step);

    // move. A step longer than a quarter of the box means the forces are far too stiff for
    // dt (or something diverged): stop with the reason instead of scattering the seeds.
    for (int i = 0; i < n; ++i) {
      const double jump = norm(dt * velocity[i]);
      if (!(jump <= 0.25 * grid.length[0]))
        throw_error("step " + std::to_string(m_step) + ": cell " + std::to_string(i) + " would move " +
                    std::to_string(jump) + " box lengths in one step; the forces are too stiff for dt = " +
                    std::to_string(dt) + " (lower dt or the gain tau)");
    }
    for (int i = 0; i < n; ++i) m_cells.x[i] = grid.wrap_position(m_cells.x[i] + dt * velocity[i]);

    // shape: from the labels of this step's fit (section 4.3: before the seeds moved).
    for (int i = 0; i < n; ++i) {
      const SpeciesParams& s = m_params.species[m_cells.species[i]];
      if (!s.axis_from_shape || moments.counts[i] < 2) continue;
      const ShapeEstimate shape =
          shape_from_covariance(moments.covariance[i], dim, m_cells.axis[i], s.aspect_min, s.aspect_max);
      if (!shape.valid) continue;
      m_cells.axis[i] = shape.axis;
      if (dim == 3 && s.aspect_from_shape) m_cells.aspect[i] = shape.aspect;
    }

    // events: growth, then division of mature cells (section 4.8), one pass.
    if (m_params.growth) {
      grow_volumes(m_cells, m_params.growth_speed, m_params.mature_volume, dt);
      const double p_divide = 1.0 - std::exp(-m_params.division_rate * dt);
      const std::uint64_t stream = random_stream(RandomPurpose::Division, m_step) ^ (1ull << 47);
      std::vector<char> dividing(m_cells.size(), 0);
      int budget = m_params.max_cells - m_cells.size();
      for (int i = 0; i < m_cells.size() && budget > 0; ++i)
        if (m_cells.volume[i] > m_params.divide_above * m_params.mature_volume && rng.uniform(stream, m_cells.id[i]) < p_divide) {
          dividing[i] = 1;
          --budget;
        }
      DivisionParams division;
      division.offset = m_params.division_offset;
      m_stats.divisions += divide_cells(m_cells, dividing, division, dim, rng, m_step);
    }

    // events: the exit (Evacuation); the removed volume returns to the void.
    if (m_params.exit) {
      const Vec3 lo = m_params.exit_min, hi = m_params.exit_max;
      const std::vector<char> leaving = flag_cells(m_cells, [&](const Vec3& x) {
        for (int a = 0; a < dim; ++a)
          if (x[a] < lo[a] || x[a] > hi[a]) return false;
        return true;
      });
      const std::int64_t n_leaving = std::count(leaving.begin(), leaving.end(), 1);
      if (n_leaving > 0) {
        m_cells.remove_flagged(leaving);
        m_stats.removed += n_leaving;
      }
    }
  }
  ++m_step;
}

}  // namespace tessera
