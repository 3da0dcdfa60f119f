#include "render/label_colors.h"

#include <string>

#include "engine/error.h"

namespace tessera {

std::uint32_t pack_label_color(Rgb8 color, bool visible) {
  return static_cast<std::uint32_t>(color.r) | static_cast<std::uint32_t>(color.g) << 8 |
         static_cast<std::uint32_t>(color.b) << 16 | (visible ? 0xFFu : 0u) << 24;
}

std::vector<std::uint32_t> pack_label_colors(std::span<const Rgb8> colors, std::span<const std::uint8_t> visible) {
  TESSERA_REQUIRE(visible.empty() || visible.size() == colors.size(),
                  "label colours: " + std::to_string(visible.size()) + " visibility flags for " +
                      std::to_string(colors.size()) + " colours");
  std::vector<std::uint32_t> packed(colors.size());
  for (std::size_t i = 0; i < colors.size(); ++i)
    packed[i] = pack_label_color(colors[i], visible.empty() || visible[i] != 0);
  return packed;
}

Rgb8 view_label_color(std::int32_t label, std::span<const Rgb8> colors, std::span<const std::uint8_t> visible) {
  if (colors.empty()) return label_color(label);
  if (label == kOutsideLabel) return kOutsideColor;
  if (label < 0) return kVoidColor;
  const auto i = static_cast<std::size_t>(label);
  if (i >= colors.size()) return label_color(label);
  if (!visible.empty() && i < visible.size() && visible[i] == 0) return kVoidColor;
  return colors[i];
}

}  // namespace tessera
