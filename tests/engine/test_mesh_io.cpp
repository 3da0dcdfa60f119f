#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/mesh_io.h"
#include "engine/number_text.h"
#include "engine/temp_dir.h"

using namespace tessera;
using tessera::test::read_bytes;
using tessera::test::TempDir;
using tessera::test::write_bytes;
namespace fs = std::filesystem;

namespace {

// A tetrahedron with outward, counter-clockwise faces; coordinates that float32 cannot hold exactly.
TriangleMesh tetrahedron() {
  TriangleMesh mesh;
  mesh.vertices = {{0.1, 0.2, 0.3}, {1.1, 0.2, 0.3}, {0.1, 1.2, 0.3}, {0.1, 0.2, 1.0 / 3.0}};
  mesh.triangles = {{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}};
  return mesh;
}

// Rounds to float32, as STL stores coordinates. The volatile store is deliberate: GCC 12.2 at
// -O2/-O3 vectorized the x and y round trips double -> float -> double in this test into plain
// copies (seen in -fdump-tree-optimized), so the expected values kept all their digits.
float to_float32(double v) {
  volatile float f = static_cast<float>(v);
  return f;
}

Vec3 as_float(const Vec3& v) {
  return {to_float32(v.x), to_float32(v.y), to_float32(v.z)};
}

}  // namespace

TEST_CASE("binary STL round trip: triangle count, corners, normals", "[cpu][engine]") {
  const TempDir dir("stl");
  const TriangleMesh mesh = tetrahedron();
  const fs::path path = dir / "cell.stl";
  write_stl(path, mesh);
  const std::string bytes = read_bytes(path);
  REQUIRE(bytes.size() == 84 + 50 * 4);
  REQUIRE(bytes.compare(0, 5, "solid") != 0);  // else readers take it for ASCII STL

  const TriangleMesh back = read_stl(path);
  REQUIRE(back.triangles.size() == 4);
  REQUIRE(back.vertices.size() == 12);
  for (std::size_t t = 0; t < 4; ++t) {
    for (int c = 0; c < 3; ++c) {
      const Vec3 expected = as_float(mesh.vertices[mesh.triangles[t][c]]);
      const Vec3 got = back.vertices[back.triangles[t][c]];
      REQUIRE(got.x == expected.x);
      REQUIRE(got.y == expected.y);
      REQUIRE(got.z == expected.z);
    }
  }
  // First face (0, 2, 1) lies in z = 0.3 and faces down.
  float normal[3];
  std::memcpy(normal, bytes.data() + 84, sizeof normal);
  REQUIRE(normal[0] == 0.0f);
  REQUIRE(normal[1] == 0.0f);
  REQUIRE(normal[2] == -1.0f);
}

TEST_CASE("OBJ: vertices at full precision, 1-based faces", "[cpu][engine]") {
  const TempDir dir("obj");
  const TriangleMesh mesh = tetrahedron();
  write_obj(dir / "cell.obj", mesh);
  std::istringstream in(read_bytes(dir / "cell.obj"));
  std::vector<Vec3> vertices;
  std::vector<std::array<int, 3>> faces;
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string kind, a, b, c;
    words >> kind >> a >> b >> c;
    if (kind == "v") vertices.push_back({*parse_double(a), *parse_double(b), *parse_double(c)});
    if (kind == "f") {
      faces.push_back(
          {static_cast<int>(*parse_int(a)), static_cast<int>(*parse_int(b)), static_cast<int>(*parse_int(c))});
    }
  }
  REQUIRE(vertices.size() == 4);
  REQUIRE(vertices[3].z == 1.0 / 3.0);  // exact: shortest round-trip text
  REQUIRE(vertices[1].x == 1.1);
  REQUIRE(faces.size() == 4);
  REQUIRE(faces[0] == std::array<int, 3>{1, 3, 2});
  REQUIRE(faces[3] == std::array<int, 3>{2, 3, 4});
}

