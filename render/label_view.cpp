#include "render/label_view.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/error.h"
#include "shaders/embedded_shaders.h"

namespace tessera {

namespace {

void set_color(GLuint program, GLint location, Rgb8 c) {
  glProgramUniform3f(program, location, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f);
}

gl::ShaderProgram make_label_program() {
  return gl::ShaderProgram(
      "label_view", {{GL_VERTEX_SHADER, "label_view.vert", std::string(shader_source("label_view.vert"))},
                     {GL_FRAGMENT_SHADER, "label_view.frag",
                      gl::with_includes(shader_source("label_view.frag"), {shader_source("label_palette.glsl")})}});
}

gl::ShaderProgram make_seed_program() {
  return gl::ShaderProgram("seed_points",
                           {{GL_VERTEX_SHADER, "seed_points.vert", std::string(shader_source("seed_points.vert"))},
                            {GL_FRAGMENT_SHADER, "seed_points.frag", std::string(shader_source("seed_points.frag"))}});
}

}  // namespace

PixelRect fit_rect(double aspect, int fb_width, int fb_height) {
  TESSERA_REQUIRE(aspect > 0 && std::isfinite(aspect), "fit_rect: the aspect ratio must be positive");
  if (fb_width <= 0 || fb_height <= 0) return {};
  PixelRect rect;
  if (fb_width >= aspect * fb_height) {  // framebuffer wider than the content: bars left and right
    rect.height = fb_height;
    rect.width = std::clamp(static_cast<int>(std::lround(fb_height * aspect)), 1, fb_width);
  } else {  // taller: bars above and below
    rect.width = fb_width;
    rect.height = std::clamp(static_cast<int>(std::lround(fb_width / aspect)), 1, fb_height);
  }
  rect.x = (fb_width - rect.width) / 2;
  rect.y = (fb_height - rect.height) / 2;
  return rect;
}

LabelView2D::LabelView2D(std::unique_ptr<LabelTarget> target)
    : m_target(std::move(target)), m_label_program(make_label_program()), m_seed_program(make_seed_program()) {
  TESSERA_REQUIRE(m_target != nullptr, "LabelView2D needs a label target");
  m_boundaries_location = m_label_program.uniform("u_boundaries");
  m_boundary_color_location = m_label_program.uniform("u_boundary_color");
  m_point_size_location = m_seed_program.uniform("u_point_size");
  m_seed_color_location = m_seed_program.uniform("u_color");
  set_color(m_label_program.id(), m_boundary_color_location, kBoundaryColor);
  set_color(m_seed_program.id(), m_seed_color_location, kSeedColor);

  // Attribute 0 of the seed VAO: one vec2 per seed from m_seed_buffer.
  glVertexArrayVertexBuffer(m_seed_vao.id(), 0, m_seed_buffer.id(), 0, 2 * sizeof(float));
  glEnableVertexArrayAttrib(m_seed_vao.id(), 0);
  glVertexArrayAttribFormat(m_seed_vao.id(), 0, 2, GL_FLOAT, GL_FALSE, 0);
  glVertexArrayAttribBinding(m_seed_vao.id(), 0, 0);
}

void LabelView2D::set_labels(std::span<const std::int32_t> labels, const Grid& grid) {
  Grid plane = grid;
  if (grid.dim == 3) {
    TESSERA_REQUIRE(static_cast<std::int64_t>(labels.size()) == grid.size(),
                    "set_labels: label count does not match the grid");
    const std::int64_t n_plane = static_cast<std::int64_t>(grid.n[0]) * grid.n[1];
    labels =
        labels.subspan(static_cast<std::size_t>(grid.index(0, 0, grid.n[2] / 2)), static_cast<std::size_t>(n_plane));
    plane.dim = 2;
    plane.n[2] = 1;
  }
  m_target->upload(labels, plane);
  m_aspect = plane.length[0] / plane.length[1];
}

void LabelView2D::set_seeds(std::span<const Vec3> seeds, const Grid& grid) {
  std::vector<float> xy;
  xy.reserve(2 * seeds.size());
  for (const Vec3& p : seeds) {
    xy.push_back(static_cast<float>(p.x / grid.length[0]));
    xy.push_back(static_cast<float>(p.y / grid.length[1]));
  }
  // Re-specify the whole store each time: the count changes and the old data is dead.
  glNamedBufferData(m_seed_buffer.id(), static_cast<GLsizeiptr>(xy.size() * sizeof(float)), xy.data(), GL_STREAM_DRAW);
  m_n_seeds = static_cast<int>(seeds.size());
}

PixelRect LabelView2D::draw(const PixelRect& area, const LabelViewStyle& style) const {
  const gl::Texture2D& texture = m_target->texture();
  PixelRect rect = fit_rect(m_aspect, area.width, area.height);
  rect.x += area.x;
  rect.y += area.y;
  if (texture.id() == 0 || rect.width == 0) return {};

  // Seed discs near the edge would spill outside the viewport; the scissor keeps them in.
  glViewport(rect.x, rect.y, rect.width, rect.height);
  glScissor(rect.x, rect.y, rect.width, rect.height);
  glEnable(GL_SCISSOR_TEST);
  glDisable(GL_BLEND);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);

  glUseProgram(m_label_program.id());
  glProgramUniform1i(m_label_program.id(), m_boundaries_location, style.boundaries ? 1 : 0);
  glBindTextureUnit(0, texture.id());
  glBindVertexArray(m_quad_vao.id());
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);

  if (style.seeds && m_n_seeds > 0) {
    glUseProgram(m_seed_program.id());
    glProgramUniform1f(m_seed_program.id(), m_point_size_location, style.seed_diameter_px);
    glEnable(GL_PROGRAM_POINT_SIZE);
    glBindVertexArray(m_seed_vao.id());
    glDrawArrays(GL_POINTS, 0, m_n_seeds);
    glDisable(GL_PROGRAM_POINT_SIZE);
  }

  glBindVertexArray(0);
  glUseProgram(0);
  glDisable(GL_SCISSOR_TEST);
  glViewport(area.x, area.y, area.width, area.height);
  return rect;
}

}  // namespace tessera
