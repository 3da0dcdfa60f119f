#include "scenes/particles/session.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>

#include "engine/error.h"
#include "scenes/particles/run_outputs.h"

namespace tessera {

namespace {
// A fit whose mean error ends above this multiple of the tolerance has broken down.
constexpr double kBreakdownFactor = 10.0;

// A position the user points at, as a seed: wrapped on periodic axes, clamped to walls.
Vec3 into_box(const Grid& g, const Vec3& position) {
  Vec3 x = g.wrap_position(position);
  for (int a = 0; a < g.dim; ++a) x[a] = std::clamp(x[a], 0.0, g.length[a]);
  return x;
}
}  // namespace

void StepHistory::push(const StepRecord& record) {
  m_records.push_back(record);
  while (m_records.size() > m_capacity) m_records.pop_front();
}

Session::Session(SceneFile file, const Exec& exec) : m_source(std::move(file)), m_exec(exec) {
  m_scene = &require_scene(m_source.scene);
  rebuild();
}

Session Session::of_scene(std::string_view name, const SceneOptions& options, const Exec& exec) {
  return Session(scene_file_of(require_scene(name), options), exec);
}

void Session::rebuild() {
  m_sim = std::make_unique<Simulation>(make_simulation(m_source, m_exec));
  m_profile.clear();
  m_history.clear();
  m_failure = {};
}

int Session::step(int substeps) {
  m_profile.clear();
  m_failure = {};
  int taken = 0;
  for (; taken < substeps; ++taken) {
    Profile profile;
    try {
      step_scene(*m_scene, *m_sim, profile);
    } catch (const std::exception& e) {
      // The frame checks its input before changing the state (e.g. a step longer than a
      // quarter of the box is refused before any seed moves), so the state stays usable.
      m_failure = {m_sim->step_count(), e.what()};
      break;
    }
    for (int k = 0; k < static_cast<int>(Stage::Count); ++k) m_profile.ms[k] += profile.ms[k];
    const FitResult& fit = m_sim->stats().last_fit;
    m_history.push({m_sim->step_count(), fit.mean_error, fit.max_error, fit.newton_iterations, fit.lbfgs_iterations,
                    fit.passes, fit.converged, profile});
    // A slightly missed tolerance is counted and shown (SimStats::fit_failures); a fit
    // that broke down (non-finite errors, or errors far above the tolerance) stops the run.
    const double limit = kBreakdownFactor * m_sim->params().fit.tolerance;
    if (!fit.converged && (!std::isfinite(fit.mean_error) || fit.mean_error > limit)) {
      m_failure = {m_sim->step_count(), "the volume fit failed: " + fit.failure};
      ++taken;
      break;
    }
  }
  return taken;
}

void Session::reset() { rebuild(); }

void Session::reset_with_seed(std::uint64_t seed) {
  // Without cells in the file the initial placement changes too; a saved state keeps
  // its cells and only the random streams change.
  m_source.params.seed = seed;
  rebuild();
}

SceneFile Session::snapshot() const { return tessera::snapshot(m_source, *m_sim); }

void Session::set_params(const SimParams& params) {
  const SimParams old = m_sim->params();
  try {
    m_sim->set_params(params);
    m_sim->fit();
  } catch (...) {
    m_sim->set_params(old);
    throw;
  }
}

void Session::refit_after_edit(const CellState& before) {
  try {
    m_sim->fit();
  } catch (...) {
    // The edit is refused as a whole: the cells go back to what they were.
    m_sim->mutable_cells() = before;
    m_sim->fit();
    throw;
  }
  m_failure = {};
}

int Session::add_cell(const Vec3& position, int species) {
  CellState& cells = m_sim->mutable_cells();
  const CellState before = cells;
  const SimParams& params = m_sim->params();
  TESSERA_REQUIRE(species >= 0 && species < static_cast<int>(params.species.size()),
                  "add cell: species " + std::to_string(species) + " does not exist");
  // The new cell takes the mean target volume of its species (of all cells when the
  // species has none yet); its aspect and stiffness likewise.
  double volume = 0, aspect = 0;
  int n_same = 0;
  for (int i = 0; i < cells.size(); ++i)
    if (cells.species[i] == species) {
      volume += cells.volume[i];
      aspect += cells.aspect[i];
      ++n_same;
    }
  if (n_same > 0) {
    volume /= n_same;
    aspect /= n_same;
  } else {
    volume = cells.size() > 0 ? cells.total_volume() / cells.size() : 0.01;
    aspect = 1.0;
  }
  if (params.with_void)
    TESSERA_REQUIRE(cells.total_volume() + volume < 1.0,
                    "add cell: no room — the cells already take the whole domain (remove one first)");
  const Grid& g = grid();
  const Vec3 x = into_box(g, position);
  const Vec3 axis = g.dim == 3 ? Vec3{0, 0, 1} : Vec3{1, 0, 0};
  const int index = cells.add(x, axis, aspect, volume, species);
  refit_after_edit(before);
  return index;
}

void Session::remove_cell(int index) {
  CellState& cells = m_sim->mutable_cells();
  const CellState before = cells;
  TESSERA_REQUIRE(index >= 0 && index < cells.size(), "remove cell: no cell " + std::to_string(index));
  TESSERA_REQUIRE(cells.size() > 1, "remove cell: the last cell cannot be removed");
  cells.remove(index);
  refit_after_edit(before);
}

void Session::move_cell(int index, const Vec3& position) {
  CellState& cells = m_sim->mutable_cells();
  const CellState before = cells;
  TESSERA_REQUIRE(index >= 0 && index < cells.size(), "move cell: no cell " + std::to_string(index));
  cells.x[index] = into_box(grid(), position);
  refit_after_edit(before);
}

void Session::scale_species_volume(int species, double factor) {
  CellState& cells = m_sim->mutable_cells();
  const CellState before = cells;
  TESSERA_REQUIRE(species >= 0 && species < static_cast<int>(m_sim->params().species.size()),
                  "scale volume: species " + std::to_string(species) + " does not exist");
  TESSERA_REQUIRE(std::isfinite(factor) && factor > 0, "scale volume: the factor must be > 0");
  double total = 0;
  for (int i = 0; i < cells.size(); ++i) total += cells.volume[i] * (cells.species[i] == species ? factor : 1.0);
  TESSERA_REQUIRE(!m_sim->params().with_void || total < 1.0,
                  "scale volume: the cells would take " + std::to_string(total) + " of the domain (at most 1)");
  for (int i = 0; i < cells.size(); ++i)
    if (cells.species[i] == species) cells.volume[i] *= factor;
  refit_after_edit(before);
}

void Session::set_species_aspect(int species, double aspect) {
  CellState& cells = m_sim->mutable_cells();
  const CellState before = cells;
  TESSERA_REQUIRE(std::isfinite(aspect) && aspect >= 1.0, "aspect ratio: must be >= 1");
  for (int i = 0; i < cells.size(); ++i)
    if (cells.species[i] == species) cells.aspect[i] = aspect;
  refit_after_edit(before);
}

void Session::paint_wall(const WallStroke& stroke) {
  SceneFile next = snapshot();
  next.domain.walls.push_back(stroke);
  const Grid& g = grid();
  const Domain domain = build_domain(g, next.domain);  // refuses a domain with no pixel
  CellState& cells = *next.cells;
  std::vector<char> in_wall(static_cast<std::size_t>(cells.size()), 0);
  int n_left = cells.size();
  if (domain.has_mask()) {
    const std::vector<std::uint8_t>& mask = domain.mask.host();
    for (int i = 0; i < cells.size(); ++i) {
      if (mask[static_cast<std::size_t>(g.index_at(cells.x[i]))] == 0) {
        in_wall[static_cast<std::size_t>(i)] = 1;
        --n_left;
      }
    }
  }
  TESSERA_REQUIRE(n_left > 0, "paint wall: the wall would cover every cell's seed");
  cells.remove_flagged(in_wall);
  // Targets are fractions of the kept pixels: rescale them so each cell keeps its size.
  const double scale = static_cast<double>(m_sim->domain().n_kept) / static_cast<double>(domain.n_kept);
  for (double& v : cells.volume) v *= scale;
  TESSERA_REQUIRE(!next.params.with_void || cells.total_volume() < 1.0,
                  "paint wall: the cells would no longer fit in the domain (remove some cells first)");
  auto sim = std::make_unique<Simulation>(make_simulation(next, m_exec));
  m_sim = std::move(sim);
  m_source.domain.walls.push_back(stroke);
  m_failure = {};
}

int Session::cell_at(const Vec3& position) {
  const Grid& g = grid();
  if (!g.contains(position)) return -1;
  const std::int32_t label = m_sim->labels()[static_cast<std::size_t>(g.index_at(position))];
  return label >= 0 && label < m_sim->cells().size() ? label : -1;
}

}  // namespace tessera

namespace tessera {

std::string Session::title() const {
  return m_source.preset.empty() ? m_source.scene : m_source.scene + " / " + m_source.preset;
}

std::string Session::backend() const { return describe(m_exec); }

double Session::time_per_step() const { return m_sim->params().dt; }

std::vector<StageTime> Session::stage_times() const {
  std::vector<StageTime> out;
  for (Stage st : {Stage::Dynamics, Stage::Fit, Stage::Correct})
    out.push_back({std::string(kStageNames[static_cast<int>(st)]), m_profile[st]});
  return out;
}

void Session::save(const std::filesystem::path& path, bool overwrite) const {
  save_scene_file(path, snapshot(), overwrite);
}

void Session::check_run(const RunRequest& request) const { check_particle_outputs(*this, request); }

std::unique_ptr<RunOutputs> Session::open_outputs(const RunRequest& request) {
  return open_particle_outputs(*this, request);
}

}  // namespace tessera
