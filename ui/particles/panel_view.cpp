// The View and Export panels and the help overlay.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "engine/color_scale.h"
#include "engine/video_writer.h"
#include "ui/particles/panels.h"
#include "ui/widgets.h"

namespace tessera {

namespace {

// A colour bar of the legend's scale with its end values.
void legend_bar(const ColorLegend& legend) {
  if (legend.scale == ColorScale::None) return;
  ImGui::TextUnformatted(legend.label.c_str());
  if (!std::isfinite(legend.min) || !std::isfinite(legend.max)) {
    ImGui::TextDisabled("no values yet (the next steps give them)");
    return;
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::CalcItemWidth(), height = ImGui::GetFrameHeight() * 0.6f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  constexpr int kSegments = 32;
  for (int k = 0; k < kSegments; ++k) {
    const double t = (k + 0.5) / kSegments;
    const Rgb8 c = legend.scale == ColorScale::Sequential ? sequential_color(t) : diverging_color(2.0 * t - 1.0);
    draw->AddRectFilled(ImVec2(origin.x + width * k / kSegments, origin.y),
                        ImVec2(origin.x + width * (k + 1) / kSegments, origin.y + height), IM_COL32(c.r, c.g, c.b, 255));
  }
  ImGui::Dummy(ImVec2(width, height));
  char max_text[32];
  std::snprintf(max_text, sizeof(max_text), "%.3g", legend.max);
  const float left = ImGui::GetCursorPosX();
  ImGui::Text("%.3g", legend.min);
  ImGui::SameLine(left + width - ImGui::CalcTextSize(max_text).x);
  ImGui::TextUnformatted(max_text);
}

void view_3d_options(const FrameData& frame, ViewOptions& view, bool& app_reset_camera) {
  int mode = static_cast<int>(view.view3d);
  ImGui::RadioButton("volume", &mode, static_cast<int>(View3D::Volume));
  tooltip("Ray-marched cells in 3D: left drag turns, right drag pans, the wheel zooms.");
  ImGui::SameLine();
  ImGui::RadioButton("slice", &mode, static_cast<int>(View3D::Slice));
  tooltip("One plane of voxels, with the mouse tools (select, drag, add, delete).");
  view.view3d = static_cast<View3D>(mode);
  if (view.view3d == View3D::Slice) {
    int axis = static_cast<int>(view.slice_axis);
    for (int a = 0; a < 3; ++a) {
      ImGui::SameLine();
      ImGui::RadioButton(std::string(kSliceAxisNames[static_cast<std::size_t>(a)]).c_str(), &axis, a);
    }
    view.slice_axis = static_cast<SliceAxis>(axis);
    const int n = frame.grid.n[axis];
    int index = view.slice_index < 0 ? n / 2 : std::min(view.slice_index, n - 1);
    if (ImGui::SliderInt("slice", &index, 0, n - 1)) view.slice_index = index;
    tooltip("Voxel index of the slice along its normal.");
    return;
  }
  ImGui::Checkbox("clip", &view.clip.enabled);
  tooltip("Cut the volume open with an axis-aligned plane to see the cells inside.");
  if (view.clip.enabled) {
    int axis = static_cast<int>(view.clip.axis);
    for (int a = 0; a < 3; ++a) {
      ImGui::SameLine();
      ImGui::RadioButton((std::string("clip ") + std::string(kSliceAxisNames[static_cast<std::size_t>(a)])).c_str(), &axis, a);
    }
    view.clip.axis = static_cast<SliceAxis>(axis);
    ImGui::SliderFloat("clip position", &view.clip.position, 0.0f, 1.0f, "%.3f");
    tooltip("Where the plane cuts, as a fraction of the box along its normal.");
    ImGui::SameLine();
    ImGui::Checkbox("flip", &view.clip.flip);
  }
  if (ImGui::Button("reset camera")) app_reset_camera = true;
  tooltip("Back to the default view of the whole box.");
  ImGui::SameLine();
  ImGui::Checkbox("box", &view.box_outline);
  tooltip("Draw the edges of the simulation box.");
  ImGui::SameLine();
  ImGui::Checkbox("walls", &view.walls);
  tooltip("Draw the domain's walls (a funnel, an obstacle, a container) faintly in the 3D view: see-through "
          "surfaces, the cells behind them tinted.");
}

}  // namespace

void draw_view_panel(PanelContext& ctx) {
  if (!panel_header(ctx, "View", true)) return;
  ParticleUiState& app = ctx.app;
  combo("colour", app.view.color_mode, kColorModeNames);
  tooltip("species: each species' colour; id: one colour per cell; volume_error: measured / target volume - 1 "
          "(blue too small, red too large); pressure: the cell's potential f_i, the price of volume (higher = "
          "more compressed); speed: seed speed in box units per time unit.");
  if (app.view.color_mode == ColorMode::VolumeError) {
    slider_double("error range", &app.view.error_range, 0.0, 0.5, "%.3f");
    tooltip("Errors beyond +- this fraction saturate; 0 = the largest error of the frame.");
  }
  legend_bar(app.legend);
  ImGui::Checkbox("boundaries", &app.view.boundaries);
  tooltip("Darken the pixels where two cells (or a cell and the medium) meet.");
  ImGui::SameLine();
  ImGui::Checkbox("seeds", &app.view.seeds);
  tooltip("Draw each cell's seed (its Laguerre site).");
  ImGui::SameLine();
  ImGui::Checkbox("axes", &app.view.axes);
  tooltip("Draw each cell's axis (its direction of motion and elongation) as an arrow.");
  ImGui::SameLine();
  ImGui::Checkbox("outline", &app.view.outline);
  tooltip("Outline the border of the domain (walls, obstacles, the disk's edge).");
  if (ctx.frame.params.bias == CostBias::Chemotaxis && ctx.frame.grid.dim == 2) {
    ImGui::Checkbox("attractant", &app.view.field);
    tooltip("Tint the medium with the chemoattractant the cells climb (orange at its peak).");
  }
  if (ctx.frame.grid.dim == 3) view_3d_options(ctx.frame, app.view, app.reset_camera_requested);

  int tool = static_cast<int>(app.tool);
  const bool walls_allowed = ctx.frame.grid.dim == 2;  // walls are painted on 2D domains only
  for (int t = 0; t < static_cast<int>(kToolNames.size()); ++t) {
    const bool wall_tool = t == static_cast<int>(Tool::PaintWall) || t == static_cast<int>(Tool::EraseWall);
    if (wall_tool && !walls_allowed) continue;
    if (t % 3 != 0) ImGui::SameLine();
    ImGui::RadioButton(std::string(kToolNames[static_cast<std::size_t>(t)]).c_str(), &tool, t);
  }
  app.tool = static_cast<Tool>(tool);
  tooltip("What a left click in the view does: select a cell (and drag it), add a cell of the chosen species, "
          "delete the cell under the mouse, or paint / erase walls (2D) by dragging.");
  if (app.tool == Tool::PaintWall || app.tool == Tool::EraseWall) {
    slider_double("brush radius", &app.brush_radius, 0.002, 0.2, "%.3f", true);
    tooltip("Radius of the wall brush (box units). Cells whose seed falls inside a painted wall are removed; "
            "the others keep their volume.");
  }
  if (app.tool == Tool::AddCell) {
    const auto& species = ctx.frame.params.species;
    app.add_species = std::clamp(app.add_species, 0, static_cast<int>(species.size()) - 1);
    if (ImGui::BeginCombo("new cell species", species[static_cast<std::size_t>(app.add_species)].name.c_str())) {
      for (int s = 0; s < static_cast<int>(species.size()); ++s)
        if (ImGui::Selectable(species[static_cast<std::size_t>(s)].name.c_str(), s == app.add_species))
          app.add_species = s;
      ImGui::EndCombo();
    }
  }
  ImGui::Checkbox("help overlay (h)", &app.view.help);
}

void draw_export_panel(PanelContext& ctx) {
  if (!panel_header(ctx, "Export", false)) return;
  ParticleUiState& app = ctx.app;
  ShellState& shell = ctx.shell;
  input_text("folder", shell.exports.folder);
  tooltip("Everything exported from the window goes into this folder, each file under a new numbered name "
          "(nothing is overwritten).");
  if (ImGui::Button("Screenshot (s)")) shell.screenshot_requested = true;
  tooltip("The window as shown, panels included, as a PNG.");
  ImGui::SameLine();
  if (ImGui::Button(shell.recording ? "Stop recording" : "Record")) shell.record_toggle_requested = true;
  tooltip("Record every displayed frame: a numbered PNG sequence, or an MP4 when the box below is ticked.");
  if (shell.recording) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(1, 0.3f, 0.3f, 1), "REC %lld", static_cast<long long>(shell.recorded_frames));
  }
  ImGui::BeginDisabled(shell.recording || !ffmpeg_available());
  ImGui::Checkbox("record MP4", &shell.exports.mp4);
  ImGui::EndDisabled();
  if (!ffmpeg_available()) tooltip("ffmpeg was not found on PATH: recordings are PNG sequences.");
  if (ImGui::Button("Voxel grid (.vti)")) app.export_voxels_requested = true;
  tooltip("The label grid of the last fit as VTK image data (ParaView): -1 = medium, -2 = outside the domain.");
  ImGui::SameLine();
  if (ImGui::Button("Cells (.csv)")) app.export_cells_requested = true;
  tooltip("One row per cell: id, species, position, target and measured volume, axis, aspect ratio.");
  ImGui::SameLine();
  if (ImGui::Button("Scene file")) app.export_scene_requested = true;
  tooltip("The current state as a scene file: `tessera run --scene-file` continues from it.");
}

