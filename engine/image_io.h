#pragma once
// PNG frames through stb_image_write / stb_image. Images are 8-bit RGBA, rows
// stored top first (screen order).
#include <cstdint>
#include <filesystem>
#include <vector>

namespace tessera {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;  // width * height * 4 bytes, top row first

  Image() = default;
  Image(int w, int h) : width(w), height(h), rgba(static_cast<std::size_t>(w) * h * 4, 0) {}
  std::uint8_t* pixel(int x, int y) { return rgba.data() + (static_cast<std::size_t>(y) * width + x) * 4; }
  const std::uint8_t* pixel(int x, int y) const {
    return rgba.data() + (static_cast<std::size_t>(y) * width + x) * 4;
  }
};

// Throws tessera::Error naming the path when the file cannot be written/read.
void write_png(const std::filesystem::path& path, const Image& image);
Image read_png(const std::filesystem::path& path);

}  // namespace tessera
