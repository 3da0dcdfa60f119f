#include "ui/shell_panels.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "ui/workbenches.h"

namespace tessera {

namespace {
constexpr float kSideWidth = 420.0f;  // screen units, scaled by the font scale on HiDPI
}  // namespace

void tooltip(const char* text) {
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

bool panel_header(ShellState& shell, const char* name, bool default_open) {
  std::string key(name);
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (shell.open_panels.count(key) > 0) ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  return ImGui::CollapsingHeader(name, default_open ? ImGuiTreeNodeFlags_DefaultOpen : 0);
}

float begin_side_column(ShellContext& ctx, std::string_view current_mode) {
  const ImGuiIO& io = ImGui::GetIO();
  const float width = std::min(kSideWidth * io.FontGlobalScale, io.DisplaySize.x * 0.5f);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, io.DisplaySize.y));
  ImGui::Begin("Tessera", nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoTitleBar);
  // Widgets take half the column; their labels the rest.
  ImGui::PushItemWidth(width * 0.48f);
  // The mode switch: another mode's default model is built on the worker and swapped in.
  const std::string current(current_mode);
  if (ImGui::BeginCombo("mode", current.c_str())) {
    for (const WorkbenchDef& def : workbench_registry()) {
      if (ImGui::Selectable(std::string(def.mode).c_str(), def.mode == current_mode) && def.mode != current_mode)
        ctx.shell.requested_mode = std::string(def.mode);
      if (ImGui::IsItemHovered()) tooltip(std::string(def.description).c_str());
    }
    ImGui::EndCombo();
  }
  tooltip("What Tessera simulates: each mode has its own scenes, panels and view.");
  return width * io.DisplayFramebufferScale.x;
}

void end_side_column() {
  ImGui::PopItemWidth();
  ImGui::End();
}

}  // namespace tessera
