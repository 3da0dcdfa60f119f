#pragma once
// Picking in the 3D view without OpenGL: the first voxel of a cell along a camera ray,
// skipping what the clipping plane removes, as the ray march of the volume view shows
// it. Lets the app select a cell by clicking on the rendered volume.
#include <cstdint>
#include <span>

#include "engine/grid.h"
#include "render/label_slice.h"
#include "render/orbit_camera.h"

namespace tessera {

// The clip plane as the volume view applies it (render/volume_view.h ClipPlane).
struct PickClip {
  bool enabled = false;
  SliceAxis axis = SliceAxis::X;
  double position = 0.5;   // fraction of the box along `axis`
  bool keep_above = false; // false: keep coordinates <= position
};

// The flat index of the first voxel with a label >= 0 that `ray` (box units) meets inside
// the box and on the kept side of `clip`, or -1 when it meets none. Steps a quarter of
// the smallest voxel size along the ray.
std::int64_t pick_voxel(const Ray& ray, const Grid& grid, std::span<const std::int32_t> labels, const PickClip& clip = {});

}  // namespace tessera
