#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/number_text.h"
#include "engine/temp_dir.h"
#include "engine/voxel_io.h"

using namespace tessera;
using tessera::test::read_bytes;
using tessera::test::TempDir;
using tessera::test::write_bytes;
namespace fs = std::filesystem;

namespace {

// Labels with negatives (medium, walls) and values that differ at every point.
std::vector<std::int32_t> test_labels(const Grid& g) {
  std::vector<std::int32_t> labels(static_cast<std::size_t>(g.size()));
  for (std::size_t k = 0; k < labels.size(); ++k) labels[k] = static_cast<std::int32_t>(k * 7919 % 1013) - 2;
  return labels;
}

// float32 values that are not round in binary, negatives included.
std::vector<float> test_float(const Grid& g) {
  std::vector<float> values(static_cast<std::size_t>(g.size()));
  for (std::size_t k = 0; k < values.size(); ++k) values[k] = 0.1f * static_cast<float>(k) - 1.0f / 3.0f;
  return values;
}

std::vector<double> test_phase(const Grid& g) {
  std::vector<double> phase(static_cast<std::size_t>(g.size()));
  for (std::size_t k = 0; k < phase.size(); ++k) phase[k] = 1.0 / (3.0 + k) - 1e-7 * k;
  return phase;
}

// The sampling a reader must report for `g`: first pixel centre and pitch.
void require_sampling(const VoxelVolume& v, const Grid& g) {
  REQUIRE(v.dim == g.dim);
  for (int a = 0; a < g.dim; ++a) {
    REQUIRE(v.n[a] == g.n[a]);
    REQUIRE(v.spacing[a] == g.spacing(a));
    REQUIRE(v.origin[a] == 0.5 * g.spacing(a));
  }
  REQUIRE(v.size() == g.size());
}

const Grid kGrid2 = make_grid_2d(5, 3, 2.0, 1.5);
const Grid kGrid3 = make_grid_3d(4, 3, 2, 1.0, 0.75, 0.5);

}  // namespace

TEST_CASE("VTI round trip: 2D and 3D labels with extra arrays", "[cpu][engine]") {
  const TempDir dir("vti");
  for (const Grid& g : {kGrid2, kGrid3}) {
    const auto labels = test_labels(g);
    const auto phase = test_phase(g);
    std::vector<std::uint8_t> mask(labels.size());
    for (std::size_t k = 0; k < mask.size(); ++k) mask[k] = static_cast<std::uint8_t>(k % 3 == 0 ? 255 : k);
    const fs::path path = dir / ("grid" + std::to_string(g.dim) + ".vti");
    write_vti(path, g, {{"labels", labels}, {"phase", phase}, {"mask", mask}});

    const VoxelVolume v = read_vti(path);
    require_sampling(v, g);
    if (g.dim == 2) REQUIRE(v.n[2] == 1);
    REQUIRE(v.names == std::vector<std::string>{"labels", "phase", "mask"});
    REQUIRE(v.array<std::int32_t>("labels") == labels);
    REQUIRE(v.array<double>("phase") == phase);
    REQUIRE(v.array<std::uint8_t>("mask") == mask);
    REQUIRE_THROWS_WITH(v.array<double>("labels"), Catch::Contains("int32"));
    REQUIRE_THROWS_WITH(v.array<double>("pressure"), Catch::Contains("pressure"));
    REQUIRE_FALSE(fs::exists(path.string() + ".part"));
  }
}

TEST_CASE("VTI header: extent, origin at the first pixel centre, spacing, offsets", "[cpu][engine]") {
  const TempDir dir("vti_header");
  const auto labels = test_labels(kGrid2);
  const auto phase = test_phase(kGrid2);
  write_vti(dir / "a.vti", kGrid2, {{"labels", labels}, {"phase", phase}});
  const std::string text = read_bytes(dir / "a.vti");
  const std::string xml = text.substr(0, text.find("<AppendedData"));
  REQUIRE(xml.find("<VTKFile type=\"ImageData\" version=\"1.0\" byte_order=\"LittleEndian\" header_type=\"UInt64\">") !=
          std::string::npos);
  REQUIRE(xml.find("WholeExtent=\"0 4 0 2 0 0\"") != std::string::npos);
  REQUIRE(xml.find("Origin=\"0.2 0.25 0\"") != std::string::npos);  // h = (0.4, 0.5)
  REQUIRE(xml.find("Spacing=\"0.4 0.5 1\"") != std::string::npos);
  REQUIRE(xml.find("<PointData Scalars=\"labels\">") != std::string::npos);
  REQUIRE(xml.find("type=\"Int32\" Name=\"labels\" format=\"appended\" offset=\"0\"") != std::string::npos);
  // The second block starts after the first's 8-byte size and 15 int32 values.
  REQUIRE(xml.find("type=\"Float64\" Name=\"phase\" format=\"appended\" offset=\"68\"") != std::string::npos);
  const std::size_t underscore = text.find('_', text.find("<AppendedData"));
  std::uint64_t n_bytes = 0;
  std::memcpy(&n_bytes, text.data() + underscore + 1, sizeof n_bytes);
  REQUIRE(n_bytes == 15 * sizeof(std::int32_t));
  const std::string tail = "\n  </AppendedData>\n</VTKFile>\n";
  REQUIRE(text.size() == underscore + 1 + 8 + n_bytes + 8 + 15 * sizeof(double) + tail.size());
  REQUIRE(text.substr(text.size() - tail.size()) == tail);
}

