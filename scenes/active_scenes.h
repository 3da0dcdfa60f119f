#pragma once
// Builders of the active-matter scenes (see active_scenes.cpp).
#include "scenes/scene.h"

namespace tessera {

SceneSetup build_run_tumble_disk(const SceneOptions& options);
SceneSetup build_active_brownian(const SceneOptions& options);
SceneSetup build_falling_spheres(const SceneOptions& options);
SceneSetup build_evacuation(const SceneOptions& options);
SceneSetup build_rod_shape(const SceneOptions& options);
SceneSetup build_tissue_growth(const SceneOptions& options);
SceneSetup build_micropipette(const SceneOptions& options);

}  // namespace tessera
