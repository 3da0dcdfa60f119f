#pragma once
// Builders of the 3D granular scenes (see granular_scenes_3d.cpp).
#include "scenes/particles/scene.h"

namespace tessera {

SceneSetup build_falling_stuff(const SceneOptions& options);

}  // namespace tessera
