#pragma once
// Mouse picking for the 2D label view, without OpenGL: framebuffer pixels to box
// coordinates and grid pixels, and back, so the app can select and drag cells.
//
// Framebuffer coordinates are continuous pixels with the origin at the bottom-left
// corner (the GL convention): pixel (i, j) covers [i, i + 1) x [j, j + 1). GLFW's
// cursor positions are screen coordinates from the top-left corner; convert them
// with cursor_to_framebuffer first. `rect` is the PixelRect LabelView2D::draw
// returned, `plane` the view's slice (LabelView2D::plane(); slice_plane(grid) in 2D).
#include <cstdint>

#include "engine/grid.h"
#include "engine/vec.h"
#include "render/label_slice.h"

namespace tessera {

// A rectangle of framebuffer pixels, origin at the bottom-left corner (GL convention).
struct PixelRect {
  int x = 0, y = 0;
  int width = 0, height = 0;
};

struct FramebufferPoint {
  double x = 0, y = 0;  // framebuffer pixels, origin bottom-left
};

// A cursor position (screen coordinates, origin top-left, as glfwGetCursorPos gives)
// in framebuffer pixels: scaled by framebuffer / window size (HiDPI) and flipped.
FramebufferPoint cursor_to_framebuffer(double cursor_x, double cursor_y, int window_width, int window_height,
                                       int fb_width, int fb_height);

// True when the point lies inside the rectangle.
bool rect_contains(const PixelRect& rect, FramebufferPoint p);

// The box position under a framebuffer point: its two in-plane coordinates from the
// point, the third the slice's centre (0 in 2D). Not clamped: points beyond the rect
// give positions beyond the box (useful while dragging past an edge).
Vec3 framebuffer_to_box(FramebufferPoint p, const PixelRect& rect, const Grid& grid, const SlicePlane& plane);

// Where a box position appears: the inverse of framebuffer_to_box (the coordinate
// along the slice normal is ignored). Positions beyond the box map beyond the rect.
FramebufferPoint box_to_framebuffer(const Vec3& position, const PixelRect& rect, const Grid& grid,
                                    const SlicePlane& plane);

// The flat grid index (engine/grid.h) of the pixel or voxel under a framebuffer
// point, or -1 outside the rect (so labels[index] is the picked label).
std::int64_t framebuffer_to_index(FramebufferPoint p, const PixelRect& rect, const Grid& grid, const SlicePlane& plane);

}  // namespace tessera
