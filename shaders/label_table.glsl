// Per-label colour table (render/label_color_table.h), inserted after the #version
// line of shaders that colour cells, after label_palette.glsl (label_color).
// Entry i is label i's colour as packed by render/label_colors.cpp:
// r | g << 8 | b << 16 | a << 24, a = 255 for a drawn cell, 0 for a hidden one.

layout(std430, binding = 0) readonly buffer LabelColors {
  uint u_label_colors[];
};
uniform int u_n_label_colors;  // entries in the table; 0: no table, the hash palette for every label

// Colour (rgb in [0, 1]) and visibility (a: 1 drawn, 0 hidden) of cell `label` >= 0;
// labels past the end of the table keep the hash palette and are drawn.
vec4 cell_color(int label) {
  if (label < u_n_label_colors) return unpackUnorm4x8(u_label_colors[label]);
  return vec4(label_color(label), 1.0);
}
