#include "render/orbit_camera.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

#include "engine/error.h"

namespace tessera {

OrbitCamera::OrbitCamera() = default;

void OrbitCamera::frame(const Grid& grid) {
  const glm::vec3 size(static_cast<float>(grid.length[0]), static_cast<float>(grid.length[1]),
                       static_cast<float>(grid.dim == 3 ? grid.length[2] : 0.0));
  m_target = 0.5f * size;
  // The bounding sphere (radius half the diagonal) fits the vertical field of view,
  // with 10 % to spare.
  const float radius = 0.5f * glm::length(size);
  m_min_distance = 0.05f * radius;
  m_max_distance = 40.0f * radius;
  set_distance(1.1f * radius / std::sin(0.5f * m_fovy));
}

void OrbitCamera::rotate(double dx, double dy) {
  set_angles(m_yaw - static_cast<float>(dx) * kRadiansPerPixel, m_pitch + static_cast<float>(dy) * kRadiansPerPixel);
}

void OrbitCamera::zoom(double steps) {
  set_distance(m_distance * std::pow(kZoomPerStep, static_cast<float>(steps)));
}

void OrbitCamera::pan(double dx, double dy, int viewport_height) {
  if (viewport_height <= 0) return;
  // Box units per pixel in the plane through the target, facing the camera.
  const float scale = 2.0f * m_distance * std::tan(0.5f * m_fovy) / static_cast<float>(viewport_height);
  m_target += scale * (-static_cast<float>(dx) * right() + static_cast<float>(dy) * up());
}

void OrbitCamera::set_angles(float yaw, float pitch) {
  // Keep the yaw in (-pi, pi] so it does not grow without bound over long sessions.
  constexpr float kTwoPi = 6.28318531f;
  m_yaw = yaw - kTwoPi * std::floor((yaw + 0.5f * kTwoPi) / kTwoPi);
  m_pitch = std::clamp(pitch, -kMaxPitch, kMaxPitch);
}

void OrbitCamera::set_distance(float distance) {
  m_distance = std::clamp(distance, m_min_distance, m_max_distance);
}

void OrbitCamera::set_distance_range(float min_distance, float max_distance) {
  TESSERA_REQUIRE(min_distance > 0 && min_distance <= max_distance,
                  "orbit camera: the distance range needs 0 < min <= max");
  m_min_distance = min_distance;
  m_max_distance = max_distance;
  set_distance(m_distance);
}

void OrbitCamera::set_fovy(float fovy) {
  m_fovy = std::clamp(fovy, 0.1f, 2.5f);
}

glm::vec3 OrbitCamera::eye() const {
  return m_target - m_distance * forward();
}

glm::vec3 OrbitCamera::forward() const {
  const float c = std::cos(m_pitch);
  return -glm::vec3(c * std::cos(m_yaw), c * std::sin(m_yaw), std::sin(m_pitch));
}

glm::vec3 OrbitCamera::right() const {
  // Horizontal whatever the pitch (|pitch| < 90 degrees keeps forward off the z axis).
  return glm::vec3(-std::sin(m_yaw), std::cos(m_yaw), 0.0f);
}

glm::vec3 OrbitCamera::up() const {
  return glm::cross(right(), forward());
}

glm::mat4 OrbitCamera::view() const {
  return glm::lookAt(eye(), m_target, glm::vec3(0.0f, 0.0f, 1.0f));
}

glm::mat4 OrbitCamera::projection(float aspect) const {
  TESSERA_REQUIRE(aspect > 0 && std::isfinite(aspect), "orbit camera: the aspect ratio must be positive");
  // Depth precision hardly matters (the volume is ray-marched, not depth-tested), but
  // the planes must bracket everything between the eye and well past the box.
  return glm::perspective(m_fovy, aspect, 0.01f * m_distance, 100.0f * m_distance);
}

Ray OrbitCamera::ray_through(FramebufferPoint p, const PixelRect& viewport) const {
  Ray ray;
  ray.origin = eye();
  if (viewport.width <= 0 || viewport.height <= 0) {
    ray.direction = forward();
    return ray;
  }
  // Normalised device coordinates of the point, then the view-space direction.
  const float ndc_x = static_cast<float>(2.0 * (p.x - viewport.x) / viewport.width - 1.0);
  const float ndc_y = static_cast<float>(2.0 * (p.y - viewport.y) / viewport.height - 1.0);
  const float aspect = static_cast<float>(viewport.width) / static_cast<float>(viewport.height);
  const float half_height = std::tan(0.5f * m_fovy);
  ray.direction = glm::normalize(forward() + ndc_x * half_height * aspect * right() + ndc_y * half_height * up());
  return ray;
}

}  // namespace tessera
