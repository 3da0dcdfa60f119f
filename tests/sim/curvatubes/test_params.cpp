// Parameter validation, enum name tables, presets and preset families (ref. 1.2, 5),
// and Adam's first steps against hand-computed values (ref. 3.2).
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "engine/error.h"
#include "sim/curvatubes/adam.h"
#include "sim/curvatubes/params.h"
#include "sim/curvatubes/presets.h"

using namespace tessera;
using namespace tessera::curvatubes;

namespace {

// validate() must throw tessera::Error whose message contains `what`.
template <class Edit>
void require_refused(Edit edit, const std::string& what) {
  CurvatubesParams p = default_curvatubes_params();
  edit(p);
  try {
    validate(p);
    FAIL("validate accepted a bad value: " << what);
  } catch (const Error& e) {
    INFO("message: " << e.what());
    REQUIRE(std::string(e.what()).find(what) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("curvatubes params: defaults are the notebook settings and validate", "[cpu][curvatubes]") {
  const CurvatubesParams p = default_curvatubes_params();
  REQUIRE(p.h == 0.01);
  REQUIRE(p.eps == 0.02);
  REQUIRE(p.xi == 1e-6);
  REQUIRE(p.xi_s == 1e-6);
  REQUIRE(p.sigma_blur == 2);
  REQUIRE(p.flow == Flow::Cons);
  REQUIRE(p.boundary == Boundary::Periodic);
  REQUIRE(p.adam.lr == 1e-3);
  REQUIRE(p.adam.beta1 == 0.9);
  REQUIRE(p.adam.beta2 == 0.999);
  REQUIRE(p.adam.eps_adam == 1e-2);
  REQUIRE_NOTHROW(validate(p));
  CurvatubesParams odd = p;
  odd.nz = 17;
  odd.nx = 16;
  odd.ny = 23;
  REQUIRE_NOTHROW(validate(odd));
}

TEST_CASE("curvatubes params: validate refuses each bad input by name", "[cpu][curvatubes]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  require_refused([&](CurvatubesParams& p) { p.coeffs.a20 = nan; }, "a20");
  require_refused([&](CurvatubesParams& p) { p.coeffs.a11 = nan; }, "a11");
  require_refused([&](CurvatubesParams& p) { p.coeffs.a02 = nan; }, "a02");
  require_refused([&](CurvatubesParams& p) { p.coeffs.b10 = nan; }, "b10");
  require_refused([&](CurvatubesParams& p) { p.coeffs.b01 = nan; }, "b01");
  require_refused([&](CurvatubesParams& p) { p.coeffs.c = nan; }, "coefficient c");
  require_refused([](CurvatubesParams& p) { p.m0 = 1.0; }, "M0");
  require_refused([](CurvatubesParams& p) { p.m0 = -1.2; }, "M0");
  require_refused([](CurvatubesParams& p) { p.eps = 0.005; }, "eps");
  require_refused([](CurvatubesParams& p) { p.nz = 15; }, "axis Z");
  require_refused([](CurvatubesParams& p) { p.nx = 8; }, "axis X");
  require_refused([](CurvatubesParams& p) { p.ny = 0; }, "axis Y");
  require_refused([](CurvatubesParams& p) { p.boundary = Boundary::Replicate; }, "cons");
  require_refused(
      [](CurvatubesParams& p) {
        p.mu = 1000;
        p.theta = {1, 1, 0};
      },
      "theta");
  require_refused([](CurvatubesParams& p) { p.spatial.a20.assign(10, 1.0); }, "a20");
  require_refused([](CurvatubesParams& p) { p.sigma_blur = -1; }, "sigma_blur");
  require_refused([](CurvatubesParams& p) { p.adam.lr = 0; }, "lr");
  // Replicate is fine for the L2 and averm0 flows.
  CurvatubesParams p = default_curvatubes_params();
  p.flow = Flow::L2;
  p.boundary = Boundary::Replicate;
  REQUIRE_NOTHROW(validate(p));
}

TEST_CASE("curvatubes params: enum name tables round-trip", "[cpu][curvatubes]") {
  for (Flow f : {Flow::Cons, Flow::L2, Flow::Averm0}) REQUIRE(parse_flow(flow_name(f)) == f);
  for (Boundary b : {Boundary::Periodic, Boundary::Replicate}) REQUIRE(parse_boundary(boundary_name(b)) == b);
  REQUIRE_THROWS_AS(parse_flow("h-1"), Error);
  REQUIRE_THROWS_WITH(parse_boundary("mirror"), Catch::Contains("mirror"));
}

TEST_CASE("curvatubes presets: 36 rows with unique names, all valid", "[cpu][curvatubes]") {
  const auto& presets = curvatubes_presets();
  REQUIRE(presets.size() == 36);
  std::set<std::string> names;
  for (const CurvatubesPreset& p : presets) {
    names.insert(std::string(p.name));
    REQUIRE(!p.description.empty());
    REQUIRE_NOTHROW(validate(apply_preset(default_curvatubes_params(), p)));
  }
  REQUIRE(names.size() == 36);
  const CurvatubesPreset* tubes = find_preset("tubes");
  REQUIRE(tubes);
  REQUIRE(tubes->coeffs.c == 400);
  REQUIRE(tubes->m0 == -0.6);
  const CurvatubesPreset* oriented = find_preset("oriented_tubes");
  REQUIRE(oriented);
  REQUIRE(oriented->mu == 1000);
  REQUIRE(oriented->theta[0] == 1);
  REQUIRE(find_preset("exp_0684")->coeffs.b01 == 160.991);
  REQUIRE(find_preset("nope") == nullptr);
  REQUIRE_THROWS_WITH(apply_preset(default_curvatubes_params(), "nope"), Catch::Contains("nope"));
}

TEST_CASE("curvatubes presets: Helfrich conversion reproduces the notebook rows", "[cpu][curvatubes]") {
  // spheres R = 0.08: h2 = 1, H0 = 25, s = t = 1, k1_0 = k2_0 = 12.5 (ref. 5.2 #28).
  const Coefficients s = helfrich_coefficients({1, 25, 0, 1, 12.5, 1, 12.5});
  const Coefficients& sp = find_preset("spheres")->coeffs;
  REQUIRE(s.a20 == sp.a20);
  REQUIRE(s.a11 == sp.a11);
  REQUIRE(s.a02 == sp.a02);
  REQUIRE(s.b10 == sp.b10);
  REQUIRE(s.b01 == sp.b01);
  REQUIRE(s.c == sp.c);
  // tubes r = 0.04: h2 = 1, H0 = 25, s = 1, k1_0 = 25, t = 10, k2_0 = 0 (#29).
  const Coefficients t = helfrich_coefficients({1, 25, 0, 1, 25, 10, 0});
  REQUIRE(t.a20 == 2);
  REQUIRE(t.a11 == 2);
  REQUIRE(t.a02 == 11);
  REQUIRE(t.b10 == -100);
  REQUIRE(t.b01 == -50);
  REQUIRE(t.c == 1250);
  // gallery tubes = (H - 20)^2 + 5 k2^2 (#2).
  const Coefficients g = helfrich_coefficients({1, 20, 0, 0, 0, 5, 0});
  REQUIRE(g.a02 == 6);
  REQUIRE(g.c == 400);
}

TEST_CASE("curvatubes presets: bilinear family and random atlas draws", "[cpu][curvatubes]") {
  const std::vector<FamilyMember> fam = bilinear_family();  // ref. 5.3: 5 x 5 from layers, sponges, spheres, tubes
  REQUIRE(fam.size() == 25);
  REQUIRE(fam.front().coeffs.c == 0);  // layers corner
  REQUIRE(fam.front().m0 == Approx(-0.3));
  REQUIRE(fam.back().coeffs.a02 == Approx(11));  // tubes corner
  REQUIRE(fam.back().m0 == Approx(-0.7));
  const FamilyMember& mid = fam[2 * 5 + 2];  // x = y = 1/2: average of the four corners
  REQUIRE(mid.coeffs.b10 == Approx((0 - 10 - 75 - 100) / 4.0));
  for (int d = 0; d < 50; ++d) {
    const FamilyMember m = random_atlas_draw(7, d);
    REQUIRE(m.coeffs.a20 == 1);
    REQUIRE((m.coeffs.a11 >= -4 && m.coeffs.a11 < 4));
    REQUIRE((m.coeffs.a02 >= 1.0 / 15 && m.coeffs.a02 < 15));
    REQUIRE((m.coeffs.b10 >= -200 && m.coeffs.b10 < 200));
    REQUIRE((m.coeffs.c >= -3000 && m.coeffs.c < 3000));
    REQUIRE((m.m0 >= -0.75 && m.m0 < -0.15));
  }
  REQUIRE(random_atlas_draw(7, 3).coeffs.c == random_atlas_draw(7, 3).coeffs.c);
  REQUIRE(random_atlas_draw(7, 3).coeffs.c != random_atlas_draw(8, 3).coeffs.c);
  // A fresh A0 per draw: the noise seeds differ between draws and seeds, and repeat.
  REQUIRE(atlas_noise_seed(7, 3) == atlas_noise_seed(7, 3));
  REQUIRE(atlas_noise_seed(7, 3) != atlas_noise_seed(7, 4));
  REQUIRE(atlas_noise_seed(7, 3) != atlas_noise_seed(8, 3));
  REQUIRE(atlas_noise_seed(7, 3) < (std::uint64_t{1} << 63));
}

TEST_CASE("curvatubes bilinear family: corners are the presets exactly, the centre is their mean",
          "[cpu][curvatubes]") {
  const std::array<std::string_view, 4> names = {"tubes", "pearls", "sieve", "trabec_1"};
  for (int steps : {2, 3, 5}) {
    const std::vector<FamilyMember> fam = bilinear_family(names, steps);
    REQUIRE(fam.size() == static_cast<std::size_t>(steps * steps));
    const int last = steps - 1;
    // Corner order P00, P10, P01, P11; i is the x index, members are row-major in (i, j).
    const std::array<const FamilyMember*, 4> corners = {&fam[0], &fam[static_cast<std::size_t>(last * steps)],
                                                        &fam[static_cast<std::size_t>(last)], &fam.back()};
    for (int k = 0; k < 4; ++k) {
      const CurvatubesPreset& p = *find_preset(names[k]);
      const FamilyMember& m = *corners[k];
      REQUIRE(m.eps == p.eps);
      REQUIRE(m.coeffs.a20 == p.coeffs.a20);
      REQUIRE(m.coeffs.a11 == p.coeffs.a11);
      REQUIRE(m.coeffs.a02 == p.coeffs.a02);
      REQUIRE(m.coeffs.b10 == p.coeffs.b10);
      REQUIRE(m.coeffs.b01 == p.coeffs.b01);
      REQUIRE(m.coeffs.c == p.coeffs.c);
      REQUIRE(m.m0 == p.m0);
    }
    REQUIRE(fam[static_cast<std::size_t>(last * steps)].i == last);
    REQUIRE(fam[static_cast<std::size_t>(last * steps)].j == 0);
  }
  // x = y = 1/2 (the centre of a 3 x 3 grid): the mean of the four corners.
  const FamilyMember mid = bilinear_family(names, 3)[4];
  REQUIRE(mid.x == 0.5);
  REQUIRE(mid.y == 0.5);
  auto mean = [&](auto get) {
    double s = 0;
    for (std::string_view n : names) s += get(*find_preset(n));
    return s / 4;
  };
  REQUIRE(mid.coeffs.a11 == Approx(mean([](const CurvatubesPreset& p) { return p.coeffs.a11; })));
  REQUIRE(mid.coeffs.b01 == Approx(mean([](const CurvatubesPreset& p) { return p.coeffs.b01; })));
  REQUIRE(mid.coeffs.c == Approx(mean([](const CurvatubesPreset& p) { return p.coeffs.c; })));
  REQUIRE(mid.m0 == Approx(mean([](const CurvatubesPreset& p) { return p.m0; })));
  // Off-centre: x = 1/4 along the layers-sponges edge of the reference family.
  const FamilyMember q = bilinear_family(kFamilyCorners, 5)[5];
  REQUIRE(q.i == 1);
  REQUIRE(q.j == 0);
  REQUIRE(q.coeffs.a11 == Approx(0.75 * 2 + 0.25 * 2.8));
  REQUIRE(q.m0 == Approx(0.75 * -0.3 + 0.25 * -0.25));
  // Bad input names what is wrong.
  REQUIRE_THROWS_WITH(bilinear_family(names, 1), Catch::Contains("at least 2 steps"));
  REQUIRE_THROWS_WITH(bilinear_family({"tubes", "nosuch", "sieve", "pearls"}, 3), Catch::Contains("'nosuch'"));
  REQUIRE_THROWS_WITH(bilinear_family({"tubes", "oriented_tubes", "sieve", "pearls"}, 3),
                      Catch::Contains("orientation term"));
}

TEST_CASE("curvatubes Adam: first steps match PyTorch's formula by hand", "[cpu][curvatubes]") {
  const AdamSettings s{};  // lr 1e-3, betas 0.9/0.999, eps 1e-2
  double x = 1, m = 0, v = 0;
  const double g[3] = {0.5, -0.2, 0.1};
  // Step 1: m = 0.05, v = 2.5e-4, mhat = 0.5, sqrt(vhat) = 0.5: x = 1 - 1e-3 * 0.5 / 0.51.
  adam_update(x, m, v, g[0], adam_step<double>(s, 1));
  REQUIRE(m == Approx(0.05).epsilon(1e-14));
  REQUIRE(v == Approx(2.5e-4).epsilon(1e-14));
  REQUIRE(x == Approx(1 - 1e-3 * 0.5 / 0.51).epsilon(1e-14));
  // Step 2: m = 0.025, v = 2.8975e-4, mhat = 0.025/0.19, vhat = 2.8975e-4/0.001999.
  adam_update(x, m, v, g[1], adam_step<double>(s, 2));
  REQUIRE(m == Approx(0.025).epsilon(1e-14));
  REQUIRE(v == Approx(2.8975e-4).epsilon(1e-14));
  const double x2 = 1 - 1e-3 * 0.5 / 0.51 - 1e-3 * (0.025 / 0.19) / (std::sqrt(2.8975e-4 / 0.001999) + 0.01);
  REQUIRE(x == Approx(x2).epsilon(1e-14));
  REQUIRE(x == Approx(0.9986828473610142).epsilon(1e-14));
  adam_update(x, m, v, g[2], adam_step<double>(s, 3));
  REQUIRE(x == Approx(0.9983150897493475).epsilon(1e-14));
}
