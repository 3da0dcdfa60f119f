#include "sim/particles/simulation.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "engine/error.h"
#include "engine/rng.h"
#include "sim/ot/cost_setup.h"
#include "sim/particles/free_shape.h"
#include "sim/particles/motion.h"

namespace tessera {

namespace {
// Radius of a disk (2D) or ball (3D) holding `fraction` of a kept volume (box units).
double target_radius(double fraction, double kept_volume, int dim) {
  const double v = fraction * kept_volume;
  return dim == 2 ? std::sqrt(v / std::numbers::pi) : std::cbrt(3.0 * v / (4.0 * std::numbers::pi));
}
}  // namespace

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

void Simulation::restore_counters(const SimStats& c) {
  m_stats.fit_failures = c.fit_failures;
  m_stats.removed = c.removed;
  m_stats.divisions = c.divisions;
  m_stats.inserted = c.inserted;
  m_stats.burst = c.burst;
  m_stats.fused = c.fused;
  m_stats.burst_volume = c.burst_volume;
  m_stats.insertions_blocked = c.insertions_blocked;
}

void Simulation::set_params(const SimParams& params) {
  TESSERA_REQUIRE(params.with_void == m_params.with_void, "the void cannot be switched on or off in a running simulation");
  m_params = params;
  validate();
}

void Simulation::validate() const {
  const SimParams& p = m_params;
  TESSERA_REQUIRE(!p.species.empty(), "a simulation needs at least one species");
  check_fields(sim_fields(), p, "");  // dt > 0, a finite gain, ...
  check_fields(growth_limit_fields(), p, "growth.");
  m_cells.validate();
  for (int i = 0; i < m_cells.size(); ++i) {
    const int s = m_cells.species[i];
    TESSERA_REQUIRE(s >= 0 && s < static_cast<int>(p.species.size()),
                    "cell " + std::to_string(i) + " has species " + std::to_string(s) + ", but only " +
                        std::to_string(p.species.size()) + " are defined");
  }
  if (p.growth) {
    check_fields(growth_fields(), *p.growth, "growth.");
    TESSERA_REQUIRE(p.mature_volume > 0, "growth: mature_volume must be > 0");
  }
  if (p.surface_tension) {
    const std::vector<double>& tensions = p.surface_tension->tensions;
    const std::size_t n_types = p.species.size() + 1;
    TESSERA_REQUIRE(m_domain.grid.dim == 2, "2D surface tension needs a 2D grid");
    TESSERA_REQUIRE(tensions.size() == n_types * n_types,
                    "surface tension: the table needs (species + 1)^2 = " + std::to_string(n_types * n_types) + " values");
    for (std::size_t a = 0; a < n_types; ++a)
      for (std::size_t b = 0; b < n_types; ++b)
        TESSERA_REQUIRE(std::isfinite(tensions[a * n_types + b]) && tensions[a * n_types + b] == tensions[b * n_types + a],
                        "surface tension: the table must be finite and symmetric");
    const std::string band = band_width_error(m_domain.grid, p.surface_tension->forces);
    TESSERA_REQUIRE(band.empty(), "surface tension: " + band);
  }
  if (p.surface_tension_3d) {
    const Grid& g = m_domain.grid;
    TESSERA_REQUIRE(g.dim == 3 && !g.periodic[0] && !g.periodic[1] && !g.periodic[2],
                    "3D surface tension needs a walled 3D grid (the interface mesh has walls on every side)");
    TESSERA_REQUIRE(p.surface_tension_3d->gamma.n_cell_types() == static_cast<int>(p.species.size()) &&
                        p.surface_tension_3d->eta.n_cell_types() == static_cast<int>(p.species.size()),
                    "3D surface tension: the gamma and eta tables need one cell type per species (" +
                        std::to_string(p.species.size()) + ")");
  }
  if (p.bubbles) {
    TESSERA_REQUIRE(p.with_void, "bubbles need the void (bursts return their volume to it)");
    validate_bubble_params(*p.bubbles, m_domain.grid, m_domain.n_kept);
  }
  if (p.insertion) {
    TESSERA_REQUIRE(p.with_void, "insertion needs the void (new cells take their volume from it)");
    const std::string bad = insertion_params_error(*p.insertion);
    TESSERA_REQUIRE(bad.empty(), "insertion: " + bad);
    TESSERA_REQUIRE(p.insertion->species < static_cast<int>(p.species.size()),
                    "insertion: species " + std::to_string(p.insertion->species) + " is not defined");
    // The fit would refuse a new cell below this size in the middle of a run.
    const double pixels = p.insertion->volume * static_cast<double>(m_domain.n_kept);
    TESSERA_REQUIRE(pixels >= p.fit.min_pixels_per_cell,
                    "insertion: a new cell would hold " + std::to_string(pixels) + " pixels, fewer than the " +
                        std::to_string(p.fit.min_pixels_per_cell) + " the fit needs (raise the resolution or the volume)");
  }
  TESSERA_REQUIRE(p.force_sum == ForceSum::Cell || p.bias == CostBias::None,
                  "the contacts force sum needs unbiased costs (a biased free shape is not symmetric about its seed)");
  if (p.bias == CostBias::Protrusions) {
    TESSERA_REQUIRE(m_domain.grid.dim == 2, "protrusions are defined in 2D only (section 5.7)");
    validate_protrusion_params(p.protrusions);
  }
  if (p.bias == CostBias::Chemotaxis) make_chemotaxis_bias(p.chemotaxis, m_domain.grid.dim);  // its checks
  for (const SpeciesParams& s : p.species)
    TESSERA_REQUIRE(std::isfinite(s.tau) && std::isfinite(s.v0) && s.rotational_diffusion >= 0 && s.tumble_rate >= 0 &&
                        s.steering_noise >= 0 && std::isfinite(s.cost_radius_exponent),
                    "species '" + s.name + "': tau, v0 and cost_radius_exponent must be finite, rates and noises >= 0");
}

std::vector<double> Simulation::per_cell(double SpeciesParams::*field) const {
  std::vector<double> values(m_cells.size());
  for (int i = 0; i < m_cells.size(); ++i) values[i] = m_params.species[m_cells.species[i]].*field;
  return values;
}

void Simulation::rebuild_costs() {
  const int dim = m_domain.grid.dim;
  const double kept_volume = static_cast<double>(m_domain.n_kept) * m_domain.grid.pixel_volume();
  m_costs.resize(m_cells.size());
  for (int i = 0; i < m_cells.size(); ++i) {
    const SpeciesParams& species = m_params.species[m_cells.species[i]];
    CostSpec spec = species.cost;
    spec.C *= m_cells.stiffness[i];  // graded stiffness within a species
    // C_i = C / R_i^k from the current target volume (the 3D surface-tension scenes'
    // gamma / R_i, recomputed every fit, so it follows fusions and insertions).
    if (species.cost_radius_exponent != 0)
      spec.C /= std::pow(target_radius(m_cells.volume[i], kept_volume, dim), species.cost_radius_exponent);
    m_costs[i] = make_cell_cost(spec, m_cells.axis[i], m_cells.aspect[i], dim);
  }
  // The bias of the solver's cost (section 2.8): the attractant, or each cell's protrusions.
  m_biases.clear();
  if (m_params.bias == CostBias::Chemotaxis)
    m_biases.assign(m_cells.size(), make_chemotaxis_bias(m_params.chemotaxis, dim));
  if (m_params.bias == CostBias::Protrusions)
    for (int i = 0; i < m_cells.size(); ++i)
      m_biases.push_back(make_protrusion_bias(m_cells.protrusion[i], m_cells.protrusion_angle[i]));
}

const FitResult& Simulation::fit() {
  rebuild_costs();
  m_engine.set_cells(m_cells.x, m_costs, m_biases);
  m_stats.last_fit = fit_volumes(m_engine, CellSetView{m_cells.x, m_costs, m_biases}, m_cells.volume,
                                 m_cells.potential, m_params.fit);
  if (!m_stats.last_fit.converged) ++m_stats.fit_failures;
  return m_stats.last_fit;
}

void Simulation::step(Profile& profile) {
  const Grid& grid = m_domain.grid;
  const int dim = grid.dim;
  const int n = m_cells.size();
  const double dt = m_params.dt;
  const CounterRng rng{m_params.seed};

  // protrusions (5.7): the amplitudes fluctuate before the fit that they bias.
  const bool protrusions = m_params.bias == CostBias::Protrusions;
  if (protrusions) fluctuate_protrusions(m_cells, m_params.protrusions, dt, rng, m_step);

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
      if (k != 0) tau[i] /= std::pow(target_radius(m_cells.volume[i], kept_volume, dim), k);
      tau[i] *= m_params.correction_gain;
    }
    if (m_params.correction == Correction::Force) {
      velocity = incompressibility_forces(moments, tau);
      if (m_params.force_sum == ForceSum::Contacts) {
        const std::vector<Vec3> free_sums =
            free_shape_gradient_sums(grid, m_cells.x, m_costs, m_cells.potential, m_domain.n_kept);
        for (int i = 0; i < n; ++i) velocity[i] += tau[i] * free_sums[i];
      }
      m_stats.max_correction_stiffness = 0;
      for (int i = 0; i < n; ++i)
        m_stats.max_correction_stiffness = std::max(m_stats.max_correction_stiffness, dt * tau[i] * moments.cost_stiffness[i]);
      if (m_params.correction_step == CorrectionStep::SemiImplicit) velocity = semi_implicit_steps(velocity, moments, tau, dt);
    } else {
      // Relaxation toward the barycentre at rate tau: velocity tau (b_i - x_i) (ChemoDeformation).
      velocity = barycentric_moves(grid, moments, m_cells.x, tau, m_params.barycenter);
    }
  }

  // protrusions (5.7): tips near a wall retract, then the seed is pulled toward its
  // pixels beyond R0 (the correction above used the unbiased gradient, section 2.8).
  if (protrusions) {
    ScopedTimer timer(profile, Stage::Correct);
    retract_protrusions_at_walls(m_cells, m_params.protrusions, grid);
    const std::vector<Vec3> pull = protrusion_forces(grid, m_engine.labels(), m_cells.x, m_params.protrusions.radius);
    for (int i = 0; i < n; ++i) velocity[i] += m_params.protrusions.force_gain * pull[i];
  }

  // surface tension (2D): interface and Young forces on the labels of this fit.
  if (m_params.surface_tension) {
    ScopedTimer timer(profile, Stage::Correct);
    const SurfaceTensionRule& rule = *m_params.surface_tension;
    const int n_types = static_cast<int>(m_params.species.size()) + 1;
    TensionTable table(n_types);
    for (int a = 0; a < n_types; ++a)
      for (int b = a; b < n_types; ++b) table.set(a, b, rule.tensions[a * n_types + b]);
    std::vector<int> types(n);
    for (int i = 0; i < n; ++i) types[i] = m_cells.species[i] + 1;
    const SurfaceTensionForces st =
        surface_tension_forces(grid, m_engine.labels(), m_cells.x, moments.centroid, types, table, rule.forces);
    for (int i = 0; i < n; ++i)
      velocity[i] += rule.forces.interface_gain * st.interface.force[i] + rule.forces.junction_gain * st.junction.force[i];
  }

  // surface tension (3D): curvature, positional and wall forces on the interface mesh
  // of this fit's labels, then the momentum correction of each aggregate (section 4.6).
  if (m_params.surface_tension_3d) {
    ScopedTimer timer(profile, Stage::Correct);
    const LabelMesh mesh = build_label_mesh(grid, m_engine.labels(), m_params.mesh);
    const MeshGeometry geometry = mesh_geometry(mesh, m_params.mesh);
    std::vector<std::int32_t> types(n);
    for (int i = 0; i < n; ++i) types[i] = m_cells.species[i] + 1;
    const SurfaceForces3D st = surface_tension_forces_3d(mesh, geometry, m_cells.x, types, *m_params.surface_tension_3d);
    for (int i = 0; i < n; ++i) velocity[i] += st.attraction[i] + st.correction[i];
  }

  // dynamics: propulsion and body force at the current axes, then the axes turn.
  {
    ScopedTimer timer(profile, Stage::Dynamics);
    add_self_propulsion(velocity, m_cells.axis, per_cell(&SpeciesParams::v0));
    add_body_force(velocity, m_params.gravity);
    if (m_params.center_drift != 0) add_centripetal_drift(velocity, m_cells.x, m_params.drift_center, m_params.center_drift);
    if (m_params.bubbles) add_bubble_forces(velocity, m_cells.x, grid, *m_params.bubbles);
    rotational_diffusion(m_cells, per_cell(&SpeciesParams::rotational_diffusion), dt, dim, rng, m_step);
    m_stats.last_tumbles = run_and_tumble(m_cells, per_cell(&SpeciesParams::tumble_rate), dt, dim, rng, m_step);
    if (m_params.steer_target)
      steer_toward(m_cells, *m_params.steer_target, per_cell(&SpeciesParams::steering_noise), dt, dim, rng, m_step);

    // move. A step longer than a quarter of the box means the forces are far too stiff for
    // dt (or something diverged): stop with the reason instead of scattering the seeds.
    for (int i = 0; i < n; ++i) {
      const double jump = norm(dt * velocity[i]);
      if (!(jump <= 0.25 * grid.length[0]))
        throw_error("step " + std::to_string(m_step) + ": cell " + std::to_string(i) + " would move " +
                    std::to_string(jump) + " box lengths in one step; the forces are too stiff for dt = " +
                    std::to_string(dt) + " (lower dt or the gain tau)");
    }
    // Bubbles clamp their seeds into the box before moving them (section 5.13's update).
    if (m_params.bubbles) clamp_bubble_seeds(m_cells.x, *m_params.bubbles);
    for (int i = 0; i < n; ++i) m_cells.x[i] = grid.wrap_position(m_cells.x[i] + dt * velocity[i]);
    if (protrusions) decay_protrusions(m_cells, m_params.protrusions, dt);

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

    // events: bubbles burst, fuse and appear (section 5.13), judged on the labels of
    // this step's fit, which still index the cells (no event has run yet).
    if (m_params.bubbles) {
      const std::vector<TouchingPair> pairs =
          m_params.bubbles->fusion_rate > 0 ? touching_pairs(grid, m_engine.labels()) : std::vector<TouchingPair>{};
      const BubbleEventCounts events = bubble_events(m_cells, pairs, grid, *m_params.bubbles, dt, rng, m_step);
      m_stats.inserted += events.inserted;
      m_stats.burst += events.burst;
      m_stats.fused += events.fused;
      m_stats.burst_volume += events.burst_volume;
    }

    // events: new cells (section 4.8; FallingStuff's funnel feed).
    if (m_params.insertion) {
      const InsertionCounts added =
          insert_cells(m_cells, *m_params.insertion, dim, dt, rng, random_stream(RandomPurpose::InsertionCount, m_step),
                       random_stream(RandomPurpose::InsertionPlacement, m_step));
      m_stats.inserted += added.inserted;
      m_stats.insertions_blocked += added.blocked;
    }

    // events: growth, then division of mature cells (section 4.8), one pass.
    if (m_params.growth) {
      const GrowthParams& growth = *m_params.growth;
      grow_volumes(m_cells, growth.speed, m_params.mature_volume, dt);
      const double p_divide = 1.0 - std::exp(-growth.division_rate * dt);
      const std::uint64_t stream = random_stream(RandomPurpose::Division, m_step) ^ (1ull << 47);
      std::vector<char> dividing(m_cells.size(), 0);
      int budget = m_params.max_cells - m_cells.size();
      for (int i = 0; i < m_cells.size() && budget > 0; ++i)
        if (m_cells.volume[i] > growth.divide_above * m_params.mature_volume && rng.uniform(stream, m_cells.id[i]) < p_divide) {
          dividing[i] = 1;
          --budget;
        }
      DivisionParams division;
      division.offset = growth.division_offset;
      m_stats.divisions += divide_cells(m_cells, dividing, division, dim, rng, m_step);
    }

    // events: the exit (Evacuation); the removed volume returns to the void.
    if (m_params.exit) {
      const Vec3 lo = m_params.exit->min, hi = m_params.exit->max;
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
