#include "render/label_color_table.h"

#include <vector>

#include "render/label_colors.h"

namespace tessera {

LabelColorTable::LabelColorTable() {
  // A buffer bound for a draw must have storage even when the shader reads none of
  // it (size 0: the shaders never index the table), so start with one entry.
  const std::uint32_t none = 0;
  glNamedBufferData(m_buffer.id(), sizeof(none), &none, GL_DYNAMIC_DRAW);
}

void LabelColorTable::set(std::span<const Rgb8> colors, std::span<const std::uint8_t> visible) {
  const std::vector<std::uint32_t> packed = pack_label_colors(colors, visible);
  m_size = static_cast<int>(packed.size());
  if (packed.empty()) return;  // keep the old storage; size 0 hides it from the shaders
  // Re-specify the whole store: the cell count changes and the old data is dead.
  glNamedBufferData(m_buffer.id(), static_cast<GLsizeiptr>(packed.size() * sizeof(std::uint32_t)), packed.data(),
                    GL_DYNAMIC_DRAW);
}

void LabelColorTable::bind() const {
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, kBinding, m_buffer.id());
}

}  // namespace tessera
