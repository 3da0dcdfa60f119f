#pragma once
// Builders of the 3D active-matter scenes (see active_scenes_3d.cpp).
#include "scenes/scene.h"

namespace tessera {

SceneSetup build_run_tumble_3d(const SceneOptions& options);
SceneSetup build_benchmark_3d(const SceneOptions& options);

}  // namespace tessera
