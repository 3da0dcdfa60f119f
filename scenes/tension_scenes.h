#pragma once
// Builders of the surface-tension scenes (see tension_scenes.cpp).
#include "scenes/scene.h"

namespace tessera {

SceneSetup build_surface_tension(const SceneOptions& options);

}  // namespace tessera
