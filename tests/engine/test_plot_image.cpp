#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "engine/error.h"
#include "engine/plot_font.h"
#include "engine/plot_image.h"
#include "engine/temp_dir.h"

using namespace tessera;
using tessera::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Pixels of `image` matching `color` exactly.
int count_color(const Image& image, Rgb8 color) {
  int n = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      n += p[0] == color.r && p[1] == color.g && p[2] == color.b;
    }
  return n;
}

// Where to keep the pictures for a look: TESSERA_PLOT_DIR, or the test's temp folder.
fs::path output_dir(const TempDir& dir) {
  const char* keep = std::getenv("TESSERA_PLOT_DIR");
  return keep != nullptr ? fs::path(keep) : dir.path();
}

}  // namespace

TEST_CASE("nice ticks and their labels", "[cpu][engine]") {
  REQUIRE(nice_ticks(0, 1, 5) == std::vector<double>{0, 0.2, 0.4, 0.6000000000000001, 0.8, 1});
  REQUIRE(nice_ticks(-3, 7, 5).front() == -2);
  REQUIRE(nice_ticks(0, 1000, 4) == std::vector<double>{0, 500, 1000});
  REQUIRE(tick_label(0.6000000000000001, 0.2) == "0.6");
  REQUIRE(tick_label(-2, 2) == "-2");
  REQUIRE(tick_label(2500000, 500000) == "2.5e+06");
  REQUIRE(text_width("ab1", 2) == 34);
}

TEST_CASE("line plot: series, log y, legend; heatmap with colour bar and diagonal", "[cpu][engine]") {
  const TempDir dir("plots");
  LinePlot plot;
  plot.title = "Energy";
  plot.x_label = "iteration";
  plot.y_label = "E";
  plot.log_y = true;
  PlotSeries e{"total", {}, {}, {31, 119, 180}};
  PlotSeries f{"bending", {}, {}, {214, 39, 40}};
  for (int k = 0; k <= 200; ++k) {
    e.x.push_back(k);
    e.y.push_back(100.0 * std::exp(-0.03 * k) + 0.5);
    f.x.push_back(k);
    f.y.push_back(50.0 * std::exp(-0.05 * k) + 0.05);
  }
  plot.series = {e, f};
  const Image image = render_line_plot(plot);
  REQUIRE((image.width == 800 && image.height == 500));
  REQUIRE(count_color(image, e.color) > 500);
  REQUIRE(count_color(image, f.color) > 500);
  write_png(output_dir(dir) / "energy.png", image);
  plot.log_y = false;
  write_png(output_dir(dir) / "energy_linear.png", render_line_plot(plot));

  HeatmapPlot heat;
  heat.title = "Curvature diagram";
  heat.x_label = "kappa1";
  heat.y_label = "kappa2";
  heat.histogram = Histogram2D(80, 80, -20, 20, -20, 20);
  for (int k = 0; k < 20000; ++k) {
    const double a = -15 + 30.0 * ((k * 7919) % 20000) / 20000.0;
    const double b = a * 0.5 + 6 * std::sin(k * 0.37);
    heat.histogram.add(std::max(a, b), std::min(a, b));
  }
  heat.histogram.add(100, 0);  // outside: dropped
  heat.log_color = true;
  const Image map = render_heatmap(heat);
  REQUIRE(count_color(map, {200, 30, 30}) > 300);  // the diagonal
  write_png(output_dir(dir) / "curvature.png", map);
  REQUIRE(fs::file_size(output_dir(dir) / "curvature.png") > 1000);

  plot.series[0].y.pop_back();
  REQUIRE_THROWS_WITH(render_line_plot(plot), Catch::Contains("total"));
  plot.width = 50;
  REQUIRE_THROWS_WITH(render_line_plot(plot), Catch::Contains("image size"));
  REQUIRE_THROWS_WITH(Histogram2D(10, 10, 1, 1, 0, 1), Catch::Contains("range"));
}
