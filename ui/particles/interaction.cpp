#include "ui/particles/interaction.h"

#include <imgui.h>

#include "render/volume_picking.h"

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

// The cell (by index) under a framebuffer point of the 2D view, if any.
std::optional<int> cell_under(const FrameData& frame, const PixelRect& rect, const SlicePlane& plane,
                              FramebufferPoint point) {
  // Labels that no longer describe the cells (events after the fit removed or added
  // some) would name the wrong cell.
  if (frame.counts.empty()) return std::nullopt;
  const std::int64_t index = framebuffer_to_index(point, rect, frame.grid, plane);
  if (index < 0 || index >= static_cast<std::int64_t>(frame.labels.size())) return std::nullopt;
  const std::int32_t label = frame.labels[static_cast<std::size_t>(index)];
  if (label < 0 || label >= frame.cells.size()) return std::nullopt;
  return label;
}

void camera_moves(OrbitCamera& camera, const PixelRect& rect) {
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsMouseDragging(0)) camera.rotate(io.MouseDelta.x, io.MouseDelta.y);
  if (ImGui::IsMouseDragging(1))
    camera.pan(io.MouseDelta.x * io.DisplayFramebufferScale.x, io.MouseDelta.y * io.DisplayFramebufferScale.y,
               rect.height);
  if (io.MouseWheel != 0.0f) camera.zoom(io.MouseWheel);
}

void shortcuts(ParticleUiState& app, ShellState& shell, IntentQueue& intents) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantCaptureKeyboard || io.WantTextInput) return;
  for (int k = 0; k < io.InputQueueCharacters.Size; ++k) {
    switch (io.InputQueueCharacters[k]) {
      case ' ': intents.push(intent::TogglePause{}); break;
      case '.': if (shell.play.paused) intents.push(intent::StepOnce{}); break;
      case 'r': intents.push(intent::Reset{}); break;
      case 's': shell.screenshot_requested = true; break;
      case 'h': app.view.help = !app.view.help; break;
      default: break;
    }
  }
}

}  // namespace

void ViewInteraction::paint(const Vec3& p, const FrameData& frame, const ParticleUiState& app, IntentQueue& intents) {
  if (frame.grid.dim != 2) return;
  intents.push(intent::PaintWall{WallStroke{p, app.brush_radius, app.tool == Tool::PaintWall}});
  m_last_stroke = p;
  m_stroke_pending = frame.version;
}

void ViewInteraction::handle(const FrameData& frame, SceneView& view, const PixelRect& rect, ParticleUiState& app,
                             ShellState& shell, IntentQueue& intents) {
  shortcuts(app, shell, intents);
  const ImGuiIO& io = ImGui::GetIO();
  if (!ImGui::IsMouseDown(0)) app.dragging.reset();
  if (app.dragging && std::find(frame.cells.id.begin(), frame.cells.id.end(), *app.dragging) == frame.cells.id.end())
    app.dragging.reset();  // the cell left (exit, burst): stop dragging it
  if (io.WantCaptureMouse) return;
  // ImGui's mouse position is in screen coordinates from the top-left corner.
  const FramebufferPoint point = cursor_to_framebuffer(io.MousePos.x, io.MousePos.y, static_cast<int>(io.DisplaySize.x),
                                                       static_cast<int>(io.DisplaySize.y),
                                                       static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
                                                       static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
  if (view.showing_volume()) {
    if (rect_contains(rect, point) || ImGui::IsMouseDragging(0) || ImGui::IsMouseDragging(1)) camera_moves(view.camera(), rect);
    // A click without a drag selects the cell under the mouse (right click deletes it).
    const bool click = ImGui::IsMouseReleased(0) && ImGui::GetMouseDragDelta(0, 0.0f).x == 0.0f &&
                       ImGui::GetMouseDragDelta(0, 0.0f).y == 0.0f;
    const bool right_click = ImGui::IsMouseReleased(1) && ImGui::GetMouseDragDelta(1, 0.0f).x == 0.0f &&
                             ImGui::GetMouseDragDelta(1, 0.0f).y == 0.0f;  // not the end of a pan
    if ((click || right_click) && rect_contains(rect, point) && !frame.counts.empty()) {
      const ClipPlane& c = app.view.clip;
      const std::int64_t idx = pick_voxel(view.camera().ray_through(point, rect), frame.grid, frame.labels,
                                          PickClip{c.enabled, c.axis, c.position, c.flip});
      const std::int32_t label = idx >= 0 ? frame.labels[static_cast<std::size_t>(idx)] : -1;
      if (label >= 0 && label < frame.cells.size()) {
        const std::uint64_t id = frame.cells.id[static_cast<std::size_t>(label)];
        if (right_click) intents.push(intent::RemoveCell{id});
        else app.selected = id;
      } else if (click) {
        app.selected.reset();
      }
    }
    return;
  }
  const bool inside = rect_contains(rect, point);
  if (!inside && !app.dragging) return;
  const Vec3 p = framebuffer_to_box(point, rect, frame.grid, view.plane());
  const std::optional<int> cell = inside ? cell_under(frame, rect, view.plane(), point) : std::nullopt;
  if (cell && !app.dragging && app.tool == Tool::Select) {  // what is under the mouse
    const std::size_t k = static_cast<std::size_t>(*cell);
    const SpeciesParams& species = frame.params.species[static_cast<std::size_t>(frame.cells.species[k])];
    ImGui::SetTooltip("cell %llu (%s)\nvolume error %+.2f %%", static_cast<unsigned long long>(frame.cells.id[k]),
                      species.name.c_str(), 100.0 * relative_volume_error(frame, *cell));
  }

  if (ImGui::IsMouseClicked(1) && cell) {  // right click deletes, whatever the tool
    intents.push(intent::RemoveCell{frame.cells.id[static_cast<std::size_t>(*cell)]});
    return;
  }
  if (ImGui::IsMouseClicked(0)) {
    switch (app.tool) {
      case Tool::Select:
        if (cell) {
          app.selected = frame.cells.id[static_cast<std::size_t>(*cell)];
          app.dragging = app.selected;
          m_move_pending.reset();
        } else {
          app.selected.reset();
        }
        break;
      case Tool::AddCell:
        intents.push(intent::AddCell{p, app.add_species});
        break;
      case Tool::DeleteCell:
        if (cell) intents.push(intent::RemoveCell{frame.cells.id[static_cast<std::size_t>(*cell)]});
        break;
      case Tool::PaintWall:
      case Tool::EraseWall:
        paint(p, frame, app, intents);
        break;
    }
    return;
  }
  const bool painting = app.tool == Tool::PaintWall || app.tool == Tool::EraseWall;
  if (painting && ImGui::IsMouseDown(0)) {
    // Strokes at least half a brush apart, one pending at a time.
    const Vec3 d = p - m_last_stroke;
    if (inside && std::sqrt(d.x * d.x + d.y * d.y) >= 0.5 * app.brush_radius && m_stroke_pending != frame.version)
      paint(p, frame, app, intents);
    return;
  }
  // Dragging: a new move only once the last one was applied (the frame's version moved
  // on), so moves never pile up behind a slow step.
  if (app.dragging && ImGui::IsMouseDragging(0, 1.0f) && m_move_pending != frame.version) {
    intents.push(intent::MoveCell{*app.dragging, p});
    m_move_pending = frame.version;
  }
}

}  // namespace tessera
