#include "ui/curvatubes/frame.h"

#include <algorithm>
#include <cmath>

#include "scenes/curvatubes/curvatubes_model.h"
#include "sim/curvatubes/morphometrics.h"

namespace tessera {

void capture_curvatubes_frame(const CurvatubesModel& model, CurvatubesFrame& f) {
  const curvatubes::Generator<float>& g = model.generator();
  f.params = model.params();
  f.preset = model.file().preset;
  f.u = model.field();
  f.n = {f.params.ny, f.params.nx, f.params.nz};
  const float h = static_cast<float>(f.params.h);
  f.box = {f.params.ny * h, f.params.nx * h, f.params.nz * h};
  f.periodic = f.params.boundary == curvatubes::Boundary::Periodic;
  f.step = model.step_count();
  f.energy = g.energy();
  f.mass = g.mass();
  double sum = 0;
  for (float v : f.u) sum += v;
  f.mean_u = f.u.empty() ? 0 : sum / static_cast<double>(f.u.size());
  f.status = g.status();
  f.curves = g.curves();
  f.stages = model.stage_times();
  f.steering_events = model.file().steering.size();
  ++f.version;
}

ColoringField coloring_field(const CurvatubesFrame& f, FieldColoring coloring) {
  ColoringField out;
  if (coloring == FieldColoring::U) {
    out.values = f.u;
    return out;
  }
  std::vector<float> k1, k2;
  curvatubes::diffuse_curvature_fields(f.params, f.u, k1, k2);
  out.values.resize(f.u.size());
  for (std::size_t i = 0; i < f.u.size(); ++i)
    out.values[i] = coloring == FieldColoring::Kappa1 ? k1[i]
                    : coloring == FieldColoring::Kappa2 ? k2[i]
                                                        : 0.5f * (k1[i] + k2[i]);
  std::vector<float> near;
  for (std::size_t i = 0; i < f.u.size(); ++i)
    if (std::abs(f.u[i]) < 0.5f && std::isfinite(out.values[i])) near.push_back(std::abs(out.values[i]));
  float r = 0;
  if (!near.empty()) {
    const std::size_t k = std::min(near.size() - 1, static_cast<std::size_t>(0.98 * static_cast<double>(near.size())));
    std::nth_element(near.begin(), near.begin() + static_cast<std::ptrdiff_t>(k), near.end());
    r = near[k];
  }
  if (!(r > 0)) r = 1;
  out.lo = -r;
  out.hi = r;
  return out;
}

}  // namespace tessera
