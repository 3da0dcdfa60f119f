#pragma once
// What `tessera curvatubes-family` and `tessera curvatubes-atlas` share: growing one texture
// into its own folder with the outputs of `tessera curvatubes` (scenes/curvatubes/run_outputs.h)
// and a viability verdict, and the atlas's retry rule (ref. 5.3, 6.1).
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/backend.h"
#include "engine/image_io.h"
#include "engine/table_io.h"
#include "scenes/curvatubes/curvatubes_file.h"
#include "scenes/curvatubes/surface_report.h"
#include "sim/curvatubes/generator.h"
#include "sim/curvatubes/presets.h"

namespace tessera {

// Why a texture is not viable (ref. 6.1), or None.
enum class Rejection { None, PhaseVanished, Discrepancy, Diverged };
inline constexpr std::array<std::string_view, 4> kRejectionNames = {"", "phase_vanished", "discrepancy", "diverged"};

struct TextureResult {
  Rejection rejection = Rejection::None;
  std::string reason;           // one line for logs and tables ("" when viable)
  std::int64_t iterations = 0;  // done (fewer when a check stopped the run)
  std::int64_t evaluations = 0;
  double energy = 0;                 // of the last finite evaluation
  curvatubes::ViabilityCheck check;  // the deciding test: the failed one, else the final field's
  Morphometrics metrics;             // of the written outputs (zero when nothing was written)
  bool written = false;              // the folder holds the outputs of `tessera curvatubes`
  Image slice;                       // middle Z slice of the final field, 1 pixel per voxel (when written)
  bool viable() const { return rejection == Rejection::None; }
};

struct TextureRun {
  std::filesystem::path out;  // this texture's folder (created; must be empty unless overwrite)
  bool overwrite = false;
  std::int64_t iterations = 0;
  bool keep_rejected = true;  // false (atlas): a rejected texture's folder is removed
};

// Grows file's texture for run.iterations iterations with a progress bar. The viability
// test of ref. 6.1 runs at 500/1000/5000 evaluations when file.params.check_viable (a failure
// stops the run) and always on the final field, so runs shorter than 500 iterations are
// judged too. A NaN energy ends the run as Diverged. Bad parameters throw tessera::Error
// before the folder is made.
TextureResult grow_texture(CurvatubesFile file, const Exec& exec, const TextureRun& run);

// The verdict of ref. 6.1 on one check, with its one-line reason.
Rejection rejection_of(const curvatubes::ViabilityCheck& check);
std::string reason_of(const curvatubes::ViabilityCheck& check, bool final_field);

// The table columns of a result (iterations, energy, morphometrics, viable, rejection,
// reason) and its cells: surface measures are empty for a texture that was not written.
std::vector<std::string> texture_columns();
TableRow texture_cells(const TextureResult& result);

// One draw of the atlas: slot (0-based texture index), draw (global 0-based draw index),
// attempt (1-based try within the slot).
struct AtlasTry {
  int slot = 0, draw = 0, attempt = 0;
  curvatubes::FamilyMember member;
  std::uint64_t noise_seed = 0;
  TextureResult result;
};
// Runs draw `draw` (its coefficients `member`, its noise seed) for `slot`.
using AtlasTryFn = std::function<TextureResult(const AtlasTry&)>;

// Fills `count` slots with draws 0, 1, 2, ... of random_atlas_draw(seed, .) in order: a
// rejected draw is followed by the next draw in the same slot, up to max_tries per slot
// (then the slot stays empty and the next slot goes on). Every try is returned, in order;
// the result is a pure function of (seed, count, max_tries) and what try_draw returns.
std::vector<AtlasTry> fill_atlas(std::uint64_t seed, int count, int max_tries, const AtlasTryFn& try_draw);

}  // namespace tessera
