#include "render/label_target.h"

#include <string>

#include "engine/error.h"

namespace tessera {

void UploadLabelTarget::upload(std::span<const std::int32_t> labels, const Grid& grid) {
  TESSERA_REQUIRE(grid.dim == 2, "the label texture holds a 2D grid (got a 3D one)");
  const int width = grid.n[0], height = grid.n[1];
  TESSERA_REQUIRE(static_cast<std::int64_t>(labels.size()) == grid.size(),
                  "label upload: " + std::to_string(labels.size()) + " labels for a " + std::to_string(width) + " x " +
                      std::to_string(height) + " grid");
  if (m_texture.id() == 0 || m_texture.width() != width || m_texture.height() != height)
    m_texture = gl::Texture2D(GL_R32I, width, height);
  // Rows of 4-byte labels are always 4-byte aligned; state it rather than rely on
  // whatever another user of the context (ImGui) left behind.
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glBindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);  // the pointer is host memory, not a buffer offset
  glTextureSubImage2D(m_texture.id(), 0, 0, 0, width, height, GL_RED_INTEGER, GL_INT, labels.data());
}

}  // namespace tessera
