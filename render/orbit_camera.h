#pragma once
// An orbit camera for the 3D view, without OpenGL: it circles a target point of the
// box, z up. World coordinates are box units (the grid box [0, L_0] x [0, L_1] x
// [0, L_2]); angles are radians; framebuffer pixels have their origin bottom-left.
//
// The eye sits at target + distance * (cos(pitch) cos(yaw), cos(pitch) sin(yaw),
// sin(pitch)). The camera is app state (it lives in the app, not in the simulation);
// the volume view only reads it.
#include <glm/glm.hpp>

#include "engine/grid.h"
#include "render/picking.h"

namespace tessera {

struct Ray {
  glm::vec3 origin{0.0f};     // box units
  glm::vec3 direction{0.0f};  // unit length
};

class OrbitCamera {
 public:
  static constexpr float kMaxPitch = 1.5533430f;  // 89 degrees: the view never flips over the pole
  static constexpr float kRadiansPerPixel = 0.008f;
  static constexpr float kZoomPerStep = 0.9f;  // distance factor per scroll step (wheel notch)

  // Looks at the centre of the unit cube from a three-quarter view.
  OrbitCamera();

  // Centres on `grid`'s box and sets the distance (and its clamp range) so the whole
  // box fits the vertical field of view; yaw and pitch are kept.
  void frame(const Grid& grid);

  // Mouse drag by (dx, dy) window pixels, dy > 0 downward (GLFW's convention): the
  // box turns with the cursor, so the eye moves the other way; pitch stays within
  // +-kMaxPitch.
  void rotate(double dx, double dy);
  // Scroll by `steps` notches; > 0 moves closer. The distance stays in
  // [min_distance, max_distance].
  void zoom(double steps);
  // Moves the target in the view plane so the point under the cursor follows a drag of
  // (dx, dy) window pixels (dy > 0 downward) in a viewport `viewport_height` pixels tall.
  void pan(double dx, double dy, int viewport_height);

  void set_target(const glm::vec3& target) { m_target = target; }
  // Pitch clamped to +-kMaxPitch; yaw wrapped into (-pi, pi].
  void set_angles(float yaw, float pitch);
  // Clamped to [min_distance, max_distance].
  void set_distance(float distance);
  // 0 < min_distance <= max_distance, else tessera::Error; the distance is re-clamped.
  void set_distance_range(float min_distance, float max_distance);
  // Vertical field of view, clamped to [0.1, 2.5] rad.
  void set_fovy(float fovy);

  const glm::vec3& target() const { return m_target; }
  float yaw() const { return m_yaw; }
  float pitch() const { return m_pitch; }
  float distance() const { return m_distance; }
  float min_distance() const { return m_min_distance; }
  float max_distance() const { return m_max_distance; }
  float fovy() const { return m_fovy; }

  glm::vec3 eye() const;
  glm::vec3 forward() const;  // unit vector from the eye to the target
  glm::vec3 right() const;    // unit, horizontal, to the right on screen
  glm::vec3 up() const;       // unit, up on screen: right() x forward()

  glm::mat4 view() const;
  // Perspective projection for a viewport of the given aspect (width / height > 0);
  // near and far planes follow the distance so the box stays inside the depth range.
  glm::mat4 projection(float aspect) const;

  // The ray from the eye through framebuffer point p of `viewport`.
  Ray ray_through(FramebufferPoint p, const PixelRect& viewport) const;

 private:
  glm::vec3 m_target{0.5f, 0.5f, 0.5f};
  float m_yaw = -1.1f;    // eye in front (-y) and to the right (+x) of the target
  float m_pitch = 0.45f;  // about 26 degrees above the horizon
  float m_distance = 2.6f;
  float m_min_distance = 0.05f, m_max_distance = 50.0f;
  float m_fovy = 0.7f;  // about 40 degrees
};

}  // namespace tessera
