#include "engine/mesh_io.h"

#include <algorithm>
#include <cctype>
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

// ---- PLY ----------------------------------------------------------------------------------

namespace {

bool valid_ply_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

}  // namespace

void write_ply(const fs::path& path, TriangleMeshView mesh, bool overwrite, const PlyExtras& extras) {
  check_indices(path, mesh);
  const bool with_normals = !extras.normals.empty();
  const bool with_faces = !extras.face_property.empty();
  TESSERA_REQUIRE(!with_normals || extras.normals.size() == mesh.vertices.size(),
                  "cannot write " + path.string() + ": " + std::to_string(extras.normals.size()) + " normals for " +
                      std::to_string(mesh.vertices.size()) + " vertices");
  TESSERA_REQUIRE(!with_faces || valid_ply_name(extras.face_property),
                  "cannot write " + path.string() + ": face property '" + extras.face_property +
                      "' must be 1-64 characters from A-Z a-z 0-9 _");
  TESSERA_REQUIRE(!with_faces || extras.face_values.size() == mesh.triangles.size(),
                  "cannot write " + path.string() + ": " + std::to_string(extras.face_values.size()) +
                      " face values for " + std::to_string(mesh.triangles.size()) + " triangles");
  std::string header = "ply\nformat binary_little_endian 1.0\ncomment Tessera surface mesh\n";
  header += "element vertex " + std::to_string(mesh.vertices.size()) + "\n";
  header += "property float x\nproperty float y\nproperty float z\n";
  if (with_normals) header += "property float nx\nproperty float ny\nproperty float nz\n";
  header += "element face " + std::to_string(mesh.triangles.size()) + "\n";
  header += "property list uchar int vertex_indices\n";
  if (with_faces) header += "property int " + extras.face_property + "\n";
  header += "end_header\n";

  PartFile file(path, overwrite);
  file.write(header);
  std::string block;
  constexpr std::size_t kFlushBytes = 1 << 20;
  auto flush_if_full = [&] {
    if (block.size() > kFlushBytes) {
      file.write(block);
      block.clear();
    }
  };
  for (std::size_t v = 0; v < mesh.vertices.size(); ++v) {
    char record[24];
    char* out = record;
    put_vec(out, mesh.vertices[v]);
    if (with_normals) put_vec(out, extras.normals[v]);
    block.append(record, static_cast<std::size_t>(out - record));
    flush_if_full();
  }
  for (std::size_t t = 0; t < mesh.triangles.size(); ++t) {
    char record[17];
    record[0] = 3;
    std::memcpy(record + 1, mesh.triangles[t].data(), 12);
    if (with_faces) std::memcpy(record + 13, &extras.face_values[t], 4);
    block.append(record, with_faces ? 17 : 13);
    flush_if_full();
  }
  file.write(block);
  file.commit();
}

