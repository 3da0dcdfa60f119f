#pragma once
// The level set {u = level} of a sampled 3D scalar field as a triangle mesh, by marching
// tetrahedra: every cube between eight samples is cut into the six tetrahedra around its
// main diagonal (Kuhn/Freudenthal), and u is linear in each. The cut is the same on both
// sides of every cube face, so the surface of a closed level set is closed (every edge in
// exactly two triangles) and needs no case tables. Vertices on a shared grid edge are
// shared. Degenerate (zero-area) triangles can appear where a sample equals `level`.
//
// Orientation: the region u > level is inside. Triangles are counter-clockwise seen from
// outside, so right-hand-rule normals point towards decreasing u, as do the vertex
// normals (-grad u, central differences, interpolated along the edge).
//
// Periodic axes: cubes also join the last sample to the first, and positions continue past
// the box (the wrapped cube spans [origin + (n-1) h, origin + n h]), so every piece of the
// level set in the periodic cell appears exactly once, at its geometric place. A surface that
// crosses a periodic box face is cut there; its open edges on the face at origin + n h match
// those on the opposite face shifted by n h. Walled axes end at the last sample.
#include <cstdint>
#include <span>

#include "engine/grid.h"
#include "engine/mesh_io.h"

namespace tessera {

// A borrowed field: `values` hold n[0] n[1] n[2] samples with axis 0 fastest; sample
// (i, j, k) sits at origin + (i h_0, j h_1, k h_2).
struct ScalarFieldView {
  std::span<const float> values;
  int n[3] = {1, 1, 1};
  double spacing[3] = {1, 1, 1};
  double origin[3] = {0, 0, 0};
  bool periodic[3] = {false, false, false};
};

struct Isosurface {
  TriangleMesh mesh;          // positions in the field's physical units
  std::vector<Vec3> normals;  // one unit outward normal per vertex
};

// Throws tessera::Error when the sizes do not match or an axis has fewer than 2 samples
// (1 is enough on a periodic axis).
Isosurface extract_isosurface(const ScalarFieldView& field, double level = 0);

// A curvatubes field u of shape (Z, X, Y), last axis fastest (index = y + Y (x + X z)),
// samples at (x, y, z) = h (x, y, z) indices: the mesh comes out in (x, y, z) coordinates.
Isosurface extract_isosurface_zxy(std::span<const float> u, int n_z, int n_x, int n_y, double h, double level = 0,
                                  bool periodic = false);

// A Tessera 3D grid (x fastest, samples at pixel centres, the grid's periodic axes).
Isosurface extract_isosurface(const Grid& grid, std::span<const float> values, double level = 0);

// ---- measures of closed meshes (tests, reports) ----

double mesh_area(TriangleMeshView mesh);
// Signed volume enclosed (divergence theorem): positive for outward-oriented closed meshes.
double mesh_volume(TriangleMeshView mesh);

struct EdgeCounts {
  std::int64_t n_edges = 0;
  std::int64_t n_boundary = 0;      // edges in one triangle
  std::int64_t n_non_manifold = 0;  // edges in three or more triangles
  std::int64_t n_misoriented = 0;   // edges two triangles traverse in the same direction
  bool closed() const { return n_boundary == 0 && n_non_manifold == 0 && n_misoriented == 0; }
};
EdgeCounts count_edges(TriangleMeshView mesh);

}  // namespace tessera
