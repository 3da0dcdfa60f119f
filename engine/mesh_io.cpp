#include "engine/mesh_io.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/file_output.h"
#include "engine/number_text.h"

namespace tessera {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kStlHeaderBytes = 80;
constexpr std::size_t kStlTriangleBytes = 50;  // 12 float32 + a 16-bit attribute count

void check_indices(const fs::path& path, const TriangleMeshView& mesh) {
  const auto n_vertices = static_cast<std::int64_t>(mesh.vertices.size());
  for (std::size_t t = 0; t < mesh.triangles.size(); ++t) {
    for (const std::int32_t v : mesh.triangles[t]) {
      TESSERA_REQUIRE(v >= 0 && v < n_vertices, "cannot write " + path.string() + ": triangle " + std::to_string(t) +
                                                    " uses vertex " + std::to_string(v) + " of " +
                                                    std::to_string(n_vertices));
    }
  }
}

void put_vec(char*& out, const Vec3& v) {
  const float xyz[3] = {static_cast<float>(v.x), static_cast<float>(v.y), static_cast<float>(v.z)};
  std::memcpy(out, xyz, sizeof xyz);
  out += sizeof xyz;
}

Vec3 get_vec(const char* in) {
  float xyz[3];
  std::memcpy(xyz, in, sizeof xyz);
  return {xyz[0], xyz[1], xyz[2]};
}

}  // namespace

void write_stl(const fs::path& path, TriangleMeshView mesh, bool overwrite) {
  check_indices(path, mesh);
  TESSERA_REQUIRE(mesh.triangles.size() <= std::numeric_limits<std::uint32_t>::max(),
                  "cannot write " + path.string() + ": more triangles than binary STL can count");
  // The header must not start with "solid", or readers take the file for ASCII STL.
  char header[kStlHeaderBytes] = {};
  const char kTitle[] = "Tessera binary STL";
  std::memcpy(header, kTitle, sizeof kTitle - 1);
  const auto n_triangles = static_cast<std::uint32_t>(mesh.triangles.size());

  PartFile file(path, overwrite);
  file.write(header, sizeof header);
  file.write(&n_triangles, sizeof n_triangles);
  // Records are assembled in blocks to keep the number of write calls small.
  constexpr std::size_t kBlock = 4096;
  std::vector<char> buffer(kBlock * kStlTriangleBytes);
  for (std::size_t first = 0; first < mesh.triangles.size(); first += kBlock) {
    const std::size_t count = std::min(kBlock, mesh.triangles.size() - first);
    char* out = buffer.data();
    for (std::size_t t = first; t < first + count; ++t) {
      const auto& tri = mesh.triangles[t];
      const Vec3& a = mesh.vertices[tri[0]];
      const Vec3& b = mesh.vertices[tri[1]];
      const Vec3& c = mesh.vertices[tri[2]];
      const Vec3 normal = cross(b - a, c - a);
      const double length = norm(normal);
      put_vec(out, length > 0 ? normal * (1.0 / length) : Vec3{});  // degenerate: zero normal
      put_vec(out, a);
      put_vec(out, b);
      put_vec(out, c);
      const std::uint16_t attributes = 0;
      std::memcpy(out, &attributes, sizeof attributes);
      out += sizeof attributes;
    }
    file.write(buffer.data(), count * kStlTriangleBytes);
  }
  file.commit();
}

void write_obj(const fs::path& path, TriangleMeshView mesh, bool overwrite) {
  check_indices(path, mesh);
  PartFile file(path, overwrite);
  std::string text = "# Tessera surface mesh: " + std::to_string(mesh.vertices.size()) + " vertices, " +
                     std::to_string(mesh.triangles.size()) + " triangles\n";
  // Written in chunks: a large mesh never needs its whole text in memory.
  constexpr std::size_t kFlushChars = 1 << 20;
  for (const Vec3& v : mesh.vertices) {
    text += "v " + format_double(v.x) + " " + format_double(v.y) + " " + format_double(v.z) + "\n";
    if (text.size() > kFlushChars) {
      file.write(text);
      text.clear();
    }
  }
  for (const auto& tri : mesh.triangles) {
    text +=
        "f " + std::to_string(tri[0] + 1) + " " + std::to_string(tri[1] + 1) + " " + std::to_string(tri[2] + 1) + "\n";
    if (text.size() > kFlushChars) {
      file.write(text);
      text.clear();
    }
  }
  file.write(text);
  file.commit();
}

TriangleMesh read_stl(const fs::path& path) {
  const std::string bytes = read_file_bytes(path, "STL file");
  const std::string where = "STL file " + path.string();
  TESSERA_REQUIRE(bytes.size() >= kStlHeaderBytes + 4, where + ": too short for a binary STL header");
  std::uint32_t n_triangles = 0;
  std::memcpy(&n_triangles, bytes.data() + kStlHeaderBytes, sizeof n_triangles);
  const std::uint64_t expected = kStlHeaderBytes + 4 + static_cast<std::uint64_t>(n_triangles) * kStlTriangleBytes;
  if (bytes.size() != expected) {
    TESSERA_REQUIRE(bytes.compare(0, 5, "solid") != 0, where + ": ASCII STL is not supported (binary only)");
    throw Error(where + ": " + std::to_string(bytes.size()) + " bytes, but its count of " +
                std::to_string(n_triangles) + " triangles needs " + std::to_string(expected) + " (truncated?)");
  }
  TESSERA_REQUIRE(n_triangles <= std::numeric_limits<std::int32_t>::max() / 3,
                  where + ": more triangles than this reader indexes");
  TriangleMesh mesh;
  mesh.vertices.reserve(static_cast<std::size_t>(n_triangles) * 3);
  mesh.triangles.reserve(n_triangles);
  const char* record = bytes.data() + kStlHeaderBytes + 4;
  for (std::uint32_t t = 0; t < n_triangles; ++t, record += kStlTriangleBytes) {
    const auto first = static_cast<std::int32_t>(mesh.vertices.size());
    for (int corner = 0; corner < 3; ++corner) mesh.vertices.push_back(get_vec(record + 12 + 12 * corner));
    mesh.triangles.push_back({first, first + 1, first + 2});
  }
  return mesh;
}

}  // namespace tessera
