#pragma once
// The 36 named parameter sets of ref. 5.1 (gallery, 25) and 5.2 (notebooks, 11),
// the Helfrich-style conversion of ref. 1.2 and the two preset families of ref. 5.3.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/curvatubes/params.h"

namespace tessera::curvatubes {

struct CurvatubesPreset {
  std::string_view name;  // unique
  double eps;
  Coefficients coeffs;
  double m0;
  double mu;                     // 0 = no orientation term
  std::array<double, 3> theta;   // (z, x, y), used when mu != 0
  std::string_view description;  // one-line morphology
};

const std::vector<CurvatubesPreset>& curvatubes_presets();   // 36 rows, table order
const CurvatubesPreset* find_preset(std::string_view name);  // nullptr if unknown
// params with eps, coefficients, M0, mu and theta of the named preset (tessera::Error if unknown).
CurvatubesParams apply_preset(CurvatubesParams params, std::string_view name);
CurvatubesParams apply_preset(CurvatubesParams params, const CurvatubesPreset& preset);

// h2 (H - H0)^2 + k1 K + s (k1 - k1_0)^2 + t (k2 - k2_0)^2 with H = k1 + k2 (ref. 1.2).
struct HelfrichParams {
  double h2 = 0, H0 = 0, k1 = 0, s = 0, kappa1_0 = 0, t = 0, kappa2_0 = 0;
};
Coefficients helfrich_coefficients(const HelfrichParams& hp);

// One member of a preset family: eps, coefficients and M0 (P of ref. 5.3).
struct FamilyMember {
  int i = 0, j = 0;  // grid indices (bilinear) or draw index (atlas: i = draw, j = 0)
  double eps = 0.02;
  Coefficients coeffs;
  double m0 = 0;
};

// Bilinear interpolation between layers (x=0,y=0), sponges (1,0), spheres (0,1) and
// tubes (1,1) on x, y in {0, 1/n, ..., 1}: (n+1)^2 members, 25 for n = 4, i = x index.
std::vector<FamilyMember> bilinear_family(int n = 4);

// Random atlas draw (ref. 5.3): a20 = 1, a11 ~ U(-4,4), a02 ~ U(1/15,15), b10, b01 ~
// U(-200,200), c ~ U(-3000,3000), M0 ~ U(-0.75,-0.15), eps = 0.02. A pure function of
// (seed, draw) through the Philox counter RNG.
FamilyMember random_atlas_draw(std::uint64_t seed, int draw);

}  // namespace tessera::curvatubes
