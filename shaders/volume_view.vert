#version 450 core
// One triangle covering the viewport (gl_VertexID only); the fragment shader casts a
// ray per pixel.

void main() {
  // Corners (-1, -1), (3, -1), (-1, 3): the clip-space square lies inside.
  vec2 corner = vec2((gl_VertexID & 1) * 4 - 1, (gl_VertexID >> 1) * 4 - 1);
  gl_Position = vec4(corner, 0.0, 1.0);
}
