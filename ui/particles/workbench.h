#pragma once
// The particle mode in the window: the running Session, its frame copy, the 2D/3D view
// of the labels, the panels (scene, playback, cell inspector, species, solver, view,
// export), the mouse tools and the particle intents. The shell (ui/app.h) calls it at
// the sync point and each frame (ui/workbench.h).
#include <filesystem>
#include <memory>

#include "scenes/particles/session.h"
#include "ui/particles/frame_data.h"
#include "ui/particles/interaction.h"
#include "ui/particles/intents.h"
#include "ui/particles/scene_view.h"
#include "ui/particles/ui_state.h"
#include "ui/workbench.h"
#include "ui/workbenches.h"

namespace tessera {

class ParticleWorkbench : public Workbench {
 public:
  // Needs the window's GL context current. `origin`: the scene file the session came from.
  ParticleWorkbench(std::unique_ptr<Session> session, const StartUp& start, ShellState& shell);

  std::string_view mode() const override { return "particles"; }
  Model& model() override { return *m_session; }
  SyncPlan sync(ShellState& shell, bool finished_batch) override;
  bool adopt(std::unique_ptr<Model>& model, const std::filesystem::path& origin, ShellState& shell) override;
  void draw_view(const PixelRect& area, float pixel_scale) override;
  float draw_ui(ShellContext& ctx) override;
  void handle_input(ShellContext& ctx) override;
  void remember(AppSettings& settings) const override;
  void describe(nlohmann::json& out) const override;

  // For tests and scripted runs: the workbench's state, its intent queue, the state on screen.
  ParticleUiState& state() { return m_app; }
  IntentQueue& intents() { return m_intents; }
  const FrameData& frame_data() const { return m_frame; }

 private:
  void take_new_session(std::unique_ptr<Session> session, const std::filesystem::path& origin);
  void queue_exports(ShellState& shell);
  std::span<const Rgb8> cell_colors_of(const FrameData& f);

  std::unique_ptr<Session> m_session;
  SceneView m_view;
  ParticleUiState m_app;
  IntentQueue m_intents;
  FrameData m_frame;
  PixelRect m_view_rect;  // where the grid was drawn
  ViewInteraction m_interaction;
  SpeedTracker m_speeds;
  CellColoring m_coloring;
};

// The workbench registry's entry (ui/workbenches.h): takes a particle Session.
std::unique_ptr<Workbench> make_particle_workbench(std::unique_ptr<Model> model, const StartUp& start, ShellState& shell);

}  // namespace tessera