TEST_CASE("NRRD round trip and header lines, 2D and 3D", "[cpu][engine]") {
  const TempDir dir("nrrd");
  for (const Grid& g : {kGrid2, kGrid3}) {
    const auto labels = test_labels(g);
    const fs::path path = dir / ("labels" + std::to_string(g.dim) + ".nrrd");
    write_nrrd(path, g, {"labels", labels});
    const VoxelVolume v = read_nrrd(path);
    require_sampling(v, g);
    REQUIRE(v.names == std::vector<std::string>{"labels"});
    REQUIRE(v.array<std::int32_t>("labels") == labels);
  }
  const std::string header2 = read_bytes(dir / "labels2.nrrd").substr(0, 400);
  for (const char* line : {"NRRD0004\n", "\ntype: int32\n", "\ndimension: 2\n", "\nspace dimension: 2\n",
                           "\nsizes: 5 3\n", "\nspace directions: (0.4,0) (0,0.5)\n", "\nspace origin: (0.2,0.25)\n",
                           "\nendian: little\n", "\nencoding: raw\n", "\ncontent: labels\n\n"}) {
    INFO(line);
    REQUIRE(header2.find(line) != std::string::npos);
  }
  const std::string header3 = read_bytes(dir / "labels3.nrrd").substr(0, 400);
  for (const char* line :
       {"\ndimension: 3\n", "\nspace: left-posterior-superior\n", "\nsizes: 4 3 2\n",
        "\nspace directions: (0.25,0,0) (0,0.25,0) (0,0,0.25)\n", "\nspace origin: (0.125,0.125,0.125)\n"}) {
    INFO(line);
    REQUIRE(header3.find(line) != std::string::npos);
  }

  // Other sample types, and the `spacings` form other tools write.
  const auto phase = test_phase(kGrid3);
  write_nrrd(dir / "phase.nrrd", kGrid3, {"phase", phase});
  REQUIRE(read_nrrd(dir / "phase.nrrd").array<double>("phase") == phase);
  std::string spacings = "NRRD0001\ntype: uchar\ndimension: 2\nsizes: 3 2\nspacings: 0.5 2\nencoding: raw\n\n";
  spacings += std::string("\x01\x02\x03\x04\x05\xff", 6);
  write_bytes(dir / "spacings.nrrd", spacings);
  const VoxelVolume s = read_nrrd(dir / "spacings.nrrd");
  REQUIRE(s.spacing[0] == 0.5);
  REQUIRE(s.spacing[1] == 2.0);
  REQUIRE(s.array<std::uint8_t>("values") == std::vector<std::uint8_t>{1, 2, 3, 4, 5, 255});
}

TEST_CASE("raw + JSON sidecar round trip, 2D and 3D", "[cpu][engine]") {
  const TempDir dir("raw");
  for (const Grid& g : {kGrid2, kGrid3}) {
    const auto labels = test_labels(g);
    const fs::path path = dir / ("labels" + std::to_string(g.dim) + ".raw");
    write_raw(path, g, {"labels", labels});
    REQUIRE(fs::file_size(path) == labels.size() * sizeof(std::int32_t));
    const fs::path sidecar = dir / ("labels" + std::to_string(g.dim) + ".json");
    REQUIRE(raw_sidecar_path(path) == sidecar);
    const auto doc = nlohmann::json::parse(read_bytes(sidecar));
    REQUIRE(doc.at("dtype") == "int32");
    REQUIRE(doc.at("byte_order") == "little");
    REQUIRE(doc.at("order") == "x-fastest");
    REQUIRE(doc.at("file") == path.filename().string());
    REQUIRE(doc.at("dims").size() == static_cast<std::size_t>(g.dim));
    REQUIRE(doc.at("dims")[0] == g.n[0]);
    REQUIRE(doc.at("spacing")[1].get<double>() == g.spacing(1));
    for (const fs::path& either : {path, sidecar}) {
      const VoxelVolume v = read_raw(either);
      require_sampling(v, g);
      REQUIRE(v.array<std::int32_t>("labels") == labels);
    }
  }
}

