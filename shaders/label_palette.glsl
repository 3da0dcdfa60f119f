// Label palette: the same integer hash and channel mapping as engine/colormap.h,
// so the window and the exported PNGs show the same colour for every label.
// GLSL uint arithmetic wraps modulo 2^32 like the C++ std::uint32_t code.
// Inserted after the #version line of shaders that colour labels.

uint hash_label(uint x) {
  x ^= x >> 16u;
  x *= 0x7feb352du;
  x ^= x >> 15u;
  x *= 0x846ca68bu;
  x ^= x >> 16u;
  return x;
}

// Colour in [0, 1]; each channel is an integer in [60, 229] divided by 255, so an
// 8-bit framebuffer stores exactly the C++ value. Negative labels are the void.
vec3 label_color(int label) {
  if (label < 0) return vec3(245.0) / 255.0;
  uint h = hash_label(uint(label));
  uvec3 c = 60u + (uvec3(h, h >> 8u, h >> 16u) & 0xFFu) % 170u;
  return vec3(c) / 255.0;
}
