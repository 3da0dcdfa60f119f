#version 450 core
// Thick line segments over the label view, each drawn as a quad of two triangles
// (6 vertices per segment, from gl_VertexID alone): core profiles cap glLineWidth at 1.

layout(std430, binding = 1) readonly buffer Segments {
  vec4 u_segments[];  // (x0, y0, x1, y1) in [0, 1] across the view (values beyond it are clipped)
};
uniform vec2 u_viewport_size;  // pixels
uniform float u_width;         // line width, pixels

void main() {
  vec4 s = u_segments[gl_VertexID / 6];
  int corner = gl_VertexID % 6;  // triangles (0, 1, 2) and (2, 1, 3) of the quad's corners
  int k = corner < 3 ? corner : (corner == 3 ? 2 : (corner == 4 ? 1 : 3));
  // Work in pixels so the width is the same whatever the view's aspect ratio.
  vec2 a = s.xy * u_viewport_size, b = s.zw * u_viewport_size;
  vec2 d = b - a;
  float len = length(d);
  vec2 t = len > 1e-6 ? d / len : vec2(1.0, 0.0);
  vec2 n = vec2(-t.y, t.x);
  float h = 0.5 * u_width;
  // Each end is extended by half the width, so joined segments meet without gaps.
  vec2 end = (k & 1) == 0 ? a - h * t : b + h * t;
  vec2 p = end + ((k & 2) == 0 ? -h : h) * n;
  gl_Position = vec4(p / u_viewport_size * 2.0 - 1.0, 0.0, 1.0);
}
