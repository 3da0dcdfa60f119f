#include "render/field_view.h"

#include <algorithm>
#include <glm/gtc/type_ptr.hpp>
#include <string>
#include <vector>

#include "engine/color_scale.h"
#include "engine/error.h"
#include "shaders/embedded_shaders.h"

namespace tessera {

namespace {

constexpr int kColormapTexels = 256;

void set_color(GLuint program, GLint location, Rgb8 c) {
  glProgramUniform3f(program, location, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f);
}

// A float volume sampled trilinearly (the march needs values between voxel centres).
gl::Texture3D make_volume(std::array<int, 3> n, bool periodic) {
  gl::Texture3D t(GL_R32F, n[0], n[1], n[2]);
  glTextureParameteri(t.id(), GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTextureParameteri(t.id(), GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  const GLint wrap = periodic ? GL_REPEAT : GL_CLAMP_TO_EDGE;
  for (GLenum axis : {GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R}) glTextureParameteri(t.id(), axis, wrap);
  return t;
}

void upload(const gl::Texture3D& t, std::span<const float> values) {
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glPixelStorei(GL_UNPACK_IMAGE_HEIGHT, 0);
  glBindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
  glTextureSubImage3D(t.id(), 0, 0, 0, 0, t.width(), t.height(), t.depth(), GL_RED, GL_FLOAT, values.data());
  gl::check_errors("FieldView upload");
}

}  // namespace

FieldView::FieldView()
    : m_program("field_view",
                {{GL_VERTEX_SHADER, "volume_view.vert", std::string(shader_source("volume_view.vert"))},
                 {GL_FRAGMENT_SHADER, "field_view.frag", std::string(shader_source("field_view.frag"))}}),
      m_colormap(GL_RGBA8, kColormapTexels, 1) {
  const gl::ShaderProgram& p = m_program;
  m_loc = {p.uniform("u_inv_view_proj"), p.uniform("u_viewport"),      p.uniform("u_box"),
           p.uniform("u_light"),         p.uniform("u_clip_axis"),     p.uniform("u_clip_position"),
           p.uniform("u_clip_keep_above"), p.uniform("u_level"),       p.uniform("u_slice_only"),
           p.uniform("u_color_surface"), p.uniform("u_caps"),          p.uniform("u_surface_color"),
           p.uniform("u_scalar_range"),  p.uniform("u_step")};
  glTextureParameteri(m_colormap.id(), GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTextureParameteri(m_colormap.id(), GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  set_colormap(FieldColorMap::Diverging);
}

void FieldView::set_colormap(FieldColorMap map) {
  std::vector<std::uint8_t> texels(4 * kColormapTexels);
  for (int k = 0; k < kColormapTexels; ++k) {
    const double t = k / static_cast<double>(kColormapTexels - 1);
    const Rgb8 c = map == FieldColorMap::Sequential ? sequential_color(t) : diverging_color(2 * t - 1);
    texels[4 * k] = c.r;
    texels[4 * k + 1] = c.g;
    texels[4 * k + 2] = c.b;
    texels[4 * k + 3] = 255;
  }
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glBindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
  glTextureSubImage2D(m_colormap.id(), 0, 0, 0, kColormapTexels, 1, GL_RGBA, GL_UNSIGNED_BYTE, texels.data());
}

void FieldView::set_field(std::span<const float> values, std::array<int, 3> n, std::array<float, 3> box,
                          bool periodic) {
  TESSERA_REQUIRE(n[0] >= 2 && n[1] >= 2 && n[2] >= 2, "the field view needs at least 2 voxels per axis");
  TESSERA_REQUIRE(values.size() == static_cast<std::size_t>(n[0]) * n[1] * n[2],
                  "the field view got " + std::to_string(values.size()) + " values for a " + std::to_string(n[0]) +
                      " x " + std::to_string(n[1]) + " x " + std::to_string(n[2]) + " grid");
  const bool first = m_field.id() == 0;
  if (first || n != m_n || periodic != m_periodic) {
    m_field = make_volume(n, periodic);
    m_scalar = gl::Texture3D{};
  }
  m_n = n;
  m_box = box;
  m_periodic = periodic;
  upload(m_field, values);
  if (m_scalar.id() == 0) {  // until a scalar is given, the caps show the field itself
    m_scalar = make_volume(n, periodic);
    upload(m_scalar, values);
    m_lo = -1;
    m_hi = 1;
  }
}

void FieldView::set_scalar(std::span<const float> values, float lo, float hi, FieldColorMap map) {
  TESSERA_REQUIRE(m_field.id() != 0, "the field view needs a field before a scalar");
  TESSERA_REQUIRE(values.size() == static_cast<std::size_t>(m_n[0]) * m_n[1] * m_n[2],
                  "the field view's scalar has " + std::to_string(values.size()) + " values, not the field's");
  if (m_scalar.id() == 0) m_scalar = make_volume(m_n, m_periodic);
  upload(m_scalar, values);
  m_lo = lo;
  m_hi = hi > lo ? hi : lo + 1;
  set_colormap(map);
}

void FieldView::draw(const PixelRect& viewport, const OrbitCamera& camera, const FieldViewStyle& style) const {
  if (m_field.id() == 0 || viewport.width <= 0 || viewport.height <= 0) return;
  const float aspect = static_cast<float>(viewport.width) / static_cast<float>(viewport.height);
  const glm::mat4 view_proj = camera.projection(aspect) * camera.view();
  const glm::mat4 inv_view_proj = glm::inverse(view_proj);
  const glm::vec3 light = glm::normalize(-camera.forward() + 0.6f * camera.up() + 0.4f * camera.right());

  glViewport(viewport.x, viewport.y, viewport.width, viewport.height);
  glScissor(viewport.x, viewport.y, viewport.width, viewport.height);
  glEnable(GL_SCISSOR_TEST);
  glDisable(GL_BLEND);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glBindVertexArray(m_vao.id());

  if (style.box_outline) m_outline.draw(view_proj, glm::vec3(m_box[0], m_box[1], m_box[2]), style.box_color);

  const GLuint v = m_program.id();
  glUseProgram(v);
  glProgramUniformMatrix4fv(v, m_loc.inv_view_proj, 1, GL_FALSE, glm::value_ptr(inv_view_proj));
  glProgramUniform4f(v, m_loc.viewport, static_cast<float>(viewport.x), static_cast<float>(viewport.y),
                     static_cast<float>(viewport.width), static_cast<float>(viewport.height));
  glProgramUniform3f(v, m_loc.box, m_box[0], m_box[1], m_box[2]);
  glProgramUniform3f(v, m_loc.light, light.x, light.y, light.z);
  const int axis = static_cast<int>(style.clip.axis);
  glProgramUniform1i(v, m_loc.clip_axis, style.clip.enabled ? axis : -1);
  glProgramUniform1f(v, m_loc.clip_position, std::clamp(style.clip.position, 0.0f, 1.0f) * m_box[axis]);
  glProgramUniform1i(v, m_loc.clip_keep_above, style.clip.flip ? 1 : 0);
  glProgramUniform1f(v, m_loc.level, style.level);
  glProgramUniform1i(v, m_loc.slice_only, style.slice_only ? 1 : 0);
  glProgramUniform1i(v, m_loc.color_surface, style.color_surface ? 1 : 0);
  glProgramUniform1i(v, m_loc.caps, style.caps ? 1 : 0);
  set_color(v, m_loc.surface_color, style.surface_color);
  glProgramUniform2f(v, m_loc.scalar_range, m_lo, m_hi);
  glProgramUniform1f(v, m_loc.step, std::clamp(style.step_voxels, 0.05f, 2.0f));
  glBindTextureUnit(0, m_field.id());
  glBindTextureUnit(1, m_scalar.id());
  glBindTextureUnit(2, m_colormap.id());
  glDrawArrays(GL_TRIANGLES, 0, 3);

  glBindVertexArray(0);
  glUseProgram(0);
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace tessera
