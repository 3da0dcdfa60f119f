#pragma once
// The 2D label view: a label grid (or one axis-aligned slice of a 3D grid) coloured
// by a per-label colour table or the shared hash palette (engine/colormap.h,
// shaders/label_palette.glsl), with optional cell boundaries, the outline of the
// domain mask, seeds as dark discs and axis arrows, fitted into the framebuffer with
// the box's aspect ratio kept. Picking helpers for it are in render/picking.h.
//
// Lifetime: create, use and destroy with an OpenGL 4.5 core context current.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "engine/colormap.h"
#include "engine/grid.h"
#include "engine/vec.h"
#include "render/gl.h"
#include "render/label_color_table.h"
#include "render/label_colors.h"
#include "render/label_slice.h"
#include "render/label_target.h"
#include "render/picking.h"

namespace tessera {

inline constexpr Rgb8 kSeedColor{0, 0, 0};

// The largest rectangle with width / height = `aspect` centred in a framebuffer of
// fb_width x fb_height pixels (letterboxed). Empty when the framebuffer is empty.
PixelRect fit_rect(double aspect, int fb_width, int fb_height);

struct LabelViewStyle {
  bool boundaries = true;         // darken pixels whose right or upper neighbour differs
  bool domain_outline = true;     // kDomainOutlineColor on kept pixels next to the outside (label -2)
  bool seeds = true;              // draw the seeds
  float seed_diameter_px = 6.0f;  // disc diameter, framebuffer pixels
  bool axes = true;               // draw the axis arrows given to set_axes
  float axis_width_px = 2.0f;     // arrow line width, framebuffer pixels
};

class LabelView2D {
 public:
  // Compiles the shaders (throws tessera::Error with the driver's log on failure).
  explicit LabelView2D(std::unique_ptr<LabelTarget> target = std::make_unique<UploadLabelTarget>());

  // Which slice of a 3D grid set_labels, set_seeds and set_axes show: the normal axis
  // and the grid index along it (< 0: the middle, n / 2; too large: clamped to n - 1).
  // Takes effect at the next set_labels / set_seeds / set_axes. Default: the middle
  // z slice. Ignored for 2D grids.
  void set_slice(SliceAxis axis, int index = -1);
  SliceAxis slice_axis() const { return m_slice_axis; }
  int slice_index() const { return m_slice_index; }  // as requested (< 0: the middle)

  // Labels of `grid` (x fastest, row 0 at the bottom); a 3D grid shows the chosen
  // slice (render/label_slice.h for its orientation). The data is copied before returning.
  void set_labels(std::span<const std::int32_t> labels, const Grid& grid);
  // The same from CUDA device memory through the target (LabelTarget::upload_device), for
  // 2D grids only (a slice of a 3D grid is cut on the host); false, changing nothing, when
  // the target cannot or the grid is 3D: then call set_labels with host labels.
  bool set_device_labels(const std::int32_t* device_labels, const Grid& grid);
  // The slice the last set_labels showed (for picking); {2, 0, 1, 0} in 2D.
  const SlicePlane& plane() const { return m_plane; }

  // Per-label colours: label i >= 0 gets colors[i], hidden (drawn as the void) where
  // `visible` (empty, or one flag per colour) is 0; the void (-1) gets kVoidColor, the
  // outside (-2) kOutsideColor; labels >= colors.size() keep the hash palette. An empty
  // span removes the table: every label takes the hash palette, as the PNG export.
  // Copied before returning; call again when the cell count changes.
  void set_label_colors(std::span<const Rgb8> colors, std::span<const std::uint8_t> visible = {});

  // A colour per pixel for the void (label -1), e.g. a map of a chemical field: `colors`
  // holds width x height entries, x fastest, row 0 at the bottom, and applies while it
  // matches the size of the labels shown. An empty span removes it. Copied before returning.
  void set_void_tint(std::span<const Rgb8> colors, int width, int height);

  // Seed positions in box units ([0, L_0] x [0, L_1] (x [0, L_2]) of `grid`); in a 3D
  // slice only seeds within 1.5 voxels of it are drawn (as the PNG export does).
  // Copied before returning.
  void set_seeds(std::span<const Vec3> seeds, const Grid& grid);
  // One arrow per seed from seeds[i] along axes[i] (any length, normalised here;
  // zero axes are skipped), `length` box units long, projected on the slice in 3D
  // (seeds within 1.5 voxels of it only). Periodic boxes draw arrows unwrapped, clipped
  // at the box edge. Throws tessera::Error when the spans' sizes differ. Copied.
  void set_axes(std::span<const Vec3> seeds, std::span<const Vec3> axes, const Grid& grid, float length);

  // Draws into the currently bound framebuffer of fb_width x fb_height pixels and
  // returns the rectangle the grid occupies. Pixels outside it are left untouched,
  // so the caller clears the background. Draws nothing before the first set_labels.
  PixelRect draw(int fb_width, int fb_height, const LabelViewStyle& style = {}) const {
    return draw(PixelRect{0, 0, fb_width, fb_height}, style);
  }
  // The same, letterboxed inside `area` (framebuffer pixels) instead of the whole framebuffer.
  PixelRect draw(const PixelRect& area, const LabelViewStyle& style = {}) const;

  const LabelTarget& target() const { return *m_target; }
  int n_label_colors() const { return m_colors.size(); }

 private:
  // Seeds of `grid` near the current slice as (u, v) in [0, 1] across the view.
  struct ViewPoint {
    float u, v;
    std::size_t source;  // index into the caller's span
  };
  std::vector<ViewPoint> project(std::span<const Vec3> points, const Grid& grid) const;

  std::unique_ptr<LabelTarget> m_target;
  SliceAxis m_slice_axis = SliceAxis::Z;
  int m_slice_index = -1;
  SlicePlane m_plane;
  std::vector<std::int32_t> m_slice;  // reused buffer for a 3D slice
  double m_aspect = 1.0;              // box width / height of the last grid (slice)
  LabelColorTable m_colors;
  gl::Texture2D m_void_tint;  // RGB8, or no storage
  gl::ShaderProgram m_label_program;
  gl::ShaderProgram m_seed_program;
  gl::ShaderProgram m_axis_program;
  gl::VertexArray m_quad_vao;  // no attributes: the quad comes from gl_VertexID
  gl::VertexArray m_seed_vao;
  gl::Buffer m_seed_buffer;  // vec2 per seed, in [0, 1] across the box
  gl::Buffer m_axis_buffer;  // vec4 per segment (shaders/axis_lines.vert)
  int m_n_seeds = 0;
  int m_n_segments = 0;
  GLint m_boundaries_location = -1, m_outline_location = -1, m_n_colors_location = -1, m_tint_location = -1;
  GLint m_point_size_location = -1;
  GLint m_axis_viewport_location = -1, m_axis_width_location = -1;
};

}  // namespace tessera
