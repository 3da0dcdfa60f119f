#version 450 core
// Brick occupancy of a label volume for empty-space skipping in volume_view.frag:
// one invocation per brick of u_brick_size^3 voxels writes 1 when the brick holds a
// cell voxel (label >= 0), else 0. Hidden cells count as cells (the table can change
// without a new pass); the ray march still checks each voxel.

layout(local_size_x = 4, local_size_y = 4, local_size_z = 4) in;
layout(binding = 0) uniform isampler3D u_labels;
layout(binding = 0, r8ui) uniform writeonly uimage3D u_occupancy;
uniform int u_brick_size;  // voxels per brick side

void main() {
  ivec3 brick = ivec3(gl_GlobalInvocationID);
  if (any(greaterThanEqual(brick, imageSize(u_occupancy)))) return;
  ivec3 lo = brick * u_brick_size;
  ivec3 hi = min(lo + u_brick_size, textureSize(u_labels, 0));
  uint occupied = 0u;
  for (int k = lo.z; k < hi.z && occupied == 0u; ++k)
    for (int j = lo.y; j < hi.y && occupied == 0u; ++j)
      for (int i = lo.x; i < hi.x && occupied == 0u; ++i)
        if (texelFetch(u_labels, ivec3(i, j, k), 0).r >= 0) occupied = 1u;
  imageStore(u_occupancy, brick, uvec4(occupied));
}
