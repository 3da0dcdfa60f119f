#include "sim/curvatubes/presets.h"

#include "engine/error.h"
#include "engine/rng.h"

namespace tessera::curvatubes {

namespace {

constexpr std::array<double, 3> kNoTheta = {1, 0, 0};
constexpr std::array<double, 3> kThetaZ = {1, 0, 0};

// Rows 1-25: ref. 5.1 (results/gallery, eps assumed 0.02); rows 26-36: ref. 5.2.
const std::vector<CurvatubesPreset> kPresets = {
    {"bilayers", 0.02, {1, 1, 1, 0, 0, 0}, -0.4, 0, kNoTheta, "large smooth stacked/saddle sheets"},
    {"tubes", 0.02, {1, 2, 6, -40, -40, 400}, -0.6, 0, kNoTheta, "branching tubular network ((H-20)^2 + 5 k2^2)"},
    {"pearls", 0.02, {1, 3.55, 1, -56, -56, 784}, -0.77, 0, kNoTheta, "chains of beads ((H-28)^2 + 1.55 K)"},
    {"sponge", 0.02, {1, 2.8, 2, -10, -10, 25}, -0.25, 0, kNoTheta, "bicontinuous porous sponge"},
    {"sieve",
     0.02,
     {0.946, 3.959, 1.942, 18.329, 28.008, 113.771},
     -0.534,
     0,
     kNoTheta,
     "sheets perforated by small round holes"},
    {"metatubes",
     0.02,
     {0.924, 1.352, 2.932, 8.29, 61.066, 297.722},
     -0.53,
     0,
     kNoTheta,
     "perforated walls/plates with round holes"},
    {"tightlayers_1",
     0.02,
     {0.997, 1.321, 3.619, -88.68, -1.718, 2053.259},
     -0.614,
     0,
     kNoTheta,
     "thin closely spaced sheets (u never reaches +1)"},
    {"tightlayers_2",
     0.02,
     {3, 3.741, 11, -268, -4, 6156},
     -0.633,
     0,
     kNoTheta,
     "thin closely spaced sheets (about 3x scaled tightlayers_1)"},
    {"tightlayers_3", 0.02, {6, 3.403, 7, -500, 26, 10854}, -0.716, 0, kNoTheta, "thin closely spaced sheets"},
    {"tortuous",
     0.02,
     {1, 2.221, 2.667, -103.614, 154.632, -1633.36},
     -0.745,
     0,
     kNoTheta,
     "tortuous thin branching tubes"},
    {"trabec_1",
     0.02,
     {0.948, 0.836, 6.099, -82.925, -7.377, 1770.118},
     -0.419,
     0,
     kNoTheta,
     "trabecular-bone-like rods and plates"},
    {"trabec_2",
     0.02,
     {1.069, 0.958, 6.074, -83.758, -7.676, 1767.964},
     -0.445,
     0,
     kNoTheta,
     "trabecular-bone-like rods and plates"},
    {"trabec_3",
     0.02,
     {2, 1.823, 12, -166, -14, 3548},
     -0.512,
     0,
     kNoTheta,
     "trabecular rods and plates (about 2x scaled)"},
    {"weird",
     0.02,
     {1, 0.396, 1.095, -28.64, 190.906, 2062.082},
     -0.598,
     0,
     kNoTheta,
     "folded membranes riddled with small holes"},
    {"exp_0253",
     0.02,
     {1, -1.284, 9.626, -77.283, 39.681, -633.849},
     -0.421,
     0,
     kNoTheta,
     "thick densely branching tubes"},
    {"exp_0366",
     0.02,
     {1, -0.238, 11.988, -175.909, -27.167, 2117.037},
     -0.648,
     0,
     kNoTheta,
     "fragmented spindle/double-cone blobs, short pinched tubes"},
    {"exp_0374",
     0.02,
     {1, 0.63, 4.399, 132.459, 195.066, -2378.53},
     -0.364,
     0,
     kNoTheta,
     "large smooth chambers, sheets with few big holes"},
    {"exp_0556",
     0.02,
     {1, 3.225, 10.87, -146.309, 143.487, -2920.302},
     -0.499,
     0,
     kNoTheta,
     "fine porous sponge (many small pores)"},
    {"exp_0625",
     0.02,
     {1, 2.869, 9.711, -116.933, 61.261, 577.676},
     -0.657,
     0,
     kNoTheta,
     "open cellular cage of thin tubes forming rings"},
    {"exp_0684",
     0.02,
     {1, -3.705, 0.645, -136.976, 160.991, 2450.756},
     -0.258,
     0,
     kNoTheta,
     "very fine labyrinth at near-voxel scale (profile far from tanh)"},
    {"exp_0716",
     0.02,
     {1, 2.034, 11.166, 14.553, 28.829, -565.092},
     -0.356,
     0,
     kNoTheta,
     "large saddle sheets with elongated slots"},
    {"exp_0830",
     0.02,
     {1, 3.725, 0.649, -39.994, 64.093, 2758.058},
     -0.568,
     0,
     kNoTheta,
     "curved walls perforated by a regular hexagonal array of holes"},
    {"exp_0848",
     0.02,
     {1, 2.993, 10.787, -114.752, 86.448, -1806.436},
     -0.172,
     0,
     kNoTheta,
     "bicontinuous sponge with elongated pores"},
    {"exp_0868",
     0.02,
     {1, 0.903, 14.586, -57.566, -14.842, -1387.043},
     -0.56,
     0,
     kNoTheta,
     "long smooth thin tubes, sparsely branched"},
    {"exp_0872",
     0.02,
     {1, 2.694, 11.363, -189.682, 183.883, 695.812},
     -0.521,
     0,
     kNoTheta,
     "open cellular network with rounded cells"},
    {"demo_trabecular",
     0.02,
     {1, 0.85, 6, -80, -7.5, 1770},
     -0.42,
     0,
     kNoTheta,
     "single-shape demo: trabecular type (close to trabec_1)"},
    {"layers", 0.02, {2, 2, 2, 0, 0, 0}, -0.3, 0, kNoTheta, "layers: h2=1, s=t=1, all targets 0"},
    {"spheres", 0.02, {2, 2, 2, -75, -75, 937.5}, -0.6, 0, kNoTheta, "spheres of radius 0.08"},
    {"tubes_r004", 0.02, {2, 2, 11, -100, -50, 1250}, -0.7, 0, kNoTheta, "tubes of radius 0.04"},
    {"sponges", 0.02, {1, 2.8, 2, -10, -10, 25}, -0.25, 0, kNoTheta, "sponges: h2=1, H0=5, k1=0.8, t=1 (= sponge)"},
    {"oriented_tubes",
     0.02,
     {1, 2, 6, -40, -40, 400},
     -0.6,
     1000,
     kThetaZ,
     "tubes aligned with the Z axis (mu = 1000, theta = z)"},
    {"ext2_layers", 0.02, {2, 2, 2, 0, 0, 0}, -0.4, 0, kNoTheta, "layers, spatialised-strip anchor"},
    {"ext2_tubes", 0.02, {1, 2, 6, -40, -40, 400}, -0.6, 0, kNoTheta, "tubes, spatialised-strip anchor (= tubes)"},
    {"ext2_spheres", 0.02, {2, 2, 2, -75, -75, 937.5}, -0.7, 0, kNoTheta, "spheres, spatialised-strip anchor"},
    {"ext2_trabec_2",
     0.02,
     {2, 2, 11, -180, -90, 4050},
     -0.6,
     0,
     kNoTheta,
     "trabecular network, spatialised-strip anchor (H0=45)"},
    {"ext2_trabec_2_alt",
     0.02,
     {2, 2, 11, -200, -100, 5000},
     -0.6,
     0,
     kNoTheta,
     "trabecular network, commented-out alternative (H0=50)"},
};

double lerp4(double p00, double p10, double p01, double p11, double x, double y) {
  return (1 - x) * (1 - y) * p00 + x * (1 - y) * p10 + (1 - x) * y * p01 + x * y * p11;
}

}  // namespace

const std::vector<CurvatubesPreset>& curvatubes_presets() {
  return kPresets;
}

const CurvatubesPreset* find_preset(std::string_view name) {
  for (const CurvatubesPreset& p : kPresets)
    if (p.name == name) return &p;
  return nullptr;
}

CurvatubesParams apply_preset(CurvatubesParams params, const CurvatubesPreset& preset) {
  params.eps = preset.eps;
  params.coeffs = preset.coeffs;
  params.m0 = preset.m0;
  params.mu = preset.mu;
  params.theta = preset.theta;
  return params;
}

CurvatubesParams apply_preset(CurvatubesParams params, std::string_view name) {
  const CurvatubesPreset* p = find_preset(name);
  TESSERA_REQUIRE(p != nullptr, "curvatubes: unknown preset '" + std::string(name) + "'");
  return apply_preset(std::move(params), *p);
}

Coefficients helfrich_coefficients(const HelfrichParams& hp) {
  Coefficients c;
  c.a20 = hp.h2 + hp.s;
  c.a11 = 2 * hp.h2 + hp.k1;
  c.a02 = hp.h2 + hp.t;
  c.b10 = -2 * hp.h2 * hp.H0 - 2 * hp.s * hp.kappa1_0;
  c.b01 = -2 * hp.h2 * hp.H0 - 2 * hp.t * hp.kappa2_0;
  c.c = hp.h2 * hp.H0 * hp.H0 + hp.s * hp.kappa1_0 * hp.kappa1_0 + hp.t * hp.kappa2_0 * hp.kappa2_0;
  return c;
}

std::vector<FamilyMember> bilinear_family(const std::array<std::string_view, 4>& corners, int steps) {
  TESSERA_REQUIRE(steps >= 2, "curvatubes: a bilinear family needs at least 2 steps per axis (got " +
                                  std::to_string(steps) + ")");
  std::array<const CurvatubesPreset*, 4> c{};
  for (int k = 0; k < 4; ++k) {
    c[k] = find_preset(corners[k]);
    TESSERA_REQUIRE(c[k] != nullptr, "curvatubes: unknown preset '" + std::string(corners[k]) + "' as a family corner");
    // P of ref. 5.3 has no orientation term: interpolating one would silently drop it.
    TESSERA_REQUIRE(c[k]->mu == 0, "curvatubes: preset '" + std::string(corners[k]) +
                                       "' has an orientation term (mu != 0); family corners interpolate eps, "
                                       "the coefficients and M0 only");
  }
  std::vector<FamilyMember> out;
  for (int i = 0; i < steps; ++i)
    for (int j = 0; j < steps; ++j) {
      // i / (steps - 1) is exactly 0 and 1 at the ends, so the corners are the presets bit for bit.
      const double x = static_cast<double>(i) / (steps - 1), y = static_cast<double>(j) / (steps - 1);
      auto mix = [&](auto get) { return lerp4(get(*c[0]), get(*c[1]), get(*c[2]), get(*c[3]), x, y); };
      FamilyMember m;
      m.i = i;
      m.j = j;
      m.x = x;
      m.y = y;
      m.eps = mix([](const CurvatubesPreset& p) { return p.eps; });
      m.coeffs.a20 = mix([](const CurvatubesPreset& p) { return p.coeffs.a20; });
      m.coeffs.a11 = mix([](const CurvatubesPreset& p) { return p.coeffs.a11; });
      m.coeffs.a02 = mix([](const CurvatubesPreset& p) { return p.coeffs.a02; });
      m.coeffs.b10 = mix([](const CurvatubesPreset& p) { return p.coeffs.b10; });
      m.coeffs.b01 = mix([](const CurvatubesPreset& p) { return p.coeffs.b01; });
      m.coeffs.c = mix([](const CurvatubesPreset& p) { return p.coeffs.c; });
      m.m0 = mix([](const CurvatubesPreset& p) { return p.m0; });
      out.push_back(m);
    }
  return out;
}

FamilyMember random_atlas_draw(std::uint64_t seed, int draw) {
  constexpr std::uint64_t kAtlasStream = 0x61746c61u;  // "atla"
  const CounterRng rng{seed};
  double u[6];
  for (int k = 0; k < 3; ++k)
    rng.uniform2(kAtlasStream, static_cast<std::uint64_t>(draw) * 3 + k, u[2 * k], u[2 * k + 1]);
  FamilyMember m;
  m.i = draw;
  m.eps = 0.02;
  m.coeffs.a20 = 1;
  m.coeffs.a11 = -4 + 8 * u[0];
  m.coeffs.a02 = 1.0 / 15 + (15 - 1.0 / 15) * u[1];
  m.coeffs.b10 = -200 + 400 * u[2];
  m.coeffs.b01 = -200 + 400 * u[3];
  m.coeffs.c = -3000 + 6000 * u[4];
  m.m0 = -0.75 + 0.6 * u[5];
  return m;
}

std::uint64_t atlas_noise_seed(std::uint64_t seed, int draw) {
  constexpr std::uint64_t kNoiseStream = 0x6e6f6973u;  // "nois"
  const RandomBlock b = CounterRng{seed}.block(kNoiseStream, static_cast<std::uint64_t>(draw));
  // 63 bits: the seed stays a non-negative integer in CSV tables and JSON files.
  return ((static_cast<std::uint64_t>(b.v[0]) << 32) | b.v[1]) >> 1;
}

}  // namespace tessera::curvatubes