TEST_CASE("voxel writers refuse existing files unless asked to overwrite", "[cpu][engine]") {
  const TempDir dir("voxel_overwrite");
  const auto labels = test_labels(kGrid2);
  const auto other = std::vector<std::int32_t>(labels.size(), 42);
  write_vti(dir / "a.vti", kGrid2, {{"labels", labels}});
  REQUIRE_THROWS_WITH(write_vti(dir / "a.vti", kGrid2, {{"labels", other}}),
                      Catch::Contains((dir / "a.vti").string()) && Catch::Contains("already exists"));
  REQUIRE(read_vti(dir / "a.vti").array<std::int32_t>("labels") == labels);
  write_vti(dir / "a.vti", kGrid2, {{"labels", other}}, true);
  REQUIRE(read_vti(dir / "a.vti").array<std::int32_t>("labels") == other);

  write_nrrd(dir / "a.nrrd", kGrid2, {"labels", labels});
  REQUIRE_THROWS_WITH(write_nrrd(dir / "a.nrrd", kGrid2, {"labels", other}), Catch::Contains("already exists"));
  REQUIRE_NOTHROW(write_nrrd(dir / "a.nrrd", kGrid2, {"labels", other}, true));

  // A sidecar alone is enough to refuse, and the refusal writes no raw file.
  write_bytes(dir / "b.json", "{}");
  REQUIRE_THROWS_WITH(write_raw(dir / "b.raw", kGrid2, {"labels", labels}), Catch::Contains((dir / "b.json").string()));
  REQUIRE_FALSE(fs::exists(dir / "b.raw"));
  REQUIRE_THROWS_WITH(write_raw(dir / "c.json", kGrid2, {"labels", labels}), Catch::Contains("sidecar"));
}

TEST_CASE("voxel writers report bad input and unwritable paths with the path", "[cpu][engine]") {
  const TempDir dir("voxel_errors");
  const auto labels = test_labels(kGrid2);
  const std::vector<std::int32_t> short_labels(3, 0);
  REQUIRE_THROWS_WITH(write_vti(dir / "a.vti", kGrid2, {{"labels", short_labels}}),
                      Catch::Contains("3 values for a grid of 15"));
  REQUIRE_THROWS_WITH(write_vti(dir / "a.vti", kGrid2, {{"bad name", labels}}), Catch::Contains("bad name"));
  REQUIRE_THROWS_WITH(write_vti(dir / "a.vti", kGrid2, {{"x", labels}, {"x", labels}}), Catch::Contains("two arrays"));
  REQUIRE_THROWS_WITH(write_vti(dir / "a.vti", kGrid2, {}), Catch::Contains("no arrays"));
  REQUIRE(fs::is_empty(dir.path()));

  REQUIRE_THROWS_WITH(write_vti("/nonexistent/dir/a.vti", kGrid2, {{"labels", labels}}),
                      Catch::Contains("/nonexistent/dir/a.vti"));
  // /proc refuses new entries even for root.
  REQUIRE_THROWS_WITH(write_nrrd("/proc/tessera_cannot_exist.nrrd", kGrid2, {"labels", labels}),
                      Catch::Contains("/proc/tessera_cannot_exist.nrrd"));
  REQUIRE_THROWS_WITH(write_vti(dir.path(), kGrid2, {{"labels", labels}}, true), Catch::Contains("is a folder"));

  // A full disk: the error names the file and the reason, and nothing is left behind.
  tessera::test::make_part_file_full(dir / "full.vti");
  REQUIRE_THROWS_WITH(write_vti(dir / "full.vti", kGrid2, {{"labels", labels}}),
                      Catch::Contains((dir / "full.vti").string()) && Catch::Contains("No space left"));
  REQUIRE(fs::is_empty(dir.path()));
}

