#pragma once
// A small fixed-size vector for positions and displacements (2D uses x, y; z = 0).
// Host-device, so kernels and host code share it.
#include <cmath>

#include "engine/host_device.h"

namespace tessera {

struct Vec3 {
  double x = 0, y = 0, z = 0;

  TESSERA_HD double& operator[](int k) { return k == 0 ? x : (k == 1 ? y : z); }
  TESSERA_HD double operator[](int k) const { return k == 0 ? x : (k == 1 ? y : z); }
  TESSERA_HD Vec3& operator+=(const Vec3& o) { x += o.x; y += o.y; z += o.z; return *this; }
  TESSERA_HD Vec3& operator-=(const Vec3& o) { x -= o.x; y -= o.y; z -= o.z; return *this; }
  TESSERA_HD Vec3& operator*=(double s) { x *= s; y *= s; z *= s; return *this; }
};

TESSERA_HD inline Vec3 operator+(Vec3 a, const Vec3& b) { return a += b; }
TESSERA_HD inline Vec3 operator-(Vec3 a, const Vec3& b) { return a -= b; }
TESSERA_HD inline Vec3 operator-(const Vec3& a) { return {-a.x, -a.y, -a.z}; }
TESSERA_HD inline Vec3 operator*(Vec3 a, double s) { return a *= s; }
TESSERA_HD inline Vec3 operator*(double s, Vec3 a) { return a *= s; }
TESSERA_HD inline double dot(const Vec3& a, const Vec3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
TESSERA_HD inline double norm2(const Vec3& a) { return dot(a, a); }
TESSERA_HD inline double norm(const Vec3& a) { return ::sqrt(dot(a, a)); }
TESSERA_HD inline Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

}  // namespace tessera
