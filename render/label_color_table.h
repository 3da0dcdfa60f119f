#pragma once
// A per-label colour table on the GPU: a shader storage buffer of packed RGBA8
// (render/label_colors.h), read by shaders/label_table.glsl. Both label views own one.
//
// Lifetime: create, use and destroy with the GL context current.
#include <cstdint>
#include <span>

#include "engine/colormap.h"
#include "render/gl.h"

namespace tessera {

class LabelColorTable {
 public:
  // The shader storage binding point the shaders declare (label_table.glsl).
  static constexpr GLuint kBinding = 0;

  LabelColorTable();

  // Replaces the table: label i >= 0 gets colors[i]; `visible` is empty (every cell
  // drawn) or one flag per colour (0 = hidden). An empty `colors` removes the table
  // (the views fall back to the hash palette). The data is copied before returning.
  void set(std::span<const Rgb8> colors, std::span<const std::uint8_t> visible = {});
  int size() const { return m_size; }  // number of labels with a colour, 0 = no table

  // Binds the buffer to kBinding for the next draw.
  void bind() const;

 private:
  gl::Buffer m_buffer;
  int m_size = 0;
};

}  // namespace tessera
