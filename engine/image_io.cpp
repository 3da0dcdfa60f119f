#include "engine/image_io.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include "engine/error.h"

namespace tessera {

void write_png(const std::filesystem::path& path, const Image& image) {
  TESSERA_REQUIRE(image.width > 0 && image.height > 0, "write_png: empty image for " + path.string());
  const int ok = stbi_write_png(path.c_str(), image.width, image.height, 4, image.rgba.data(), image.width * 4);
  TESSERA_REQUIRE(ok != 0, "cannot write PNG file " + path.string());
}

Image read_png(const std::filesystem::path& path) {
  int w = 0, h = 0, channels = 0;
  stbi_uc* data = stbi_load(path.c_str(), &w, &h, &channels, 4);
  TESSERA_REQUIRE(data != nullptr, "cannot read PNG file " + path.string() + ": " +
                                       (stbi_failure_reason() ? stbi_failure_reason() : "unknown reason"));
  Image image(w, h);
  std::copy(data, data + static_cast<std::size_t>(w) * h * 4, image.rgba.begin());
  stbi_image_free(data);
  return image;
}

}  // namespace tessera
