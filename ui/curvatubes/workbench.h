#pragma once
// The curvatubes mode's window: the texture's isosurface and slices (render/field_view.h),
// its energy curves and curvature diagram, and sliders that steer the run while it
// evolves. The panels (ui/curvatubes/panels.h) edit CurvatubesUi; sync() applies it
// while the worker is idle.
#include <memory>

#include "render/field_view.h"
#include "render/orbit_camera.h"
#include "scenes/curvatubes/curvatubes_model.h"
#include "ui/curvatubes/frame.h"
#include "ui/curvatubes/panels.h"
#include "ui/curvatubes/ui_state.h"
#include "ui/workbenches.h"

namespace tessera {

class CurvatubesWorkbench : public Workbench {
 public:
  explicit CurvatubesWorkbench(std::unique_ptr<CurvatubesModel> model);

  std::string_view mode() const override { return "curvatubes"; }
  Model& model() override { return *m_model; }
  SyncPlan sync(ShellState& shell, bool finished_batch) override;
  bool adopt(std::unique_ptr<Model>& model, const std::filesystem::path& origin, ShellState& shell) override;
  void draw_view(const PixelRect& area, float pixel_scale) override;
  float draw_ui(ShellContext& ctx) override;
  void handle_input(ShellContext& ctx) override;
  void remember(AppSettings&) const override {}  // the window reopens the last particle scene
  void describe(nlohmann::json& out) const override;

  // What the panels edit and show (tests drive the window through them).
  CurvatubesUi& ui() { return m_ui; }
  const CurvatubesFrame& frame() const { return m_frame; }
  const CurvatubesPlots& plots() const { return m_plots; }
  OrbitCamera& camera() { return m_camera; }

 private:
  void take(std::unique_ptr<CurvatubesModel> model);
  void capture();
  ModelBuild new_texture();
  void exports(ShellState& shell);
  void refresh_plots();

  std::unique_ptr<CurvatubesModel> m_model;
  CurvatubesFrame m_frame;
  CurvatubesUi m_ui;
  CurvatubesPlots m_plots;
  FieldView m_view;
  OrbitCamera m_camera;
  PixelRect m_area{0, 0, 1, 1};
  std::uint64_t m_view_uploaded = 0;
  FieldColoring m_coloring_uploaded = FieldColoring::U;
  std::size_t m_history_version = 0;
  std::int64_t m_report_step = -1;
};

std::unique_ptr<Workbench> make_curvatubes_workbench(std::unique_ptr<Model> model, const StartUp& start,
                                                     ShellState& shell);

}  // namespace tessera
