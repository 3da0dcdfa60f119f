#pragma once
// Multi-label interface mesh of a 3D label grid, for the 3D surface tension
// (iceshot-model.md 4.6, steps 1-3) and for STL/OBJ export.
//
// Extraction follows the SurfaceNets idea (S. Gibson, "Constrained elastic surface
// nets", MICCAI 1998; multi-label form: S. Frisken, "SurfaceNets for multi-label
// segmentations with preservation of sharp boundaries", JCGT 11(1), 2022), written
// from the published description:
//   * the label grid is padded by one voxel of wall label (kOutsideLabel) on every
//     side, so the box faces are walls, exactly like the reference (section 4.6.1);
//   * a dual cell is the cube whose 8 corners are 2 x 2 x 2 neighbouring voxel
//     centres; each dual cell with a label change on one of its 12 edges carries one
//     vertex, at the mean of the midpoints of its label-changing edges;
//   * each pair of face-adjacent voxels with different labels, at least one of them a
//     cell (label >= 0), gives a quad joining the vertices of the 4 dual cells around
//     that voxel pair; it is split into two triangles along its shorter diagonal after
//     smoothing. Medium-wall interfaces are not meshed (the reference meshes labels
//     0..N-1 only).
// Smoothing is Taubin's lambda/mu filter (G. Taubin, "A signal processing approach
// to fair surface design", SIGGRAPH 1995) with the umbrella operator over quad edges.
// Every vertex is smoothed the same way, junction curves included; the topology is
// never changed.
//
// Geometry per triangle: area, unit normal and signed mean curvature. The mean
// curvature is the cotangent Laplace-Beltrami operator with mixed Voronoi areas
// (M. Meyer, M. Desbrun, P. Schroeder, A. Barr, "Discrete differential-geometry
// operators for triangulated 2-manifolds", VisMath 2002, eq. 8), evaluated at each
// vertex separately for each interface (label pair) that meets there, projected on
// that interface's vertex normal, averaged over the triangle's three corners, then
// averaged over neighbouring triangles of the same interface (curvature_passes).
// Per interface, because a vertex on a junction curve belongs to three or more
// interfaces and the operator of their union is not a surface's; the projection on
// the normal removes the in-plane part that the one-sided stencil of a junction
// vertex carries. (The reference does the same steps with VTK: point curvature
// averaged to faces, section 4.6.2.)
//
// Units: everything is in box units of the grid (spacing L_a / n_a per axis, voxel
// centres at (i + 1/2) h); the box faces lie at 0 and L_a. There is no M + 2
// conversion slip (section 8 item 9).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/field_table.h"
#include "engine/grid.h"
#include "engine/vec.h"

namespace tessera {

// A triangle mesh of the interfaces between labels. Plain arrays, ready for a mesh
// writer (engine/mesh_io.h: write_stl(path, {mesh.vertices, mesh.triangles})):
// vertices in box units, triangles as vertex indices. Note the orientation: on a
// cell's medium and wall faces the normal points into the cell (lo -> hi), so a
// printer that wants outward normals needs the corners of those triangles swapped.
struct LabelMesh {
  std::vector<Vec3> vertices;
  std::vector<std::array<std::int32_t, 3>> triangles;
  // Per triangle, the two labels it separates, lo < hi (kOutsideLabel = wall -2,
  // kVoidLabel = medium -1, cells >= 0). The right-hand normal of the vertex order,
  // cross(b - a, c - a), points from the lo side into the hi side.
  std::vector<std::array<std::int32_t, 2>> triangle_labels;
};

struct LabelMeshParams {
  int smoothing_iterations = 20;  // Taubin iterations (one lambda and one mu pass each); 0 keeps the raw nets
  double taubin_lambda = 0.5;     // shrinking pass gain, in (0, 1)
  double taubin_mu = -0.53;       // inflating pass gain, mu < -lambda; pass band 1/lambda + 1/mu = 0.11 (<= 0.5)
  int curvature_passes = 6;       // neighbourhood averages of the face curvature (mesh_geometry); 0 for none
};
LabelMeshParams default_label_mesh_params();
// Every field of LabelMeshParams, once (lambda < -mu is checked beside it).
const FieldTable<LabelMeshParams>& label_mesh_fields();

// Builds, smooths and triangulates the interface mesh of a walled 3D grid. `labels`
// has grid.size() entries, x-fastest (engine/grid.h): cells >= 0, kVoidLabel for the
// medium, kOutsideLabel for walls (pixels outside a domain mask). Throws
// tessera::Error for a 2D grid, a periodic axis (a wrapped mesh would need vertex
// images across the box), or a size mismatch.
LabelMesh build_label_mesh(const Grid& grid, std::span<const std::int32_t> labels,
                           const LabelMeshParams& params = default_label_mesh_params());

// Per-triangle geometry of a mesh.
struct MeshGeometry {
  std::vector<double> area;    // box units^2
  std::vector<Vec3> normal;    // unit, from the lo label into the hi label (0 for degenerate triangles)
  std::vector<Vec3> centroid;  // box units
  // Signed mean curvature H = (k1 + k2) / 2, 1 / box units: positive where the hi
  // side is convex (a ball of label hi in the medium has H = 1/R).
  std::vector<double> mean_curvature;
};

// `params.curvature_passes` is the only field used.
MeshGeometry mesh_geometry(const LabelMesh& mesh, const LabelMeshParams& params = default_label_mesh_params());

}  // namespace tessera
