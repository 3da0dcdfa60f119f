#pragma once
// Colour scales for per-cell scalar fields (volume error, pressure, speed), in the views
// and in exports. Two piecewise-linear ramps through a handful of sRGB control points:
//
//   sequential_color(t), t in [0, 1]  — dark blue-violet -> teal -> green -> yellow,
//                                        lightness rising monotonically (magnitudes);
//   diverging_color(t),  t in [-1, 1] — blue (negative) -> light grey (0) -> red (positive),
//                                        symmetric about 0 (signed errors).
//
// Arguments outside the range are clamped; NaN gives kNoDataColor (a cell without a value,
// e.g. a speed before the cell has a previous position). The centre of the diverging ramp
// is a warm light grey, not the void's near-white (engine/colormap.h), so a cell at zero
// stays distinguishable from the medium.
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "engine/colormap.h"

namespace tessera {

inline constexpr Rgb8 kNoDataColor{150, 150, 150};

namespace color_scale_detail {

// Linear interpolation through N equally spaced control points over u in [0, 1].
template <std::size_t N>
Rgb8 ramp(const std::array<Rgb8, N>& points, double u) {
  static_assert(N >= 2);
  u = u < 0 ? 0 : (u > 1 ? 1 : u);
  const double s = u * static_cast<double>(N - 1);
  std::size_t k = static_cast<std::size_t>(s);
  if (k >= N - 1) k = N - 2;
  const double w = s - static_cast<double>(k);
  auto mix = [w](std::uint8_t a, std::uint8_t b) {
    return static_cast<std::uint8_t>(std::lround(a + (static_cast<double>(b) - a) * w));
  };
  const Rgb8 a = points[k], b = points[k + 1];
  return Rgb8{mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b)};
}

// Our own control points (equally spaced in t).
inline constexpr std::array<Rgb8, 6> kSequentialPoints = {
    Rgb8{46, 20, 92}, Rgb8{58, 76, 140}, Rgb8{40, 126, 142}, Rgb8{38, 170, 124}, Rgb8{126, 205, 80},
    Rgb8{246, 228, 44}};
inline constexpr std::array<Rgb8, 5> kDivergingPoints = {
    Rgb8{36, 72, 160}, Rgb8{128, 166, 214}, Rgb8{236, 232, 224}, Rgb8{228, 142, 108}, Rgb8{168, 28, 38}};

}  // namespace color_scale_detail

// t in [0, 1] (clamped); NaN -> kNoDataColor.
inline Rgb8 sequential_color(double t) {
  if (std::isnan(t)) return kNoDataColor;
  return color_scale_detail::ramp(color_scale_detail::kSequentialPoints, t);
}

// t in [-1, 1] (clamped), 0 -> the neutral centre; NaN -> kNoDataColor.
inline Rgb8 diverging_color(double t) {
  if (std::isnan(t)) return kNoDataColor;
  return color_scale_detail::ramp(color_scale_detail::kDivergingPoints, 0.5 * (t + 1.0));
}

}  // namespace tessera
