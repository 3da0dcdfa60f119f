#pragma once
// Regular 2D/3D grid of cell-centred sample points ("pixels"/"voxels").
//
// Units: positions live in the box [0, L_0] x [0, L_1] (x [0, L_2]); the default box
// is the unit square/cube. Pixel (i, j, k) has centre ((i + 1/2) h_0, (j + 1/2) h_1, ...)
// with spacing h_a = L_a / n_a. Storage is x-fastest: index = i + n_0 (j + n_1 k),
// the VTK/image convention, so a 2D label array is directly an image row by row
// (row j = height j above the bottom edge).
//
// Each axis is either walled (the box edge is a wall: no wrap) or periodic
// (displacements wrap to the nearest image, positions wrap into the box).
// An optional domain mask lives beside the grid (engine/domain.h keeps it as a
// byte array); the grid itself is a small trivially-copyable value for kernels.
#include <cstdint>

#include "engine/host_device.h"
#include "engine/vec.h"

namespace tessera {

struct Grid {
  int dim = 2;                   // 2 or 3
  int n[3] = {1, 1, 1};          // points per axis (n[2] = 1 in 2D)
  double length[3] = {1, 1, 1};  // box size per axis
  bool periodic[3] = {false, false, false};

  TESSERA_HD std::int64_t size() const { return static_cast<std::int64_t>(n[0]) * n[1] * n[2]; }
  TESSERA_HD double spacing(int axis) const { return length[axis] / n[axis]; }
  TESSERA_HD double pixel_volume() const {
    double v = spacing(0) * spacing(1);
    return dim == 3 ? v * spacing(2) : v;
  }

  TESSERA_HD std::int64_t index(int i, int j, int k = 0) const {
    return i + static_cast<std::int64_t>(n[0]) * (j + static_cast<std::int64_t>(n[1]) * k);
  }
  // Integer coordinates of a flat index.
  TESSERA_HD void coords(std::int64_t idx, int& i, int& j, int& k) const {
    i = static_cast<int>(idx % n[0]);
    const std::int64_t rest = idx / n[0];
    j = static_cast<int>(rest % n[1]);
    k = static_cast<int>(rest / n[1]);
  }
  // Centre of pixel (i, j, k).
  TESSERA_HD Vec3 center(int i, int j, int k = 0) const {
    Vec3 p{(i + 0.5) * spacing(0), (j + 0.5) * spacing(1), 0.0};
    if (dim == 3) p.z = (k + 0.5) * spacing(2);
    return p;
  }
  TESSERA_HD Vec3 center(std::int64_t idx) const {
    int i, j, k;
    coords(idx, i, j, k);
    return center(i, j, k);
  }

  // Index of the pixel containing p (box units), clamped to the grid: points on or
  // beyond an edge take the edge pixel.
  TESSERA_HD std::int64_t index_at(const Vec3& p) const {
    int c[3] = {0, 0, 0};
    for (int a = 0; a < dim; ++a) {
      const int i = static_cast<int>(p[a] / spacing(a));
      c[a] = i < 0 ? 0 : (i >= n[a] ? n[a] - 1 : i);
    }
    return index(c[0], c[1], c[2]);
  }
  // True when p lies in the box [0, L_0) x [0, L_1) (x [0, L_2)).
  TESSERA_HD bool contains(const Vec3& p) const {
    for (int a = 0; a < dim; ++a)
      if (!(p[a] >= 0 && p[a] < length[a])) return false;
    return true;
  }

  // Shortest displacement on periodic axes (identity on walled axes); |result_a| <= L_a / 2.
  TESSERA_HD Vec3 wrap_displacement(Vec3 z) const {
    for (int a = 0; a < dim; ++a) {
      if (!periodic[a]) continue;
      const double L = length[a];
      z[a] -= L * ::floor(z[a] / L + 0.5);
    }
    return z;
  }
  // Position wrapped into the box on periodic axes (unchanged on walled axes).
  TESSERA_HD Vec3 wrap_position(Vec3 x) const {
    for (int a = 0; a < dim; ++a) {
      if (!periodic[a]) continue;
      const double L = length[a];
      x[a] -= L * ::floor(x[a] / L);
      if (x[a] >= L) x[a] -= L;  // guards the rounding case x = -tiny
    }
    return x;
  }
  // Neighbour index along an axis with step +-1; -1 when it falls off a walled edge.
  TESSERA_HD std::int64_t neighbor(std::int64_t idx, int axis, int step) const {
    int c[3];
    coords(idx, c[0], c[1], c[2]);
    c[axis] += step;
    if (c[axis] < 0 || c[axis] >= n[axis]) {
      if (!periodic[axis]) return -1;
      c[axis] = (c[axis] + n[axis]) % n[axis];
    }
    return index(c[0], c[1], c[2]);
  }
};

// A 2D grid of nx x ny pixels over [0, lx] x [0, ly]; a 3D one of nx x ny x nz.
Grid make_grid_2d(int nx, int ny, double lx = 1.0, double ly = 1.0, bool periodic = false);
Grid make_grid_3d(int nx, int ny, int nz, double lx = 1.0, double ly = 1.0, double lz = 1.0, bool periodic = false);

}  // namespace tessera
