#include "engine/plot_image.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "engine/error.h"
#include "engine/plot_font.h"

namespace tessera {

namespace {

constexpr Rgb8 kBlack{20, 20, 20};
constexpr Rgb8 kGrey{120, 120, 120};
constexpr Rgb8 kGridLine{228, 228, 228};
constexpr int kText = 2;   // font scale for labels (14 px tall)
constexpr int kTitle = 2;  // and the title

void fill(Image& image, int x0, int y0, int x1, int y1, Rgb8 c) {
  for (int y = std::max(0, y0); y < std::min(image.height, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(image.width, x1); ++x) {
      std::uint8_t* p = image.pixel(x, y);
      p[0] = c.r;
      p[1] = c.g;
      p[2] = c.b;
      p[3] = 255;
    }
}

// A plot area in pixels: [left, right) x [top, bottom), y growing downwards.
struct Frame {
  int left, top, right, bottom;
  int width() const { return right - left; }
  int height() const { return bottom - top; }
};

// A line of `thickness` pixels from (x0, y0) to (x1, y1), clipped to `clip`.
void line(Image& image, double x0, double y0, double x1, double y1, Rgb8 c, const Frame& clip, int thickness = 2) {
  const double length = std::max(std::abs(x1 - x0), std::abs(y1 - y0));
  const int steps = std::max(1, static_cast<int>(std::ceil(length * 2)));
  for (int s = 0; s <= steps; ++s) {
    const double t = static_cast<double>(s) / steps;
    const int x = static_cast<int>(std::lround(x0 + (x1 - x0) * t - 0.5 * (thickness - 1)));
    const int y = static_cast<int>(std::lround(y0 + (y1 - y0) * t - 0.5 * (thickness - 1)));
    fill(image, std::max(x, clip.left), std::max(y, clip.top), std::min(x + thickness, clip.right),
         std::min(y + thickness, clip.bottom), c);
  }
}

void centered_text(Image& image, int cx, int y, const std::string& text, Rgb8 c, int scale) {
  draw_text(image, cx - text_width(text, scale) / 2, y, text, c, scale);
}

// Linear map of [lo, hi] onto pixels [p0, p1].
struct Axis {
  double lo = 0, hi = 1;
  double p0 = 0, p1 = 1;
  double to_pixel(double v) const { return p0 + (v - lo) / (hi - lo) * (p1 - p0); }
};

// Range with a little room, never empty.
void pad_range(double& lo, double& hi, double fraction) {
  if (!(hi > lo)) {
    const double d = lo == 0 ? 1 : std::abs(lo) * 0.1;
    lo -= d;
    hi += d;
    return;
  }
  const double d = (hi - lo) * fraction;
  lo -= d;
  hi += d;
}

// The ticks, their labels and the tick marks along one axis; returns the labels' widest width.
struct Ticks {
  std::vector<double> at;  // in axis coordinates (log10 y on a log axis)
  std::vector<std::string> labels;
};

Ticks linear_ticks(double lo, double hi) {
  Ticks t;
  t.at = nice_ticks(lo, hi);
  const double step = t.at.size() > 1 ? t.at[1] - t.at[0] : 1;
  for (const double v : t.at) t.labels.push_back(tick_label(v, step));
  return t;
}

Ticks log_ticks(double lo, double hi) {  // lo, hi are log10 values
  Ticks t;
  const int first = static_cast<int>(std::ceil(lo - 1e-9));
  const int last = static_cast<int>(std::floor(hi + 1e-9));
  const int every = std::max(1, (last - first + 1) / 7 + 1);  // at most about 7 decade labels
  for (int e = first; e <= last; e += every) {
    t.at.push_back(e);
    t.labels.push_back(e == 0 ? "1" : (e == 1 ? "10" : "1e" + std::to_string(e)));
  }
  if (t.at.size() < 2) return linear_ticks(lo, hi);  // less than a decade: label log10 values
  return t;
}

void check_size(int width, int height) {
  TESSERA_REQUIRE(width >= 200 && height >= 150 && width <= 8192 && height <= 8192,
                  "plot: image size " + std::to_string(width) + " x " + std::to_string(height) +
                      " must be between 200 x 150 and 8192 x 8192");
}

// Axes box, ticks, tick labels, axis labels and title around `frame`.
void draw_axes(Image& image, const Frame& f, const Axis& x, const Axis& y, const Ticks& xt, const Ticks& yt,
               const std::string& title, const std::string& x_label, const std::string& y_label, bool grid_lines) {
  for (std::size_t k = 0; k < xt.at.size(); ++k) {
    const int px = static_cast<int>(std::lround(x.to_pixel(xt.at[k])));
    if (px < f.left || px > f.right) continue;
    if (grid_lines) fill(image, px, f.top, px + 1, f.bottom, kGridLine);
    fill(image, px, f.bottom, px + 1, f.bottom + 6, kBlack);
    centered_text(image, px, f.bottom + 10, xt.labels[k], kBlack, kText);
  }
  for (std::size_t k = 0; k < yt.at.size(); ++k) {
    const int py = static_cast<int>(std::lround(y.to_pixel(yt.at[k])));
    if (py < f.top || py > f.bottom) continue;
    if (grid_lines) fill(image, f.left, py, f.right, py + 1, kGridLine);
    fill(image, f.left - 6, py, f.left, py + 1, kBlack);
    draw_text(image, f.left - 10 - text_width(yt.labels[k], kText), py - text_height(kText) / 2, yt.labels[k], kBlack,
              kText);
  }
  // The box.
  fill(image, f.left, f.top, f.right + 1, f.top + 1, kBlack);
  fill(image, f.left, f.bottom, f.right + 1, f.bottom + 1, kBlack);
  fill(image, f.left, f.top, f.left + 1, f.bottom + 1, kBlack);
  fill(image, f.right, f.top, f.right + 1, f.bottom + 1, kBlack);
  centered_text(image, (f.left + f.right) / 2, 12, title, kBlack, kTitle);
  centered_text(image, (f.left + f.right) / 2, f.bottom + 34, x_label, kBlack, kText);
  draw_text_vertical(image, 10, (f.top + f.bottom) / 2 - text_width(y_label, kText) / 2, y_label, kBlack, kText);
}

int widest(const Ticks& t) {
  int w = 0;
  for (const auto& s : t.labels) w = std::max(w, text_width(s, kText));
  return w;
}

// Viridis-like ramp through five control colours, t in [0, 1].
Rgb8 ramp(double t) {
  constexpr Rgb8 kStops[] = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
  t = std::clamp(t, 0.0, 1.0) * 4;
  const int k = std::min(3, static_cast<int>(t));
  const double s = t - k;
  auto mix = [&](std::uint8_t a, std::uint8_t b) { return static_cast<std::uint8_t>(std::lround(a + (b - a) * s)); };
  return {mix(kStops[k].r, kStops[k + 1].r), mix(kStops[k].g, kStops[k + 1].g), mix(kStops[k].b, kStops[k + 1].b)};
}

}  // namespace

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return {lo};
  const double raw = (hi - lo) / std::max(1, target);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  for (double k = std::ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k += 1) {
    const double v = k * step;
    ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);  // no "-0" or 1e-17
  }
  return ticks;
}

