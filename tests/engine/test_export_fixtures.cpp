// Writes one file of every export format into $TESSERA_FIXTURES, for
// tests/python/check_exports.py to read with the tools users run (nibabel, tifffile, VTK,
// meshio, numpy). Hidden: run through the `export_readers` CTest entry.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "engine/isosurface.h"
#include "engine/mesh_io.h"
#include "engine/nifti_io.h"
#include "engine/npy_io.h"
#include "engine/tiff_io.h"
#include "engine/voxel_io.h"

using namespace tessera;
namespace fs = std::filesystem;

TEST_CASE("export fixtures for the Python readers", "[.][export-fixtures]") {
  const char* folder = std::getenv("TESSERA_FIXTURES");
  REQUIRE(folder != nullptr);
  const fs::path dir(folder);
  fs::create_directories(dir);

  // u(z, x, y) = cos(0.3 z) sin(0.2 x + 0.1) + 0.05 y - 0.4, rounded to float32; the script
  // recomputes it. Shape (Z, X, Y), last axis fastest.
  const int nz = 6, nx = 7, ny = 8;
  const double h = 0.01;
  std::vector<float> u(static_cast<std::size_t>(nz) * nx * ny);
  for (int z = 0; z < nz; ++z)
    for (int x = 0; x < nx; ++x)
      for (int y = 0; y < ny; ++y)
        u[y + static_cast<std::size_t>(ny) * (x + static_cast<std::size_t>(nx) * z)] =
            static_cast<float>(std::cos(0.3 * z) * std::sin(0.2 * x + 0.1) + 0.05 * y - 0.4);
  write_npy(dir / "field.npy", {nz, nx, ny}, std::span<const float>(u), true);
  // A (3, Z, X, Y) float64 array: component c is u + c.
  std::vector<double> u3;
  for (int c = 0; c < 3; ++c)
    for (const float v : u) u3.push_back(static_cast<double>(v) + c);
  write_npy(dir / "field3.npy", {3, nz, nx, ny}, std::span<const double>(u3), true);
  write_nifti_zxy(dir / "field.nii.gz", u, nz, nx, ny, h, true);
  write_nifti_zxy(dir / "field.nii", u, nz, nx, ny, h, true);
  write_tiff_stack(dir / "field.tif", u, nz, nx, ny, h, "um", true);

  // The same samples as a VTK image: axis 0 (fastest) is y, so VTK's dims are (Y, X, Z).
  const Grid g = make_grid_3d(ny, nx, nz, ny * h, nx * h, nz * h);
  std::vector<std::int32_t> labels(u.size());
  for (std::size_t k = 0; k < labels.size(); ++k) labels[k] = static_cast<std::int32_t>(k % 5) - 1;
  write_vti(dir / "field.vti", g, {{"u", std::span<const float>(u)}, {"labels", std::span<const std::int32_t>(labels)}},
            true);
  write_vti(dir / "field_zlib.vti", g,
            {{"u", std::span<const float>(u)}, {"labels", std::span<const std::int32_t>(labels)}}, true,
            VtiCompression::Zlib);
  // Labels on a Tessera grid (x fastest) as NIfTI int32: nibabel's array is [i, j, k].
  write_nifti(dir / "labels.nii.gz", g, {"labels", std::span<const std::int32_t>(labels)}, true);

  // A sphere of radius 0.3 on 24^3 samples: PLY (normals, per-face label) and STL.
  const int n = 24;
  std::vector<float> ball(static_cast<std::size_t>(n) * n * n);
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i)
        ball[i + static_cast<std::size_t>(n) * (j + static_cast<std::size_t>(n) * k)] =
            static_cast<float>(0.3 - norm(Vec3{i / 23.0, j / 23.0, k / 23.0} - Vec3{0.5, 0.5, 0.5}));
  ScalarFieldView view;
  view.values = ball;
  for (int a = 0; a < 3; ++a) {
    view.n[a] = n;
    view.spacing[a] = 1.0 / 23.0;
  }
  const Isosurface s = extract_isosurface(view);
  std::vector<std::int32_t> face_labels(s.mesh.triangles.size());
  for (std::size_t t = 0; t < face_labels.size(); ++t) face_labels[t] = static_cast<std::int32_t>(t % 3);
  PlyExtras extras;
  extras.normals = s.normals;
  write_ply(dir / "sphere.ply", s.mesh, true, extras);
  extras.face_property = "label";
  extras.face_values = face_labels;
  write_ply(dir / "sphere_labels.ply", s.mesh, true, extras);
  write_stl(dir / "sphere.stl", s.mesh, true);

  const nlohmann::json manifest = {{"shape_zxy", {nz, nx, ny}},
                                   {"h", h},
                                   {"n_vertices", s.mesh.vertices.size()},
                                   {"n_triangles", s.mesh.triangles.size()},
                                   {"area", mesh_area(s.mesh)},
                                   {"volume", mesh_volume(s.mesh)}};
  std::ofstream(dir / "manifest.json") << manifest.dump(2) << "\n";
  REQUIRE(fs::exists(dir / "manifest.json"));
}
