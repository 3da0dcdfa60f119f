#include "scenes/particles/cell_colors.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/color_scale.h"
#include "engine/error.h"

namespace tessera {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Smallest and largest finite value; {NaN, NaN} when there is none.
std::array<double, 2> finite_range(const std::vector<double>& values) {
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (double v : values)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (lo > hi) return {kNaN, kNaN};
  return {lo, hi};
}

// Sequential colours over the finite range of `values` (all at mid-scale when equal).
void color_sequential(CellColoring& out, std::string label) {
  const auto [lo, hi] = finite_range(out.values);
  out.legend = {ColorScale::Sequential, lo, hi, std::move(label)};
  out.colors.resize(out.values.size());
  for (std::size_t i = 0; i < out.values.size(); ++i) {
    const double v = out.values[i];
    const double t = !std::isfinite(v) ? kNaN : (hi > lo ? (v - lo) / (hi - lo) : 0.5);
    out.colors[i] = sequential_color(t);
  }
}

// Relative volume errors from the counts of the last fit (NaN when they do not describe
// the current cells).
std::vector<double> volume_errors(const CellColorInput& in) {
  const CellState& c = in.cells;
  std::vector<double> errors(c.size(), kNaN);
  if (static_cast<int>(in.counts.size()) != c.size() || in.n_kept <= 0) return errors;
  const double n_kept = static_cast<double>(in.n_kept);
  for (int i = 0; i < c.size(); ++i)
    if (c.volume[i] > 0) errors[i] = static_cast<double>(in.counts[i]) / n_kept / c.volume[i] - 1.0;
  return errors;
}

}  // namespace

std::string_view color_mode_name(ColorMode mode) { return kColorModeNames[static_cast<std::size_t>(mode)]; }

std::optional<ColorMode> parse_color_mode(std::string_view text) {
  for (std::size_t k = 0; k < kColorModeNames.size(); ++k)
    if (kColorModeNames[k] == text) return static_cast<ColorMode>(k);
  return std::nullopt;
}

void SpeedTracker::reset() {
  m_positions.clear();
  m_speeds.clear();
  m_step = -1;
}

CellColorInput color_input(Simulation& sim, std::vector<std::int64_t>& counts) {
  const CellState& c = sim.cells();
  counts.clear();
  if (sim.labels_match_cells()) counts = label_counts(sim.labels(), c.size());
  return CellColorInput{c, sim.params(), sim.domain().grid, counts, sim.domain().n_kept, sim.step_count()};
}

const std::vector<double>& SpeedTracker::update(Simulation& sim) {
  std::vector<std::int64_t> counts;
  return update(color_input(sim, counts));
}

const std::vector<double>& SpeedTracker::update(const CellColorInput& in) {
  const CellState& c = in.cells;
  const std::int64_t step = in.step;
  if (step < m_step) reset();  // the run went back: old positions describe another state
  if (step > m_step) {
    // A new interval: speeds of the cells seen at both ends, then remember this end.
    std::unordered_map<std::uint64_t, double> speeds;
    if (m_step >= 0) {
      const Grid& grid = in.grid;
      const double elapsed = in.params.dt * static_cast<double>(step - m_step);
      for (int i = 0; i < c.size(); ++i) {
        const auto it = m_positions.find(c.id[i]);
        if (it != m_positions.end()) speeds[c.id[i]] = norm(grid.wrap_displacement(c.x[i] - it->second)) / elapsed;
      }
    }
    m_speeds = std::move(speeds);
    m_positions.clear();
    for (int i = 0; i < c.size(); ++i) m_positions[c.id[i]] = c.x[i];
    m_step = step;
  }
  m_out.assign(c.size(), kNaN);
  for (int i = 0; i < c.size(); ++i) {
    const auto it = m_speeds.find(c.id[i]);
    if (it != m_speeds.end()) m_out[i] = it->second;
  }
  return m_out;
}

CellColoring cell_colors(Simulation& sim, ColorMode mode, const CellColorOptions& options, SpeedTracker* speeds) {
  std::vector<std::int64_t> counts;
  return cell_colors(color_input(sim, counts), mode, options, speeds);
}

CellColoring cell_colors(const CellColorInput& in, ColorMode mode, const CellColorOptions& options,
                         SpeedTracker* speeds) {
  const CellState& c = in.cells;
  const SimParams& params = in.params;
  CellColoring out;
  switch (mode) {
    case ColorMode::Species: {
      // The species' colour, each cell shaded a little by its id so that neighbours differ.
      out.legend.label = "species";
      out.colors.resize(c.size());
      for (int i = 0; i < c.size(); ++i) {
        const auto& rgb = params.species[c.species[i]].color;
        out.colors[i] = shade(Rgb8{rgb[0], rgb[1], rgb[2]}, static_cast<std::uint32_t>(c.id[i]));
      }
      return out;
    }
    case ColorMode::Id: {
      out.legend.label = "cell id";
      out.colors.resize(c.size());
      for (int i = 0; i < c.size(); ++i) out.colors[i] = label_color(static_cast<std::int32_t>(c.id[i] & 0x7FFFFFFFu));
      return out;
    }
    case ColorMode::VolumeError: {
      out.values = volume_errors(in);
      double range = options.error_range;
      if (!(range > 0)) {
        range = 0;
        for (double e : out.values)
          if (std::isfinite(e)) range = std::max(range, std::fabs(e));
        if (!(range > 0)) range = params.fit.tolerance;
      }
      out.legend = {ColorScale::Diverging, -range, range, "volume error (measured / target - 1)"};
      out.colors.resize(c.size());
      for (int i = 0; i < c.size(); ++i) out.colors[i] = diverging_color(out.values[i] / range);
      return out;
    }
    case ColorMode::Pressure: {
      out.values = c.potential;
      color_sequential(out, "pressure: potential f_i (cost units)");
      return out;
    }
    case ColorMode::Speed: {
      TESSERA_REQUIRE(speeds != nullptr, "cell colours: the speed mode needs a SpeedTracker");
      out.values = speeds->update(in);
      color_sequential(out, "speed (box units / time unit)");
      return out;
    }
  }
  throw_error("cell colours: unknown colour mode " + std::to_string(static_cast<int>(mode)));
}

}  // namespace tessera
