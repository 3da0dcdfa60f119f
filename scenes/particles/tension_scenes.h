#pragma once
// Builders of the surface-tension scenes (see tension_scenes.cpp).
#include "scenes/particles/scene.h"

namespace tessera {

SceneSetup build_surface_tension(const SceneOptions& options);
SceneSetup build_engulfment(const SceneOptions& options);
// Engulfment's contact event: before steps 46-50, type-1 cells are pushed toward type 2.
void engulfment_contact(Simulation& sim);

}  // namespace tessera