PlyMesh read_ply(const fs::path& path) {
  const std::string bytes = read_file_bytes(path, "PLY file");
  const std::string where = "PLY file " + path.string();
  TESSERA_REQUIRE(bytes.compare(0, 4, "ply\n") == 0, where + ": does not start with the 'ply' magic line");
  const std::size_t end = bytes.find("end_header\n");
  TESSERA_REQUIRE(end != std::string::npos, where + ": no end_header line");
  std::size_t pos = 4;
  std::int64_t n_vertices = -1, n_faces = -1;
  std::vector<std::string> vertex_props;
  std::string element;
  bool face_list = false;
  PlyMesh out;
  while (pos < end) {
    const std::size_t eol = bytes.find('\n', pos);
    const std::string line = bytes.substr(pos, eol - pos);
    pos = eol + 1;
    std::vector<std::string> w;
    for (std::size_t a = 0; a < line.size();) {
      const std::size_t b = std::min(line.find(' ', a), line.size());
      if (b > a) w.push_back(line.substr(a, b - a));
      a = b + 1;
    }
    if (w.empty() || w[0] == "comment" || w[0] == "obj_info") continue;
    if (w[0] == "format") {
      TESSERA_REQUIRE(w.size() == 3 && w[1] == "binary_little_endian",
                      where + ": only binary_little_endian PLY is supported ('" + line + "')");
    } else if (w[0] == "element" && w.size() == 3) {
      element = w[1];
      const auto count = parse_int(w[2]);
      TESSERA_REQUIRE(count && *count >= 0 && *count < (std::int64_t{1} << 31), where + ": bad count in '" + line + "'");
      TESSERA_REQUIRE(element == "vertex" || element == "face", where + ": unsupported element '" + element + "'");
      (element == "vertex" ? n_vertices : n_faces) = *count;
    } else if (w[0] == "property" && element == "vertex") {
      TESSERA_REQUIRE(w.size() == 3 && w[1] == "float", where + ": vertex property '" + line + "' is not a float");
      vertex_props.push_back(w[2]);
    } else if (w[0] == "property" && element == "face") {
      if (w.size() == 5 && w[1] == "list") {
        TESSERA_REQUIRE(w[2] == "uchar" && w[3] == "int" && !face_list,
                        where + ": face list '" + line + "' is not 'list uchar int'");
        face_list = true;
      } else {
        TESSERA_REQUIRE(w.size() == 3 && w[1] == "int" && face_list && out.face_property.empty(),
                        where + ": unsupported face property '" + line + "'");
        out.face_property = w[2];
      }
    } else {
      throw Error(where + ": unsupported header line '" + line + "'");
    }
  }
  TESSERA_REQUIRE(n_vertices >= 0 && n_faces >= 0 && face_list, where + ": needs vertex and face elements");
  auto prop = [&](const std::string& name) {
    const auto it = std::find(vertex_props.begin(), vertex_props.end(), name);
    return it == vertex_props.end() ? -1 : static_cast<int>(it - vertex_props.begin());
  };
  const int ix = prop("x"), iy = prop("y"), iz = prop("z"), inx = prop("nx"), iny = prop("ny"), inz = prop("nz");
  TESSERA_REQUIRE(ix >= 0 && iy >= 0 && iz >= 0, where + ": vertices need x, y and z");
  const bool normals = inx >= 0 && iny >= 0 && inz >= 0;
  const std::size_t vertex_bytes = 4 * vertex_props.size();
  const std::size_t face_bytes = out.face_property.empty() ? 13 : 17;
  const std::size_t data = end + std::string("end_header\n").size();
  const std::uint64_t expected = n_vertices * vertex_bytes + n_faces * face_bytes;
  TESSERA_REQUIRE(bytes.size() - data == expected, where + ": data is " + std::to_string(bytes.size() - data) +
                                                       " bytes, the header needs " + std::to_string(expected) +
                                                       " (truncated, or not all faces triangles?)");
  const char* at = bytes.data() + data;
  for (std::int64_t v = 0; v < n_vertices; ++v, at += vertex_bytes) {
    auto f = [&](int k) {
      float value;
      std::memcpy(&value, at + 4 * k, 4);
      return static_cast<double>(value);
    };
    out.mesh.vertices.push_back({f(ix), f(iy), f(iz)});
    if (normals) out.normals.push_back({f(inx), f(iny), f(inz)});
  }
  for (std::int64_t t = 0; t < n_faces; ++t, at += face_bytes) {
    TESSERA_REQUIRE(at[0] == 3, where + ": face " + std::to_string(t) + " is not a triangle");
    std::array<std::int32_t, 3> tri;
    std::memcpy(tri.data(), at + 1, 12);
    for (const std::int32_t v : tri) {
      TESSERA_REQUIRE(v >= 0 && v < n_vertices, where + ": face " + std::to_string(t) + " uses vertex " +
                                                    std::to_string(v) + " of " + std::to_string(n_vertices));
    }
    out.mesh.triangles.push_back(tri);
    if (!out.face_property.empty()) {
      std::int32_t value;
      std::memcpy(&value, at + 13, 4);
      out.face_values.push_back(value);
    }
  }
  return out;
}

}  // namespace tessera
