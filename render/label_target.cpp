#include "render/label_target.h"

#include <string>

#include "engine/error.h"

namespace tessera {

namespace {

std::string size_text(const Grid& grid) {
  std::string text = std::to_string(grid.n[0]) + " x " + std::to_string(grid.n[1]);
  if (grid.dim == 3) text += " x " + std::to_string(grid.n[2]);
  return text;
}

}  // namespace

void UploadLabelTarget::upload(std::span<const std::int32_t> labels, const Grid& grid) {
  TESSERA_REQUIRE(grid.dim == 2 || grid.dim == 3, "label upload: the grid must be 2D or 3D");
  TESSERA_REQUIRE(static_cast<std::int64_t>(labels.size()) == grid.size(),
                  "label upload: " + std::to_string(labels.size()) + " labels for a " + size_text(grid) + " grid");
  const int nx = grid.n[0], ny = grid.n[1], nz = grid.n[2];
  // Rows of 4-byte labels are always 4-byte aligned; state it rather than rely on
  // whatever another user of the context (ImGui) left behind.
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glPixelStorei(GL_UNPACK_IMAGE_HEIGHT, 0);
  glBindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);  // the pointer is host memory, not a buffer offset
  if (grid.dim == 2) {
    m_volume = gl::Texture3D();
    if (m_texture.id() == 0 || m_texture.width() != nx || m_texture.height() != ny)
      m_texture = gl::Texture2D(GL_R32I, nx, ny);
    glTextureSubImage2D(m_texture.id(), 0, 0, 0, nx, ny, GL_RED_INTEGER, GL_INT, labels.data());
  } else {
    m_texture = gl::Texture2D();
    if (m_volume.id() == 0 || m_volume.width() != nx || m_volume.height() != ny || m_volume.depth() != nz)
      m_volume = gl::Texture3D(GL_R32I, nx, ny, nz);
    glTextureSubImage3D(m_volume.id(), 0, 0, 0, 0, nx, ny, nz, GL_RED_INTEGER, GL_INT, labels.data());
  }
}

}  // namespace tessera