TEST_CASE("VTI reader rejects malformed files, naming the file and the problem", "[cpu][engine]") {
  const TempDir dir("vti_bad");
  const auto labels = test_labels(kGrid3);
  write_vti(dir / "good.vti", kGrid3, {{"labels", labels}});
  const std::string good = read_bytes(dir / "good.vti");
  // `good` with the first (or every) `from` replaced by `to`.
  auto replaced = [&](const std::string& from, const std::string& to, bool every = false) {
    std::string text = good;
    for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
      text.replace(pos, from.size(), to);
      if (!every) break;
    }
    return text;
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {good.substr(0, good.size() - 100), "truncated"},
      {good.substr(0, good.find("<AppendedData")), "no <AppendedData>"},
      {replaced("header_type=\"UInt64\"", "header_type=\"UInt32\""), "header_type"},
      {replaced("type=\"ImageData\"", "type=\"PolyData\""), "not ImageData"},
      {replaced("WholeExtent=\"0 3 0 2 0 1\"", "WholeExtent=\"0 3 0 2\""), "WholeExtent"},
      {replaced("WholeExtent=\"0 3 0 2 0 1\"", "WholeExtent=\"0 3 0 2 0 2\""), "piece must cover"},
      {replaced("\"0 3 0 2 0 1\"", "\"0 3 0 2 0 2\"", true), "holds 96 bytes, expected 144"},
      {replaced("Spacing=\"0.25 0.25 0.25\"", "Spacing=\"0.25 -1 0.25\""), "Spacing"},
      {replaced("type=\"Int32\"", "type=\"Int64\""), "unsupported type Int64"},
      {replaced("format=\"appended\"", "format=\"ascii\""), "appended"},
      {replaced("encoding=\"raw\"", "encoding=\"base64\""), "encoding"},
      {"not xml at all", "no <AppendedData>"},
  };
  for (const auto& [text, problem] : cases) {
    INFO(problem);
    const fs::path path = dir / "bad.vti";
    write_bytes(path, text);
    REQUIRE_THROWS_WITH(read_vti(path), Catch::Contains(path.string()) && Catch::Contains(problem));
  }
  REQUIRE_THROWS_WITH(read_vti(dir / "missing.vti"), Catch::Contains((dir / "missing.vti").string()));
}

TEST_CASE("NRRD reader rejects malformed files, naming the file and the problem", "[cpu][engine]") {
  const TempDir dir("nrrd_bad");
  const auto labels = test_labels(kGrid2);
  write_nrrd(dir / "good.nrrd", kGrid2, {"labels", labels});
  const std::string good = read_bytes(dir / "good.nrrd");
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {good.substr(0, good.size() - 4), "truncated"},
      {good + "x", "expected 60"},
      {"P5\n3 2\n255\n", "magic"},
      {good.substr(0, good.find("\n\n") + 1), "blank line"},
      {replaced("type: int32", "type: int64"), "type 'int64'"},
      {replaced("encoding: raw", "encoding: gzip"), "encoding 'gzip'"},
      {replaced("endian: little", "endian: big"), "little-endian"},
      {replaced("endian: little\n", ""), "endian"},
      {replaced("dimension: 2", "dimension: 4"), "dimension must be 2 or 3"},
      {replaced("sizes: 5 3", "sizes: 5"), "sizes"},
      {replaced("(0.4,0) (0,0.5)", "(0.4,0.1) (0,0.5)"), "axis-aligned"},
      {replaced("type: int32\n", ""), "'type' is missing"},
      {replaced("content: labels", "data file: x.raw"), "detached"},
      {replaced("content: labels", "not a field line"), "neither a field nor a comment"},
      {replaced("content: labels", "type: int32"), "appears twice"},
  };
  for (const auto& [text, problem] : cases) {
    INFO(problem);
    const fs::path path = dir / "bad.nrrd";
    write_bytes(path, text);
    REQUIRE_THROWS_WITH(read_nrrd(path), Catch::Contains(path.string()) && Catch::Contains(problem));
  }
}

TEST_CASE("raw reader rejects a sidecar that does not describe its file", "[cpu][engine]") {
  const TempDir dir("raw_bad");
  const auto labels = test_labels(kGrid2);
  write_raw(dir / "a.raw", kGrid2, {"labels", labels});
  auto doc = nlohmann::json::parse(read_bytes(dir / "a.json"));
  const fs::path sidecar = dir / "a.json";
  const auto with = [&](const std::string& key, const nlohmann::json& value) {
    auto changed = doc;
    changed[key] = value;
    write_bytes(sidecar, changed.dump());
  };
  with("dtype", "complex128");
  REQUIRE_THROWS_WITH(read_raw(sidecar), Catch::Contains(sidecar.string()) && Catch::Contains("complex128"));
  with("dtype", "float64");
  REQUIRE_THROWS_WITH(read_raw(sidecar), Catch::Contains((dir / "a.raw").string()) && Catch::Contains("bytes"));
  with("byte_order", "big");
  REQUIRE_THROWS_WITH(read_raw(sidecar), Catch::Contains("byte_order"));
  with("file", "../a.raw");
  REQUIRE_THROWS_WITH(read_raw(sidecar), Catch::Contains("beside the sidecar"));
  doc.erase("dims");
  write_bytes(sidecar, doc.dump());
  REQUIRE_THROWS_WITH(read_raw(sidecar), Catch::Contains(sidecar.string()) && Catch::Contains("dims"));
  write_bytes(sidecar, "{ not json");
  REQUIRE_THROWS_WITH(read_raw(dir / "a.raw"), Catch::Contains(sidecar.string()) && Catch::Contains("not valid JSON"));
}

