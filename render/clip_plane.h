#pragma once
// An axis-aligned clipping plane of the 3D volume view. GL-free, so the window's view
// state (ui/particles/ui_state.h) can hold one without including the renderer.
#include "render/label_slice.h"

namespace tessera {

struct ClipPlane {
  bool enabled = false;
  SliceAxis axis = SliceAxis::X;  // the plane's normal
  float position = 0.5f;          // along `axis`, fraction of the box length in [0, 1]
  bool flip = false;              // false: keep coordinates <= position; true: keep >= position
};

}  // namespace tessera