std::string tick_label(double value, double step) {
  char text[32];
  const double a = std::max(std::abs(value), std::abs(step));
  if (value == 0) return "0";
  if (a >= 1e5 || a < 1e-3) {
    std::snprintf(text, sizeof text, "%.2g", value);  // 1.5e+06: compact for wide ranges
  } else {
    const int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
  }
  return text;
}

Histogram2D::Histogram2D(int nx, int ny, double x0, double x1, double y0, double y1)
    : n_x(nx), n_y(ny), x_min(x0), x_max(x1), y_min(y0), y_max(y1) {
  TESSERA_REQUIRE(nx >= 1 && ny >= 1 && x1 > x0 && y1 > y0, "histogram: needs bins and a non-empty range");
  counts.assign(static_cast<std::size_t>(nx) * ny, 0.0);
}

void Histogram2D::add(double x, double y, double weight) {
  if (!(x >= x_min && x < x_max && y >= y_min && y < y_max)) return;
  const int i = std::min(n_x - 1, static_cast<int>((x - x_min) / (x_max - x_min) * n_x));
  const int j = std::min(n_y - 1, static_cast<int>((y - y_min) / (y_max - y_min) * n_y));
  counts[static_cast<std::size_t>(i) + static_cast<std::size_t>(n_x) * j] += weight;
}

