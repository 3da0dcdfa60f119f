#pragma once
// What the curvatubes window shows, copied from the model at the sync point (while no
// iteration runs): the field, the counters and curves, the parameters in force, and the
// quantity the view colours (u or a diffuse curvature) with its colour range. GL-free.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scenes/model.h"
#include "sim/curvatubes/generator.h"
#include "sim/curvatubes/params.h"

namespace tessera {

class CurvatubesModel;

// What the caps, the slice and (optionally) the surface are coloured by.
enum class FieldColoring { U, Kappa1, Kappa2, MeanCurvature };
inline constexpr std::array<std::string_view, 4> kFieldColoringNames = {"u", "k1", "k2", "mean curvature"};

struct CurvatubesFrame {
  // u as the model stores it (Z, X, Y), Y fastest: read as an x-fastest volume its axes
  // are (Y, X, Z), exactly as field.vti shows it in ParaView.
  std::vector<float> u;
  std::array<int, 3> n{0, 0, 0};        // (Y, X, Z) voxels
  std::array<float, 3> box{1, 1, 1};    // n * h
  bool periodic = true;
  curvatubes::CurvatubesParams params;  // in force (steered ones included)
  std::string preset;                   // the start's preset ("" = coefficients by hand)
  std::int64_t step = 0;
  double energy = 0;
  double mass = 0;     // the prescribed mean of u
  double mean_u = 0;   // the field's actual mean
  curvatubes::GeneratorStatus status = curvatubes::GeneratorStatus::Running;
  std::vector<curvatubes::CurvePoint> curves;
  std::vector<StageTime> stages;
  std::size_t steering_events = 0;
  std::uint64_t version = 0;  // rises with every capture
};

void capture_curvatubes_frame(const CurvatubesModel& model, CurvatubesFrame& frame);

// The coloured quantity on the frame's voxels and the range its ramp spans: u on
// [-1, 1]; k1, k2 and (k1 + k2) / 2 (1 / length) on [-r, r], r the 98th percentile of
// |value| over the voxels near the surface (|u| < 0.5), so noise far from it does not
// wash the colours out.
struct ColoringField {
  std::vector<float> values;
  float lo = -1, hi = 1;
};
ColoringField coloring_field(const CurvatubesFrame& frame, FieldColoring coloring);

}  // namespace tessera
