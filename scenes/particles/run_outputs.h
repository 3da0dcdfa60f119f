#pragma once
// What `tessera run` writes for a particle scene: PNG frames every K steps (and
// optionally an MP4, VTK label grids and 3D interface meshes), a per-step CSV of the
// cells, a JSON-lines log of the solver, and the scene files of the first and last
// state (scene.json, final_state.json: `tessera run --scene-file` on either continues).
#include <memory>

#include "scenes/model.h"

namespace tessera {

class Session;

// Refuses what the scene cannot give (--meshes needs a 3D box walled on every side,
// --mp4 needs ffmpeg): tessera::Error naming the flag.
void check_particle_outputs(const Session& session, const RunRequest& request);
// Writes the files of the start; the rest follows as the run goes.
std::unique_ptr<RunOutputs> open_particle_outputs(Session& session, const RunRequest& request);

}  // namespace tessera
