#pragma once
// Direct interaction with the view: the mouse tools (select and drag a cell, add a
// cell, delete a cell) and the keyboard shortcuts (space, ., r, s, h). Runs after the
// panels, so ImGui has decided whether it wants the mouse and the keyboard (its
// WantCaptureMouse / WantCaptureKeyboard rule); everything becomes intents or app state.
#include <cstdint>
#include <optional>

#include "render/picking.h"
#include "ui/particles/ui_state.h"
#include "ui/particles/frame_data.h"
#include "ui/particles/intents.h"
#include "ui/particles/scene_view.h"

namespace tessera {

class ViewInteraction {
 public:
  // Width of the side panel in framebuffer pixels (the view starts to its right).
  float side_panel_px() const { return m_side_px; }
  void set_side_panel_px(float px) { m_side_px = px; }

  // Call between ImGui::NewFrame and ImGui::Render. `rect` is where the view drew the
  // grid. The volume view turns the mouse into camera moves (left drag rotates, right
  // drag pans, the wheel zooms); the 2D view and slices into the tools.
  void handle(const FrameData& frame, SceneView& view, const PixelRect& rect, ParticleUiState& app, ShellState& shell,
              IntentQueue& intents);

 private:
  void paint(const Vec3& p, const FrameData& frame, const ParticleUiState& app, IntentQueue& intents);

  float m_side_px = 0.0f;
  Vec3 m_last_stroke{-1, -1, -1};
  std::optional<std::uint64_t> m_stroke_pending;  // frame version when the last stroke was sent
  std::optional<std::uint64_t> m_move_pending;  // frame version when the last drag move was sent
};

}  // namespace tessera
