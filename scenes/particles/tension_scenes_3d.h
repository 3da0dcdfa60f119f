#pragma once
// Builders of the 3D surface-tension scenes (see tension_scenes_3d.cpp).
#include <array>
#include <string_view>

#include "scenes/particles/scene.h"

namespace tessera {

// CellSorting3D's presets (iceshot-model.md 5.14's runs): the tension ratios and the
// initial placement; the first is the default.
inline constexpr std::array<std::string_view, 6> kCellSorting3DPresets = {
    "separation",
    "checkerboard",
    "engulfment_eta_above_1",
    "engulfment_eta_below_1",
    "engulfment_eta_above_1_split",
    "engulfment_eta_below_1_split"};

SceneSetup build_cell_sorting_3d(const SceneOptions& options);
SceneSetup build_bubbles(const SceneOptions& options);

}  // namespace tessera
