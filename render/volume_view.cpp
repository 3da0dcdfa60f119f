#include "render/volume_view.h"

#include <algorithm>
#include <glm/gtc/type_ptr.hpp>
#include <string>
#include <utility>
#include <vector>

#include "engine/error.h"
#include "shaders/embedded_shaders.h"

namespace tessera {

namespace {

// The ray march; `walls`: the variant that draws the domain mask's walls.
gl::ShaderProgram make_march_program(bool walls) {
  return gl::ShaderProgram(walls ? "volume_view (walls)" : "volume_view",
                           {{GL_VERTEX_SHADER, "volume_view.vert", std::string(shader_source("volume_view.vert"))},
                            {GL_FRAGMENT_SHADER, "volume_view.frag",
                             gl::with_includes(shader_source("volume_view.frag"),
                                               {walls ? "#define WALLS 1" : "", shader_source("label_palette.glsl"),
                                                shader_source("label_table.glsl")})}});
}

gl::ShaderProgram make_occupancy_program() {
  return gl::ShaderProgram("volume_occupancy", {{GL_COMPUTE_SHADER, "volume_occupancy.comp",
                                                 std::string(shader_source("volume_occupancy.comp"))}});
}

// Voxels per brick side for empty-space skipping, 2^kBrickShift: small enough that a
// brick near a cell is rarely empty, large enough that crossing one saves several voxel
// steps.
constexpr int kBrickShift = 3;
// The same for sub-bricks, skipped inside bricks that cannot be (a wall or a cell's
// surface passes through them), so a ray marches voxel by voxel only next to the surface.
constexpr int kFineBrickShift = 1;
constexpr int kOccupancyGroup = 4;         // local_size of volume_occupancy.comp, per axis
constexpr std::uint8_t kBrickOutside = 2;  // volume_occupancy.comp's bit for a brick holding the outside

int n_bricks(int n_voxels, int brick_size) {
  return (n_voxels + brick_size - 1) / brick_size;
}

void set_color(GLuint program, GLint location, Rgb8 c) {
  glProgramUniform3f(program, location, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f);
}

}  // namespace

VolumeView::MarchProgram::MarchProgram(bool walls) : program(make_march_program(walls)) {
  const gl::ShaderProgram& v = program;
  inv_view_proj = v.uniform("u_inv_view_proj");
  viewport = v.uniform("u_viewport");
  box = v.uniform("u_box");
  light = v.uniform("u_light");
  clip_axis = v.uniform("u_clip_axis");
  clip_position = v.uniform("u_clip_position");
  clip_keep_above = v.uniform("u_clip_keep_above");
  boundaries = v.uniform("u_boundaries");
  boundary_width = v.uniform("u_boundary_width");
  smooth_normals = v.uniform("u_smooth_normals");
  n_label_colors = v.uniform("u_n_label_colors");
  skip_empty = v.uniform("u_skip_empty");
  if (walls) {
    wall_color = v.uniform("u_wall_color");
    wall_alpha = v.uniform("u_wall_alpha");
  }
  set_color(v.id(), v.uniform("u_boundary_color"), kBoundaryColor);
  glProgramUniform1i(v.id(), v.uniform("u_brick_shift"), kBrickShift);
  glProgramUniform1i(v.id(), v.uniform("u_fine_brick_shift"), kFineBrickShift);
}

VolumeView::VolumeView(std::unique_ptr<LabelTarget> target)
    : m_target(std::move(target)),
      m_march(false),
      m_walls_march(true),
      m_occupancy_program(make_occupancy_program()) {
  TESSERA_REQUIRE(m_target != nullptr, "VolumeView needs a label target");
  m_occupancy_brick_size = m_occupancy_program.uniform("u_brick_size");
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
  const GLuint program = m_occupancy_program.id();
  glUseProgram(program);
  glBindTextureUnit(0, volume.id());
  for (auto [texture, size] :
       {std::pair{&m_occupancy, 1 << kBrickShift}, std::pair{&m_fine_occupancy, 1 << kFineBrickShift}}) {
    const int bx = n_bricks(volume.width(), size), by = n_bricks(volume.height(), size),
              bz = n_bricks(volume.depth(), size);
    if (texture->id() == 0 || texture->width() != bx || texture->height() != by || texture->depth() != bz)
      *texture = gl::Texture3D(GL_R8UI, bx, by, bz);
    glProgramUniform1i(program, m_occupancy_brick_size, size);
    glBindImageTexture(0, texture->id(), 0, GL_TRUE, 0, GL_WRITE_ONLY, GL_R8UI);
    auto groups = [](int n) { return static_cast<GLuint>((n + kOccupancyGroup - 1) / kOccupancyGroup); };
    glDispatchCompute(groups(bx), groups(by), groups(bz));
  }
  // The ray march reads the results through samplers; the host reads the bricks back.
  glMemoryBarrier(GL_TEXTURE_FETCH_BARRIER_BIT | GL_TEXTURE_UPDATE_BARRIER_BIT);
  glUseProgram(0);

  // Whether any brick holds the outside: a volume without one (a box domain) is drawn
  // by the variant without walls, which marches faster. A few kilobytes, read once per
  // upload rather than scanning the labels (which may live on the device only).
  std::vector<std::uint8_t> kinds(static_cast<std::size_t>(m_occupancy.width()) * m_occupancy.height() *
                                  m_occupancy.depth());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);  // rows of single bytes, packed; whatever was set before
  glPixelStorei(GL_PACK_ROW_LENGTH, 0);
  glPixelStorei(GL_PACK_IMAGE_HEIGHT, 0);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);  // into host memory, not into a buffer
  glGetTextureImage(m_occupancy.id(), 0, GL_RED_INTEGER, GL_UNSIGNED_BYTE, static_cast<GLsizei>(kinds.size()),
                    kinds.data());
  m_has_outside = std::any_of(kinds.begin(), kinds.end(), [](std::uint8_t k) { return (k & kBrickOutside) != 0; });
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
  if (style.box_outline) m_box.draw(view_proj, box, style.box_color);

  const bool walls = style.walls && m_has_outside;
  const MarchProgram& march = walls ? m_walls_march : m_march;
  const GLuint v = march.program.id();
  glUseProgram(v);
  glProgramUniformMatrix4fv(v, march.inv_view_proj, 1, GL_FALSE, glm::value_ptr(inv_view_proj));
  glProgramUniform4f(v, march.viewport, static_cast<float>(viewport.x), static_cast<float>(viewport.y),
                     static_cast<float>(viewport.width), static_cast<float>(viewport.height));
  glProgramUniform3f(v, march.box, box.x, box.y, box.z);
  glProgramUniform3f(v, march.light, light.x, light.y, light.z);
  const int clip_axis = static_cast<int>(style.clip.axis);
  glProgramUniform1i(v, march.clip_axis, style.clip.enabled ? clip_axis : -1);
  glProgramUniform1f(v, march.clip_position, std::clamp(style.clip.position, 0.0f, 1.0f) * box[clip_axis]);
  glProgramUniform1i(v, march.clip_keep_above, style.clip.flip ? 1 : 0);
  glProgramUniform1i(v, march.boundaries, style.boundaries ? 1 : 0);
  glProgramUniform1f(v, march.boundary_width, std::clamp(style.boundary_width, 0.0f, 0.5f));
  glProgramUniform1i(v, march.smooth_normals, style.smooth_shading ? 1 : 0);
  glProgramUniform1i(v, march.skip_empty, style.skip_empty ? 1 : 0);
  glProgramUniform1i(v, march.n_label_colors, m_colors.size());
  m_colors.bind();
  glBindTextureUnit(0, volume.id());
  glBindTextureUnit(1, m_occupancy.id());
  glBindTextureUnit(2, m_fine_occupancy.id());
  if (walls) {
    set_color(v, march.wall_color, style.wall_color);
    glProgramUniform1f(v, march.wall_alpha, std::clamp(style.wall_alpha, 0.0f, 1.0f));
    // Premultiplied output: a cell pixel (alpha 1) replaces what is there, as without
    // walls; a pixel with only walls is laid over the background and the box outline.
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  }
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glDisable(GL_BLEND);

  glBindVertexArray(0);
  glUseProgram(0);
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace tessera
