#include "render/capture.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "engine/error.h"
#include "render/gl.h"

namespace tessera {

Image read_framebuffer(int width, int height) {
  TESSERA_REQUIRE(width >= 1 && height >= 1, "read_framebuffer: the size must be at least 1 x 1");
  Image image(width, height);
  std::vector<std::uint8_t> bottom_first(image.rgba.size());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glPixelStorei(GL_PACK_ROW_LENGTH, 0);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);  // read into host memory, not into a buffer
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_first.data());
  gl::check_errors("glReadPixels");

  // GL rows count up from the bottom; image rows count down from the top.
  const std::size_t row_bytes = static_cast<std::size_t>(width) * 4;
  for (int y = 0; y < height; ++y)
    std::memcpy(image.pixel(0, height - 1 - y), bottom_first.data() + y * row_bytes, row_bytes);
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
  return image;
}

}  // namespace tessera
