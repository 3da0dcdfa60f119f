#pragma once
// What a curvatubes texture measures: its surface {u = 0} (marching cubes, periodic when
// the field is), the diffuse curvatures k1 >= k2 at every triangle (trilinear at its
// barycentre), the curvature diagram (area-weighted 2D histogram of (k1, k2), ref. 6.2)
// and morphometrics: solid fraction, surface area, the area-weighted means of the mean
// curvature H = (k1 + k2) / 2 and the Gaussian curvature K = k1 k2, the Euler
// characteristic V - E + F of the surface, and the normalised discrepancy (ref. 6.1).
#include <vector>

#include "engine/isosurface.h"
#include "engine/plot_image.h"
#include "sim/curvatubes/params.h"

namespace tessera {

struct Morphometrics {
  double solid_fraction = 0;   // voxels with u > 0
  double surface_area = 0;     // of {u = 0}, physical units^2
  double mean_curvature = 0;   // area-weighted mean of (k1 + k2) / 2, 1 / length
  double gaussian_curvature = 0;  // area-weighted mean of k1 k2, 1 / length^2
  std::int64_t euler_characteristic = 0;  // V - E + F of the mesh
  double discrepancy = 0;      // normalised equipartition discrepancy (0 ideal tanh profile, ~1 noise)
  double u_min = 0, u_max = 0, u_mean = 0;
  std::int64_t n_triangles = 0;
};

struct SurfaceReport {
  Isosurface surface;                    // (x, y, z) = h (X, Y, Z index)
  std::vector<double> kappa1, kappa2;    // per triangle
  std::vector<double> area;              // per triangle
  Histogram2D diagram;                   // (k1, k2) clipped to [-100, 100], 100 x 100 bins, area-weighted density
  Morphometrics metrics;
};

// `u`: Z*X*Y values in the module's storage order (sim/curvatubes/params.h).
SurfaceReport report_surface(const curvatubes::CurvatubesParams& params, const std::vector<float>& u);

}  // namespace tessera
