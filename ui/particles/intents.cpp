#include "ui/particles/intents.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>

#include "engine/error.h"
#include "engine/table_io.h"
#include "engine/voxel_io.h"
#include "scenes/common/json_file.h"
#include "scenes/modes.h"
#include "scenes/particles/scene_file.h"
#include "scenes/particles/cell_table.h"
#include "ui/particles/param_edit.h"

namespace tessera {

std::vector<Intent> IntentQueue::take() { return std::exchange(m_pending, {}); }

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

int index_of(const Session& session, std::uint64_t id) {
  const std::vector<std::uint64_t>& ids = session.sim().cells().id;
  const auto it = std::find(ids.begin(), ids.end(), id);
  TESSERA_REQUIRE(it != ids.end(), "cell " + std::to_string(id) + " no longer exists");
  return static_cast<int>(it - ids.begin());
}

// Applies one intent; throws tessera::Error when it cannot.
void apply_one(const Intent& intent, Session& session, PlayState& play, SyncResult& result) {
  std::visit(
      Overloaded{
          [&](const intent::TogglePause&) { play.paused = !play.paused; },
          [&](const intent::StepOnce&) { ++result.steps; },
          [&](const intent::Reset&) {
            session.reset();
            result.state_changed = true;
          },
          [&](const intent::ResetWithSeed& i) {
            session.reset_with_seed(i.seed);
            result.state_changed = true;
          },
          [&](const intent::LoadScene& i) {
            SceneOptions options;
            options.resolution = i.resolution;
            options.seed = i.seed;
            options.preset = i.preset;
            const SceneDef& scene = require_scene(i.name);
            // Checked here, so a bad choice is refused at once rather than by the builder.
            TESSERA_REQUIRE(preset_error(scene, i.preset).empty(), preset_error(scene, i.preset));
            result.load = SceneRequest{scene_file_of(scene, options), std::string(scene.name), {}};
          },
          [&](const intent::LoadSceneFile& i) {
            // A scene file is parsed now (a bad one is refused at once); another mode's file
            // is loaded by its mode when the model is built.
            const nlohmann::json doc = read_json_file(i.path);
            if (mode_of(doc, i.path).name == "particles")
              result.load = SceneRequest{scene_file_from_json(doc, i.path.string()), i.path.string(), i.path};
            else
              result.load = SceneRequest{std::nullopt, i.path.string(), i.path};
          },
          [&](const intent::SaveSceneFile& i) {
            save_scene_file(i.path, session.snapshot(), i.overwrite);
            result.messages.push_back("scene saved to " + i.path.string());
          },
          [&](const intent::SetParams& i) {
            session.set_params(i.base ? merge_param_edit(*i.base, i.params, session.sim().params()) : i.params);
            result.state_changed = true;
          },
          [&](const intent::ScaleSpeciesVolume& i) {
            session.scale_species_volume(i.species, i.factor);
            result.state_changed = true;
          },
          [&](const intent::SetSpeciesAspect& i) {
            session.set_species_aspect(i.species, i.aspect);
            result.state_changed = true;
          },
          [&](const intent::SetSubsteps& i) { play.substeps = std::clamp(i.substeps, 1, kMaxSubsteps); },
          [&](const intent::SetTimeRate& i) {
            TESSERA_REQUIRE(std::isfinite(i.rate) && i.rate >= 0, "the time rate must be >= 0 (0 = as fast as possible)");
            play.time_rate = i.rate;
          },
          [&](const intent::AddCell& i) {
            session.add_cell(i.position, i.species);
            result.state_changed = true;
          },
          [&](const intent::RemoveCell& i) {
            session.remove_cell(index_of(session, i.id));
            result.state_changed = true;
          },
          [&](const intent::MoveCell& i) {
            session.move_cell(index_of(session, i.id), i.position);
            result.state_changed = true;
          },
          [&](const intent::PaintWall& i) {
            session.paint_wall(i.stroke);
            result.state_changed = true;
          },
          [&](const intent::ExportVoxels& i) {
            Simulation& sim = session.sim();
            write_vti(i.path, sim.domain().grid, {VoxelField{"labels", std::span<const std::int32_t>(sim.labels())}});
            result.messages.push_back("labels written to " + i.path.string());
          },
          [&](const intent::ExportCellsCsv& i) {
            CsvWriter csv(i.path, cell_table_columns());
            write_cell_rows(csv, session.sim());
            csv.close();
            result.messages.push_back("cells written to " + i.path.string());
          },
      },
      intent);
}

}  // namespace

SyncResult apply_intents(IntentQueue& queue, Session& session, PlayState& play) {
  SyncResult result;
  for (const Intent& intent : queue.take()) {
    try {
      apply_one(intent, session, play, result);
    } catch (const std::exception& e) {
      result.errors.push_back(intent_name(intent) + ": " + e.what());
    }
  }
  if (!play.paused) {
    result.run_steps = play.substeps;
    result.steps += play.substeps;
  }
  return result;
}

std::string intent_name(const Intent& intent) {
  static constexpr const char* kNames[] = {"toggle-pause", "step-once",  "reset",      "reset-with-seed",
                                           "load-scene",   "load-scene-file", "save-scene-file", "set-params", "scale-species-volume", "set-species-aspect",
                                           "set-substeps", "set-time-rate", "add-cell",   "remove-cell", "move-cell", "paint-wall",
                                           "export-voxels", "export-cells-csv"};
  static_assert(std::size(kNames) == std::variant_size_v<Intent>);
  return kNames[intent.index()];
}

}  // namespace tessera
