#include "ui/particles/scene_view.h"

#include <cmath>

#include "render/interop_label_target.h"
#include "ui/particles/field_map.h"

namespace tessera {

SceneView::SceneView(bool cuda) : m_view2d(make_label_target(cuda)), m_volume(make_label_target(cuda)) {
  if (cuda && m_view2d.target().kind() != TargetKind::CudaInterop) m_label_path = "upload (built without CUDA)";
}

void SceneView::update_labels(const FrameData& frame, const ViewOptions& options, const std::int32_t* device_labels) {
  const bool new_grid = frame.scene != m_scene || frame.grid.n[0] != m_grid.n[0] || frame.grid.n[1] != m_grid.n[1] ||
                        frame.grid.n[2] != m_grid.n[2] || frame.grid.dim != m_grid.dim;
  if (new_grid && frame.grid.dim == 3) m_camera.frame(frame.grid);
  const bool slice_moved = options.slice_axis != m_axis || options.slice_index != m_index;
  if (frame.version != m_version || new_grid || slice_moved) {
    bool on_device = false;
    if (frame.grid.dim == 3) {
      m_view2d.set_slice(options.slice_axis, options.slice_index);
      on_device = device_labels != nullptr && m_volume.set_device_labels(device_labels, frame.grid);
      if (!on_device) m_volume.set_labels(frame.labels, frame.grid);
      m_view2d.set_labels(frame.labels, frame.grid);  // slices are cut on the host
    } else {
      on_device = device_labels != nullptr && m_view2d.set_device_labels(device_labels, frame.grid);
      if (!on_device) m_view2d.set_labels(frame.labels, frame.grid);
    }
    if (on_device) {
      m_label_path = "cuda-interop";
    } else if (device_labels != nullptr) {
      const auto* interop = dynamic_cast<const InteropLabelTarget*>(&m_view2d.target());
      m_label_path = "upload (" + (interop != nullptr && !interop->usable() ? interop->failure() : std::string("no interop")) + ")";
    }
    m_view2d.set_seeds(frame.cells.x, frame.grid);
    m_view2d.set_axes(frame.cells.x, frame.cells.axis, frame.grid, static_cast<float>(0.6 * mean_radius(frame)));
    m_version = frame.version;
    m_axis = options.slice_axis;
    m_index = options.slice_index;
    m_scene = frame.scene;
    m_grid = frame.grid;
  }
}

void SceneView::update(const FrameData& frame, const ViewOptions& options, std::span<const Rgb8> cell_colors) {
  update_labels(frame, options, nullptr);
  update_tint(frame, options);
  // Colours change with the colour mode and the species' colours: cheap, every frame.
  m_view2d.set_label_colors(cell_colors);
  if (frame.grid.dim == 3) m_volume.set_label_colors(cell_colors);
}

double SceneView::mean_radius(const FrameData& frame) {
  if (frame.cells.size() == 0) return 0.0;
  const double mean_volume = frame.cells.total_volume() / frame.cells.size() * static_cast<double>(frame.n_kept) *
                             frame.grid.pixel_volume();
  return frame.grid.dim == 3 ? std::cbrt(3.0 * mean_volume / (4.0 * 3.14159265358979)) : std::sqrt(mean_volume / 3.14159265358979);
}

void SceneView::update_tint(const FrameData& frame, const ViewOptions& options) {
  const bool wanted = options.field && frame.grid.dim == 2 && frame.params.bias == CostBias::Chemotaxis;
  if (!wanted) {
    if (m_tint_shown) m_view2d.set_void_tint({}, 0, 0);
    m_tint_shown = false;
    return;
  }
  const ChemotaxisSpec& c = frame.params.chemotaxis;
  const std::string key = frame.scene + "|" + std::to_string(frame.grid.n[0]) + "x" + std::to_string(frame.grid.n[1]) +
                          "|" + std::to_string(c.center.x) + "," + std::to_string(c.center.y) + "|" +
                          std::to_string(c.width);
  if (m_tint_shown && key == m_tint_key) return;
  m_tint = attractant_tint(frame.params, frame.grid);
  m_view2d.set_void_tint(m_tint, frame.grid.n[0], frame.grid.n[1]);
  m_tint_key = key;
  m_tint_shown = true;
}

PixelRect SceneView::draw(const PixelRect& area, const ViewOptions& options, float pixel_scale) {
  m_volume_shown = m_grid.dim == 3 && options.view3d == View3D::Volume;
  if (m_volume_shown) {
    VolumeViewStyle style;
    style.boundaries = options.boundaries;
    style.box_outline = options.box_outline;
    style.walls = options.walls;
    style.clip = options.clip;
    m_volume.draw(area, m_camera, style);
    return area;
  }
  LabelViewStyle style;
  style.boundaries = options.boundaries;
  style.seeds = options.seeds;
  style.axes = options.axes;
  style.domain_outline = options.outline;
  style.seed_diameter_px = 5.0f * pixel_scale;
  style.axis_width_px = 2.0f * pixel_scale;
  return m_view2d.draw(area, style);
}

}  // namespace tessera
