#pragma once
// Report plots drawn straight into an RGBA image (no GL, no font files): a line plot of one
// or more series (energy against iteration, optional log y) and a 2D histogram heatmap
// (a curvature diagram kappa1 against kappa2 with the diagonal) with a colour bar. Axes
// carry "nice" ticks (1, 2, 5 times a power of ten; decades on a log axis) and labels in
// the 5 x 7 bitmap font of engine/plot_font.h. Save with write_png (engine/image_io.h).
#include <cstdint>
#include <string>
#include <vector>

#include "engine/colormap.h"
#include "engine/image_io.h"

namespace tessera {

struct PlotSeries {
  std::string name;  // legend entry ("" for none)
  std::vector<double> x, y;
  Rgb8 color{31, 119, 180};
};

struct LinePlot {
  std::string title, x_label, y_label;
  std::vector<PlotSeries> series;
  bool log_y = false;  // points with y <= 0 are skipped on a log axis
  int width = 800, height = 500;
};

// Counts on a regular n_x by n_y grid of bins over [x_min, x_max] x [y_min, y_max]; bin
// (i, j) covers x in [x_min + i dx, x_min + (i + 1) dx) and is counts[i + n_x j].
struct Histogram2D {
  int n_x = 64, n_y = 64;
  double x_min = -1, x_max = 1, y_min = -1, y_max = 1;
  std::vector<double> counts;

  Histogram2D() = default;
  Histogram2D(int nx, int ny, double x0, double x1, double y0, double y1);
  // Adds `weight` to the bin holding (x, y); points outside the range are dropped.
  void add(double x, double y, double weight = 1);
};

struct HeatmapPlot {
  std::string title, x_label, y_label, color_label = "count";
  Histogram2D histogram;
  bool log_color = false;     // colour by log10(1 + count)
  bool draw_diagonal = true;  // the line y = x (umbilic points of a curvature diagram)
  int width = 700, height = 600;
};

// Throw tessera::Error for sizes under 200 x 150, series with x and y of different lengths,
// or an empty/degenerate histogram range.
Image render_line_plot(const LinePlot& plot);
Image render_heatmap(const HeatmapPlot& plot);

// Tick positions for [lo, hi] (about `target` of them) and their labels: exposed for tests.
std::vector<double> nice_ticks(double lo, double hi, int target = 6);
std::string tick_label(double value, double step);

}  // namespace tessera
