// The Solver panel: fit method, tolerance, caps and the Sinkhorn schedule on the draft
// parameters, and live plots of the last steps' volume error, iterations and stage times.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui/particles/panels.h"
#include "ui/widgets.h"

namespace tessera {

namespace {

// A line plot of one series of the history with its last value and maximum in the overlay.
void plot(const char* label, const std::vector<float>& values, const char* unit) {
  if (values.empty()) return;
  const float max = *std::max_element(values.begin(), values.end());
  char overlay[96];
  std::snprintf(overlay, sizeof(overlay), "last %.3g %s, max %.3g", values.back(), unit, max);
  ImGui::PlotLines(label, values.data(), static_cast<int>(values.size()), 0, overlay, 0.0f, std::max(max, 1e-12f) * 1.1f,
                   ImVec2(0, 60.0f * ImGui::GetIO().FontGlobalScale));
}

}  // namespace

void draw_solver_panel(PanelContext& ctx) {
  if (!panel_header(ctx, "Solver", false)) return;
  ParticleUiState& app = ctx.app;
  FitParams& fit = app.draft.fit;
  if (combo("method", fit.method, kFitMethodNames)) app.params_dirty = true;
  tooltip("Newton: damped Newton steps on the dual with conjugate gradients (fast, falls back to L-BFGS when it "
          "stalls). L-BFGS: quasi-Newton only.");
  if (combo("criterion", fit.criterion, kStopCriterionNames)) app.params_dirty = true;
  tooltip("Stop when the mean (or the maximum) relative volume error is below the tolerance.");
  if (slider_double("tolerance", &fit.tolerance, 1e-4, 0.2, "%.4f", true)) app.params_dirty = true;
  tooltip("Relative volume error to reach each step (0.01 = 1 %).");
  int newton = fit.max_newton_iterations, lbfgs = fit.max_lbfgs_iterations, passes = fit.max_passes;
  if (ImGui::SliderInt("max Newton iterations", &newton, 1, 500)) {
    fit.max_newton_iterations = newton;
    app.params_dirty = true;
  }
  field_tip(fit_fields(), "max_newton_iterations");
  if (ImGui::SliderInt("max L-BFGS iterations", &lbfgs, 1, 2000)) {
    fit.max_lbfgs_iterations = lbfgs;
    app.params_dirty = true;
  }
  field_tip(fit_fields(), "max_lbfgs_iterations");
  int history = fit.lbfgs_history;
  if (ImGui::SliderInt("L-BFGS history", &history, 1, 100)) {
    fit.lbfgs_history = history;
    app.params_dirty = true;
  }
  field_tip(fit_fields(), "lbfgs_history");
  if (ImGui::SliderInt("max passes", &passes, 10, 10000, "%d", ImGuiSliderFlags_Logarithmic)) {
    fit.max_passes = passes;
    app.params_dirty = true;
  }
  tooltip("Cap on assignment passes (labellings of the grid) per step, all stages together.");
  if (ImGui::Checkbox("Sinkhorn warm start", &fit.sinkhorn)) app.params_dirty = true;
  tooltip("Annealed entropic (Sinkhorn) iterations before Newton on cold starts and when the error jumps above "
          "the threshold below.");
  if (fit.sinkhorn) {
    if (slider_double("Sinkhorn above", &fit.sinkhorn_above, 0.01, 5.0, "%.2f", true)) app.params_dirty = true;
    tooltip("Mean relative error of a warm start that triggers the Sinkhorn stage.");
    if (slider_double("Sinkhorn s0", &fit.sinkhorn_s0, 0.01, 10.0, "%.3f", true)) app.params_dirty = true;
    tooltip("Initial scale of the annealing: epsilon = s^2 in cost units, lowered geometrically to the pixel size.");
    int steps = fit.sinkhorn_steps;
    if (ImGui::SliderInt("Sinkhorn steps", &steps, 10, 1000)) {
      fit.sinkhorn_steps = steps;
      app.params_dirty = true;
    }
    field_tip(fit_fields(), "sinkhorn_steps");
  }
  if (combo("assignment", fit.assign_method, kAssignMethodNames)) app.params_dirty = true;
  tooltip("binned: each pixel only visits cells whose support reaches its bin (fast); brute_force: every cell "
          "(the reference path, for checking).");

  // Live plots of the last steps.
  const FrameData& f = ctx.frame;
  std::vector<float> error, iterations, fit_ms, sim_ms;
  for (const StepRecord& r : f.history) {
    error.push_back(static_cast<float>(100.0 * r.mean_error));
    iterations.push_back(static_cast<float>(r.newton + r.lbfgs));
    fit_ms.push_back(static_cast<float>(r.profile[Stage::Fit]));
    sim_ms.push_back(static_cast<float>(r.profile[Stage::Dynamics] + r.profile[Stage::Correct]));
  }
  if (!f.history.empty()) {
    ImGui::Text("last fit: %s, %d passes", f.history.back().converged ? "converged" : "missed tolerance",
                f.history.back().passes);
  }
  ImGui::Text("fits that missed the tolerance: %lld", static_cast<long long>(f.stats.fit_failures));
  plot("mean error", error, "%");
  plot("iterations", iterations, "");
  plot("fit", fit_ms, "ms");
  plot("dynamics", sim_ms, "ms");
}

}  // namespace tessera
