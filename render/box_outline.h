#pragma once
// The 12 edges of the box [0, size] as lines (shaders/box_lines.vert), the faint frame
// both 3D views draw under their ray march.
//
// Lifetime: create, use and destroy with an OpenGL 4.5 core context current.
#include <glm/glm.hpp>

#include "engine/colormap.h"
#include "render/gl.h"

namespace tessera {

class BoxOutline {
 public:
  BoxOutline();  // compiles the shaders (tessera::Error with the driver's log)
  // Into the current viewport, with the vertex array `vao` (no attributes) bound by the caller.
  void draw(const glm::mat4& view_proj, const glm::vec3& size, Rgb8 color) const;

 private:
  gl::ShaderProgram m_program;
  GLint m_view_proj, m_size, m_color;
};

}  // namespace tessera
