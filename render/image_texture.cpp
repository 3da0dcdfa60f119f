#include "render/image_texture.h"

#include <string>

#include "engine/error.h"

namespace tessera {

void ImageTexture::set(const Image& image) {
  TESSERA_REQUIRE(image.width > 0 && image.height > 0 &&
                      image.rgba.size() == static_cast<std::size_t>(image.width) * image.height * 4,
                  "an image texture needs width * height * 4 bytes (got " + std::to_string(image.rgba.size()) +
                      " for " + std::to_string(image.width) + " x " + std::to_string(image.height) + ")");
  if (m_texture.id() == 0 || m_texture.width() != image.width || m_texture.height() != image.height) {
    m_texture = gl::Texture2D(GL_RGBA8, image.width, image.height);
    glTextureParameteri(m_texture.id(), GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTextureParameteri(m_texture.id(), GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  }
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glBindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
  // Rows top first, as ImGui's default texture coordinates expect.
  glTextureSubImage2D(m_texture.id(), 0, 0, 0, image.width, image.height, GL_RGBA, GL_UNSIGNED_BYTE,
                      image.rgba.data());
  gl::check_errors("ImageTexture::set");
}

}  // namespace tessera
