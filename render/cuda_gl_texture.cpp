// CUDA-GL interop for label textures (see cuda_gl_texture.h). Only runtime API calls, no
// kernels, so this stays a .cpp: in a CUDA build the toolkit's headers come with
// CUDA::cudart_static through tessera_engine; without CUDA the same class compiles to
// an implementation whose registration always reports "built without CUDA".
#include "render/cuda_gl_texture.h"

#include <cstdio>
#include <string>
#include <utility>

#include "engine/backend.h"
#include "engine/error.h"
#include "engine/log.h"

#if TESSERA_WITH_CUDA
// libepoxy (included by the header) defines the guard of <GL/gl.h>, which cuda_gl_interop.h
// would otherwise pull in beside it.
#include <cuda_gl_interop.h>

#include "engine/cuda_check.h"
#endif

namespace tessera {

namespace {

constexpr const char* kUnavailable = "CUDA-GL interop unavailable: ";

// Reads GL state and drops any error the queries raised, so a bad name or a missing
// context never leaves an error behind for the caller's own gl::check_errors.
void drain_gl_errors() {
  while (glGetError() != GL_NO_ERROR) {
  }
}

std::string hex(unsigned value) {
  char text[16];
  std::snprintf(text, sizeof(text), "0x%X", value);
  return text;
}

// "" when `texture` is a `target` texture of internal format R32I and exactly `extent`
// texels at level 0; else what differs.
std::string check_texture(GLuint texture, GLenum target, const TextureExtent& extent) {
  if (target != GL_TEXTURE_2D && target != GL_TEXTURE_3D) return "the target must be GL_TEXTURE_2D or GL_TEXTURE_3D";
  if (extent.width < 1 || extent.height < 1 || extent.depth < 1 || (target == GL_TEXTURE_2D && extent.depth != 1))
    return "bad extent " + std::to_string(extent.width) + " x " + std::to_string(extent.height) + " x " +
           std::to_string(extent.depth) + " (sizes >= 1, depth 1 for a 2D texture)";
  if (glIsTexture == nullptr || glGetTextureParameteriv == nullptr)
    return "no OpenGL 4.5 functions are loaded (make a context current first)";
  if (texture == 0 || glIsTexture(texture) != GL_TRUE) {
    drain_gl_errors();
    return "GL name " + std::to_string(texture) + " is not a texture of the current context";
  }
  GLint actual_target = 0, format = 0, size[3] = {0, 0, 0};
  glGetTextureParameteriv(texture, GL_TEXTURE_TARGET, &actual_target);
  glGetTextureLevelParameteriv(texture, 0, GL_TEXTURE_INTERNAL_FORMAT, &format);
  glGetTextureLevelParameteriv(texture, 0, GL_TEXTURE_WIDTH, &size[0]);
  glGetTextureLevelParameteriv(texture, 0, GL_TEXTURE_HEIGHT, &size[1]);
  glGetTextureLevelParameteriv(texture, 0, GL_TEXTURE_DEPTH, &size[2]);
  drain_gl_errors();
  if (static_cast<GLenum>(actual_target) != target)
    return "texture " + std::to_string(texture) + " is not a " + (target == GL_TEXTURE_2D ? "2D" : "3D") + " texture";
  if (static_cast<GLenum>(format) != GL_R32I)
    return "texture " + std::to_string(texture) + " has internal format " + hex(static_cast<unsigned>(format)) +
           ", not GL_R32I";
  if (size[0] != extent.width || size[1] != extent.height || size[2] != extent.depth)
    return "texture " + std::to_string(texture) + " is " + std::to_string(size[0]) + " x " + std::to_string(size[1]) +
           " x " + std::to_string(size[2]) + " texels, not " + std::to_string(extent.width) + " x " +
           std::to_string(extent.height) + " x " + std::to_string(extent.depth);
  return "";
}

#if TESSERA_WITH_CUDA
constexpr unsigned kMaxGlDevices = 8;

cudaGraphicsResource_t as_resource(void* resource) { return static_cast<cudaGraphicsResource_t>(resource); }

std::string gl_renderer() {
  const auto* text = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  return text != nullptr ? text : "unknown renderer";
}

// "" when the current GL context runs on the CUDA device this process uses; else why not.
// Failed runtime calls are cleared from cudaGetLastError, so later launch checks do not
// report them.
std::string check_gl_device() {
  int device = 0;
  cudaError_t status = cudaGetDevice(&device);
  if (status != cudaSuccess) {
    cudaGetLastError();
    return std::string("cudaGetDevice failed: ") + cudaGetErrorString(status);
  }
  unsigned count = 0;
  int devices[kMaxGlDevices] = {};
  status = cudaGLGetDevices(&count, devices, kMaxGlDevices, cudaGLDeviceListAll);
  if (status != cudaSuccess || count == 0) {
    cudaGetLastError();
    return "the OpenGL context (" + gl_renderer() + ") does not run on a CUDA device" +
           (status != cudaSuccess ? std::string(" (") + cudaGetErrorString(status) + ")" : std::string());
  }
  std::string listed;
  for (unsigned k = 0; k < count && k < kMaxGlDevices; ++k) {
    if (devices[k] == device) return "";
    listed += (listed.empty() ? "" : ", ") + std::to_string(devices[k]);
  }
  return "the OpenGL context runs on CUDA device " + listed + ", the simulation on device " + std::to_string(device);
}
#endif

}  // namespace

bool CudaGlTexture::compiled() { return TESSERA_WITH_CUDA != 0; }

CudaGlTexture::CudaGlTexture() = default;

CudaGlTexture::CudaGlTexture(GLuint texture, GLenum target, TextureExtent extent)
    : m_texture(texture), m_target(target), m_extent(extent) {
  try {
    // The texture first: a wrong texture is the caller's mistake on every build.
    std::string problem = check_texture(texture, target, extent);
    if (!problem.empty()) {
      m_failure = kUnavailable + problem;
      return;
    }
#if TESSERA_WITH_CUDA
    const DeviceInfo& info = cuda_device_info();
    if (!info.available) {
      m_failure = kUnavailable + ("no CUDA device (" + info.reason + ")");
      return;
    }
    problem = check_gl_device();
    if (!problem.empty()) {
      m_failure = kUnavailable + problem;
      return;
    }
    cudaGraphicsResource_t resource = nullptr;
    const cudaError_t status =
        cudaGraphicsGLRegisterImage(&resource, texture, target, cudaGraphicsRegisterFlagsWriteDiscard);
    if (status != cudaSuccess) {
      cudaGetLastError();
      m_failure = kUnavailable + std::string("cudaGraphicsGLRegisterImage failed: ") + cudaGetErrorString(status);
      return;
    }
    m_resource = resource;
    m_failure.clear();
#else
    m_failure = std::string(kUnavailable) + "this build has no CUDA backend (TESSERA_CUDA=OFF or nvcc not found)";
#endif
  } catch (const std::exception& e) {
    m_resource = nullptr;
    m_failure = kUnavailable + std::string(e.what());
  }
}

CudaGlTexture::~CudaGlTexture() { release(); }

CudaGlTexture::CudaGlTexture(CudaGlTexture&& other) noexcept
    : m_resource(std::exchange(other.m_resource, nullptr)),
      m_texture(std::exchange(other.m_texture, 0)),
      m_target(std::exchange(other.m_target, 0)),
      m_extent(std::exchange(other.m_extent, TextureExtent{})),
      m_failure(std::exchange(other.m_failure, "not registered")) {}

CudaGlTexture& CudaGlTexture::operator=(CudaGlTexture&& other) noexcept {
  if (this != &other) {
    release();
    m_resource = std::exchange(other.m_resource, nullptr);
    m_texture = std::exchange(other.m_texture, 0);
    m_target = std::exchange(other.m_target, 0);
    m_extent = std::exchange(other.m_extent, TextureExtent{});
    m_failure = std::exchange(other.m_failure, "not registered");
  }
  return *this;
}

void CudaGlTexture::release() noexcept {
  if (m_resource == nullptr) return;
#if TESSERA_WITH_CUDA
  const cudaError_t status = cudaGraphicsUnregisterResource(as_resource(m_resource));
  if (status != cudaSuccess) {
    cudaGetLastError();
    log::error("cudaGraphicsUnregisterResource failed: {}", cudaGetErrorString(status));
  }
#endif
  m_resource = nullptr;
}

void CudaGlTexture::copy_from_device(const std::int32_t* device_labels) {
  TESSERA_REQUIRE(registered(), "CUDA-GL copy: the texture is not registered (" + m_failure + ")");
  TESSERA_REQUIRE(device_labels != nullptr, "CUDA-GL copy: no device labels (the backend is not CUDA, or nothing was fitted)");
#if TESSERA_WITH_CUDA
  cudaGraphicsResource_t resource = as_resource(m_resource);
  TESSERA_CUDA_CHECK(cudaGraphicsMapResources(1, &resource, 0));
  // Unmaps on every path; a failure there is reported unless a copy error is already on its way.
  struct Unmap {
    cudaGraphicsResource_t resource;
    bool done = false;
    ~Unmap() {
      if (!done && cudaGraphicsUnmapResources(1, &resource, 0) != cudaSuccess) cudaGetLastError();
    }
  } unmap{resource};

  cudaArray_t array = nullptr;
  TESSERA_CUDA_CHECK(cudaGraphicsSubResourceGetMappedArray(&array, resource, 0, 0));
  const std::size_t row_bytes = static_cast<std::size_t>(m_extent.width) * sizeof(std::int32_t);
  if (m_target == GL_TEXTURE_2D) {
    TESSERA_CUDA_CHECK(cudaMemcpy2DToArray(array, 0, 0, device_labels, row_bytes, row_bytes,
                                           static_cast<std::size_t>(m_extent.height), cudaMemcpyDeviceToDevice));
  } else {
    cudaMemcpy3DParms copy{};
    copy.srcPtr = make_cudaPitchedPtr(const_cast<std::int32_t*>(device_labels), row_bytes,
                                      static_cast<std::size_t>(m_extent.width), static_cast<std::size_t>(m_extent.height));
    copy.dstArray = array;
    // Extents in elements when an array takes part in the copy.
    copy.extent = make_cudaExtent(static_cast<std::size_t>(m_extent.width), static_cast<std::size_t>(m_extent.height),
                                  static_cast<std::size_t>(m_extent.depth));
    copy.kind = cudaMemcpyDeviceToDevice;
    TESSERA_CUDA_CHECK(cudaMemcpy3D(&copy));
  }
  unmap.done = true;
  TESSERA_CUDA_CHECK(cudaGraphicsUnmapResources(1, &resource, 0));
#endif
}

}  // namespace tessera
