#pragma once
// Small RAII wrappers over OpenGL 4.5 core objects (direct state access).
//
// Lifetime: every object here must be created and destroyed while the OpenGL
// context it belongs to is current; declare them after the window that owns the
// context so they are destroyed first. Errors (compile/link failures, GL errors)
// are thrown as tessera::Error with the GL message on one line.
#include <epoxy/gl.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace tessera::gl {

// A move-only GL object name; Traits::destroy(id) releases it.
template <class Traits>
class Object {
 public:
  Object() : m_id(Traits::create()) {}
  ~Object() {
    if (m_id != 0) Traits::destroy(m_id);
  }
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  Object(Object&& other) noexcept : m_id(std::exchange(other.m_id, 0)) {}
  Object& operator=(Object&& other) noexcept {
    if (this != &other) {
      if (m_id != 0) Traits::destroy(m_id);
      m_id = std::exchange(other.m_id, 0);
    }
    return *this;
  }
  GLuint id() const { return m_id; }

 private:
  GLuint m_id = 0;
};

struct BufferTraits {
  static GLuint create();
  static void destroy(GLuint id);
};
struct VertexArrayTraits {
  static GLuint create();
  static void destroy(GLuint id);
};

using Buffer = Object<BufferTraits>;
using VertexArray = Object<VertexArrayTraits>;

// A 2D texture with immutable storage of one mip level and nearest filtering
// (integer formats such as GL_R32I are incomplete under linear filtering).
class Texture2D {
 public:
  Texture2D() = default;
  Texture2D(GLenum internal_format, int width, int height);  // width, height >= 1
  ~Texture2D();
  Texture2D(const Texture2D&) = delete;
  Texture2D& operator=(const Texture2D&) = delete;
  Texture2D(Texture2D&& other) noexcept;
  Texture2D& operator=(Texture2D&& other) noexcept;

  GLuint id() const { return m_id; }
  int width() const { return m_width; }
  int height() const { return m_height; }

 private:
  GLuint m_id = 0;
  int m_width = 0;
  int m_height = 0;
};

// A 3D texture with immutable storage of one mip level and nearest filtering, for
// label volumes (texel (i, j, k) = voxel (i, j, k), x fastest as engine/grid.h stores).
class Texture3D {
 public:
  Texture3D() = default;
  Texture3D(GLenum internal_format, int width, int height, int depth);  // each >= 1
  ~Texture3D();
  Texture3D(const Texture3D&) = delete;
  Texture3D& operator=(const Texture3D&) = delete;
  Texture3D(Texture3D&& other) noexcept;
  Texture3D& operator=(Texture3D&& other) noexcept;

  GLuint id() const { return m_id; }
  int width() const { return m_width; }
  int height() const { return m_height; }
  int depth() const { return m_depth; }

 private:
  GLuint m_id = 0;
  int m_width = 0;
  int m_height = 0;
  int m_depth = 0;
};

// One stage of a program: its GL type, a name for messages and the full source.
struct ShaderStage {
  GLenum type;  // GL_VERTEX_SHADER, GL_FRAGMENT_SHADER, ...
  std::string name;
  std::string source;
};

// A linked shader program. Throws tessera::Error naming the stage and carrying
// the driver's log when a stage does not compile or the program does not link.
class ShaderProgram {
 public:
  ShaderProgram(std::string name, std::initializer_list<ShaderStage> stages);
  ~ShaderProgram();
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;
  ShaderProgram(ShaderProgram&& other) noexcept;
  ShaderProgram& operator=(ShaderProgram&& other) noexcept;

  GLuint id() const { return m_id; }
  const std::string& name() const { return m_name; }
  // Location of an active uniform; throws tessera::Error when the program has none
  // by that name (a typo or a uniform the compiler removed as unused).
  GLint uniform(const char* uniform_name) const;

 private:
  GLuint m_id = 0;
  std::string m_name;
};

// `source` with each include inserted right after its `#version` line, followed by
// a `#line` directive so the driver's messages keep the file's own line numbers.
std::string with_includes(std::string_view source, std::initializer_list<std::string_view> includes);

// Throws tessera::Error naming `where` when glGetError reports an error.
void check_errors(std::string_view where);

// GL_VERSION and GL_RENDERER of the current context, e.g. "4.5 (Core Profile) Mesa 22.3.6, llvmpipe".
std::string context_description();

}  // namespace tessera::gl
