#version 450 core
// One colour for every fragment (axis arrows, box outlines).

uniform vec3 u_color;  // in [0, 1]
out vec4 o_color;

void main() {
  o_color = vec4(u_color, 1.0);
}
