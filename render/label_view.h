#pragma once
// The 2D label view: a label grid coloured by the shared palette (engine/colormap.h,
// shaders/label_palette.glsl), optional boundary darkening, seeds as dark discs, fitted
// into the framebuffer with the grid's aspect ratio kept.
//
// Lifetime: create, use and destroy with an OpenGL 4.5 core context current.
#include <cstdint>
#include <memory>
#include <span>

#include "engine/colormap.h"
#include "engine/grid.h"
#include "engine/vec.h"
#include "render/gl.h"
#include "render/label_target.h"

namespace tessera {

inline constexpr Rgb8 kSeedColor{0, 0, 0};

// A rectangle of framebuffer pixels, origin at the bottom-left corner (GL convention).
struct PixelRect {
  int x = 0, y = 0;
  int width = 0, height = 0;
};

// The largest rectangle with width / height = `aspect` centred in a framebuffer of
// fb_width x fb_height pixels (letterboxed). Empty when the framebuffer is empty.
PixelRect fit_rect(double aspect, int fb_width, int fb_height);

struct LabelViewStyle {
  bool boundaries = true;         // darken pixels whose right or upper neighbour differs
  bool seeds = true;              // draw the seeds
  float seed_diameter_px = 6.0f;  // disc diameter, framebuffer pixels
};

class LabelView2D {
 public:
  // Compiles the shaders (throws tessera::Error with the driver's log on failure).
  explicit LabelView2D(std::unique_ptr<LabelTarget> target = std::make_unique<UploadLabelTarget>());

  // Labels of `grid` (x fastest, row 0 at the bottom); a 3D grid shows its middle
  // z slice, as the PNG export does. The data is copied before returning.
  void set_labels(std::span<const std::int32_t> labels, const Grid& grid);
  // Seed positions in box units ([0, L_0] x [0, L_1] of `grid`); copied before returning.
  void set_seeds(std::span<const Vec3> seeds, const Grid& grid);

  // Draws into the currently bound framebuffer of fb_width x fb_height pixels and
  // returns the rectangle the grid occupies. Pixels outside it are left untouched,
  // so the caller clears the background. Draws nothing before the first set_labels.
  PixelRect draw(int fb_width, int fb_height, const LabelViewStyle& style = {}) const {
    return draw(PixelRect{0, 0, fb_width, fb_height}, style);
  }
  // The same, letterboxed inside `area` (framebuffer pixels) instead of the whole framebuffer.
  PixelRect draw(const PixelRect& area, const LabelViewStyle& style = {}) const;

  const LabelTarget& target() const { return *m_target; }

 private:
  std::unique_ptr<LabelTarget> m_target;
  double m_aspect = 1.0;  // box width / height of the last grid
  gl::ShaderProgram m_label_program;
  gl::ShaderProgram m_seed_program;
  gl::VertexArray m_quad_vao;  // no attributes: the quad comes from gl_VertexID
  gl::VertexArray m_seed_vao;
  gl::Buffer m_seed_buffer;  // vec2 per seed, in [0, 1] across the box
  int m_n_seeds = 0;
  GLint m_boundaries_location = -1, m_boundary_color_location = -1;
  GLint m_point_size_location = -1, m_seed_color_location = -1;
};

}  // namespace tessera