TEST_CASE("mesh writers: bad indices, overwrite rule, malformed STL", "[cpu][engine]") {
  const TempDir dir("mesh_errors");
  TriangleMesh bad = tetrahedron();
  bad.triangles.push_back({0, 1, 4});
  REQUIRE_THROWS_WITH(write_stl(dir / "bad.stl", bad), Catch::Contains("triangle 4 uses vertex 4 of 4"));
  REQUIRE_THROWS_WITH(write_obj(dir / "bad.obj", bad), Catch::Contains("triangle 4"));
  REQUIRE(fs::is_empty(dir.path()));

  // A view over another struct's arrays writes the same file.
  const TriangleMesh mesh = tetrahedron();
  write_stl(dir / "a.stl", mesh);
  REQUIRE_THROWS_WITH(write_stl(dir / "a.stl", {mesh.vertices, mesh.triangles}),
                      Catch::Contains((dir / "a.stl").string()) && Catch::Contains("already exists"));
  write_stl(dir / "a.stl", {mesh.vertices, mesh.triangles}, true);
  write_obj(dir / "a.obj", mesh);
  REQUIRE_THROWS_WITH(write_obj(dir / "a.obj", mesh), Catch::Contains("already exists"));
  REQUIRE_THROWS_WITH(write_stl("/nonexistent/dir/a.stl", mesh), Catch::Contains("/nonexistent/dir/a.stl"));

  const std::string good = read_bytes(dir / "a.stl");
  write_bytes(dir / "short.stl", good.substr(0, good.size() - 10));
  REQUIRE_THROWS_WITH(read_stl(dir / "short.stl"),
                      Catch::Contains((dir / "short.stl").string()) && Catch::Contains("truncated"));
  write_bytes(dir / "ascii.stl",
              "solid cube\n  facet normal 0 0 1\n  endfacet\nendsolid cube\n" + std::string(80, ' '));
  REQUIRE_THROWS_WITH(read_stl(dir / "ascii.stl"), Catch::Contains("ASCII STL"));
  write_bytes(dir / "tiny.stl", "abc");
  REQUIRE_THROWS_WITH(read_stl(dir / "tiny.stl"), Catch::Contains("too short"));
}

TEST_CASE("PLY round trip: binary little-endian, normals and a per-face int property", "[cpu][engine]") {
  const TempDir dir("ply");
  const TriangleMesh mesh = tetrahedron();
  write_ply(dir / "plain.ply", mesh);
  const std::string text = read_bytes(dir / "plain.ply");
  REQUIRE(text.rfind("ply\nformat binary_little_endian 1.0\n", 0) == 0);
  REQUIRE(text.find("element vertex 4\n") != std::string::npos);
  REQUIRE(text.find("element face 4\nproperty list uchar int vertex_indices\nend_header\n") != std::string::npos);
  REQUIRE(text.size() == text.find("end_header\n") + 11 + 4 * 12 + 4 * 13);
  const PlyMesh plain = read_ply(dir / "plain.ply");
  REQUIRE(plain.mesh.triangles == mesh.triangles);
  REQUIRE(plain.normals.empty());
  REQUIRE(plain.face_property.empty());
  for (std::size_t v = 0; v < mesh.vertices.size(); ++v) {
    for (int a = 0; a < 3; ++a) REQUIRE(plain.mesh.vertices[v][a] == static_cast<double>(static_cast<float>(mesh.vertices[v][a])));
  }

  const std::vector<Vec3> normals = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, -1}};
  const std::vector<std::int32_t> labels = {3, -1, 7, 100000};
  PlyExtras extras;
  extras.normals = normals;
  extras.face_property = "label";
  extras.face_values = labels;
  write_ply(dir / "full.ply", mesh, false, extras);
  const PlyMesh full = read_ply(dir / "full.ply");
  REQUIRE(full.mesh.triangles == mesh.triangles);
  REQUIRE(full.normals.size() == 4);
  REQUIRE(full.normals[3].z == -1.0);
  REQUIRE(full.face_property == "label");
  REQUIRE(full.face_values == labels);

  REQUIRE_THROWS_WITH(write_ply(dir / "full.ply", mesh, false, extras), Catch::Contains("already exists"));
  extras.face_values = std::span<const std::int32_t>(labels).first(2);
  REQUIRE_THROWS_WITH(write_ply(dir / "x.ply", mesh, false, extras), Catch::Contains("2 face values for 4"));
  extras.face_values = labels;
  extras.face_property = "bad name";
  REQUIRE_THROWS_WITH(write_ply(dir / "x.ply", mesh, false, extras), Catch::Contains("bad name"));
  const std::string good = read_bytes(dir / "full.ply");
  write_bytes(dir / "cut.ply", good.substr(0, good.size() - 5));
  REQUIRE_THROWS_WITH(read_ply(dir / "cut.ply"), Catch::Contains((dir / "cut.ply").string()) && Catch::Contains("truncated"));
  std::string ascii = good;
  ascii.replace(ascii.find("binary_little_endian"), 20, "ascii               ");
  write_bytes(dir / "ascii.ply", ascii);
  REQUIRE_THROWS_WITH(read_ply(dir / "ascii.ply"), Catch::Contains("binary_little_endian"));
}
