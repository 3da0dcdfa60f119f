#include "render/gl.h"

#include <algorithm>
#include <vector>

#include "engine/error.h"

namespace tessera::gl {

namespace {

// Driver logs are multi-line; errors are reported on one line.
std::string one_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0' || text.back() == ' ')) text.pop_back();
  std::string out;
  for (char c : text) {
    if (c == '\n')
      out += " | ";
    else
      out += c;
  }
  return out;
}

std::string shader_log(GLuint shader) {
  GLint length = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
  glGetShaderInfoLog(shader, length, nullptr, log.data());
  return one_line(log);
}

std::string program_log(GLuint program) {
  GLint length = 0;
  glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
  glGetProgramInfoLog(program, length, nullptr, log.data());
  return one_line(log);
}

std::string_view error_name(GLenum error) {
  switch (error) {
    case GL_INVALID_ENUM:
      return "GL_INVALID_ENUM";
    case GL_INVALID_VALUE:
      return "GL_INVALID_VALUE";
    case GL_INVALID_OPERATION:
      return "GL_INVALID_OPERATION";
    case GL_INVALID_FRAMEBUFFER_OPERATION:
      return "GL_INVALID_FRAMEBUFFER_OPERATION";
    case GL_OUT_OF_MEMORY:
      return "GL_OUT_OF_MEMORY";
    case GL_STACK_UNDERFLOW:
      return "GL_STACK_UNDERFLOW";
    case GL_STACK_OVERFLOW:
      return "GL_STACK_OVERFLOW";
    default:
      return "unknown GL error";
  }
}

}  // namespace

GLuint BufferTraits::create() {
  GLuint id = 0;
  glCreateBuffers(1, &id);
  return id;
}
void BufferTraits::destroy(GLuint id) {
  glDeleteBuffers(1, &id);
}

GLuint VertexArrayTraits::create() {
  GLuint id = 0;
  glCreateVertexArrays(1, &id);
  return id;
}
void VertexArrayTraits::destroy(GLuint id) {
  glDeleteVertexArrays(1, &id);
}

