#pragma once
// Per-grain measurements of a labelled polycrystal (apd-model 6.2 item 3): achieved
// volume and its signed error, centroid, equivalent diameter, principal axes and aspect
// ratios from second moments, neighbour count, and connected components (face
// connectivity: 4 in 2D, 6 in 3D, across the faces of a periodic box). Box units.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/grid.h"
#include "sim/polycrystal/generator.h"

namespace tessera::polycrystal {

struct GrainStats {
  std::int64_t voxels = 0;
  double volume = 0;            // achieved fraction of the box
  double target = 0;            // target fraction
  double volume_error = 0;      // (volume - target) / target, signed
  Vec3 centroid{0, 0, 0};       // wrapped into the box when periodic
  double equivalent_diameter = 0;  // of the disk / ball of the same volume
  // Principal semi-axes of the ellipse / ellipsoid with the grain's second moments
  // (longest first: l_k = sqrt((D + 2) lambda_k), apd-model 1.7) and their directions.
  Vec3 semi_axes{0, 0, 0};
  std::array<Vec3, 3> axes{};
  int neighbours = 0;
  int components = 0;           // 0 for an empty grain
};

struct PolycrystalStats {
  std::vector<GrainStats> grains;
  int n_empty = 0;
  int n_disconnected = 0;       // grains with more than one component
  double max_abs_error = 0;     // max_i |volume_error_i|
};

// Connected components of every label (x-fastest labels in [0, n_labels)).
std::vector<int> component_counts(const Grid& grid, std::span<const std::int32_t> labels, int n_labels);

// Measures the engine's current labels (after fit()).
PolycrystalStats measure(Polycrystal& polycrystal);

}  // namespace tessera::polycrystal
