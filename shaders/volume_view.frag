#version 450 core
// Ray-marches a label volume (R32I 3D texture, texel (i, j, k) = voxel (i, j, k)) voxel
// by voxel (a 3D DDA: Amanatides & Woo, "A fast voxel traversal algorithm for ray
// tracing", Eurographics 1987) and shows the first voxel of a drawn cell: its colour
// from the table, shaded (Lambert) by the cell's occupancy gradient or the voxel face
// the ray entered through, darkened near edges it shares with another cell. The void,
// the outside and hidden cells are transparent; pixels whose ray meets no drawn voxel
// are discarded (background kept).
// Compiled with WALLS defined (render/volume_view.cpp), it also draws the walls of the
// domain mask: each time the ray crosses between the outside (label -2) and a kept voxel
// it adds a faint shaded layer, composited front to back, so the cell behind shows
// through tinted; the output is premultiplied (blend ONE, ONE_MINUS_SRC_ALPHA), and a
// ray that meets only walls leaves a translucent pixel. A separate variant, since the
// bookkeeping slows the march even where it draws nothing.
// Bricks without any cell voxel (u_occupancy) are crossed in one step; with WALLS only
// bricks all outside or all kept, so no wall is skipped. Inside a brick that cannot be
// skipped, its sub-bricks (u_fine_occupancy) can be: a wall or a cell's surface crosses
// few of them.
// label_palette.glsl and label_table.glsl are inserted after the #version line.
// World coordinates are box units: the box is [0, u_box].

layout(binding = 0) uniform isampler3D u_labels;
layout(binding = 1) uniform usampler3D u_occupancy;       // per brick: the kinds of voxel it holds
layout(binding = 2) uniform usampler3D u_fine_occupancy;  // the same per sub-brick
// Voxels per brick and sub-brick side as powers of two: shifts, since vector integer
// division costs a scalar divide per lane and component on a CPU rasteriser.
uniform int u_brick_shift;
uniform int u_fine_brick_shift;
uniform bool u_skip_empty;        // cross empty bricks in one step
uniform mat4 u_inv_view_proj;     // clip space -> world
uniform vec4 u_viewport;          // x, y, width, height in framebuffer pixels
uniform vec3 u_box;               // box size, box units
uniform vec3 u_light;             // unit vector toward the light, world
uniform int u_clip_axis;          // -1: no clipping plane; else its normal axis
uniform float u_clip_position;    // box units along u_clip_axis
uniform bool u_clip_keep_above;   // keep coordinates >= u_clip_position (else <=)
uniform bool u_boundaries;        // darken edges shared with another drawn cell
uniform float u_boundary_width;   // width of that band, fraction of a voxel
uniform vec3 u_boundary_color;    // in [0, 1]
uniform bool u_smooth_normals;    // shade by the occupancy gradient (else by the entered voxel face)
#ifdef WALLS
uniform vec3 u_wall_color;        // in [0, 1], before shading
uniform float u_wall_alpha;       // opacity of one wall layer
#endif

out vec4 o_color;

const float kHuge = 1e30;
const int kVoidLabel = -1, kOutsideLabel = -2;  // engine/label_codes.h
// Brick kinds (volume_occupancy.comp, bits): a cell, the outside, the void.
const uint kBrickCell = 1u, kBrickOutside = 2u, kBrickVoid = 4u;

bool drawn(int label) {
  return label >= 0 && cell_color(label).a > 0.5;
}

// Outward normal of cell `label` at voxel `cell`: minus the gradient of its occupancy
// over the 26 neighbours (voxels outside the grid count as empty), or zero where the
// neighbourhood is symmetric. Smoother than the voxel faces on curved cells.
vec3 occupancy_normal(ivec3 cell, int label, ivec3 n) {
  vec3 g = vec3(0.0);
  for (int dz = -1; dz <= 1; ++dz)
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        ivec3 o = ivec3(dx, dy, dz);
        ivec3 q = cell + o;
        if (o == ivec3(0) || any(lessThan(q, ivec3(0))) || any(greaterThanEqual(q, n))) continue;
        if (texelFetch(u_labels, q, 0).r == label) g += vec3(o) / length(vec3(o));
      }
  float len = length(g);
  return len > 1e-3 ? -g / len : vec3(0.0);
}

// t at which the ray ro + t rd (voxel units, inv = 1 / rd) reaches each coordinate of
// `faces`; kHuge along axes it does not move on.
vec3 crossing_times(vec3 faces, vec3 ro, vec3 inv, ivec3 step_dir) {
  return vec3(step_dir.x != 0 ? (faces.x - ro.x) * inv.x : kHuge, step_dir.y != 0 ? (faces.y - ro.y) * inv.y : kHuge,
              step_dir.z != 0 ? (faces.z - ro.z) * inv.z : kHuge);
}

// Whether a brick of these kinds can be crossed in one step: one without a cell; with
// walls, one of a single kind, whose faces the march still checks against the side it
// came from.
bool skippable(uint kinds) {
#ifdef WALLS
  return kinds == kBrickOutside || kinds == kBrickVoid;
#else
  return (kinds & kBrickCell) == 0u;
#endif
}

