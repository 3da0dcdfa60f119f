#include "ui/interaction.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/view_mapping.h"

namespace tessera {

namespace {

// The cell (by index) under the mouse, if any.
std::optional<int> cell_under(const FrameData& frame, const Vec3& p) {
  const std::optional<std::int32_t> label = label_at(frame.grid, frame.labels, p);
  if (!label || *label < 0 || *label >= frame.cells.size()) return std::nullopt;
  return *label;
}

void shortcuts(AppState& app, IntentQueue& intents) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantCaptureKeyboard || io.WantTextInput) return;
  for (int k = 0; k < io.InputQueueCharacters.Size; ++k) {
    switch (io.InputQueueCharacters[k]) {
      case ' ': intents.push(intent::TogglePause{}); break;
      case '.': if (app.play.paused) intents.push(intent::StepOnce{}); break;
      case 'r': intents.push(intent::Reset{}); break;
      case 's': app.screenshot_requested = true; break;
      case 'h': app.view.help = !app.view.help; break;
      default: break;
    }
  }
}

}  // namespace

void ViewInteraction::paint(const Vec3& p, const FrameData& frame, const AppState& app, IntentQueue& intents) {
  if (frame.grid.dim != 2) return;
  intents.push(intent::PaintWall{WallStroke{p, app.brush_radius, app.tool == Tool::PaintWall}});
  m_last_stroke = p;
  m_stroke_pending = frame.version;
}

void ViewInteraction::handle(GLFWwindow*, const FrameData& frame, const PixelRect& view, AppState& app,
                             IntentQueue& intents) {
  shortcuts(app, intents);
  const ImGuiIO& io = ImGui::GetIO();
  if (!ImGui::IsMouseDown(0)) app.dragging.reset();
  if (io.WantCaptureMouse) return;
  // ImGui's mouse position is in screen coordinates from the top-left corner.
  const double px = io.MousePos.x * io.DisplayFramebufferScale.x;
  const double py = (io.DisplaySize.y - io.MousePos.y) * io.DisplayFramebufferScale.y;
  const double slice_z = frame.grid.dim == 3 ? 0.5 * frame.grid.length[2] : 0.0;  // the view shows the middle slice
  const std::optional<Vec3> p = view_to_box(ViewRect{view.x, view.y, view.width, view.height}, frame.grid, px, py, slice_z);
  if (!p) return;
  const std::optional<int> cell = cell_under(frame, *p);

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
        intents.push(intent::AddCell{*p, app.add_species});
        break;
      case Tool::DeleteCell:
        if (cell) intents.push(intent::RemoveCell{frame.cells.id[static_cast<std::size_t>(*cell)]});
        break;
      case Tool::PaintWall:
      case Tool::EraseWall:
        paint(*p, frame, app, intents);
        break;
    }
    return;
  }
  const bool painting = app.tool == Tool::PaintWall || app.tool == Tool::EraseWall;
  if (painting && ImGui::IsMouseDown(0)) {
    // Strokes at least half a brush apart, one pending at a time.
    const Vec3 d = *p - m_last_stroke;
    if (std::sqrt(d.x * d.x + d.y * d.y) >= 0.5 * app.brush_radius && m_stroke_pending != frame.version)
      paint(*p, frame, app, intents);
    return;
  }
  // Dragging: a new move only once the last one was applied (the frame's version moved
  // on), so moves never pile up behind a slow step.
  if (app.dragging && ImGui::IsMouseDragging(0, 1.0f) && m_move_pending != frame.version) {
    intents.push(intent::MoveCell{*app.dragging, *p});
    m_move_pending = frame.version;
  }
}

}  // namespace tessera
