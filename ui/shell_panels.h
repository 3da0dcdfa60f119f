#pragma once
// ImGui pieces every workbench shares: the side column, the mode picker at its top,
// collapsing panel headers that honour --open, and tooltips.
#include <string_view>

#include "ui/workbench.h"

namespace tessera {

// Opens the side column (left edge, full height) and draws the mode picker; returns the
// column's width in framebuffer pixels. Close it with end_side_column().
float begin_side_column(ShellContext& ctx, std::string_view current_mode);
void end_side_column();

// A panel's collapsing header; opens at start when the panel is in shell.open_panels
// (`--open`), else when `default_open`.
bool panel_header(ShellState& shell, const char* name, bool default_open);

// ImGui tooltip on the last item: `text` states units and meaning.
void tooltip(const char* text);

}  // namespace tessera
