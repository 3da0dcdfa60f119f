#pragma once
// Triangle surface meshes for printing and CAD: binary STL and Wavefront OBJ. Coordinates
// are written in box units as they are (scale in the slicer/CAD tool). Both writers go
// through PartFile (engine/file_output.h): existing files are refused unless `overwrite`,
// and a failed write leaves no file.
#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
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

// Reads a binary STL: three vertices per triangle, in file order (corners are not merged,
// as STL stores none of the sharing). Throws tessera::Error naming the file when its size
// does not match its triangle count, or it is an ASCII STL.
TriangleMesh read_stl(const std::filesystem::path& path);

}  // namespace tessera
