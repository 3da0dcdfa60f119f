#include "render/label_view.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/error.h"
#include "shaders/embedded_shaders.h"

namespace tessera {

namespace {

constexpr GLuint kSegmentBinding = 1;       // shaders/axis_lines.vert
constexpr double kArrowHeadFraction = 0.3;  // head length / arrow length
constexpr double kArrowHeadAngle = 0.45;    // radians between the shaft and each side of the head
constexpr double kSliceReach = 1.5;         // seeds within this many voxels of a slice are drawn

void set_color(GLuint program, GLint location, Rgb8 c) {
  glProgramUniform3f(program, location, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f);
}

gl::ShaderProgram make_label_program() {
  return gl::ShaderProgram(
      "label_view", {{GL_VERTEX_SHADER, "label_view.vert", std::string(shader_source("label_view.vert"))},
                     {GL_FRAGMENT_SHADER, "label_view.frag",
                      gl::with_includes(shader_source("label_view.frag"),
                                        {shader_source("label_palette.glsl"), shader_source("label_table.glsl")})}});
}

gl::ShaderProgram make_seed_program() {
  return gl::ShaderProgram("seed_points",
                           {{GL_VERTEX_SHADER, "seed_points.vert", std::string(shader_source("seed_points.vert"))},
                            {GL_FRAGMENT_SHADER, "seed_points.frag", std::string(shader_source("seed_points.frag"))}});
}

gl::ShaderProgram make_axis_program() {
  return gl::ShaderProgram("axis_lines",
                           {{GL_VERTEX_SHADER, "axis_lines.vert", std::string(shader_source("axis_lines.vert"))},
                            {GL_FRAGMENT_SHADER, "flat_color.frag", std::string(shader_source("flat_color.frag"))}});
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
    : m_target(std::move(target)),
      m_label_program(make_label_program()),
      m_seed_program(make_seed_program()),
      m_axis_program(make_axis_program()) {
  TESSERA_REQUIRE(m_target != nullptr, "LabelView2D needs a label target");
  const GLuint label = m_label_program.id();
  m_boundaries_location = m_label_program.uniform("u_boundaries");
  m_outline_location = m_label_program.uniform("u_domain_outline");
  m_n_colors_location = m_label_program.uniform("u_n_label_colors");
  m_tint_location = m_label_program.uniform("u_has_void_tint");
  set_color(label, m_label_program.uniform("u_boundary_color"), kBoundaryColor);
  set_color(label, m_label_program.uniform("u_outline_color"), kDomainOutlineColor);
  set_color(label, m_label_program.uniform("u_void_color"), kVoidColor);
  set_color(label, m_label_program.uniform("u_outside_color"), kOutsideColor);
  m_point_size_location = m_seed_program.uniform("u_point_size");
  set_color(m_seed_program.id(), m_seed_program.uniform("u_color"), kSeedColor);
  m_axis_viewport_location = m_axis_program.uniform("u_viewport_size");
  m_axis_width_location = m_axis_program.uniform("u_width");
  set_color(m_axis_program.id(), m_axis_program.uniform("u_color"), kAxisColor);

  // Attribute 0 of the seed VAO: one vec2 per seed from m_seed_buffer.
  glVertexArrayVertexBuffer(m_seed_vao.id(), 0, m_seed_buffer.id(), 0, 2 * sizeof(float));
  glEnableVertexArrayAttrib(m_seed_vao.id(), 0);
  glVertexArrayAttribFormat(m_seed_vao.id(), 0, 2, GL_FLOAT, GL_FALSE, 0);
  glVertexArrayAttribBinding(m_seed_vao.id(), 0, 0);
}

void LabelView2D::set_slice(SliceAxis axis, int index) {
  m_slice_axis = axis;
  m_slice_index = index;
}

void LabelView2D::set_labels(std::span<const std::int32_t> labels, const Grid& grid) {
  m_plane = slice_plane(grid, m_slice_axis, m_slice_index);
  const Grid plane = slice_grid(grid, m_plane);
  if (grid.dim == 3) {
    extract_slice(labels, grid, m_plane, m_slice);
    labels = m_slice;
  }
  m_target->upload(labels, plane);
  m_aspect = plane.length[0] / plane.length[1];
}

bool LabelView2D::set_device_labels(const std::int32_t* device_labels, const Grid& grid) {
  if (grid.dim != 2 || !m_target->upload_device(device_labels, grid)) return false;
  m_plane = slice_plane(grid, m_slice_axis, m_slice_index);
  m_aspect = grid.length[0] / grid.length[1];
  return true;
}

void LabelView2D::set_void_tint(std::span<const Rgb8> colors, int width, int height) {
  if (colors.empty()) {
    m_void_tint = gl::Texture2D();
    return;
  }
  TESSERA_REQUIRE(width >= 1 && height >= 1 && colors.size() == static_cast<std::size_t>(width) * height,
                  "void tint: " + std::to_string(colors.size()) + " colours for " + std::to_string(width) + " x " +
                      std::to_string(height) + " pixels");
  if (m_void_tint.id() == 0 || m_void_tint.width() != width || m_void_tint.height() != height)
    m_void_tint = gl::Texture2D(GL_RGB8, width, height);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // rows of 3-byte pixels
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glBindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
  glTextureSubImage2D(m_void_tint.id(), 0, 0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, colors.data());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
}

void LabelView2D::set_label_colors(std::span<const Rgb8> colors, std::span<const std::uint8_t> visible) {
  m_colors.set(colors, visible);
}

std::vector<LabelView2D::ViewPoint> LabelView2D::project(std::span<const Vec3> points, const Grid& grid) const {
  const SlicePlane plane = slice_plane(grid, m_slice_axis, m_slice_index);
  const double centre = slice_position(grid, plane);
  std::vector<ViewPoint> out;
  out.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Vec3& p = points[i];
    if (grid.dim == 3) {
      // Distance to the slice along its normal, to the nearest image on a periodic axis.
      Vec3 off;
      off[plane.normal] = p[plane.normal] - centre;
      off = grid.wrap_displacement(off);
      if (std::fabs(off[plane.normal]) > kSliceReach * grid.spacing(plane.normal)) continue;
    }
    out.push_back({static_cast<float>(p[plane.u] / grid.length[plane.u]),
                   static_cast<float>(p[plane.v] / grid.length[plane.v]), i});
  }
  return out;
}

void LabelView2D::set_seeds(std::span<const Vec3> seeds, const Grid& grid) {
  std::vector<float> xy;
  xy.reserve(2 * seeds.size());
  for (const ViewPoint& p : project(seeds, grid)) {
    xy.push_back(p.u);
    xy.push_back(p.v);
  }
  // Re-specify the whole store each time: the count changes and the old data is dead.
  glNamedBufferData(m_seed_buffer.id(), static_cast<GLsizeiptr>(xy.size() * sizeof(float)), xy.data(), GL_STREAM_DRAW);
  m_n_seeds = static_cast<int>(xy.size() / 2);
}

void LabelView2D::set_axes(std::span<const Vec3> seeds, std::span<const Vec3> axes, const Grid& grid, float length) {
  TESSERA_REQUIRE(seeds.size() == axes.size(),
                  "set_axes: " + std::to_string(axes.size()) + " axes for " + std::to_string(seeds.size()) + " seeds");
  const SlicePlane plane = slice_plane(grid, m_slice_axis, m_slice_index);
  const double lu = grid.length[plane.u], lv = grid.length[plane.v];
  std::vector<float> segments;  // (x0, y0, x1, y1) per segment, [0, 1] across the view
  auto add = [&](double x0, double y0, double x1, double y1) {
    for (double c : {x0 / lu, y0 / lv, x1 / lu, y1 / lv}) segments.push_back(static_cast<float>(c));
  };
  for (const ViewPoint& p : project(seeds, grid)) {
    const Vec3& a = axes[p.source];
    const double a_norm = norm(a);
    if (!(a_norm > 0)) continue;
    // The unit axis projected on the view plane, in box units: foreshortened in a slice.
    const double du = length * a[plane.u] / a_norm, dv = length * a[plane.v] / a_norm;
    const double shaft = std::hypot(du, dv);
    if (shaft < 1e-12) continue;
    const double x0 = p.u * lu, y0 = p.v * lv, x1 = x0 + du, y1 = y0 + dv;
    add(x0, y0, x1, y1);
    // Two head strokes from the tip, back along the shaft turned by +-kArrowHeadAngle.
    const double head = kArrowHeadFraction * shaft;
    for (double turn : {kArrowHeadAngle, -kArrowHeadAngle}) {
      const double c = std::cos(turn), s = std::sin(turn);
      const double bu = -(du * c - dv * s) / shaft, bv = -(du * s + dv * c) / shaft;
      add(x1, y1, x1 + head * bu, y1 + head * bv);
    }
  }
  glNamedBufferData(m_axis_buffer.id(), static_cast<GLsizeiptr>(segments.size() * sizeof(float)), segments.data(),
                    GL_STREAM_DRAW);
  m_n_segments = static_cast<int>(segments.size() / 4);
}

PixelRect LabelView2D::draw(const PixelRect& area, const LabelViewStyle& style) const {
  const gl::Texture2D& texture = m_target->texture();
  PixelRect rect = fit_rect(m_aspect, area.width, area.height);
  rect.x += area.x;
  rect.y += area.y;
  if (texture.id() == 0 || rect.width == 0) return {};

  // Seed discs and arrows near the edge would spill outside the viewport; the scissor keeps them in.
  glViewport(rect.x, rect.y, rect.width, rect.height);
  glScissor(rect.x, rect.y, rect.width, rect.height);
  glEnable(GL_SCISSOR_TEST);
  glDisable(GL_BLEND);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);