void draw_help_overlay(PanelContext& ctx) {
  if (!ctx.app.view.help) return;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.9f);
  ImGui::Begin("Help", &ctx.app.view.help, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
  ImGui::TextUnformatted("Keyboard (when no text field has focus)");
  ImGui::BulletText("space   run / pause");
  ImGui::BulletText(".       one step (while paused)");
  ImGui::BulletText("r       reset the scene");
  ImGui::BulletText("s       screenshot into the export folder");
  ImGui::BulletText("h       this help");
  ImGui::Separator();
  ImGui::TextUnformatted("Mouse in the view (tool chosen in the View panel)");
  ImGui::BulletText("select / drag: click a cell to see its numbers, drag it to move its seed");
  ImGui::BulletText("add cell: click to add a cell of the chosen species");
  ImGui::BulletText("delete cell: click a cell to remove it");
  ImGui::BulletText("paint / erase wall (2D): drag a brush over the domain");
  ImGui::BulletText("right click: delete the cell under the mouse");
  ImGui::BulletText("3D volume: left drag turns, right drag pans, the wheel zooms, a click selects");
  ImGui::Separator();
  ImGui::TextUnformatted("Sliders take effect on the next step. Hover any control for its meaning and units.");
  ImGui::End();
}

}  // namespace tessera
