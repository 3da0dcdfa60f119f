#pragma once
// The windowed application: GLFW window, OpenGL 4.5 core, ImGui panels, the
// label view. Returns the process exit code; throws tessera::Error when no
// window can be opened (no display, no OpenGL 4.5).
#include "ui/cli.h"

namespace tessera {

int run_app(const SimOptions& sim, const AppOptions& app);

}  // namespace tessera
