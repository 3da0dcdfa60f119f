#pragma once
// Label palette shared by the CPU image writer and the GLSL label shader
// (shaders/label_palette.glsl implements the same integer hash, so the
// window and the exported PNGs show the same colours).
#include <cstdint>

#include "engine/host_device.h"

namespace tessera {

struct Rgb8 {
  std::uint8_t r, g, b;
};

inline constexpr Rgb8 kVoidColor{245, 245, 245};      // the void/medium: near white
inline constexpr Rgb8 kBoundaryColor{30, 30, 30};     // cell outlines (PNG export and window)

TESSERA_HD inline std::uint32_t hash_label(std::uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

// A well-spread mid-tone colour per label; negative labels are the void.
TESSERA_HD inline Rgb8 label_color(std::int32_t label) {
  if (label < 0) return kVoidColor;
  const std::uint32_t h = hash_label(static_cast<std::uint32_t>(label));
  return Rgb8{static_cast<std::uint8_t>(60 + (h & 0xFFu) % 170u),
              static_cast<std::uint8_t>(60 + ((h >> 8) & 0xFFu) % 170u),
              static_cast<std::uint8_t>(60 + ((h >> 16) & 0xFFu) % 170u)};
}

// `base` lightened or darkened by up to +-`amount` (0..1) according to `key`'s hash, so that
// neighbouring cells of one species stay distinguishable.
TESSERA_HD inline Rgb8 shade(Rgb8 base, std::uint32_t key, double amount = 0.15) {
  const double t = amount * ((hash_label(key) & 0xFFFFu) / 32767.5 - 1.0);  // in [-amount, amount]
  auto channel = [t](std::uint8_t v) {
    const double out = t >= 0 ? v + (255.0 - v) * t : v * (1.0 + t);
    return static_cast<std::uint8_t>(out < 0 ? 0 : (out > 255 ? 255 : out + 0.5));
  };
  return Rgb8{channel(base.r), channel(base.g), channel(base.b)};
}

}  // namespace tessera
