#include "render/box_outline.h"

#include <glm/gtc/type_ptr.hpp>
#include <string>

#include "shaders/embedded_shaders.h"

namespace tessera {

BoxOutline::BoxOutline()
    : m_program("box_lines",
                {{GL_VERTEX_SHADER, "box_lines.vert", std::string(shader_source("box_lines.vert"))},
                 {GL_FRAGMENT_SHADER, "flat_color.frag", std::string(shader_source("flat_color.frag"))}}),
      m_view_proj(m_program.uniform("u_view_proj")),
      m_size(m_program.uniform("u_box")),
      m_color(m_program.uniform("u_color")) {}

void BoxOutline::draw(const glm::mat4& view_proj, const glm::vec3& size, Rgb8 color) const {
  const GLuint b = m_program.id();
  glUseProgram(b);
  glProgramUniformMatrix4fv(b, m_view_proj, 1, GL_FALSE, glm::value_ptr(view_proj));
  glProgramUniform3f(b, m_size, size.x, size.y, size.z);
  glProgramUniform3f(b, m_color, color.r / 255.0f, color.g / 255.0f, color.b / 255.0f);
  glDrawArrays(GL_LINES, 0, 24);
}

}  // namespace tessera
