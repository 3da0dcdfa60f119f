#version 450 core
// Colours a label grid stored in an R32I texture (row 0 = bottom row of the grid).
// label_palette.glsl (label_color) is inserted after the #version line at load.

layout(binding = 0) uniform isampler2D u_labels;
uniform bool u_boundaries;      // darken pixels whose right or upper neighbour has another label
uniform vec3 u_boundary_color;  // in [0, 1]

in vec2 v_uv;
out vec4 o_color;

void main() {
  ivec2 size = textureSize(u_labels, 0);
  ivec2 p = min(ivec2(v_uv * vec2(size)), size - 1);
  int label = texelFetch(u_labels, p, 0).r;
  vec3 color = label_color(label);
  // Same neighbour rule as engine/label_image.cpp, so exported frames match the window.
  if (u_boundaries) {
    bool edge = (p.x + 1 < size.x && texelFetch(u_labels, p + ivec2(1, 0), 0).r != label) ||
                (p.y + 1 < size.y && texelFetch(u_labels, p + ivec2(0, 1), 0).r != label);
    if (edge) color = u_boundary_color;
  }
  o_color = vec4(color, 1.0);
}
