#version 450 core
// Colours a label grid stored in an R32I texture (row 0 = bottom row of the grid).
// label_palette.glsl (label_color) and label_table.glsl (cell_color) are inserted
// after the #version line at load.

layout(binding = 0) uniform isampler2D u_labels;
uniform bool u_boundaries;       // darken pixels whose right or upper neighbour has another label
uniform vec3 u_boundary_color;   // in [0, 1]
uniform bool u_domain_outline;   // mark kept pixels that touch a pixel outside the domain mask
uniform vec3 u_outline_color;    // in [0, 1]
uniform vec3 u_void_color;       // with a table: the void (label -1) and hidden cells
uniform vec3 u_outside_color;    // with a table: outside the mask (label -2)
layout(binding = 1) uniform sampler2D u_void_tint;  // per-pixel colour of the void (a field map)
uniform bool u_has_void_tint;    // the tint has the labels' size and replaces the void colour

in vec2 v_uv;
out vec4 o_color;

const int kVoidLabel = -1;
const int kOutsideLabel = -2;

int label_at(ivec2 p) {
  return texelFetch(u_labels, p, 0).r;
}

vec3 view_color(int label) {
  // Without a table every label takes the hash palette, as the PNG export does.
  if (u_n_label_colors == 0) return label_color(label);
  if (label == kOutsideLabel) return u_outside_color;
  if (label < 0) return u_void_color;
  vec4 c = cell_color(label);
  return c.a > 0.5 ? c.rgb : u_void_color;
}

void main() {
  ivec2 size = textureSize(u_labels, 0);
  ivec2 p = min(ivec2(v_uv * vec2(size)), size - 1);
  int label = label_at(p);
  vec3 color = view_color(label);
  if (u_has_void_tint && label == kVoidLabel) color = texelFetch(u_void_tint, p, 0).rgb;
  // Same neighbour rule as engine/label_image.cpp, so exported frames match the window.
  if (u_boundaries) {
    bool edge = (p.x + 1 < size.x && label_at(p + ivec2(1, 0)) != label) ||
                (p.y + 1 < size.y && label_at(p + ivec2(0, 1)) != label);
    if (edge) color = u_boundary_color;
  }
  // The domain outline: kept pixels with an outside pixel among their 4 neighbours.
  if (u_domain_outline && label != kOutsideLabel) {
    bool border = (p.x > 0 && label_at(p - ivec2(1, 0)) == kOutsideLabel) ||
                  (p.x + 1 < size.x && label_at(p + ivec2(1, 0)) == kOutsideLabel) ||
                  (p.y > 0 && label_at(p - ivec2(0, 1)) == kOutsideLabel) ||
                  (p.y + 1 < size.y && label_at(p + ivec2(0, 1)) == kOutsideLabel);
    if (border) color = u_outline_color;
  }
  o_color = vec4(color, 1.0);
}