  const GLuint label = m_label_program.id();
  glUseProgram(label);
  glProgramUniform1i(label, m_boundaries_location, style.boundaries ? 1 : 0);
  glProgramUniform1i(label, m_outline_location, style.domain_outline ? 1 : 0);
  glProgramUniform1i(label, m_n_colors_location, m_colors.size());
  const bool tint = m_void_tint.id() != 0 && m_void_tint.width() == texture.width() &&
                    m_void_tint.height() == texture.height();
  glProgramUniform1i(label, m_tint_location, tint ? 1 : 0);
  if (tint) glBindTextureUnit(1, m_void_tint.id());
  m_colors.bind();
  glBindTextureUnit(0, texture.id());
  glBindVertexArray(m_quad_vao.id());
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);

  if (style.axes && m_n_segments > 0) {
    glUseProgram(m_axis_program.id());
    glProgramUniform2f(m_axis_program.id(), m_axis_viewport_location, static_cast<float>(rect.width),
                       static_cast<float>(rect.height));
    glProgramUniform1f(m_axis_program.id(), m_axis_width_location, style.axis_width_px);
    glBindBufferBase(GL_SHADER_STORAGE_BUFFER, kSegmentBinding, m_axis_buffer.id());
    glDrawArrays(GL_TRIANGLES, 0, 6 * m_n_segments);
  }

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
