#pragma once
// Frame capture: the pixels of the currently bound read framebuffer as an image.
#include "engine/image_io.h"

namespace tessera {

// Reads the bottom-left width x height pixels of the current read framebuffer (the
// back buffer of a double-buffered window: call it before swapping) and returns them
// top row first, as PNG files store them. Alpha is set to 255: a screenshot is opaque
// whatever the window's alpha channel holds. Needs a current GL context.
Image read_framebuffer(int width, int height);

}  // namespace tessera
