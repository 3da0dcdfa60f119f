#pragma once
// Builders of the 3D active-matter scenes (see active_scenes_3d.cpp).
#include <array>
#include <string_view>

#include "scenes/particles/scene.h"

namespace tessera {

// Benchmark_3D: the reference's 101 cells, or 1000 cells at the same packing (the window's 3D
// frame-rate target: N = 1000 on 128³).
inline constexpr std::array<std::string_view, 2> kBenchmark3DPresets = {"reference", "n1000"};

SceneSetup build_run_tumble_3d(const SceneOptions& options);
SceneSetup build_benchmark_3d(const SceneOptions& options);

}  // namespace tessera
