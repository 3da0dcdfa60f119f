#version 450 core
// The 12 edges of the box [0, u_box] as GL_LINES (24 vertices, from gl_VertexID alone).

uniform mat4 u_view_proj;  // world (box units) -> clip space
uniform vec3 u_box;        // box size, box units

// Corner c is (c & 1, (c >> 1) & 1, (c >> 2) & 1) scaled by the box; each edge joins
// two corners that differ in one bit.
const int kEdges[24] = int[24](0, 1, 2, 3, 4, 5, 6, 7,   // along x
                               0, 2, 1, 3, 4, 6, 5, 7,   // along y
                               0, 4, 1, 5, 2, 6, 3, 7);  // along z

void main() {
  int c = kEdges[gl_VertexID];
  vec3 corner = vec3(c & 1, (c >> 1) & 1, (c >> 2) & 1);
  gl_Position = u_view_proj * vec4(corner * u_box, 1.0);
}
