#pragma once
// The curvatubes window's own state beside the shell's: the parameters the sliders
// show (steered into the model at the next sync point), what the next texture will be,
// the view's choices and the requests the panels make. GL-free.
#include <array>
#include <cstdint>
#include <string>

#include "render/clip_plane.h"
#include "sim/curvatubes/params.h"
#include "sim/curvatubes/presets.h"
#include "ui/curvatubes/frame.h"

namespace tessera {

struct CurvatubesViewState {
  FieldColoring coloring = FieldColoring::U;
  bool color_surface = false;  // the surface too, not only the cut faces
  bool slice_only = false;     // only the clipping plane's slice
  ClipPlane clip;
  bool reset_camera = false;
};

struct CurvatubesUi {
  // The sliders: steered into the model at the next sync point when `steer` is set.
  curvatubes::CurvatubesParams edit;
  bool steer = false;
  int preset_index = -1;  // the preset last picked (-1: none)
  curvatubes::HelfrichParams helfrich;

  // The next texture (New texture): its grid, flow and boundary; the seed also serves New noise.
  std::array<int, 3> shape{64, 64, 64};  // (Z, X, Y)
  curvatubes::Flow flow = curvatubes::Flow::Cons;
  curvatubes::Boundary boundary = curvatubes::Boundary::Periodic;
  std::uint64_t seed = 1;

  // Requests, taken at the sync point.
  int single_steps = 0;
  bool reset = false;        // start over from the start's field with the sliders' parameters
  bool new_noise = false;    // start over from new noise (the seed above)
  bool new_texture = false;  // build a new model (grid, flow or boundary changed)
  bool save_state = false;
  bool export_all = false;
  bool refresh_diagram = false;
  int diagram_every = 250;  // iterations between curvature-diagram refreshes (0 = by hand)

  CurvatubesViewState view;
};

}  // namespace tessera