Texture2D::Texture2D(GLenum internal_format, int width, int height) : m_width(width), m_height(height) {
  TESSERA_REQUIRE(width >= 1 && height >= 1, "texture size must be at least 1 x 1");
  GLint max_size = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
  TESSERA_REQUIRE(width <= max_size && height <= max_size,
                  "a " + std::to_string(width) + " x " + std::to_string(height) +
                      " texture exceeds this GPU's limit of " + std::to_string(max_size) + " per side");
  glCreateTextures(GL_TEXTURE_2D, 1, &m_id);
  glTextureStorage2D(m_id, 1, internal_format, width, height);
  glTextureParameteri(m_id, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTextureParameteri(m_id, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTextureParameteri(m_id, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTextureParameteri(m_id, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

Texture2D::~Texture2D() {
  if (m_id != 0) glDeleteTextures(1, &m_id);
}

Texture2D::Texture2D(Texture2D&& other) noexcept
    : m_id(std::exchange(other.m_id, 0)),
      m_width(std::exchange(other.m_width, 0)),
      m_height(std::exchange(other.m_height, 0)) {}

Texture2D& Texture2D::operator=(Texture2D&& other) noexcept {
  if (this != &other) {
    if (m_id != 0) glDeleteTextures(1, &m_id);
    m_id = std::exchange(other.m_id, 0);
    m_width = std::exchange(other.m_width, 0);
    m_height = std::exchange(other.m_height, 0);
  }
  return *this;
}

Texture3D::Texture3D(GLenum internal_format, int width, int height, int depth)
    : m_width(width), m_height(height), m_depth(depth) {
  TESSERA_REQUIRE(width >= 1 && height >= 1 && depth >= 1, "3D texture size must be at least 1 x 1 x 1");
  GLint max_size = 0;
  glGetIntegerv(GL_MAX_3D_TEXTURE_SIZE, &max_size);
  TESSERA_REQUIRE(width <= max_size && height <= max_size && depth <= max_size,
                  "a " + std::to_string(width) + " x " + std::to_string(height) + " x " + std::to_string(depth) +
                      " texture exceeds this GPU's limit of " + std::to_string(max_size) + " per side");
  glCreateTextures(GL_TEXTURE_3D, 1, &m_id);
  glTextureStorage3D(m_id, 1, internal_format, width, height, depth);
  glTextureParameteri(m_id, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTextureParameteri(m_id, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTextureParameteri(m_id, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTextureParameteri(m_id, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTextureParameteri(m_id, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
}

Texture3D::~Texture3D() {
  if (m_id != 0) glDeleteTextures(1, &m_id);
}

Texture3D::Texture3D(Texture3D&& other) noexcept
    : m_id(std::exchange(other.m_id, 0)),
      m_width(std::exchange(other.m_width, 0)),
      m_height(std::exchange(other.m_height, 0)),
      m_depth(std::exchange(other.m_depth, 0)) {}

Texture3D& Texture3D::operator=(Texture3D&& other) noexcept {
  if (this != &other) {
    if (m_id != 0) glDeleteTextures(1, &m_id);
    m_id = std::exchange(other.m_id, 0);
    m_width = std::exchange(other.m_width, 0);
    m_height = std::exchange(other.m_height, 0);
    m_depth = std::exchange(other.m_depth, 0);
  }
  return *this;
}

ShaderProgram::ShaderProgram(std::string name, std::initializer_list<ShaderStage> stages) : m_name(std::move(name)) {
  std::vector<GLuint> shaders;
  auto release_shaders = [&] {
    for (GLuint s : shaders) glDeleteShader(s);
  };
  for (const ShaderStage& stage : stages) {
    const GLuint shader = glCreateShader(stage.type);
    shaders.push_back(shader);
    const char* text = stage.source.c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
      const std::string log = shader_log(shader);
      release_shaders();
      throw_error("shader " + stage.name + " (program " + m_name + ") does not compile: " + log);
    }
  }

  m_id = glCreateProgram();
  for (GLuint s : shaders) glAttachShader(m_id, s);
  glLinkProgram(m_id);
  // Linked programs keep their code; the shader objects are no longer needed.
  for (GLuint s : shaders) glDetachShader(m_id, s);
  release_shaders();
  GLint ok = GL_FALSE;
  glGetProgramiv(m_id, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    const std::string log = program_log(m_id);
    glDeleteProgram(m_id);
    m_id = 0;
    throw_error("shader program " + m_name + " does not link: " + log);
  }
}

ShaderProgram::~ShaderProgram() {
  if (m_id != 0) glDeleteProgram(m_id);
}

ShaderProgram::ShaderProgram(ShaderProgram&& other) noexcept
    : m_id(std::exchange(other.m_id, 0)), m_name(std::move(other.m_name)) {}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& other) noexcept {
  if (this != &other) {
    if (m_id != 0) glDeleteProgram(m_id);
    m_id = std::exchange(other.m_id, 0);
    m_name = std::move(other.m_name);
  }
  return *this;
}

GLint ShaderProgram::uniform(const char* uniform_name) const {
  const GLint location = glGetUniformLocation(m_id, uniform_name);
  TESSERA_REQUIRE(location >= 0, "shader program " + m_name + " has no active uniform '" + uniform_name + "'");
  return location;
}

std::string with_includes(std::string_view source, std::initializer_list<std::string_view> includes) {
  TESSERA_REQUIRE(source.starts_with("#version"), "a shader with includes must start with its #version line");
  const std::size_t end_of_version = source.find('\n');
  TESSERA_REQUIRE(end_of_version != std::string_view::npos, "a shader must have more than its #version line");
  std::string out(source.substr(0, end_of_version + 1));
  for (std::string_view text : includes) {
    out += text;
    if (!text.empty() && text.back() != '\n') out += '\n';
  }
  out += "#line 2\n";  // the next line is line 2 of the original file
  out += source.substr(end_of_version + 1);
  return out;
}

void check_errors(std::string_view where) {
  std::string names;
  // Several errors can be queued; report them and leave the queue empty. The cap
  // guards against drivers that keep returning an error (e.g. a lost context).
  int n_errors = 0;
  for (GLenum error = glGetError(); error != GL_NO_ERROR && n_errors < 16; error = glGetError(), ++n_errors) {
    names += names.empty() ? "" : ", ";
    names += error_name(error);
  }
  if (!names.empty()) throw_error("OpenGL error after " + std::string(where) + ": " + names);
}

std::string context_description() {
  auto text = [](GLenum what) {
    const GLubyte* s = glGetString(what);
    return s ? std::string(reinterpret_cast<const char*>(s)) : std::string("?");
  };
  return text(GL_VERSION) + ", " + text(GL_RENDERER);
}

}  // namespace tessera::gl
