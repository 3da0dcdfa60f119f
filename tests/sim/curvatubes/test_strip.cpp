// Spatialised coefficients along one axis (ref. 1.6): anchors are met exactly, values in
// between are linear, beyond the ends constant; text and file forms round-trip; bad
// strips are refused naming the anchor; a strip run differs from an unstriped one.
#include <catch2/catch.hpp>

#include "engine/error.h"
#include "scenes/curvatubes/curvatubes_file.h"
#include "sim/curvatubes/generator.h"
#include "sim/curvatubes/presets.h"
#include "sim/curvatubes/strip.h"

using namespace tessera;
using namespace tessera::curvatubes;

namespace {

CurvatubesParams grid(int nz, int nx, int ny) {
  CurvatubesParams p = default_curvatubes_params();
  p.nz = nz;
  p.nx = nx;
  p.ny = ny;
  return p;
}

std::size_t index(const CurvatubesParams& p, int z, int x, int y) {
  return static_cast<std::size_t>(y + p.ny * (x + p.nx * z));
}

}  // namespace

TEST_CASE("curvatubes strip: anchors exact, linear between, constant beyond", "[cpu][curvatubes]") {
  const CurvatubesParams p = grid(16, 16, 40);
  const CoefficientStrip strip = parse_strip("Y:layers@4,spheres@24");
  const SpatialFields f = strip_fields(p, strip);
  const CurvatubesPreset& layers = *find_preset("layers");
  const CurvatubesPreset& spheres = *find_preset("spheres");
  REQUIRE(f.c.size() == static_cast<std::size_t>(p.size()));
  for (int z : {0, 7, 15}) {
    CHECK(f.c[index(p, z, 3, 4)] == layers.coeffs.c);
    CHECK(f.m0[index(p, z, 3, 4)] == layers.m0);
    CHECK(f.c[index(p, z, 9, 24)] == spheres.coeffs.c);
    CHECK(f.b10[index(p, z, 9, 14)] == Approx(0.5 * (layers.coeffs.b10 + spheres.coeffs.b10)));
    CHECK(f.m0[index(p, z, 9, 14)] == Approx(0.5 * (layers.m0 + spheres.m0)));
    CHECK(f.c[index(p, z, 0, 0)] == layers.coeffs.c);    // before the first anchor
    CHECK(f.c[index(p, z, 0, 39)] == spheres.coeffs.c);  // past the last
  }
  CHECK(strip_text(strip) == "Y:layers@4,spheres@24");
  const CoefficientStrip along_z = parse_strip("z:tubes@0,layers@15");
  const SpatialFields g = strip_fields(p, along_z);
  CHECK(g.a02[index(p, 0, 5, 5)] == find_preset("tubes")->coeffs.a02);
  CHECK(g.a02[index(p, 15, 5, 5)] == layers.coeffs.a02);
}

TEST_CASE("curvatubes strip: the notebook's strip and bad strips", "[cpu][curvatubes]") {
  const CoefficientStrip nb = notebook_strip();
  REQUIRE(nb.anchors.size() == 8);
  CHECK(nb.axis == 2);
  CHECK(nb.anchors.front().at == -50);
  CHECK(nb.anchors.back().at == 650);
  CHECK(nb.anchors[3].preset == "ext2_tubes");
  const CurvatubesParams p = grid(16, 16, 16);
  CHECK_THROWS_WITH(strip_fields(p, parse_strip("Y:layers@0")), Catch::Contains("at least two anchors"));
  CHECK_THROWS_WITH(strip_fields(p, parse_strip("Y:layers@5,tubes@5")), Catch::Contains("anchor 2"));
  CHECK_THROWS_WITH(strip_fields(p, parse_strip("Y:layers@0,nope@9")), Catch::Contains("unknown preset 'nope'"));
  CHECK_THROWS_WITH(strip_fields(p, parse_strip("Y:layers@0,oriented_tubes@9")),
                    Catch::Contains("orientation term"));
  CHECK_THROWS_WITH(parse_strip("W:layers@0,tubes@9"), Catch::Contains("unknown strip axis 'W'"));
  CHECK_THROWS_WITH(parse_strip("Y:layers@zero,tubes@9"), Catch::Contains("not a voxel position"));
  CHECK_THROWS_WITH(parse_strip("layers@0"), Catch::Contains("AXIS:PRESET@POS"));
}

TEST_CASE("curvatubes strip: parameter files keep the strip; a strip run differs", "[cpu][curvatubes]") {
  CurvatubesFile file;
  file.params = apply_preset(grid(16, 16, 32), "layers");
  file.strip = parse_strip("Y:layers@0,spheres@31");
  apply_strip(file);
  const nlohmann::json doc = curvatubes_file_to_json(file);
  CHECK(doc["strip"]["axis"] == "Y");
  CHECK(doc["strip"]["anchors"].size() == 2);
  const CurvatubesFile back = curvatubes_file_from_json(doc, "strip.json");
  REQUIRE(back.strip.has_value());
  CHECK(strip_text(*back.strip) == "Y:layers@0,spheres@31");
  CHECK(back.params.spatial.c == file.params.spatial.c);

  nlohmann::json bad = doc;
  bad["strip"]["anchors"][1]["preset"] = "nope";
  CHECK_THROWS_WITH(curvatubes_file_from_json(bad, "strip.json"), Catch::Contains("strip"));

  const Exec cpu{Backend::Cpu};
  Generator<double> striped(cpu, file.params);
  CurvatubesParams plain_params = file.params;
  plain_params.spatial = {};
  Generator<double> plain(cpu, plain_params);
  striped.init_noise();
  plain.init_noise();
  striped.iterate(20);
  plain.iterate(20);
  CHECK(std::isfinite(striped.energy()));
  CHECK(striped.field() != plain.field());
}
