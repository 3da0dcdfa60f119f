#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "engine/error.h"
#include "engine/isosurface.h"

using namespace tessera;

namespace {

constexpr double kPi = 3.14159265358979323846;

// u = r - |p - c| on n^3 samples at i h (axis 0 fastest), positive inside the ball; with
// `wrap` the distance is the periodic one in a box of n h.
std::vector<float> ball(int n, double h, Vec3 c, double r, bool wrap = false) {
  std::vector<float> u(static_cast<std::size_t>(n) * n * n);
  const double box = n * h;
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        Vec3 d = Vec3{i * h, j * h, k * h} - c;
        if (wrap)
          for (int a = 0; a < 3; ++a) d[a] -= box * std::floor(d[a] / box + 0.5);
        u[i + static_cast<std::size_t>(n) * (j + static_cast<std::size_t>(n) * k)] = static_cast<float>(r - norm(d));
      }
  return u;
}

ScalarFieldView view_of(const std::vector<float>& u, int n, double h, bool periodic = false) {
  ScalarFieldView v;
  v.values = u;
  for (int a = 0; a < 3; ++a) {
    v.n[a] = n;
    v.spacing[a] = h;
    v.periodic[a] = periodic;
  }
  return v;
}

}  // namespace

TEST_CASE("isosurface of a sphere: closed, outward, area and volume within 2 %", "[cpu][engine]") {
  const int n = 41;
  const double h = 1.0 / 40, r = 0.3;
  const Vec3 c{0.5, 0.52, 0.47};
  const auto u = ball(n, h, c, r);
  const Isosurface s = extract_isosurface(view_of(u, n, h));
  REQUIRE(s.mesh.triangles.size() > 1000);
  REQUIRE(s.normals.size() == s.mesh.vertices.size());
  const EdgeCounts edges = count_edges(s.mesh);
  REQUIRE(edges.n_boundary == 0);
  REQUIRE(edges.n_non_manifold == 0);
  REQUIRE(edges.n_misoriented == 0);
  // Euler characteristic of a sphere: V - E + F = 2.
  REQUIRE(static_cast<std::int64_t>(s.mesh.vertices.size()) - edges.n_edges +
              static_cast<std::int64_t>(s.mesh.triangles.size()) == 2);
  REQUIRE(mesh_area(s.mesh) == Approx(4 * kPi * r * r).epsilon(0.02));
  REQUIRE(mesh_volume(s.mesh) == Approx(4.0 / 3.0 * kPi * r * r * r).epsilon(0.02));
  for (std::size_t v = 0; v < s.mesh.vertices.size(); ++v) {
    const Vec3 radial = s.mesh.vertices[v] - c;
    REQUIRE(norm(radial) == Approx(r).margin(0.2 * h));
    REQUIRE(dot(s.normals[v], radial) / norm(radial) > 0.99);
  }
  for (const auto& t : s.mesh.triangles) {
    const Vec3& a = s.mesh.vertices[t[0]];
    const Vec3 normal = cross(s.mesh.vertices[t[1]] - a, s.mesh.vertices[t[2]] - a);
    REQUIRE(dot(normal, a - c) >= 0);  // towards decreasing u
  }
  // A level other than 0: the sphere of radius r - 0.1.
  const Isosurface inner = extract_isosurface(view_of(u, n, h), 0.1);
  REQUIRE(mesh_volume(inner.mesh) == Approx(4.0 / 3.0 * kPi * std::pow(r - 0.1, 3)).epsilon(0.02));
  REQUIRE(count_edges(inner.mesh).closed());
}

