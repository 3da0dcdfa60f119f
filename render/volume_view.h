#pragma once
// The 3D view: a label volume ray-marched voxel by voxel (shaders/volume_view.frag).
// Each pixel shows the first voxel of a drawn cell along its ray, coloured from the
// per-label table (or the hash palette), shaded by the voxel face the ray entered and
// darkened along edges shared with another cell. The void, the outside of the domain
// mask and hidden cells are transparent; the walls of a masked domain (the faces between
// outside and kept voxels) are drawn as faint grey layers the cells show through; an
// optional axis-aligned clipping plane cuts the volume open; a faint box outline shows
// the box. Seen through an OrbitCamera. Each upload also marks which kinds of voxel each
// brick of 8^3 and sub-brick of 2^3 holds (a compute pass on the GPU), so rays cross
// empty space, and the uniform parts of a masked domain, a brick at a time.
//
// Lifetime: create, use and destroy with an OpenGL 4.5 core context current.
#include <cstdint>
#include <memory>
#include <span>

#include "engine/colormap.h"
#include "engine/grid.h"
#include "render/box_outline.h"
#include "render/gl.h"
#include "render/label_color_table.h"
#include "render/clip_plane.h"
#include "render/label_slice.h"
#include "render/label_target.h"
#include "render/orbit_camera.h"
#include "render/picking.h"

namespace tessera {

// An axis-aligned plane that removes one side of the volume.
struct VolumeViewStyle {
  bool boundaries = true;         // darken visible edges between two drawn cells
  float boundary_width = 0.25f;   // band on each side of such an edge, fraction of a voxel in (0, 0.5]
  bool smooth_shading = true;     // normals from each cell's occupancy gradient (else flat voxel faces)
  bool skip_empty = true;         // cross bricks without cells in one step: same picture, faster
  bool box_outline = true;        // the 12 edges of the box, drawn before (under) the cells
  Rgb8 box_color{130, 130, 130};  // faint on dark and light backgrounds alike
  // The domain mask's walls: each crossing between the outside (label -2) and a kept
  // voxel blends in wall_color at wall_alpha, lit by the crossed voxel face. Light and
  // faint, so a funnel or an obstacle reads as a glassy surface without hiding the cells
  // behind it (two layers, front and back, cover about a third of what lies beyond).
  // A volume without outside voxels (a box domain) is drawn exactly as without walls.
  bool walls = true;
  Rgb8 wall_color{200, 204, 212};
  float wall_alpha = 0.18f;  // in [0, 1]
  ClipPlane clip;
};

class VolumeView {
 public:
  // Compiles the shaders (throws tessera::Error with the driver's log on failure).
  explicit VolumeView(std::unique_ptr<LabelTarget> target = std::make_unique<UploadLabelTarget>());

  // Labels of a 3D grid (x fastest, as engine/grid.h stores them), copied into the
  // target's 3D texture before returning. Throws tessera::Error for a 2D grid or
  // mismatched sizes.
  void set_labels(std::span<const std::int32_t> labels, const Grid& grid);
  // The same from CUDA device memory through the target (LabelTarget::upload_device);
  // false, changing nothing, when the target cannot: then call set_labels with host labels.
  bool set_device_labels(const std::int32_t* device_labels, const Grid& grid);

  // Per-label colours as LabelView2D::set_label_colors; a hidden cell (visible 0) is
  // transparent here. Without a table every cell takes the hash palette.
  void set_label_colors(std::span<const Rgb8> colors, std::span<const std::uint8_t> visible = {});

  // Draws the volume into `viewport` of the currently bound framebuffer, seen by
  // `camera` (world = box units). Only pixels whose ray meets a drawn voxel or a wall
  // (and the box outline) are written, walls blended over what is there: the caller
  // clears the background. Draws nothing before the first labels. Leaves the viewport
  // set to `viewport`, and blending off.
  void draw(const PixelRect& viewport, const OrbitCamera& camera, const VolumeViewStyle& style = {}) const;

  bool has_volume() const { return m_target->volume().id() != 0; }
  const Grid& grid() const { return m_grid; }  // the grid of the last labels
  const LabelTarget& target() const { return *m_target; }
  int n_label_colors() const { return m_colors.size(); }

 private:
  // One variant of the ray march (shaders/volume_view.frag, with or without WALLS) and
  // its uniforms.
  struct MarchProgram {
    explicit MarchProgram(bool walls);
    gl::ShaderProgram program;
    GLint inv_view_proj, viewport, box, light, clip_axis, clip_position, clip_keep_above;
    GLint boundaries, boundary_width, smooth_normals, n_label_colors, skip_empty;
    GLint wall_color = -1, wall_alpha = -1;  // the walls variant only
  };

  // Recomputes the brick occupancies and m_has_outside from the target's volume (after
  // every upload).
  void update_occupancy();

  std::unique_ptr<LabelTarget> m_target;
  Grid m_grid;
  LabelColorTable m_colors;
  // R8UI, one texel per brick of 8^3 and per sub-brick of 2^3 voxels: which kinds of
  // voxel it holds, bits 1 a cell, 2 the outside, 4 the void (volume_occupancy.comp).
  gl::Texture3D m_occupancy;
  gl::Texture3D m_fine_occupancy;
  bool m_has_outside = false;  // some voxel of the volume lies outside the domain mask
  MarchProgram m_march;        // without walls
  MarchProgram m_walls_march;  // with the domain mask's walls
  BoxOutline m_box;
  gl::ShaderProgram m_occupancy_program;
  gl::VertexArray m_vao;  // no attributes: vertices come from gl_VertexID
  GLint m_occupancy_brick_size = -1;
};

}  // namespace tessera
