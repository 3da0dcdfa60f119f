#pragma once
// Builders of the active-matter scenes (see active_scenes.cpp).
#include <array>
#include <string_view>

#include "scenes/particles/scene.h"

namespace tessera {

// RunTumbleDisk: the reference's 126 cells, or 1000 cells at the same packing (the size the
// window's 2D frame-rate target is set for: N = 1000 on 512²).
inline constexpr std::array<std::string_view, 2> kRunTumbleDiskPresets = {"reference", "n1000"};

SceneSetup build_run_tumble_disk(const SceneOptions& options);
SceneSetup build_active_brownian(const SceneOptions& options);
SceneSetup build_falling_spheres(const SceneOptions& options);
SceneSetup build_evacuation(const SceneOptions& options);
SceneSetup build_rod_shape(const SceneOptions& options);
SceneSetup build_tissue_growth(const SceneOptions& options);
SceneSetup build_micropipette(const SceneOptions& options);

}  // namespace tessera
