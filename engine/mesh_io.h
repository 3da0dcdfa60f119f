#pragma once
// Triangle surface meshes for printing, CAD and meshers: binary STL, Wavefront OBJ and
// binary PLY. Coordinates are written in box units as they are (scale in the slicer/CAD
// tool). All writers go
// through PartFile (engine/file_output.h): existing files are refused unless `overwrite`,
// and a failed write leaves no file.
#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "engine/vec.h"

namespace tessera {

struct TriangleMesh {
  std::vector<Vec3> vertices;
  // Indices into `vertices`, counter-clockwise seen from outside (the STL normal follows
  // the right-hand rule).
  std::vector<std::array<std::int32_t, 3>> triangles;
};

// A borrowed mesh for the writers. Any struct holding the same two arrays (sim's LabelMesh)
// is written without a copy: write_stl(path, {mesh.vertices, mesh.triangles}).
struct TriangleMeshView {
  std::span<const Vec3> vertices;
  std::span<const std::array<std::int32_t, 3>> triangles;

  TriangleMeshView(std::span<const Vec3> v, std::span<const std::array<std::int32_t, 3>> t)
      : vertices(v), triangles(t) {}
  // Implicit on purpose: a TriangleMesh is passed as is.
  TriangleMeshView(const TriangleMesh& mesh) : vertices(mesh.vertices), triangles(mesh.triangles) {}
};

// Binary STL: 80-byte header, triangle count, then per triangle the unit normal and three
// corners as float32. Throws tessera::Error for an index outside `vertices`.
void write_stl(const std::filesystem::path& path, TriangleMeshView mesh, bool overwrite = false);
// OBJ text: "v x y z" lines (shortest round-trip doubles), then "f a b c" (1-based).
void write_obj(const std::filesystem::path& path, TriangleMeshView mesh, bool overwrite = false);

// What a PLY file carries beside positions and triangles.
struct PlyExtras {
  std::span<const Vec3> normals;              // per vertex, written as float nx ny nz; empty: none
  std::string face_property;                  // name of one per-face int property; "" for none
  std::span<const std::int32_t> face_values;  // one per triangle when face_property is set
};

// Binary little-endian PLY 1.0: "vertex" with float x y z (and nx ny nz), "face" with
// `list uchar int vertex_indices` (and the int property). Meshers, ParaView, MeshLab and
// meshio read it. Throws tessera::Error for bad indices or extras of the wrong length.
void write_ply(const std::filesystem::path& path, TriangleMeshView mesh, bool overwrite = false,
               const PlyExtras& extras = {});

struct PlyMesh {
  TriangleMesh mesh;
  std::vector<Vec3> normals;  // empty when the file has none
  std::string face_property;  // "" when the file has none
  std::vector<std::int32_t> face_values;
};
// Reads what write_ply writes (binary little-endian, float vertex properties, triangles as
// uchar-counted int lists, int face properties); throws tessera::Error naming the file.
PlyMesh read_ply(const std::filesystem::path& path);

// Reads a binary STL: three vertices per triangle, in file order (corners are not merged,
// as STL stores none of the sharing). Throws tessera::Error naming the file when its size
// does not match its triangle count, or it is an ASCII STL.
TriangleMesh read_stl(const std::filesystem::path& path);

}  // namespace tessera
