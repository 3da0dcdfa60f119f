// The curvatubes window's frame copy and its colourings (GL-free).
#include <catch2/catch.hpp>
#include <cmath>

#include "scenes/curvatubes/curvatubes_model.h"
#include "sim/curvatubes/presets.h"
#include "ui/curvatubes/frame.h"

using namespace tessera;

TEST_CASE("curvatubes frame: the copy holds the model's field, axes and counters", "[cpu][curvatubes]") {
  CurvatubesFile file;
  file.params = curvatubes::apply_preset(file.params, "tubes");
  file.preset = "tubes";
  file.params.nz = 16;
  file.params.nx = 18;
  file.params.ny = 20;
  CurvatubesModel model(file, Exec{Backend::Cpu});
  model.step(3);
  CurvatubesFrame f;
  capture_curvatubes_frame(model, f);
  CHECK(f.version == 1);
  CHECK(f.n == std::array<int, 3>{20, 18, 16});  // (Y, X, Z): the Y axis is the fastest
  CHECK(f.box[0] == Approx(0.20f));
  CHECK(f.box[2] == Approx(0.16f));
  CHECK(f.u == model.field());
  CHECK(f.step == 3);
  CHECK(f.preset == "tubes");
  CHECK(std::abs(f.mean_u - (-0.6)) < 1e-4);  // cons keeps the mass
  CHECK(f.status == curvatubes::GeneratorStatus::Running);
  const ColoringField u = coloring_field(f, FieldColoring::U);
  CHECK(u.values == f.u);
  CHECK(u.lo == -1);
  CHECK(u.hi == 1);
  capture_curvatubes_frame(model, f);
  CHECK(f.version == 2);
}

TEST_CASE("curvatubes frame: curvature colourings of a sphere are 1/R, symmetric range", "[cpu][curvatubes]") {
  CurvatubesFrame f;
  f.params.nz = f.params.nx = f.params.ny = 32;
  f.params.h = 0.01;
  f.params.eps = 0.02;
  const double radius = 0.1;  // 10 voxels
  f.u.resize(32 * 32 * 32);
  for (int z = 0; z < 32; ++z)
    for (int x = 0; x < 32; ++x)
      for (int y = 0; y < 32; ++y) {
        const double d = std::sqrt(std::pow(z - 15.5, 2) + std::pow(x - 15.5, 2) + std::pow(y - 15.5, 2)) * 0.01;
        f.u[static_cast<std::size_t>(y + 32 * (x + 32 * z))] =
            static_cast<float>(std::tanh((radius - d) / (std::sqrt(2.0) * f.params.eps)));
      }
  for (FieldColoring c : {FieldColoring::Kappa1, FieldColoring::Kappa2, FieldColoring::MeanCurvature}) {
    const ColoringField k = coloring_field(f, c);
    REQUIRE(k.values.size() == f.u.size());
    CHECK(k.lo == -k.hi);
    CHECK(k.hi > 0.7 / radius);
    CHECK(k.hi < 2.0 / radius);
    // On the surface |H| = 1 / R; the diffuse split into k1 and k2 is rougher (ref. 8.7).
    const std::size_t on_surface = static_cast<std::size_t>(15 + 32 * (15 + 32 * 25));  // distance 9.5 voxels
    const double tolerance = c == FieldColoring::MeanCurvature ? 0.1 : 0.45;
    CHECK(std::abs(std::abs(k.values[on_surface]) * 0.0953 - 1.0) < tolerance);
  }
}
