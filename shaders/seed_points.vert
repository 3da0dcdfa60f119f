#version 450 core
// Seeds as round point sprites over the label view (same viewport).

layout(location = 0) in vec2 a_position;  // in [0, 1] across the grid box, (0, 0) bottom-left
uniform float u_point_size;               // diameter in framebuffer pixels

void main() {
  gl_Position = vec4(a_position * 2.0 - 1.0, 0.0, 1.0);
  gl_PointSize = u_point_size;
}
