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
  int i = 0, j = 0;      // grid indices (bilinear) or draw index (atlas: i = draw, j = 0)
  double x = 0, y = 0;   // bilinear weights: x = i / (steps - 1), y = j / (steps - 1)
  double eps = 0.02;
  Coefficients coeffs;
  double m0 = 0;
};

// The corners of ref. 5.3's family, in the order P00, P10, P01, P11: layers (#27, x=0,y=0),
// sponges (#30, x=1,y=0), spheres (#28, x=0,y=1), tubes (#29, x=1,y=1).
inline constexpr std::array<std::string_view, 4> kFamilyCorners = {"layers", "sponges", "spheres", "tubes_r004"};

// P(x,y) = (1-x)(1-y) P00 + x(1-y) P10 + (1-x) y P01 + x y P11 for P = (eps, coefficients,
// M0) of four presets (order P00, P10, P01, P11) on x, y in {0, 1/(steps-1), ..., 1}:
// steps^2 members, row-major (i = x index, then j = y index). Corners equal their presets
// exactly. Ref. 5.3 uses kFamilyCorners with steps = 5 (25 shapes). Throws tessera::Error
// naming an unknown corner, a corner with an orientation term (mu != 0: P has no mu) or
// steps < 2.
std::vector<FamilyMember> bilinear_family(const std::array<std::string_view, 4>& corners = kFamilyCorners,
                                          int steps = 5);

// Random atlas draw (ref. 5.3): a20 = 1, a11 ~ U(-4,4), a02 ~ U(1/15,15), b10, b01 ~
// U(-200,200), c ~ U(-3000,3000), M0 ~ U(-0.75,-0.15), eps = 0.02. A pure function of
// (seed, draw) through the Philox counter RNG.
FamilyMember random_atlas_draw(std::uint64_t seed, int draw);
// The noise seed of draw `draw` (ref. 5.3: a fresh A0 per try), a pure function of (seed,
// draw) below 2^63, distinct from the coefficient stream.
std::uint64_t atlas_noise_seed(std::uint64_t seed, int draw);

}  // namespace tessera::curvatubes
