#pragma once
// A 5 x 7 pixel bitmap font for the report plots (engine/plot_image.h), so they need no font
// files: digits, A-Z (lower case is drawn as upper case), space and . , - + ( ) : / _ = % < >
// ' * [ ] |. Unknown characters draw as a hollow box. Glyphs advance 6 pixels (times scale).
#include <string_view>

#include "engine/colormap.h"
#include "engine/image_io.h"

namespace tessera {

inline constexpr int kGlyphWidth = 5;
inline constexpr int kGlyphHeight = 7;
inline constexpr int kGlyphAdvance = 6;

// Width and height in pixels of `text` drawn at `scale`.
int text_width(std::string_view text, int scale = 1);
inline int text_height(int scale = 1) { return kGlyphHeight * scale; }

// Draws `text` with its top-left corner at (x, y); pixels outside the image are skipped.
void draw_text(Image& image, int x, int y, std::string_view text, Rgb8 color, int scale = 1);
// The same turned 90 degrees counter-clockwise (reading bottom to top), its bounding box's
// top-left at (x, y): width text_height, height text_width.
void draw_text_vertical(Image& image, int x, int y, std::string_view text, Rgb8 color, int scale = 1);

}  // namespace tessera
