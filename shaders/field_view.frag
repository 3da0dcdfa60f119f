#version 450 core
// Ray-marches the isosurface {f = level} of a float volume (R32F 3D texture, trilinear,
// texel (i, j, k) = voxel (i, j, k) centred at (i + 0.5, j + 0.5, k + 0.5) voxel units)
// and shades it (Lambert plus a small highlight) with the normal -grad f: the solid
// phase f > level is what is drawn, seen from the other phase. Where the solid meets the
// box's faces or the clipping plane, the cut face (cap) shows the scalar texture through
// the colour map: a slice of u, k1 or k2 laid on the texture. With u_slice_only the whole
// clipping plane is drawn that way and the surface is hidden. Pixels that show nothing
// are discarded (the caller clears the background). World coordinates: [0, u_box].

layout(binding = 0) uniform sampler3D u_field;
layout(binding = 1) uniform sampler3D u_scalar;    // coloured on caps and slices
layout(binding = 2) uniform sampler2D u_colormap;  // 256 x 1 RGBA, t in [0, 1] along x
uniform mat4 u_inv_view_proj;  // clip space -> world
uniform vec4 u_viewport;       // x, y, width, height in framebuffer pixels
uniform vec3 u_box;            // box size, world units
uniform vec3 u_light;          // unit vector toward the light
uniform int u_clip_axis;       // -1: no clipping plane
uniform float u_clip_position;
uniform bool u_clip_keep_above;
uniform float u_level;
uniform bool u_slice_only;
uniform bool u_color_surface;  // colour the surface by the scalar too
uniform bool u_caps;           // colour cut faces by the scalar (else the surface colour)
uniform vec3 u_surface_color;
uniform vec2 u_scalar_range;   // mapped to the colour map's ends
uniform float u_step;          // march step, voxels

out vec4 o_color;

const float kHuge = 1e30;

float f_at(vec3 p) { return texture(u_field, p / u_box).r - u_level; }

vec3 scalar_color(vec3 p) {
  float s = texture(u_scalar, p / u_box).r;
  float t = clamp((s - u_scalar_range.x) / max(u_scalar_range.y - u_scalar_range.x, 1e-20), 0.0, 1.0);
  return texture(u_colormap, vec2(0.5 / 256.0 + t * (255.0 / 256.0), 0.5)).rgb;
}

// Outward normal of the solid: -grad f by central differences one voxel apart.
vec3 normal_at(vec3 p, vec3 voxel) {
  vec3 g = vec3(f_at(p + vec3(voxel.x, 0, 0)) - f_at(p - vec3(voxel.x, 0, 0)),
                f_at(p + vec3(0, voxel.y, 0)) - f_at(p - vec3(0, voxel.y, 0)),
                f_at(p + vec3(0, 0, voxel.z)) - f_at(p - vec3(0, 0, voxel.z))) / voxel;
  float len = length(g);
  return len > 1e-12 ? -g / len : vec3(0.0, 0.0, 1.0);
}

vec3 shade(vec3 base, vec3 n, vec3 view) {
  float lambert = abs(dot(n, u_light));  // two-sided: a surface seen from inside the solid is lit too
  vec3 h = normalize(u_light + view);
  float highlight = pow(max(dot(n, h), 0.0), 32.0);
  return base * (0.28 + 0.72 * lambert) + vec3(0.18 * highlight);
}

void main() {
  vec2 ndc = (gl_FragCoord.xy - u_viewport.xy) / u_viewport.zw * 2.0 - 1.0;
  vec4 near_h = u_inv_view_proj * vec4(ndc, -1.0, 1.0);
  vec4 far_h = u_inv_view_proj * vec4(ndc, 1.0, 1.0);
  vec3 ro = near_h.xyz / near_h.w;
  vec3 rd = far_h.xyz / far_h.w - ro;  // t in [0, 1] spans near to far
  vec3 inv_rd = vec3(abs(rd.x) > 1e-12 ? 1.0 / rd.x : kHuge, abs(rd.y) > 1e-12 ? 1.0 / rd.y : kHuge,
                     abs(rd.z) > 1e-12 ? 1.0 / rd.z : kHuge);
  vec3 view = -normalize(rd);

  vec3 ta = (vec3(0.0) - ro) * inv_rd, tb = (u_box - ro) * inv_rd;
  vec3 t_near = min(ta, tb), t_far = max(ta, tb);
  float t0 = max(max(t_near.x, t_near.y), max(t_near.z, 0.0));
  float t1 = min(min(t_far.x, t_far.y), t_far.z);
  if (!(t0 < t1)) discard;
  int face = t_near.x >= max(t_near.y, t_near.z) ? 0 : (t_near.y >= t_near.z ? 1 : 2);

  if (u_slice_only) {
    if (u_clip_axis < 0 || abs(rd[u_clip_axis]) < 1e-12) discard;
    float tc = (u_clip_position - ro[u_clip_axis]) / rd[u_clip_axis];
    if (tc < t0 || tc > t1) discard;
    o_color = vec4(scalar_color(ro + rd * tc), 1.0);
    return;
  }

  if (u_clip_axis >= 0) {
    float o = ro[u_clip_axis], d = rd[u_clip_axis];
    float sign_kept = u_clip_keep_above ? 1.0 : -1.0;
    if (abs(d) < 1e-12) {
      if (sign_kept * (o - u_clip_position) < 0.0) discard;
    } else {
      float tc = (u_clip_position - o) / d;
      if (sign_kept * d > 0.0) {
        if (tc > t0) {
          t0 = tc;
          face = u_clip_axis;
        }
      } else {
        t1 = min(t1, tc);
      }
    }
    if (!(t0 < t1)) discard;
  }

  vec3 n_vox = vec3(textureSize(u_field, 0));
  vec3 voxel = u_box / n_vox;
  vec3 p0 = ro + rd * t0;
  if (f_at(p0) > 0.0) {  // the ray enters the solid through a face: a cap
    vec3 fn = vec3(0.0);
    fn[face] = 1.0;
    vec3 base = u_caps ? scalar_color(p0) : u_surface_color;
    o_color = vec4(base * (0.55 + 0.45 * abs(dot(fn, u_light))), 1.0);
    return;
  }
  // Steps of u_step voxels along the ray; a sign change is refined by bisection.
  float voxels_per_t = length(rd / voxel);
  float dt = u_step / max(voxels_per_t, 1e-20);
  int n_steps = int(min(ceil((t1 - t0) / dt), 8192.0));
  float ta_prev = t0;
  for (int s = 1; s <= n_steps; ++s) {
    float t = min(t0 + float(s) * dt, t1);
    if (f_at(ro + rd * t) > 0.0) {
      float lo = ta_prev, hi = t;
      for (int b = 0; b < 6; ++b) {
        float mid = 0.5 * (lo + hi);
        if (f_at(ro + rd * mid) > 0.0) hi = mid; else lo = mid;
      }
      vec3 p = ro + rd * hi;
      vec3 base = u_color_surface ? scalar_color(p) : u_surface_color;
      o_color = vec4(shade(base, normal_at(p, voxel), view), 1.0);
      return;
    }
    ta_prev = t;
  }
  discard;
}