#ifdef WALLS
// The walls along one ray. A crossing waits until the ray has gone kWallGap voxels past
// it: crossing back sooner means the ray only clipped a corner of a voxelised wall's
// staircase, and both crossings are dropped (else grazing rays stack extra layers into
// a speckle along curved walls).
const float kWallGap = 0.75;  // voxels: below one, so both faces of a one-voxel sheet count
struct Walls {
  vec4 color;        // the layers drawn so far, premultiplied, front to back
  int side;          // of the last voxel: -1 none yet (the box's faces and the cut are no walls), 0 kept, 1 outside
  float pending_at;  // voxels along the ray of the crossing not yet drawn; < 0: none
  int pending_axis;  // and the axis of the face crossed
};

// Draws the pending crossing as one more layer behind those drawn, lit by the crossed
// face's normal turned toward the eye. (A smoothed normal from the mask's gradient
// reads better on curved walls, but its neighbour reads inside the march loop made
// FallingStuff's frames 1.7 times slower on llvmpipe.)
void draw_pending(inout Walls w, vec3 rd) {
  if (w.pending_at < 0.0) return;
  vec3 normal = vec3(0.0);
  normal[w.pending_axis] = rd[w.pending_axis] > 0.0 ? -1.0 : 1.0;
  float light = 0.55 + 0.45 * max(dot(normal, u_light), 0.0);
  float a = (1.0 - w.color.a) * u_wall_alpha;
  w.color += vec4(u_wall_color * light * a, a);
  w.pending_at = -1.0;
}

// The ray has entered a voxel (or a brick of one kind) across a face along `axis`, `at`
// voxels along it; `outside`: that voxel lies outside the domain. A change of side is a
// crossing.
void enter_voxel(inout Walls w, bool outside, float at, int axis, vec3 rd) {
  int side = outside ? 1 : 0;
  if (w.side >= 0 && side != w.side) {
    if (w.pending_at >= 0.0 && at - w.pending_at < kWallGap) {
      w.pending_at = -1.0;  // in and out again: a staircase's corner
    } else {
      draw_pending(w, rd);
      w.pending_at = at;
      w.pending_axis = axis;
    }
  }
  w.side = side;
}
#endif

