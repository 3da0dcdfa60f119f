#pragma once
// The 3D view of a scalar field: the isosurface {f = level} ray-marched through a
// trilinear float texture (shaders/field_view.frag), shaded by the field's gradient,
// with a clipping plane whose cut face, like the box's faces where the solid (f > level)
// meets them, shows a second scalar through a colour map (a slice of u, k1 or k2 on the
// texture); or only that slice. Seen through an OrbitCamera; world = box units.
//
// Lifetime: create, use and destroy with an OpenGL 4.5 core context current.
#include <array>
#include <span>

#include "engine/colormap.h"
#include "render/box_outline.h"
#include "render/clip_plane.h"
#include "render/gl.h"
#include "render/orbit_camera.h"
#include "render/picking.h"

namespace tessera {

// Which ramp maps the scalar (engine/color_scale.h).
enum class FieldColorMap { Sequential, Diverging };

struct FieldViewStyle {
  float level = 0.0f;        // the isosurface's value
  bool slice_only = false;   // draw only the clipping plane, coloured (needs clip.enabled)
  bool color_surface = false;  // colour the surface by the scalar too (else surface_color)
  bool caps = true;          // cut faces coloured by the scalar (else surface_color)
  Rgb8 surface_color{226, 206, 170};
  bool box_outline = true;
  Rgb8 box_color{130, 130, 130};
  float step_voxels = 0.5f;  // march step; the crossing is refined by bisection
  ClipPlane clip;
};

class FieldView {
 public:
  // Compiles the shaders (tessera::Error with the driver's log on failure).
  FieldView();

  // The field: n[0] * n[1] * n[2] values, the first axis fastest, over a box of `box`
  // world units; `periodic` makes the sampling wrap at the faces (else clamp). Throws
  // tessera::Error for mismatched sizes.
  void set_field(std::span<const float> values, std::array<int, 3> n, std::array<float, 3> box, bool periodic);
  // The coloured scalar, on the field's grid: [lo, hi] spans the ramp (Diverging: its
  // centre is the middle of [lo, hi]). Before the first call the field itself is shown.
  void set_scalar(std::span<const float> values, float lo, float hi, FieldColorMap map);

  // Draws into `viewport` of the bound framebuffer; writes only pixels that show the
  // surface, a cut face or the box outline. Nothing before the first field.
  void draw(const PixelRect& viewport, const OrbitCamera& camera, const FieldViewStyle& style = {}) const;

  bool has_field() const { return m_field.id() != 0; }
  std::array<int, 3> size() const { return m_n; }

 private:
  void set_colormap(FieldColorMap map);

  gl::ShaderProgram m_program;
  BoxOutline m_outline;
  gl::VertexArray m_vao;
  gl::Texture3D m_field, m_scalar;
  gl::Texture2D m_colormap;
  std::array<int, 3> m_n{0, 0, 0};
  std::array<float, 3> m_box{1, 1, 1};
  bool m_periodic = true;
  float m_lo = -1, m_hi = 1;
  struct Locations {
    GLint inv_view_proj, viewport, box, light, clip_axis, clip_position, clip_keep_above, level, slice_only,
        color_surface, caps, surface_color, scalar_range, step;
  } m_loc{};
};

}  // namespace tessera
