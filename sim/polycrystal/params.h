#pragma once
// Parameters of one synthetic polycrystal (apd-model.md section 1): N grains, each an
// anisotropic power cell c_i(y) = (y - x_i)^T A_i (y - x_i) - w_i with det A_i = 1,
// whose weights w_i are fitted so that every grain has its target volume. Everything
// random (seeds, shapes, orientations, sizes) is a pure function of `seed`, so the
// parameters alone reproduce a microstructure exactly.
//
// Units: the solver works in the unit square / cube [0, 1]^D (box units); `box_size`
// (metres) only scales what is written (the .vti spacing, centroids, diameters).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/field_table.h"

namespace tessera::polycrystal {

// Target volumes: all equal, or lognormal equivalent diameters (mean 1, standard
// deviation size_sigma, Neper's `-morpho "diameq:lognormal(1,0.35)"` convention) with
// volumes proportional to d^D, rescaled so that they tile the box.
enum class SizeLaw { Equal, Lognormal };
inline constexpr std::array<std::string_view, 2> kSizeLawNames = {"equal", "lognormal"};

struct PolycrystalParams {
  int dim = 3;                  // 2 or 3
  int grains = 100;             // N
  double anisotropy = 0.25;     // alpha in [0, 1): PyAPD's ani_thres (0 = power diagram, A_i = I)
  bool periodic = false;        // periodic box: costs use the nearest lattice image
  std::uint64_t seed = 1;       // random seed (files carry it through a double: up to 2^53)
  int resolution = 0;           // voxels per axis; 0 = PyAPD's rule M = C floor((1 / (eps min v))^(1/D))
  double tolerance = 0.01;      // every grain within this relative volume error
  SizeLaw sizes = SizeLaw::Equal;
  double size_sigma = 0.35;     // lognormal: standard deviation of the equivalent diameter (mean 1)
  double exclusion = 0.0;       // seed exclusion radius R: no two seeds closer than R N^(-1/D) (box units)
  double pixel_prefactor = 2;   // C of the resolution rule (PyAPD's pixel_size_prefactor)
  double box_size = 1e-4;       // edge of the box in metres (written to the .vti and grains.csv)
  int lloyd = 0;                // Lloyd sweeps after the first fit (seeds to centroids, warm re-fit)
};

PolycrystalParams default_polycrystal_params();
// Every field, once: the generator file, the command's checks and (later) the panels.
const FieldTable<PolycrystalParams>& polycrystal_fields();
// Throws tessera::Error naming the first bad value (ranges from the table, then the
// checks that involve several fields: lognormal sigma > 0, a usable resolution).
void validate(const PolycrystalParams& p);

}  // namespace tessera::polycrystal