Image render_line_plot(const LinePlot& plot) {
  check_size(plot.width, plot.height);
  double x_lo = std::numeric_limits<double>::infinity(), x_hi = -x_lo, y_lo = x_lo, y_hi = -x_lo;
  for (const PlotSeries& s : plot.series) {
    TESSERA_REQUIRE(s.x.size() == s.y.size(), "plot: series '" + s.name + "' has " + std::to_string(s.x.size()) +
                                                  " x values and " + std::to_string(s.y.size()) + " y values");
    for (std::size_t k = 0; k < s.x.size(); ++k) {
      if (!std::isfinite(s.x[k]) || !std::isfinite(s.y[k]) || (plot.log_y && s.y[k] <= 0)) continue;
      const double y = plot.log_y ? std::log10(s.y[k]) : s.y[k];
      x_lo = std::min(x_lo, s.x[k]);
      x_hi = std::max(x_hi, s.x[k]);
      y_lo = std::min(y_lo, y);
      y_hi = std::max(y_hi, y);
    }
  }
  if (!(x_hi >= x_lo)) x_lo = 0, x_hi = 1, y_lo = 0, y_hi = 1;  // nothing to draw: an empty frame
  if (!(x_hi > x_lo)) pad_range(x_lo, x_hi, 0);
  pad_range(y_lo, y_hi, 0.05);
  const Ticks xt = linear_ticks(x_lo, x_hi);
  const Ticks yt = plot.log_y ? log_ticks(y_lo, y_hi) : linear_ticks(y_lo, y_hi);

  Image image(plot.width, plot.height);
  fill(image, 0, 0, plot.width, plot.height, {255, 255, 255});
  const Frame f{40 + widest(yt), 40, plot.width - 20, plot.height - 56};
  TESSERA_REQUIRE(f.width() > 50 && f.height() > 50, "plot: image too small for its labels");
  const Axis x{x_lo, x_hi, static_cast<double>(f.left), static_cast<double>(f.right)};
  const Axis y{y_lo, y_hi, static_cast<double>(f.bottom), static_cast<double>(f.top)};
  draw_axes(image, f, x, y, xt, yt, plot.title, plot.x_label, plot.y_label, true);
  const Frame clip{f.left + 1, f.top + 1, f.right, f.bottom};
  for (const PlotSeries& s : plot.series) {
    bool have = false;
    double px = 0, py = 0;
    for (std::size_t k = 0; k < s.x.size(); ++k) {
      if (!std::isfinite(s.x[k]) || !std::isfinite(s.y[k]) || (plot.log_y && s.y[k] <= 0)) {
        have = false;  // a gap, not a jump across missing points
        continue;
      }
      const double qx = x.to_pixel(s.x[k]);
      const double qy = y.to_pixel(plot.log_y ? std::log10(s.y[k]) : s.y[k]);
      if (have) line(image, px, py, qx, qy, s.color, clip);
      if (s.x.size() == 1) line(image, qx - 2, qy, qx + 2, qy, s.color, clip, 4);
      px = qx;
      py = qy;
      have = true;
    }
  }
  // Legend in the top-right corner of the frame.
  int row = f.top + 10;
  for (const PlotSeries& s : plot.series) {
    if (s.name.empty()) continue;
    const int w = text_width(s.name, kText);
    const int x0 = f.right - 14 - w - 30;
    fill(image, x0 - 6, row - 4, f.right - 8, row + text_height(kText) + 4, {255, 255, 255});
    fill(image, x0, row + text_height(kText) / 2 - 1, x0 + 22, row + text_height(kText) / 2 + 2, s.color);
    draw_text(image, x0 + 30, row, s.name, kBlack, kText);
    row += text_height(kText) + 8;
  }
  return image;
}

