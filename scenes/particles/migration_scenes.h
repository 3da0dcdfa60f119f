#pragma once
// Builders of the cell-migration scenes driven by a cost bias (see migration_scenes.cpp).
#include "scenes/particles/scene.h"

namespace tessera {

SceneSetup build_chemo_deformation(const SceneOptions& options);
SceneSetup build_protrusions(const SceneOptions& options);

}  // namespace tessera
