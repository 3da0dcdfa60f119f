#pragma once
// An RGBA image (engine/image_io.h) as an OpenGL texture, for the panels' plots
// (ImGui::Image takes its id). Re-uploads in place while the size stays the same.
//
// Lifetime: create, use and destroy with an OpenGL 4.5 core context current.
#include "engine/image_io.h"
#include "render/gl.h"

namespace tessera {

class ImageTexture {
 public:
  // Throws tessera::Error for an empty image or one whose bytes do not match its size.
  void set(const Image& image);
  bool empty() const { return m_texture.id() == 0; }
  GLuint id() const { return m_texture.id(); }
  int width() const { return m_texture.width(); }
  int height() const { return m_texture.height(); }

 private:
  gl::Texture2D m_texture;
};

}  // namespace tessera
