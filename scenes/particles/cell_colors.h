#pragma once
// Per-cell colours for the views and exports: one Rgb8 per cell of a Simulation, by
// category (species, id) or through a colour scale of a per-cell quantity (volume error,
// pressure, speed), with the range used so that the view can draw a legend. GL-free:
// the window uploads the colours as a table indexed by label, the PNG export passes them
// to render_labels (engine/label_image.h).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/colormap.h"
#include "engine/vec.h"
#include "sim/particles/simulation.h"

namespace tessera {

// Species     — the species' colour (SpeciesParams::color) shaded a little by the cell id;
// Id          — label_color(id): a distinct colour per cell that follows the cell;
// VolumeError — measured / target volume - 1 from the last fit's labels (diverging scale);
// Pressure    — the cell's Kantorovich potential f_i (sequential scale; see cell_colors);
// Speed       — |x_now - x_prev| / elapsed time, from a SpeedTracker (sequential scale).
enum class ColorMode { Species, Id, VolumeError, Pressure, Speed };
inline constexpr std::array<std::string_view, 5> kColorModeNames = {"species", "id", "volume_error", "pressure",
                                                                    "speed"};

std::string_view color_mode_name(ColorMode mode);
// The mode named `text` (a kColorModeNames entry, exact), or nullopt.
std::optional<ColorMode> parse_color_mode(std::string_view text);

// How the colours of a coloring were made: categorical (no scale), or a scale whose ends
// are legend.min and legend.max (engine/color_scale.h).
enum class ColorScale { None, Sequential, Diverging };
inline constexpr std::array<std::string_view, 3> kColorScaleNames = {"none", "sequential", "diverging"};

struct ColorLegend {
  ColorScale scale = ColorScale::None;
  // The values at the ends of the scale (sequential: min -> t = 0, max -> t = 1; diverging:
  // min = -max, 0 at the centre). Equal when every cell has the same value; NaN when no
  // cell has one (e.g. the first speed frame). Unused for None.
  double min = 0, max = 0;
  std::string label;  // the quantity and its unit, e.g. "speed (box units / time unit)"
};

struct CellColoring {
  std::vector<Rgb8> colors;    // one per cell, in the order of sim.cells()
  std::vector<double> values;  // the coloured quantity per cell (NaN: unknown); empty for Species and Id
  ColorLegend legend;
};

struct CellColorOptions {
  // VolumeError: colours span [-error_range, error_range] (a fraction: 0.05 = 5 %), larger
  // errors saturate; 0 = automatic (the largest |error| of this frame, or the fit
  // tolerance when every error is 0). Pressure and Speed always span their finite values.
  double error_range = 0;
};

// Speeds of the cells between calls. Keeps each cell's position (by stable id) and the
// step count at the last call; the next call with a larger step count gives
//   speed_i = |wr(x_now - x_prev)| / (dt * (step_now - step_prev))   (box units / time unit),
// wr the periodic wrap of the grid, dt the current time step. Call it once per rendered
// frame (or per step) so that the interval stays short. A call at the same step count
// returns the previous speeds; a smaller step count (reset, restore) starts afresh. A
// cell without a previous position (the first call, a new cell) gets NaN. Call reset()
// when the simulation is replaced: ids are only unique within one simulation.
// What the colours are computed from: a state and the pixel counts of its last labelling
// (a Simulation, or the window's copy of one).
struct CellColorInput {
  const CellState& cells;
  const SimParams& params;
  const Grid& grid;
  std::span<const std::int64_t> counts;  // pixels per cell of the last fit; empty when they do not
                                         // describe the current cells
  std::int64_t n_kept = 0;               // pixels of the domain
  std::int64_t step = 0;                 // the state's step count
};
// The input of a simulation (its counts are taken from the last fit's labels into `counts`).
CellColorInput color_input(Simulation& sim, std::vector<std::int64_t>& counts);

class SpeedTracker {
 public:
  // One speed per cell of input.cells, in order; valid until the next call.
  const std::vector<double>& update(const CellColorInput& input);
  const std::vector<double>& update(Simulation& sim);
  void reset();

 private:
  std::unordered_map<std::uint64_t, Vec3> m_positions;  // by id, at m_step
  std::unordered_map<std::uint64_t, double> m_speeds;   // by id, of the last interval
  std::int64_t m_step = -1;                             // -1: nothing recorded
  std::vector<double> m_out;
};

// Colours the cells of `sim` (non-const: reading the labels may download them).
//  * VolumeError: counts of the last fit's labels over the kept pixels; NaN for every cell
//    when there is no labelling yet, or when the cell count changed since the fit (events
//    after the fit: exits, divisions). Label "volume error (measured / target - 1)".
//  * Pressure: +f_i, in the cost's units. f_i is the Lagrange multiplier of cell i's volume
//    constraint (dD/dv_i = f_i for the dual D, iceshot-model.md 3.1): the price of one more
//    unit of volume. A cell squeezed by its neighbours must raise f_i to keep its volume,
//    and the void's potential 0 is the ambient level, so f_i itself (not -f_i) reads as a
//    pressure: higher = more compressed. Without a void the potentials are defined up to a
//    common constant; only differences between cells mean anything, which the auto range shows.
//  * Speed: from `speeds` (required for Speed: throws tessera::Error when null; the tracker
//    is updated by this call).
// Cells without a value get kNoDataColor (engine/color_scale.h).
CellColoring cell_colors(const CellColorInput& input, ColorMode mode, const CellColorOptions& options = {},
                         SpeedTracker* speeds = nullptr);
CellColoring cell_colors(Simulation& sim, ColorMode mode, const CellColorOptions& options = {},
                         SpeedTracker* speeds = nullptr);

}  // namespace tessera
