#pragma once
// What the window draws of a scene: the 2D label view (2D scenes, and slices of 3D
// ones) or the ray-marched volume (3D scenes), fed from the frame copy with one colour
// per cell, plus the orbit camera of the 3D view. Uploads only when the frame changed.
//
// Lifetime: create, use and destroy with the window's GL context current.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/colormap.h"
#include "render/label_view.h"
#include "render/orbit_camera.h"
#include "render/volume_view.h"
#include "ui/particles/ui_state.h"
#include "ui/particles/frame_data.h"

namespace tessera {

class SceneView {
 public:
  // `cuda`: the simulation runs on CUDA, so its labels can reach the textures through
  // CUDA-GL interop (render/interop_label_target.h), with host upload as the fallback.
  explicit SceneView(bool cuda = false);

  // Uploads the frame's labels, seeds and axes when its version changed or the slice
  // moved. `device_labels`: the same labels in CUDA device memory (nullptr on the CPU),
  // copied through interop when possible; pass them only while no step runs.
  void update_labels(const FrameData& frame, const ViewOptions& options, const std::int32_t* device_labels);
  // update_labels from the host copy if needed, then the cells' colours and the field tint.
  void update(const FrameData& frame, const ViewOptions& options, std::span<const Rgb8> cell_colors);
  // Draws into `area` (framebuffer pixels) and returns where the grid went (the 2D view's
  // letterboxed rectangle, or `area` for the volume).
  PixelRect draw(const PixelRect& area, const ViewOptions& options, float pixel_scale);

  // True when the last draw showed the ray-marched volume (3D scene, volume mode).
  bool showing_volume() const { return m_volume_shown; }
  OrbitCamera& camera() { return m_camera; }
  // The slice of the 2D view (for picking).
  const SlicePlane& plane() const { return m_view2d.plane(); }
  // How labels reached the GPU last: "cuda-interop" or "upload" (with why interop is off).
  const std::string& label_path() const { return m_label_path; }

 private:
  void update_tint(const FrameData& frame, const ViewOptions& options);
  // Radius of a cell of mean target volume (box units): the arrows' length.
  static double mean_radius(const FrameData& frame);

  LabelView2D m_view2d;
  VolumeView m_volume;
  OrbitCamera m_camera;
  std::uint64_t m_version = 0;
  int m_dim = 0;
  SliceAxis m_axis = SliceAxis::Z;
  int m_index = -1;
  bool m_volume_shown = false;
  std::string m_scene;  // the camera is framed again when the scene or its grid changes
  Grid m_grid;
  std::string m_label_path = "upload";
  // The attractant tint of the void, recomputed when the scene, grid or field changes.
  std::vector<Rgb8> m_tint;
  bool m_tint_shown = false;
  std::string m_tint_key;
};

}  // namespace tessera
