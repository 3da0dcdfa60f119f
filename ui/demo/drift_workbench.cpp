#include "ui/demo/drift_workbench.h"

#include <imgui.h>

#include <algorithm>
#include <span>
#include <utility>

#include "engine/error.h"
#include "engine/output_dir.h"
#include "engine/profile.h"
#include "render/label_view.h"
#include "scenes/demo/drift_model.h"
#include "ui/shell_panels.h"
#include "ui/widgets.h"

namespace tessera {

namespace {

class DriftWorkbench : public Workbench {
 public:
  explicit DriftWorkbench(std::unique_ptr<DriftModel> model) : m_model(std::move(model)) { capture(); }

  std::string_view mode() const override { return "seed-drift"; }
  Model& model() override { return *m_model; }

  SyncPlan sync(ShellState& shell, bool finished_batch) override {
    SyncPlan plan;
    if (finished_batch) capture();
    if (m_reset) {
      m_model->reset_with_seed(m_seed);
      capture();
      m_reset = false;
    }
    if (m_save) {
      m_save = false;
      try {
        const auto path = next_free_path(shell.exports.folder, "SeedDrift_state", ".json");
        m_model->save(path, false);
        shell.say("state saved to " + path.string());
      } catch (const std::exception& e) {
        shell.say(std::string("save: ") + e.what(), true);
      }
    }
    plan.steps = std::exchange(m_single_steps, 0);
    if (!shell.play.paused) {
      plan.run_steps = shell.play.substeps;
      plan.steps += plan.run_steps;
    }
    return plan;
  }

  bool adopt(std::unique_ptr<Model>& model, const std::filesystem::path&, ShellState&) override {
    auto* drift = dynamic_cast<DriftModel*>(model.get());
    if (drift == nullptr) return false;
    model.release();
    m_model.reset(drift);
    capture();
    return true;
  }

  void draw_view(const PixelRect& area, float pixel_scale) override {
    if (m_uploaded != m_version) {
      m_view.set_labels(m_labels, m_grid);
      m_view.set_seeds(m_seeds, m_grid);
      m_uploaded = m_version;
    }
    LabelViewStyle style;
    style.seed_diameter_px = 6.0f * pixel_scale;
    m_view.draw(area, style);
  }

  float draw_ui(ShellContext& ctx) override {
    const float width = begin_side_column(ctx, mode());
    ImGui::Text("SeedDrift: %d seeds on %d x %d", static_cast<int>(m_seeds.size()), m_grid.n[0], m_grid.n[1]);
    ImGui::TextDisabled("seeds take random steps; pixels take the nearest seed's label");
    ImGui::Text("step %lld   t = %.3f   %.1f FPS", static_cast<long long>(m_step), m_time, ctx.stats.fps);
    if (!ctx.shell.building.empty())
      ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1.0f), "building %s ...", ctx.shell.building.c_str());
    if (panel_header(ctx.shell, "Playback", true)) {
      PlayState& play = ctx.shell.play;
      if (ImGui::Button(play.paused ? "Run" : "Pause")) play.paused = !play.paused;
      ImGui::SameLine();
      ImGui::BeginDisabled(!play.paused);
      if (ImGui::Button("Step")) ++m_single_steps;
      ImGui::EndDisabled();
      ImGui::SliderInt("steps / frame", &play.substeps, 1, kMaxSubsteps, "%d", ImGuiSliderFlags_Logarithmic);
      int seed = static_cast<int>(m_seed);
      if (ImGui::InputInt("seed", &seed)) m_seed = static_cast<std::uint64_t>(std::max(seed, 0));
      tooltip("Random seed of the seeds' positions and steps (same seed = same run).");
      if (ImGui::Button("Reset with seed")) m_reset = true;
      ImGui::SameLine();
      if (ImGui::Button("Save state")) m_save = true;
      tooltip("The demo's file (every seed, the step) into the export folder; `tessera run --scene-file` continues it.");
      ImGui::TextDisabled("%s", m_model->backend().c_str());
      for (const StageTime& st : m_stages) ImGui::TextDisabled("%-6s %8.3f ms", st.name.c_str(), st.ms);
    }
    if (panel_header(ctx.shell, "Export", false)) {
      input_text("folder", ctx.shell.exports.folder);
      if (ImGui::Button("Screenshot")) ctx.shell.screenshot_requested = true;
      ImGui::SameLine();
      if (ImGui::Button(ctx.shell.recording ? "Stop recording" : "Record")) ctx.shell.record_toggle_requested = true;
    }
    end_side_column();
    return width;
  }

  void handle_input(ShellContext& ctx) override {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantCaptureKeyboard || io.WantTextInput) return;
    for (int k = 0; k < io.InputQueueCharacters.Size; ++k) {
      switch (io.InputQueueCharacters[k]) {
        case ' ': ctx.shell.play.paused = !ctx.shell.play.paused; break;
        case '.': if (ctx.shell.play.paused) ++m_single_steps; break;
        case 'r': m_reset = true; break;
        case 's': ctx.shell.screenshot_requested = true; break;
        default: break;
      }
    }
  }

  void remember(AppSettings&) const override {}  // the window reopens the last particle scene

  void describe(nlohmann::json& out) const override {
    out["scene"] = "SeedDrift";
    out["cells"] = m_seeds.size();
    out["grid"] = {m_grid.n[0], m_grid.n[1], m_grid.n[2]};
    out["backend"] = m_model->backend();
  }

 private:
  // A copy of what the view and panels show, taken while no step runs.
  void capture() {
    m_labels = m_model->labels();
    m_seeds.assign(m_model->seeds().begin(), m_model->seeds().end());
    m_grid = m_model->grid();
    m_step = m_model->step_count();
    m_time = m_model->time();
    m_stages = m_model->stage_times();
    m_seed = m_model->params().seed;
    ++m_version;
  }

  std::unique_ptr<DriftModel> m_model;
  LabelView2D m_view;
  std::vector<std::int32_t> m_labels;
  std::vector<Vec3> m_seeds;
  Grid m_grid;
  std::int64_t m_step = 0;
  double m_time = 0;
  std::vector<StageTime> m_stages;
  std::uint64_t m_version = 0, m_uploaded = 0;
  std::uint64_t m_seed = 1;
  int m_single_steps = 0;
  bool m_reset = false, m_save = false;
};

}  // namespace

std::unique_ptr<Workbench> make_drift_workbench(std::unique_ptr<Model> model, const StartUp&, ShellState&) {
  auto* drift = dynamic_cast<DriftModel*>(model.get());
  TESSERA_REQUIRE(drift != nullptr, "the SeedDrift workbench needs a SeedDrift model");
  model.release();
  return std::make_unique<DriftWorkbench>(std::unique_ptr<DriftModel>(drift));
}

}  // namespace tessera
