#pragma once
// GLSL sources embedded into the binary at build time (shaders/embed_shaders.cmake),
// so the program needs no shader files at run time and runs from any directory.
#include <string_view>

namespace tessera {

// The text of shaders/<name> (e.g. "label_view.frag"), valid for the whole program
// run. Throws tessera::Error listing the known names when there is none by that name.
std::string_view shader_source(std::string_view name);

}  // namespace tessera