void main() {
  // The pixel's ray: the points at the near and far planes, in world coordinates.
  vec2 ndc = (gl_FragCoord.xy - u_viewport.xy) / u_viewport.zw * 2.0 - 1.0;
  vec4 near_h = u_inv_view_proj * vec4(ndc, -1.0, 1.0);
  vec4 far_h = u_inv_view_proj * vec4(ndc, 1.0, 1.0);
  vec3 ro = near_h.xyz / near_h.w;
  vec3 rd = far_h.xyz / far_h.w - ro;  // t in [0, 1] spans near to far
  vec3 inv_rd = vec3(abs(rd.x) > 1e-12 ? 1.0 / rd.x : kHuge, abs(rd.y) > 1e-12 ? 1.0 / rd.y : kHuge,
                     abs(rd.z) > 1e-12 ? 1.0 / rd.z : kHuge);

  // Slab test against the box; the entry face's axis shades the first voxel.
  vec3 ta = (vec3(0.0) - ro) * inv_rd, tb = (u_box - ro) * inv_rd;
  vec3 t_near = min(ta, tb), t_far = max(ta, tb);
  float t0 = max(max(t_near.x, t_near.y), max(t_near.z, 0.0));
  float t1 = min(min(t_far.x, t_far.y), t_far.z);
  int face = t_near.x >= max(t_near.y, t_near.z) ? 0 : (t_near.y >= t_near.z ? 1 : 2);

  // The clipping plane trims [t0, t1] to the kept half-space; entering through it
  // makes it the shaded face.
  bool on_clip_face = false;  // the ray enters through the cut: shade its first voxel flat
  if (u_clip_axis >= 0) {
    float o = ro[u_clip_axis], d = rd[u_clip_axis];
    float sign_kept = u_clip_keep_above ? 1.0 : -1.0;  // kept: sign_kept * (x - c) >= 0
    if (abs(d) < 1e-12) {
      if (sign_kept * (o - u_clip_position) < 0.0) discard;
    } else {
      float tc = (u_clip_position - o) / d;
      if (sign_kept * d > 0.0) {  // moving into the kept side: it starts at tc
        if (tc > t0) {
          t0 = tc;
          face = u_clip_axis;
          on_clip_face = true;
        }
      } else {
        t1 = min(t1, tc);
      }
    }
  }
  if (!(t0 < t1)) discard;

  // Voxel coordinates: voxel (i, j, k) covers [i, i + 1) x [j, j + 1) x [k, k + 1).
  ivec3 n = textureSize(u_labels, 0);
  vec3 to_voxel = vec3(n) / u_box;
  vec3 ro_v = ro * to_voxel, rd_v = rd * to_voxel;
  vec3 inv_v = inv_rd / to_voxel;
  ivec3 cell = clamp(ivec3(floor(ro_v + rd_v * t0)), ivec3(0), n - 1);
  ivec3 step_dir = ivec3(sign(rd_v));
  bvec3 forward = greaterThan(rd_v, vec3(0.0));
  // t at which the ray crosses the next voxel face along each axis, and per voxel.
  vec3 t_max = crossing_times(vec3(cell) + vec3(forward), ro_v, inv_v, step_dir);
  vec3 t_delta = abs(inv_v);
  float t_enter = t0;
#ifdef WALLS
  Walls walls = Walls(vec4(0.0), -1, -1.0, 0);
  float voxels_per_t = length(rd_v);
#endif

  // A ray crosses at most n.x + n.y + n.z voxels, and fewer bricks than that.
  int max_steps = 2 * (n.x + n.y + n.z) + 6;
  for (int s = 0; s < max_steps; ++s) {
    // The brick around the voxel; when it cannot be skipped, the sub-brick.
    int shift = u_brick_shift;
    ivec3 brick = cell >> shift;
    uint kinds = u_skip_empty ? texelFetch(u_occupancy, brick, 0).r : kBrickCell;
    if (u_skip_empty && !skippable(kinds)) {
      shift = u_fine_brick_shift;
      brick = cell >> shift;
      kinds = texelFetch(u_fine_occupancy, brick, 0).r;
    }
    // In a brick that can be skipped every voxel is of its kind: no need to read one.
    bool skip = skippable(kinds);
    int label = skip ? (kinds == kBrickOutside ? kOutsideLabel : kVoidLabel) : texelFetch(u_labels, cell, 0).r;
#ifdef WALLS
    enter_voxel(walls, label == kOutsideLabel, t_enter * voxels_per_t, face, rd);
#endif
    if (skip) {
      // Continue in the voxel just past the face where the ray leaves the brick.
      vec3 lo = vec3(brick << shift), hi = vec3(min((brick + 1) << shift, n));
      vec3 t_exit = crossing_times(mix(lo, hi, forward), ro_v, inv_v, step_dir);
      int axis = t_exit.x < t_exit.y ? (t_exit.x < t_exit.z ? 0 : 2) : (t_exit.y < t_exit.z ? 1 : 2);
      t_enter = t_exit[axis];
      if (t_enter > t1) break;
      cell = clamp(ivec3(floor(ro_v + rd_v * t_enter)), ivec3(lo), ivec3(hi) - 1);
      cell[axis] = forward[axis] ? int(hi[axis]) : int(lo[axis]) - 1;
      if (cell[axis] < 0 || cell[axis] >= n[axis]) break;
      t_max = crossing_times(vec3(cell) + vec3(forward), ro_v, inv_v, step_dir);
      face = axis;
      on_clip_face = false;
      continue;
    }
    if (drawn(label)) {
      // Lambert shading: the entered face's normal (turned toward the eye), or the
      // occupancy gradient's where it has one (not on the clipping plane's cut face).
      vec3 normal = vec3(0.0);
      normal[face] = rd[face] > 0.0 ? -1.0 : 1.0;
      if (u_smooth_normals && !on_clip_face) {
        vec3 smooth_normal = occupancy_normal(cell, label, n);
        if (dot(smooth_normal, normal) > 0.0) normal = smooth_normal;
      }
      float light = 0.45 + 0.55 * max(dot(normal, u_light), 0.0);
      vec3 color = cell_color(label).rgb * light;
      // Cell boundaries: the entry point lies within u_boundary_width of a voxel edge
      // (in the face's plane) across which another drawn cell sits.
      if (u_boundaries) {
        vec3 f = ro_v + rd_v * t_enter - vec3(cell);  // position inside the voxel, [0, 1]^3
        for (int b = 0; b < 3; ++b) {
          if (b == face) continue;
          ivec3 e = ivec3(0);
          e[b] = 1;
          bool low = f[b] < u_boundary_width && cell[b] > 0;
          bool high = f[b] > 1.0 - u_boundary_width && cell[b] + 1 < n[b];
          int other = low ? texelFetch(u_labels, cell - e, 0).r : (high ? texelFetch(u_labels, cell + e, 0).r : label);
          if (other != label && drawn(other)) color = u_boundary_color;
        }
      }
#ifdef WALLS
      draw_pending(walls, rd);  // a wall crossed just before the cell lies in front of it
      color = walls.color.rgb + (1.0 - walls.color.a) * color;
#endif
      o_color = vec4(color, 1.0);
      return;
    }
    // Step into the neighbour across the nearest face.
    int axis = t_max.x < t_max.y ? (t_max.x < t_max.z ? 0 : 2) : (t_max.y < t_max.z ? 1 : 2);
    t_enter = t_max[axis];
    if (t_enter > t1) break;
    cell[axis] += step_dir[axis];
    if (cell[axis] < 0 || cell[axis] >= n[axis]) break;
    t_max[axis] += t_delta[axis];
    face = axis;
    on_clip_face = false;
  }
#ifdef WALLS
  draw_pending(walls, rd);
  if (walls.color.a > 0.0) {
    o_color = walls.color;
    return;
  }
#endif
  discard;
}
