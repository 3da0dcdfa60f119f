#include "scenes/curvatubes/surface_report.h"

#include <algorithm>
#include <cmath>

#include "sim/curvatubes/morphometrics.h"

namespace tessera {

using curvatubes::CurvatubesParams;

namespace {

constexpr double kDiagramRange = 100;  // ref. 6.2: curvatures clipped to [-100, 100]
constexpr int kDiagramBins = 100;

// Trilinear interpolation of a (Z, X, Y) field at a mesh point (x, y, z) in physical
// units (voxel index = coordinate / h), wrapped or clamped at the faces.
double sample(const std::vector<float>& f, const CurvatubesParams& p, const Vec3& q, bool periodic) {
  const double c[3] = {q.z / p.h, q.x / p.h, q.y / p.h};  // (Z, X, Y) voxel coordinates
  const int n[3] = {p.nz, p.nx, p.ny};
  int i0[3], i1[3];
  double t[3];
  for (int a = 0; a < 3; ++a) {
    const double fl = std::floor(c[a]);
    t[a] = c[a] - fl;
    int lo = static_cast<int>(fl), hi = lo + 1;
    if (periodic) {
      lo = ((lo % n[a]) + n[a]) % n[a];
      hi = ((hi % n[a]) + n[a]) % n[a];
    } else {
      lo = std::clamp(lo, 0, n[a] - 1);
      hi = std::clamp(hi, 0, n[a] - 1);
    }
    i0[a] = lo;
    i1[a] = hi;
  }
  auto at = [&](int z, int x, int y) {
    return static_cast<double>(f[static_cast<std::size_t>(y) + static_cast<std::size_t>(p.ny) * (x + static_cast<std::size_t>(p.nx) * z)]);
  };
  double v = 0;
  for (int dz = 0; dz < 2; ++dz)
    for (int dx = 0; dx < 2; ++dx)
      for (int dy = 0; dy < 2; ++dy) {
        const double w = (dz ? t[0] : 1 - t[0]) * (dx ? t[1] : 1 - t[1]) * (dy ? t[2] : 1 - t[2]);
        v += w * at(dz ? i1[0] : i0[0], dx ? i1[1] : i0[1], dy ? i1[2] : i0[2]);
      }
  return v;
}

}  // namespace

SurfaceReport report_surface(const CurvatubesParams& p, const std::vector<float>& u) {
  SurfaceReport r;
  const bool periodic = p.boundary == curvatubes::Boundary::Periodic;
  r.surface = extract_isosurface_zxy(u, p.nz, p.nx, p.ny, p.h, 0.0, periodic);
  std::vector<float> k1, k2;
  curvatubes::diffuse_curvature_fields(p, u, k1, k2);
  const TriangleMesh& mesh = r.surface.mesh;
  const std::size_t n_tri = mesh.triangles.size();
  r.kappa1.resize(n_tri);
  r.kappa2.resize(n_tri);
  r.area.resize(n_tri);
  r.diagram = Histogram2D(kDiagramBins, kDiagramBins, -kDiagramRange, kDiagramRange, -kDiagramRange, kDiagramRange);
  double area = 0, h_sum = 0, k_sum = 0;
  for (std::size_t t = 0; t < n_tri; ++t) {
    const Vec3& a = mesh.vertices[static_cast<std::size_t>(mesh.triangles[t][0])];
    const Vec3& b = mesh.vertices[static_cast<std::size_t>(mesh.triangles[t][1])];
    const Vec3& c = mesh.vertices[static_cast<std::size_t>(mesh.triangles[t][2])];
    const double at = 0.5 * norm(cross(b - a, c - a));
    // On a periodic texture a triangle across a face has corners in one image: its
    // barycentre is sampled wrapped.
    const Vec3 centre = (1.0 / 3.0) * (a + b + c);
    const double c1 = sample(k1, p, centre, periodic), c2 = sample(k2, p, centre, periodic);
    r.kappa1[t] = c1;
    r.kappa2[t] = c2;
    r.area[t] = at;
    area += at;
    h_sum += at * 0.5 * (c1 + c2);
    k_sum += at * c1 * c2;
    r.diagram.add(std::clamp(c1, -kDiagramRange, kDiagramRange), std::clamp(c2, -kDiagramRange, kDiagramRange), at);
  }
  // Density-normalised (ref. 6.2): integrates to 1 over the (k1, k2) plane.
  const double bin_area = (2 * kDiagramRange / kDiagramBins) * (2 * kDiagramRange / kDiagramBins);
  if (area > 0)
    for (double& v : r.diagram.counts) v /= area * bin_area;
  Morphometrics& m = r.metrics;
  m.surface_area = area;
  m.mean_curvature = area > 0 ? h_sum / area : 0;
  m.gaussian_curvature = area > 0 ? k_sum / area : 0;
  m.n_triangles = static_cast<std::int64_t>(n_tri);
  const EdgeCounts edges = count_edges(mesh);
  m.euler_characteristic = static_cast<std::int64_t>(mesh.vertices.size()) - edges.n_edges + static_cast<std::int64_t>(n_tri);
  m.solid_fraction = curvatubes::solid_fraction(u);
  m.discrepancy = curvatubes::discrepancy(p, u).ratio;
  const curvatubes::FieldStats stats = curvatubes::field_stats(u);
  m.u_min = stats.min;
  m.u_max = stats.max;
  m.u_mean = stats.mean;
  return r;
}

}  // namespace tessera
