#include "engine/grid.h"

#include <string>

#include "engine/error.h"

namespace tessera {

namespace {
void check_axis(int count, double length, const char* name) {
  TESSERA_REQUIRE(count >= 1, std::string("grid: ") + name + " must be at least 1 (got " + std::to_string(count) + ")");
  TESSERA_REQUIRE(length > 0, std::string("grid: length along ") + name + " must be positive");
}
}  // namespace

Grid make_grid_2d(int nx, int ny, double lx, double ly, bool periodic) {
  check_axis(nx, lx, "x");
  check_axis(ny, ly, "y");
  Grid g;
  g.dim = 2;
  g.n[0] = nx;
  g.n[1] = ny;
  g.n[2] = 1;
  g.length[0] = lx;
  g.length[1] = ly;
  g.length[2] = 1.0;
  g.periodic[0] = g.periodic[1] = periodic;
  return g;
}

Grid make_grid_3d(int nx, int ny, int nz, double lx, double ly, double lz, bool periodic) {
  check_axis(nx, lx, "x");
  check_axis(ny, ly, "y");
  check_axis(nz, lz, "z");
  Grid g;
  g.dim = 3;
  g.n[0] = nx;
  g.n[1] = ny;
  g.n[2] = nz;
  g.length[0] = lx;
  g.length[1] = ly;
  g.length[2] = lz;
  g.periodic[0] = g.periodic[1] = g.periodic[2] = periodic;
  return g;
}

}  // namespace tessera
