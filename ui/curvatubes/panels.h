#pragma once
// The curvatubes window's side column: run, energy (the six coefficients, M0, eps, the
// step size, sigma, the orientation term, presets, the Helfrich form), texture (grid,
// flow, seed), view, plots and export. The panels only edit CurvatubesUi; the workbench
// applies it at the sync point.
#include "render/image_texture.h"
#include "scenes/curvatubes/surface_report.h"
#include "ui/curvatubes/frame.h"
#include "ui/curvatubes/ui_state.h"
#include "ui/workbench.h"

namespace tessera {

// The plots the workbench renders (engine/plot_image.h) for the panels.
struct CurvatubesPlots {
  ImageTexture energy;   // E against the evaluation
  ImageTexture gradient; // mean |dE| against the evaluation, log scale
  ImageTexture diagram;  // the curvature diagram of the last report
  Morphometrics metrics;
  bool has_report = false;
  std::int64_t report_step = -1;  // the iteration the report describes
};

// Returns the column's width in framebuffer pixels.
float draw_curvatubes_panels(ShellContext& ctx, CurvatubesUi& ui, const CurvatubesFrame& frame,
                             const CurvatubesPlots& plots, std::string_view backend);

}  // namespace tessera
