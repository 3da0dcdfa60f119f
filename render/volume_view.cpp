#include "render/volume_view.h"

#include <algorithm>
#include <glm/gtc/type_ptr.hpp>
#include <string>

#include "engine/error.h"
#include "shaders/embedded_shaders.h"

namespace tessera {

namespace {

gl::ShaderProgram make_volume_program() {
  return gl::ShaderProgram(
      "volume_view", {{GL_VERTEX_SHADER, "volume_view.vert", std::string(shader_source("volume_view.vert"))},
                      {GL_FRAGMENT_SHADER, "volume_view.frag",
                       gl::with_includes(shader_source("volume_view.frag"),
                                         {shader_source("label_palette.glsl"), shader_source("label_table.glsl")})}});
}

gl::ShaderProgram make_box_program() {
  return gl::ShaderProgram("box_lines",
                           {{GL_VERTEX_SHADER, "box_lines.vert", std::string(shader_source("box_lines.vert"))},
                            {GL_FRAGMENT_SHADER, "flat_color.frag", std::string(shader_source("flat_color.frag"))}});
}

gl::ShaderProgram make_occupancy_program() {
  return gl::ShaderProgram("volume_occupancy", {{GL_COMPUTE_SHADER, "volume_occupancy.comp",
                                                 std::string(shader_source("volume_occupancy.comp"))}});
}

// Voxels per brick side for empty-space skipping: small enough that a brick near a cell
// is rarely empty, large enough that crossing one saves several voxel steps.
constexpr int kBrickSize = 8;
constexpr int kOccupancyGroup = 4;  // local_size of volume_occupancy.comp, per axis

int n_bricks(int n_voxels) {
  return (n_voxels + kBrickSize - 1) / kBrickSize;
}

void set_color(GLuint program, GLint location, Rgb8 c) {
  glProgramUniform3f(program, location, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f);
}

}  // namespace

VolumeView::VolumeView(std::unique_ptr<LabelTarget> target)
    : m_target(std::move(target)),
      m_volume_program(make_volume_program()),
      m_box_program(make_box_program()),
      m_occupancy_program(make_occupancy_program()) {
  TESSERA_REQUIRE(m_target != nullptr, "VolumeView needs a label target");
  const gl::ShaderProgram& v = m_volume_program;
  m_loc.inv_view_proj = v.uniform("u_inv_view_proj");
  m_loc.viewport = v.uniform("u_viewport");
  m_loc.box = v.uniform("u_box");
  m_loc.light = v.uniform("u_light");
  m_loc.clip_axis = v.uniform("u_clip_axis");
  m_loc.clip_position = v.uniform("u_clip_position");
  m_loc.clip_keep_above = v.uniform("u_clip_keep_above");
  m_loc.boundaries = v.uniform("u_boundaries");
  m_loc.boundary_width = v.uniform("u_boundary_width");
  m_loc.smooth_normals = v.uniform("u_smooth_normals");
  m_loc.n_label_colors = v.uniform("u_n_label_colors");
  set_color(v.id(), v.uniform("u_boundary_color"), kBoundaryColor);
  m_loc.brick_size = v.uniform("u_brick_size");
  m_loc.skip_empty = v.uniform("u_skip_empty");
  glProgramUniform1i(v.id(), m_loc.brick_size, kBrickSize);
  glProgramUniform1i(m_occupancy_program.id(), m_occupancy_program.uniform("u_brick_size"), kBrickSize);
  m_loc.box_view_proj = m_box_program.uniform("u_view_proj");
  m_loc.box_size = m_box_program.uniform("u_box");
  m_loc.box_color = m_box_program.uniform("u_color");
}

void VolumeView::set_labels(std::span<const std::int32_t> labels, const Grid& grid) {
  TESSERA_REQUIRE(grid.dim == 3, "the volume view shows 3D grids (got a 2D one)");
  m_target->upload(labels, grid);
  m_grid = grid;
  update_occupancy();
}

bool VolumeView::set_device_labels(const std::int32_t* device_labels, const Grid& grid) {
  TESSERA_REQUIRE(grid.dim == 3, "the volume view shows 3D grids (got a 2D one)");
  if (!m_target->upload_device(device_labels, grid)) return false;
  m_grid = grid;
  update_occupancy();
  return true;
}

void VolumeView::update_occupancy() {
  const gl::Texture3D& volume = m_target->volume();
  const int bx = n_bricks(volume.width()), by = n_bricks(volume.height()), bz = n_bricks(volume.depth());
  if (m_occupancy.id() == 0 || m_occupancy.width() != bx || m_occupancy.height() != by || m_occupancy.depth() != bz)
    m_occupancy = gl::Texture3D(GL_R8UI, bx, by, bz);
  glUseProgram(m_occupancy_program.id());
  glBindTextureUnit(0, volume.id());
  glBindImageTexture(0, m_occupancy.id(), 0, GL_TRUE, 0, GL_WRITE_ONLY, GL_R8UI);
  auto groups = [](int n) { return static_cast<GLuint>((n + kOccupancyGroup - 1) / kOccupancyGroup); };
  glDispatchCompute(groups(bx), groups(by), groups(bz));
  // The ray march reads the result through a sampler.
  glMemoryBarrier(GL_TEXTURE_FETCH_BARRIER_BIT);
  glUseProgram(0);
}

void VolumeView::set_label_colors(std::span<const Rgb8> colors, std::span<const std::uint8_t> visible) {
  m_colors.set(colors, visible);
}

void VolumeView::draw(const PixelRect& viewport, const OrbitCamera& camera, const VolumeViewStyle& style) const {
  const gl::Texture3D& volume = m_target->volume();
  if (volume.id() == 0 || viewport.width <= 0 || viewport.height <= 0) return;

  const float aspect = static_cast<float>(viewport.width) / static_cast<float>(viewport.height);
  const glm::mat4 view_proj = camera.projection(aspect) * camera.view();
  const glm::mat4 inv_view_proj = glm::inverse(view_proj);
  const glm::vec3 box(static_cast<float>(m_grid.length[0]), static_cast<float>(m_grid.length[1]),
                      static_cast<float>(m_grid.length[2]));
  // A key light above and to the right of the eye, so the three visible face
  // orientations of a voxel get three different shades.
  const glm::vec3 light = glm::normalize(-camera.forward() + 0.6f * camera.up() + 0.4f * camera.right());

  glViewport(viewport.x, viewport.y, viewport.width, viewport.height);
  glScissor(viewport.x, viewport.y, viewport.width, viewport.height);
  glEnable(GL_SCISSOR_TEST);
  glDisable(GL_BLEND);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glBindVertexArray(m_vao.id());

  // The box outline first: cells drawn next cover its hidden edges (and, approximately,
  // the front edges where a cell lies behind them; the outline is only a faint cue).
  if (style.box_outline) {
    const GLuint b = m_box_program.id();
    glUseProgram(b);
    glProgramUniformMatrix4fv(b, m_loc.box_view_proj, 1, GL_FALSE, glm::value_ptr(view_proj));
    glProgramUniform3f(b, m_loc.box_size, box.x, box.y, box.z);
    set_color(b, m_loc.box_color, style.box_color);
    glDrawArrays(GL_LINES, 0, 24);
  }

  const GLuint v = m_volume_program.id();
  glUseProgram(v);
  glProgramUniformMatrix4fv(v, m_loc.inv_view_proj, 1, GL_FALSE, glm::value_ptr(inv_view_proj));
  glProgramUniform4f(v, m_loc.viewport, static_cast<float>(viewport.x), static_cast<float>(viewport.y),
                     static_cast<float>(viewport.width), static_cast<float>(viewport.height));
  glProgramUniform3f(v, m_loc.box, box.x, box.y, box.z);
  glProgramUniform3f(v, m_loc.light, light.x, light.y, light.z);
  const int clip_axis = static_cast<int>(style.clip.axis);
  glProgramUniform1i(v, m_loc.clip_axis, style.clip.enabled ? clip_axis : -1);
  glProgramUniform1f(v, m_loc.clip_position, std::clamp(style.clip.position, 0.0f, 1.0f) * box[clip_axis]);
  glProgramUniform1i(v, m_loc.clip_keep_above, style.clip.flip ? 1 : 0);
  glProgramUniform1i(v, m_loc.boundaries, style.boundaries ? 1 : 0);
  glProgramUniform1f(v, m_loc.boundary_width, std::clamp(style.boundary_width, 0.0f, 0.5f));
  glProgramUniform1i(v, m_loc.smooth_normals, style.smooth_shading ? 1 : 0);
  glProgramUniform1i(v, m_loc.skip_empty, style.skip_empty ? 1 : 0);
  glProgramUniform1i(v, m_loc.n_label_colors, m_colors.size());
  m_colors.bind();
  glBindTextureUnit(0, volume.id());
  glBindTextureUnit(1, m_occupancy.id());
  glDrawArrays(GL_TRIANGLES, 0, 3);

  glBindVertexArray(0);
  glUseProgram(0);
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace tessera