TEST_CASE("isosurface of a (Z, X, Y) field comes out in (x, y, z), still outward", "[cpu][engine]") {
  const int nz = 20, nx = 24, ny = 28;
  const double h = 0.01, r = 0.06;
  const Vec3 c{0.11, 0.15, 0.09};  // (x, y, z)
  std::vector<float> u(static_cast<std::size_t>(nz) * nx * ny);
  for (int z = 0; z < nz; ++z)
    for (int x = 0; x < nx; ++x)
      for (int y = 0; y < ny; ++y)
        u[y + static_cast<std::size_t>(ny) * (x + static_cast<std::size_t>(nx) * z)] =
            static_cast<float>(r - norm(Vec3{x * h, y * h, z * h} - c));
  const Isosurface s = extract_isosurface_zxy(u, nz, nx, ny, h);
  REQUIRE(count_edges(s.mesh).closed());
  Vec3 mean;
  for (const Vec3& p : s.mesh.vertices) mean += p * (1.0 / s.mesh.vertices.size());
  REQUIRE(mean.x == Approx(c.x).margin(h * 0.1));
  REQUIRE(mean.y == Approx(c.y).margin(h * 0.1));
  REQUIRE(mean.z == Approx(c.z).margin(h * 0.1));
  REQUIRE(mesh_volume(s.mesh) == Approx(4.0 / 3.0 * kPi * r * r * r).epsilon(0.03));
  for (std::size_t v = 0; v < s.mesh.vertices.size(); ++v) REQUIRE(dot(s.normals[v], s.mesh.vertices[v] - c) > 0);
}

TEST_CASE("periodic isosurface: a ball across the box corner appears once, cut only at box faces", "[cpu][engine]") {
  const int n = 32;
  const double h = 1.0 / n, r = 0.25, box = 1.0;
  const auto u = ball(n, h, {0.05, 0.95, 0.5}, r, true);
  const Isosurface s = extract_isosurface(view_of(u, n, h, true));
  REQUIRE(mesh_area(s.mesh) == Approx(4 * kPi * r * r).epsilon(0.02));
  for (const Vec3& p : s.mesh.vertices)
    for (int a = 0; a < 3; ++a) REQUIRE((p[a] >= 0 && p[a] <= box));
  // Open edges lie on the faces x = 0, x = 1, y = 0 or y = 1 only.
  const EdgeCounts edges = count_edges(s.mesh);
  REQUIRE(edges.n_boundary > 0);
  REQUIRE(edges.n_non_manifold == 0);
  REQUIRE(edges.n_misoriented == 0);
  // A ball inside the periodic box stays closed; without wrap the corner ball loses the
  // pieces beyond the last sample, so its area is smaller.
  const auto inside = ball(n, h, {0.5, 0.5, 0.5}, r, true);
  REQUIRE(count_edges(extract_isosurface(view_of(inside, n, h, true)).mesh).closed());
  REQUIRE(mesh_area(extract_isosurface(view_of(u, n, h, false)).mesh) < 0.99 * mesh_area(s.mesh));
}

TEST_CASE("isosurface from a Tessera grid: positions at pixel centres", "[cpu][engine]") {
  const Grid g = make_grid_3d(20, 20, 20);
  std::vector<float> u(static_cast<std::size_t>(g.size()));
  for (std::int64_t k = 0; k < g.size(); ++k) u[k] = static_cast<float>(0.3 - norm(g.center(k) - Vec3{0.5, 0.5, 0.5}));
  const Isosurface s = extract_isosurface(g, u);
  REQUIRE(count_edges(s.mesh).closed());
  REQUIRE(mesh_volume(s.mesh) == Approx(4.0 / 3.0 * kPi * 0.027).epsilon(0.05));
}

TEST_CASE("isosurface input errors and empty results", "[cpu][engine]") {
  std::vector<float> u(8, 1.0f);
  ScalarFieldView v = view_of(u, 2, 1.0);
  REQUIRE(extract_isosurface(v).mesh.triangles.empty());  // all inside: no surface
  v.n[2] = 3;
  REQUIRE_THROWS_WITH(extract_isosurface(v), Catch::Contains("8 values for 12 samples"));
  v.n[2] = 1;
  v.n[0] = 8;
  REQUIRE_THROWS_WITH(extract_isosurface(v), Catch::Contains("at least 2 samples"));
  REQUIRE_THROWS_WITH(extract_isosurface(make_grid_2d(2, 4), u), Catch::Contains("3D"));
}
