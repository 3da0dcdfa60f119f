#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/temp_dir.h"
#include "engine/tiff_io.h"

using namespace tessera;
using tessera::test::read_bytes;
using tessera::test::TempDir;
using tessera::test::write_bytes;
namespace fs = std::filesystem;

TEST_CASE("TIFF stack: one float32 page per slice, ImageJ description, round trip", "[cpu][engine]") {
  const TempDir dir("tiff");
  const int pages = 3, rows = 4, cols = 5;
  std::vector<float> u(static_cast<std::size_t>(pages) * rows * cols);
  for (std::size_t k = 0; k < u.size(); ++k) u[k] = static_cast<float>(k) * 0.5f - 7.25f;
  write_tiff_stack(dir / "u.tif", u, pages, rows, cols, 0.01, "um");
  const TiffStack s = read_tiff_stack(dir / "u.tif");
  REQUIRE(s.n_pages == pages);
  REQUIRE(s.height == rows);
  REQUIRE(s.width == cols);
  REQUIRE(s.values == u);
  REQUIRE(s.description.rfind("ImageJ=1.11a\nimages=3\nslices=3\nunit=um\nspacing=0.01\n", 0) == 0);
  REQUIRE(s.description.find("min=-7.25\nmax=22.25\n") != std::string::npos);
  REQUIRE(s.x_resolution == Approx(100.0));
  REQUIRE(read_bytes(dir / "u.tif").compare(0, 4, "II*\0", 4) == 0);  // little-endian classic TIFF

  // A grid: pages are z slices of rows y and columns x.
  const Grid g = make_grid_3d(5, 4, 3, 1.0, 0.8, 0.6);
  write_tiff_stack(dir / "g.tif", g, u);
  const TiffStack t = read_tiff_stack(dir / "g.tif");
  REQUIRE((t.n_pages == 3 && t.height == 4 && t.width == 5));
  REQUIRE(t.values == u);
  REQUIRE_THROWS_WITH(write_tiff_stack(dir / "h.tif", make_grid_3d(5, 4, 3), u), Catch::Contains("isotropic"));
}

TEST_CASE("TIFF writer and reader errors name the file", "[cpu][engine]") {
  const TempDir dir("tiff_bad");
  const std::vector<float> u(12, 1.0f);
  write_tiff_stack(dir / "a.tif", u, 3, 2, 2, 1.0);
  REQUIRE_THROWS_WITH(write_tiff_stack(dir / "a.tif", u, 3, 2, 2, 1.0), Catch::Contains("already exists"));
  REQUIRE_THROWS_WITH(write_tiff_stack(dir / "b.tif", u, 3, 2, 3, 1.0), Catch::Contains("12 values for 3 pages"));
  REQUIRE_THROWS_WITH(write_tiff_stack(dir / "b.tif", u, 3, 2, 2, 1.0, "a=b"), Catch::Contains("unit"));
  REQUIRE_THROWS_WITH(write_tiff_stack(dir / "b.tif", u, 3, 2, 2, -1.0), Catch::Contains("spacing"));
  REQUIRE_FALSE(fs::exists(dir / "b.tif"));
  write_bytes(dir / "junk.tif", "not a tiff at all");
  REQUIRE_THROWS_WITH(read_tiff_stack(dir / "junk.tif"), Catch::Contains((dir / "junk.tif").string()));
  const std::string good = read_bytes(dir / "a.tif");
  write_bytes(dir / "cut.tif", good.substr(0, good.size() / 2));
  REQUIRE_THROWS_WITH(read_tiff_stack(dir / "cut.tif"), Catch::Contains((dir / "cut.tif").string()));
}