Image render_heatmap(const HeatmapPlot& plot) {
  check_size(plot.width, plot.height);
  const Histogram2D& h = plot.histogram;
  TESSERA_REQUIRE(h.n_x >= 1 && h.n_y >= 1 && h.x_max > h.x_min && h.y_max > h.y_min &&
                      h.counts.size() == static_cast<std::size_t>(h.n_x) * h.n_y,
                  "heatmap: the histogram needs n_x * n_y counts over a non-empty range");
  double top = 0;
  for (const double c : h.counts) top = std::max(top, c);
  auto shade = [&](double c) { return plot.log_color ? std::log10(1 + c) : c; };
  const double top_shade = top > 0 ? shade(top) : 1;

  const Ticks xt = linear_ticks(h.x_min, h.x_max);
  const Ticks yt = linear_ticks(h.y_min, h.y_max);
  const double bar_lo = 0, bar_hi = plot.log_color ? std::pow(10.0, top_shade) - 1 : top_shade;
  const Ticks bar_ticks = linear_ticks(bar_lo, bar_hi);
  const int bar_width = 18;
  const int bar_labels = widest(bar_ticks);
  Image image(plot.width, plot.height);
  fill(image, 0, 0, plot.width, plot.height, {255, 255, 255});
  const Frame f{40 + widest(yt), 40, plot.width - 40 - bar_width - bar_labels - 20, plot.height - 56};
  TESSERA_REQUIRE(f.width() > 50 && f.height() > 50, "heatmap: image too small for its labels");
  const Axis x{h.x_min, h.x_max, static_cast<double>(f.left), static_cast<double>(f.right)};
  const Axis y{h.y_min, h.y_max, static_cast<double>(f.bottom), static_cast<double>(f.top)};
  // Bins: empty ones stay white, so the occupied region stands out.
  for (int j = 0; j < h.n_y; ++j)
    for (int i = 0; i < h.n_x; ++i) {
      const double c = h.counts[static_cast<std::size_t>(i) + static_cast<std::size_t>(h.n_x) * j];
      if (c <= 0) continue;
      const int x0 = static_cast<int>(std::lround(f.left + static_cast<double>(i) * f.width() / h.n_x));
      const int x1 = static_cast<int>(std::lround(f.left + static_cast<double>(i + 1) * f.width() / h.n_x));
      const int y1 = static_cast<int>(std::lround(f.bottom - static_cast<double>(j) * f.height() / h.n_y));
      const int y0 = static_cast<int>(std::lround(f.bottom - static_cast<double>(j + 1) * f.height() / h.n_y));
      fill(image, x0, y0, x1, y1, ramp(shade(c) / top_shade));
    }
  draw_axes(image, f, x, y, xt, yt, plot.title, plot.x_label, plot.y_label, false);
  if (plot.draw_diagonal) {
    const double lo = std::max(h.x_min, h.y_min), hi = std::min(h.x_max, h.y_max);
    if (hi > lo) {
      const Frame clip{f.left + 1, f.top + 1, f.right, f.bottom};
      line(image, x.to_pixel(lo), y.to_pixel(lo), x.to_pixel(hi), y.to_pixel(hi), {200, 30, 30}, clip, 2);
    }
  }
  // Colour bar with its own ticks, right of the frame.
  const int bx = f.right + 20;
  for (int py = f.top; py < f.bottom; ++py) {
    const double t = static_cast<double>(f.bottom - 1 - py) / (f.height() - 1);
    fill(image, bx, py, bx + bar_width, py + 1, ramp(t));
  }
  fill(image, bx, f.top, bx + bar_width, f.top + 1, kGrey);
  fill(image, bx, f.bottom - 1, bx + bar_width, f.bottom, kGrey);
  for (std::size_t k = 0; k < bar_ticks.at.size(); ++k) {
    const double v = bar_ticks.at[k];
    const double t = (plot.log_color ? std::log10(1 + v) : v) / top_shade;
    if (t < 0 || t > 1) continue;
    const int py = static_cast<int>(std::lround(f.bottom - 1 - t * (f.height() - 1)));
    fill(image, bx + bar_width, py, bx + bar_width + 4, py + 1, kBlack);
    draw_text(image, bx + bar_width + 7, py - text_height(kText) / 2, bar_ticks.labels[k], kBlack, kText);
  }
  draw_text(image, bx, f.top - 4 - text_height(kText), plot.color_label, kBlack, kText);
  return image;
}

}  // namespace tessera
