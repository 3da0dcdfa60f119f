#version 450 core
// A filled disc: discard the corners of the point sprite.

uniform vec3 u_color;  // in [0, 1]
out vec4 o_color;

void main() {
  if (length(gl_PointCoord - vec2(0.5)) > 0.5) discard;
  o_color = vec4(u_color, 1.0);
}