TEST_CASE("float32 arrays round trip through .vti, .nrrd and .raw", "[cpu][engine]") {
  const TempDir dir("voxel_float32");
  for (const Grid& g : {kGrid2, kGrid3}) {
    const auto u = test_float(g);
    const std::string stem = g.dim == 2 ? "u2" : "u3";
    write_vti(dir / (stem + ".vti"), g, {{"u", u}});
    write_nrrd(dir / (stem + ".nrrd"), g, {"u", u});
    write_raw(dir / (stem + ".raw"), g, {"u", u});
    for (const VoxelVolume& v : {read_vti(dir / (stem + ".vti")), read_nrrd(dir / (stem + ".nrrd")),
                                 read_raw(dir / (stem + ".raw"))}) {
      require_sampling(v, g);
      REQUIRE(v.array<float>("u") == u);
      REQUIRE_THROWS_WITH(v.array<double>("u"), Catch::Contains("float32"));
    }
  }
  REQUIRE(read_bytes(dir / "u3.vti").find("type=\"Float32\" Name=\"u\"") != std::string::npos);
  REQUIRE(read_bytes(dir / "u3.nrrd").find("\ntype: float\n") != std::string::npos);
  REQUIRE(nlohmann::json::parse(read_bytes(dir / "u3.json")).at("dtype") == "float32");
  REQUIRE(fs::file_size(dir / "u3.raw") == kGrid3.size() * sizeof(float));
}

TEST_CASE("zlib-compressed VTI: VTK's block header, several blocks, same values back", "[cpu][engine]") {
  const TempDir dir("vti_zlib");
  // 40 x 30 x 20 float32 = 96000 bytes: two full 32 KiB blocks and a partial one.
  const Grid g = make_grid_3d(40, 30, 20);
  std::vector<float> u(static_cast<std::size_t>(g.size()));
  for (std::size_t k = 0; k < u.size(); ++k) u[k] = std::sin(0.01f * static_cast<float>(k));
  const auto labels = test_labels(g);
  write_vti(dir / "z.vti", g, {{"u", u}, {"labels", labels}}, false, VtiCompression::Zlib);
  write_vti(dir / "plain.vti", g, {{"u", u}, {"labels", labels}});
  const std::string text = read_bytes(dir / "z.vti");
  REQUIRE(text.find("compressor=\"vtkZLibDataCompressor\"") != std::string::npos);
  REQUIRE(read_bytes(dir / "plain.vti").find("compressor") == std::string::npos);
  REQUIRE(text.size() < fs::file_size(dir / "plain.vti"));
  std::uint64_t header[3];
  std::memcpy(header, text.data() + text.find('_', text.find("<AppendedData")) + 1, sizeof header);
  REQUIRE(header[0] == 3);
  REQUIRE(header[1] == 32768);
  REQUIRE(header[2] == 96000 - 2 * 32768);
  const VoxelVolume v = read_vti(dir / "z.vti");
  require_sampling(v, g);
  REQUIRE(v.array<float>("u") == u);
  REQUIRE(v.array<std::int32_t>("labels") == labels);

  // Damage: a cut file and a corrupted block are errors naming the file.
  write_bytes(dir / "cut.vti", text.substr(0, text.size() / 2));
  REQUIRE_THROWS_WITH(read_vti(dir / "cut.vti"), Catch::Contains((dir / "cut.vti").string()));
  std::string corrupt = text;
  corrupt[text.find('_', text.find("<AppendedData")) + 1 + 6 * 8 + 10] ^= 0x55;
  write_bytes(dir / "corrupt.vti", corrupt);
  REQUIRE_THROWS_WITH(read_vti(dir / "corrupt.vti"), Catch::Contains((dir / "corrupt.vti").string()));
  std::string other = text;
  other.replace(other.find("vtkZLibDataCompressor"), 21, "vtkLZ4DataCompressor ");
  write_bytes(dir / "lz4.vti", other);
  REQUIRE_THROWS_WITH(read_vti(dir / "lz4.vti"), Catch::Contains("not supported"));
}
