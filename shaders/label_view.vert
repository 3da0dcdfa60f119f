#version 450 core
// A quad covering the viewport, made from gl_VertexID alone (no vertex buffer).
// The caller sets the viewport to the rectangle the grid is fitted into.

out vec2 v_uv;  // 0..1 across the grid, (0, 0) at the bottom-left corner

void main() {
  // Triangle strip corners: (0, 0), (1, 0), (0, 1), (1, 1).
  vec2 corner = vec2(gl_VertexID & 1, gl_VertexID >> 1);
  v_uv = corner;
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
