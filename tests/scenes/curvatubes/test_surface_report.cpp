// The curvatubes surface report on a field whose answers are known: a tanh sphere.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "scenes/curvatubes/curvatubes_file.h"
#include "scenes/curvatubes/surface_report.h"

using namespace tessera;

namespace {

// u = tanh((rho - |x - c|) / (sqrt(2) eps)) on an n^3 grid of spacing h (ref. 4.7, item 5).
std::vector<float> tanh_sphere(const curvatubes::CurvatubesParams& p, double rho) {
  std::vector<float> u(static_cast<std::size_t>(p.size()));
  const double c = 0.5 * p.nz * p.h;
  for (int z = 0; z < p.nz; ++z)
    for (int x = 0; x < p.nx; ++x)
      for (int y = 0; y < p.ny; ++y) {
        const double d = std::sqrt((z * p.h - c) * (z * p.h - c) + (x * p.h - c) * (x * p.h - c) + (y * p.h - c) * (y * p.h - c));
        u[static_cast<std::size_t>(y) + p.ny * (x + static_cast<std::size_t>(p.nx) * z)] =
            static_cast<float>(std::tanh((rho - d) / (std::sqrt(2.0) * p.eps)));
      }
  return u;
}

}  // namespace

TEST_CASE("surface report: a tanh sphere's area, curvatures, topology and fraction", "[cpu][curvatubes]") {
  curvatubes::CurvatubesParams p = curvatubes::default_curvatubes_params();
  p.nz = p.nx = p.ny = 48;
  const double rho = 0.12;
  const SurfaceReport r = report_surface(p, tanh_sphere(p, rho));
  const Morphometrics& m = r.metrics;
  CHECK(m.surface_area == Approx(4 * std::numbers::pi * rho * rho).epsilon(0.03));
  CHECK(m.mean_curvature == Approx(1 / rho).epsilon(0.06));        // the mean is accurate at eps = 2h
  CHECK(m.gaussian_curvature == Approx(1 / (rho * rho)).epsilon(0.2));  // the split of k1, k2 is not (ref. 8.7)
  CHECK(m.euler_characteristic == 2);                              // one closed sphere
  const double box = 48 * p.h;
  CHECK(m.solid_fraction == Approx(4.0 / 3.0 * std::numbers::pi * rho * rho * rho / (box * box * box)).epsilon(0.05));
  CHECK(m.discrepancy < 0.05);
  // The diagram holds every triangle's area, as a density over the (k1, k2) plane.
  double mass = 0;
  const double bin = (r.diagram.x_max - r.diagram.x_min) / r.diagram.n_x * (r.diagram.y_max - r.diagram.y_min) / r.diagram.n_y;
  for (double v : r.diagram.counts) mass += v * bin;
  CHECK(mass == Approx(1.0).epsilon(1e-9));
  for (std::size_t t = 0; t < r.kappa1.size(); ++t) REQUIRE(r.kappa1[t] >= r.kappa2[t] - 1e-9);
}

TEST_CASE("curvatubes files: every field round-trips; bad values name the key", "[cpu][curvatubes][fields]") {
  CurvatubesFile f;
  f.params.nz = 20;
  f.params.nx = 24;
  f.params.ny = 28;
  f.params.h = 0.02;
  f.params.eps = 0.05;
  f.params.m0 = -0.3;
  f.params.mu = 10;
  f.params.theta = {0, 0.6, 0.8};
  f.params.sigma_blur = 1.5;
  f.params.flow = curvatubes::Flow::L2;
  f.params.boundary = curvatubes::Boundary::Replicate;
  f.params.seed = 987654321;
  f.params.check_viable = true;
  f.params.curve_every = 7;
  f.params.xi = 2e-6;
  f.params.xi_s = 3e-6;
  f.params.coeffs = {2, 3, 4, -5, -6, 7};
  f.params.adam = {2e-3, 0.8, 0.99, 5e-3};
  f.iterations = 12;
  const CurvatubesFile g = curvatubes_file_from_json(curvatubes_file_to_json(f), "test.json");
  CHECK(fields_equal(curvatubes_fields(), f.params, g.params));
  CHECK(fields_equal(coefficient_fields(), f.params.coeffs, g.params.coeffs));
  CHECK(fields_equal(adam_fields(), f.params.adam, g.params.adam));
  CHECK(g.params.nz == 20);
  CHECK(g.params.ny == 28);
  CHECK(g.params.theta == f.params.theta);
  CHECK(g.iterations == 12);
  // Every table field differs from its default, so an omitted one would be caught.
  const curvatubes::CurvatubesParams d = curvatubes::default_curvatubes_params();
  for (const auto& field : curvatubes_fields()) CHECK(field.get(f.params) != field.get(d));

  nlohmann::json j = curvatubes_file_to_json(f);
  j["m0"] = 1.5;
  CHECK_THROWS_WITH(curvatubes_file_from_json(j, "test.json"), Catch::Contains("m0") && Catch::Contains("(-1, 1)"));
  j = curvatubes_file_to_json(f);
  j["coefficient"] = 1;
  CHECK_THROWS_WITH(curvatubes_file_from_json(j, "test.json"), Catch::Contains("unknown key"));
  j = curvatubes_file_to_json(f);
  j["preset"] = "nosuch";
  CHECK_THROWS_WITH(curvatubes_file_from_json(j, "test.json"), Catch::Contains("unknown preset"));
  j = curvatubes_file_to_json(f);
  j["shape"] = {8, 24, 28};
  CHECK_THROWS_WITH(curvatubes_file_from_json(j, "test.json"), Catch::Contains("16 to 4096"));
}
