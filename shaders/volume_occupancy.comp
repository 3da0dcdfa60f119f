#version 450 core
// Brick occupancy of a label volume for empty-space skipping in volume_view.frag:
// one invocation per brick of u_brick_size^3 voxels writes which kinds of voxel the
// brick holds, as bits: 1 a cell (label >= 0), 2 the outside of the domain mask
// (label -2), 4 another kept voxel (the void). Hidden cells count as cells (the table
// can change without a new pass); the ray march still checks each voxel. Without walls
// a brick without the cell bit is crossed in one step; with walls only a brick of one
// kind (2 or 4), since a brick holding both the outside and kept voxels holds a wall.

layout(local_size_x = 4, local_size_y = 4, local_size_z = 4) in;
layout(binding = 0) uniform isampler3D u_labels;
layout(binding = 0, r8ui) uniform writeonly uimage3D u_occupancy;
uniform int u_brick_size;  // voxels per brick side

const int kOutsideLabel = -2;  // engine/label_codes.h

void main() {
  ivec3 brick = ivec3(gl_GlobalInvocationID);
  if (any(greaterThanEqual(brick, imageSize(u_occupancy)))) return;
  ivec3 lo = brick * u_brick_size;
  ivec3 hi = min(lo + u_brick_size, textureSize(u_labels, 0));
  uint kinds = 0u;
  // A cell rules out skipping in either mode: the other bits no longer matter. (Both the
  // outside and the void do not: without walls the brick is skipped unless a cell follows.)
  for (int k = lo.z; k < hi.z && (kinds & 1u) == 0u; ++k)
    for (int j = lo.y; j < hi.y && (kinds & 1u) == 0u; ++j)
      for (int i = lo.x; i < hi.x && (kinds & 1u) == 0u; ++i) {
        int label = texelFetch(u_labels, ivec3(i, j, k), 0).r;
        kinds |= label >= 0 ? 1u : (label == kOutsideLabel ? 2u : 4u);
      }
  imageStore(u_occupancy, brick, uvec4(kinds));
}
