#pragma once
// The negative label codes of a label grid, shared by the simulation (which writes
// them) and the renderer (which colours them). Cells are labels >= 0.
#include <cstdint>

namespace tessera {

inline constexpr std::int32_t kVoidLabel = -1;     // a kept pixel of the void / medium
inline constexpr std::int32_t kOutsideLabel = -2;  // a pixel outside the domain mask

}  // namespace tessera
