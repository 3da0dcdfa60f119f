#pragma once
// CUDA-GL interop for label textures: an existing OpenGL texture (GL_TEXTURE_2D or
// GL_TEXTURE_3D, internal format GL_R32I) is registered with CUDA once, and each frame
// a device buffer of int32 labels is copied straight into it (map, copy into the
// texture's CUDA array, unmap) without a round trip through host memory.
//
// Registration can fail for ordinary reasons: a build without CUDA (TESSERA_CUDA=OFF),
// no CUDA device, or an OpenGL context that does not run on the CUDA device (Mesa's
// llvmpipe, another vendor's GPU, a remote display). Such a failure is a value — the
// object stays unregistered and failure() says why in one line — never an exception or a
// crash; the caller then keeps uploading labels from the host.
//
// Lifetime: construct, copy and destroy with the texture's GL context current and the
// texture alive. The object does not own the texture; destroy it (which unregisters)
// before deleting the texture. Move-only.
#include <epoxy/gl.h>

#include <cstdint>
#include <string>

namespace tessera {

// Size of a label texture in texels; depth is 1 for GL_TEXTURE_2D.
struct TextureExtent {
  int width = 0;
  int height = 0;
  int depth = 1;

  std::int64_t texels() const { return static_cast<std::int64_t>(width) * height * depth; }
};

class CudaGlTexture {
 public:
  // True when this build has the CUDA backend (otherwise every registration fails
  // with "built without CUDA").
  static bool compiled();

  // Unregistered; failure() says "not registered".
  CudaGlTexture();
  // Registers `texture` (a GL name of `target` GL_TEXTURE_2D or GL_TEXTURE_3D with storage
  // of internal format GL_R32I and exactly `extent` texels at level 0) for write-discard
  // access. Checks the texture through GL first, then the CUDA device and the GL context's
  // CUDA devices, then registers. Never throws: on failure registered() is false and
  // failure() holds one line naming the reason.
  CudaGlTexture(GLuint texture, GLenum target, TextureExtent extent);
  ~CudaGlTexture();  // unregisters; logs (never throws) when that fails
  CudaGlTexture(const CudaGlTexture&) = delete;
  CudaGlTexture& operator=(const CudaGlTexture&) = delete;
  CudaGlTexture(CudaGlTexture&& other) noexcept;
  CudaGlTexture& operator=(CudaGlTexture&& other) noexcept;

  bool registered() const { return m_resource != nullptr; }
  // Why registration failed ("" once registered).
  const std::string& failure() const { return m_failure; }
  GLuint texture() const { return m_texture; }
  GLenum target() const { return m_target; }
  const TextureExtent& extent() const { return m_extent; }

  // Copies extent().texels() int32 labels from CUDA device memory (x fastest, then y,
  // then z — the grid's storage order, so texel (i, j, k) gets grid pixel (i, j, k)) into
  // the texture: map, copy into the mapped array, unmap. GL commands issued after it see
  // the labels (unmapping orders the copy before later GL work). `device_labels` must be
  // device memory of the current CUDA device whose writers have finished. Throws tessera::Error when not registered or given nullptr, and
  // tessera::CudaError when a CUDA call fails (the resource is unmapped first), so the
  // caller may fall back to a host upload.
  void copy_from_device(const std::int32_t* device_labels);

 private:
  void release() noexcept;

  void* m_resource = nullptr;  // cudaGraphicsResource_t when registered
  GLuint m_texture = 0;
  GLenum m_target = 0;
  TextureExtent m_extent;
  std::string m_failure = "not registered";
};

}  // namespace tessera
