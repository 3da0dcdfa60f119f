#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/compression.h"
#include "engine/error.h"
#include "engine/nifti_io.h"
#include "engine/temp_dir.h"

using namespace tessera;
using tessera::test::read_bytes;
using tessera::test::TempDir;
using tessera::test::write_bytes;
namespace fs = std::filesystem;

namespace {

// u(z, x, y) stored last axis fastest, distinct at every sample.
std::vector<float> zxy_field(int nz, int nx, int ny) {
  std::vector<float> u(static_cast<std::size_t>(nz) * nx * ny);
  for (int z = 0; z < nz; ++z)
    for (int x = 0; x < nx; ++x)
      for (int y = 0; y < ny; ++y) u[y + ny * (x + nx * z)] = 100.0f * z + 10.0f * x + y + 0.125f;
  return u;
}

template <class T>
T at(const std::string& bytes, std::size_t offset) {
  T v;
  std::memcpy(&v, bytes.data() + offset, sizeof v);
  return v;
}

}  // namespace

TEST_CASE("NIfTI (Z, X, Y) field: header fields, Z-fastest data, .nii and .nii.gz round trips", "[cpu][engine]") {
  const TempDir dir("nifti");
  const int nz = 2, nx = 3, ny = 4;
  const auto u = zxy_field(nz, nx, ny);
  write_nifti_zxy(dir / "u.nii", u, nz, nx, ny, 0.01);
  write_nifti_zxy(dir / "u.nii.gz", u, nz, nx, ny, 0.01);
  const std::string raw = read_bytes(dir / "u.nii");
  REQUIRE(raw.size() == 352 + u.size() * 4);
  REQUIRE(at<std::int32_t>(raw, 0) == 348);
  REQUIRE(std::memcmp(raw.data() + 344, "n+1", 4) == 0);
  REQUIRE(at<float>(raw, 108) == 352.0f);
  REQUIRE(at<std::int16_t>(raw, 70) == 16);  // float32
  REQUIRE(at<std::int16_t>(raw, 72) == 32);
  REQUIRE(at<std::int16_t>(raw, 40) == 3);
  REQUIRE(at<std::int16_t>(raw, 42) == nz);
  REQUIRE(at<std::int16_t>(raw, 44) == nx);
  REQUIRE(at<std::int16_t>(raw, 46) == ny);
  REQUIRE(at<float>(raw, 80) == 0.01f);
  REQUIRE(at<float>(raw, 112) == 1.0f);          // scl_slope
  REQUIRE(at<std::int16_t>(raw, 252) == 0);      // qform_code
  REQUIRE(at<std::int16_t>(raw, 254) == 2);      // sform_code
  REQUIRE(at<float>(raw, 280) == 0.01f);         // srow_x[0]
  REQUIRE(at<float>(raw, 280 + 16 + 4) == 0.01f);  // srow_y[1]
  REQUIRE(at<float>(raw, 280 + 4) == 0.0f);
  // Z fastest in the data: the second stored value is (z, x, y) = (1, 0, 0).
  REQUIRE(at<float>(raw, 352) == u[0]);
  REQUIRE(at<float>(raw, 356) == u[static_cast<std::size_t>(nx * ny)]);
  // The gzip file holds the same bytes.
  const std::string gz = read_bytes(dir / "u.nii.gz");
  REQUIRE(is_gzip(gz));
  REQUIRE(zlib_decompress(gz, ZlibFormat::Gzip, "test") == raw);

  for (const char* name : {"u.nii", "u.nii.gz"}) {
    int shape[3] = {0, 0, 0};
    double h = 0;
    REQUIRE(read_nifti_zxy(dir / name, shape, &h) == u);
    REQUIRE(shape[0] == nz);
    REQUIRE(shape[1] == nx);
    REQUIRE(shape[2] == ny);
    REQUIRE(h == Approx(0.01));
    const NiftiVolume v = read_nifti(dir / name);
    REQUIRE(v.sform_code == 2);
    REQUIRE(v.qform_code == 0);
    REQUIRE(v.srow[2][2] == Approx(0.01));
    REQUIRE(v.description == "Tessera field u(z, x, y)");
  }
  REQUIRE_THROWS_WITH(write_nifti_zxy(dir / "u.nii", u, nz, nx, ny, 0.01), Catch::Contains("already exists"));
  REQUIRE_THROWS_WITH(write_nifti_zxy(dir / "v.nii", u, nz, nx, 5, 0.01), Catch::Contains("(2, 3, 5)"));
}

TEST_CASE("NIfTI grid export: x fastest, int32 labels, origin at the first centre", "[cpu][engine]") {
  const TempDir dir("nifti_grid");
  const Grid g = make_grid_3d(4, 3, 2, 1.0, 0.75, 0.5);
  std::vector<std::int32_t> labels(static_cast<std::size_t>(g.size()));
  for (std::size_t k = 0; k < labels.size(); ++k) labels[k] = static_cast<std::int32_t>(k) - 3;
  write_nifti(dir / "labels.nii.gz", g, {"labels", labels});
  const NiftiVolume v = read_nifti(dir / "labels.nii.gz");
  REQUIRE(v.n[0] == 4);
  REQUIRE(v.n[2] == 2);
  REQUIRE(std::get<std::vector<std::int32_t>>(v.values) == labels);
  REQUIRE(v.spacing[0] == 0.25);
  REQUIRE(v.srow[0][3] == 0.125);
  REQUIRE(v.srow[1][1] == 0.25);
  REQUIRE_THROWS_WITH(write_nifti(dir / "a.nii", make_grid_2d(3, 3), {"labels", labels}), Catch::Contains("3D"));
}

TEST_CASE("NIfTI reader rejects damaged files, naming the file and the problem", "[cpu][engine]") {
  const TempDir dir("nifti_bad");
  const auto u = zxy_field(2, 2, 2);
  write_nifti_zxy(dir / "good.nii", u, 2, 2, 2, 1.0);
  const std::string good = read_bytes(dir / "good.nii");
  auto patched = [&](std::size_t offset, const void* value, std::size_t n) {
    std::string text = good;
    std::memcpy(text.data() + offset, value, n);
    return text;
  };
  const std::int16_t four_d[5] = {4, 2, 2, 2, 3};  // dim[0..4]: four frames of 2 x 2 x 2
  const std::int16_t int16_type = 4;
  const std::int32_t swapped = 0x5C010000;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {good.substr(0, 100), "shorter than the 348-byte"},
      {good.substr(0, good.size() - 4), "truncated"},
      {patched(344, "ni1", 4), "magic"},
      {patched(0, &swapped, 4), "big-endian"},
      {patched(70, &int16_type, 2), "datatype 4"},
      {patched(40, four_d, sizeof four_d), "(dim[4] = 3)"},
  };
  for (const auto& [text, problem] : cases) {
    INFO(problem);
    const fs::path path = dir / "bad.nii";
    write_bytes(path, text);
    REQUIRE_THROWS_WITH(read_nifti(path), Catch::Contains(path.string()) && Catch::Contains(problem));
  }
  // A gzip file cut short.
  write_nifti_zxy(dir / "good.nii.gz", u, 2, 2, 2, 1.0);
  const std::string gz = read_bytes(dir / "good.nii.gz");
  write_bytes(dir / "cut.nii.gz", gz.substr(0, gz.size() - 10));
  REQUIRE_THROWS_WITH(read_nifti(dir / "cut.nii.gz"), Catch::Contains((dir / "cut.nii.gz").string()));
}
