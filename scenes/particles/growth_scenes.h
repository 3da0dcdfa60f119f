#pragma once
// Builders and scripts of the 3D growth scene (see growth_scenes.cpp).
#include "scenes/particles/scene.h"

namespace tessera {

SceneSetup build_tissue_growth_3d(const SceneOptions& options);
// Growth, division and the progressive zoom-out of TissueGrowth_3D, between steps.
void tissue_growth_3d_script(Simulation& sim);

}  // namespace tessera
