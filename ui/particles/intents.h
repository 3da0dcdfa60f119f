#pragma once
// Intents: what the panels, the mouse and the keyboard ask of the simulation. They only
// push intents; the main loop applies all of them at one sync point between steps
// (apply_intents), so the simulation never changes in the middle of a step and the UI
// never holds a mutable Session. GL-free (part of tessera_cli), so it is tested
// without a window.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "scenes/particles/session.h"
#include "ui/shell_state.h"

namespace tessera {

namespace intent {
struct TogglePause {};
struct StepOnce {};
struct Reset {};
struct ResetWithSeed { std::uint64_t seed = 1; };
// Another registry scene (built off the UI thread by the caller: see SyncResult::load).
struct LoadScene { std::string name; std::string preset; int resolution = 0; std::uint64_t seed = 1; };
struct LoadSceneFile { std::filesystem::path path; };
struct SaveSceneFile { std::filesystem::path path; bool overwrite = false; };
// New parameters (species energies, dynamics, solver, dt): take effect on the next step.
// With `base` (the parameters the panels' copy was taken from) only the fields that differ
// from it are applied, onto the simulation's parameters as they are now (ui/param_edit.h).
struct SetParams { SimParams params; std::optional<SimParams> base; };
struct ScaleSpeciesVolume { int species = 0; double factor = 1; };
struct SetSpeciesAspect { int species = 0; double aspect = 1; };
struct SetSubsteps { int substeps = 1; };
struct SetTimeRate { double rate = 0; };  // PlayState::time_rate
struct AddCell { Vec3 position; int species = 0; };
// Cells are named by their stable id: indices shift when cells are removed during a step.
struct RemoveCell { std::uint64_t id = 0; };
struct MoveCell { std::uint64_t id = 0; Vec3 position; };
struct PaintWall { WallStroke stroke; };
struct ExportVoxels { std::filesystem::path path; };    // labels of the last fit, .vti
struct ExportCellsCsv { std::filesystem::path path; };  // per-cell state, like cells.csv of `tessera run`
}  // namespace intent

using Intent = std::variant<intent::TogglePause, intent::StepOnce, intent::Reset, intent::ResetWithSeed,
                            intent::LoadScene, intent::LoadSceneFile, intent::SaveSceneFile, intent::SetParams,
                            intent::ScaleSpeciesVolume, intent::SetSpeciesAspect, intent::SetSubsteps, intent::SetTimeRate, intent::AddCell, intent::RemoveCell, intent::MoveCell,
                            intent::PaintWall, intent::ExportVoxels, intent::ExportCellsCsv>;

// Intents in the order they were made.
class IntentQueue {
 public:
  void push(Intent intent) { m_pending.push_back(std::move(intent)); }
  bool empty() const { return m_pending.empty(); }
  std::span<const Intent> pending() const { return m_pending; }
  // Hands over the pending intents and leaves the queue empty.
  std::vector<Intent> take();

 private:
  std::vector<Intent> m_pending;
};

// A scene to build instead of the current one (slow for large scenes: the caller builds
// it away from the UI thread and swaps it in at a later sync point).
struct SceneRequest {
  std::optional<SceneFile> file;  // set: build this scene file; unset: load `origin`, another mode's file
  std::string description;
  std::filesystem::path origin;   // the scene file it was read from ("" for a registry scene)
};

// What the sync point did.
struct SyncResult {
  int steps = 0;                       // steps this frame should take (run_steps + one per StepOnce)
  int run_steps = 0;                   // of which from running (play.substeps; 0 while paused)
  bool state_changed = false;          // the labels or cells changed (redraw)
  std::optional<SceneRequest> load;    // a scene to build (the last LoadScene/LoadSceneFile wins)
  std::vector<std::string> messages;   // what happened (saved files), for the status line
  std::vector<std::string> errors;     // intents refused, each with the reason
};

// The sync point, called once per frame between steps. Applies the pending intents in
// order and empties the queue; an intent that fails (bad parameters, an unwritable
// path) is refused with its reason in `errors` and the others still apply. While
// running, the frame takes play.substeps steps, plus one per StepOnce.
SyncResult apply_intents(IntentQueue& queue, Session& session, PlayState& play);

// The name of an intent's kind ("toggle-pause", "set-params", ...), for logs and tests.
std::string intent_name(const Intent& intent);

}  // namespace tessera
