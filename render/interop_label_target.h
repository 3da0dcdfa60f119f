#pragma once
// The CUDA-GL interop render target: labels that live in CUDA device memory are copied
// straight into the registered label texture (render/cuda_gl_texture.h), with no round
// trip through the host. Host uploads still work (the same textures), so a view can fall
// back per frame. The first failure (no CUDA device, a GL context that is not on the
// CUDA device, a failed copy) is remembered and logged once; after it upload_device()
// returns false without trying again, and the caller uploads from the host.
//
// Lifetime: create, use and destroy with the GL context current.
#include <memory>
#include <string>

#include "render/cuda_gl_texture.h"
#include "render/label_target.h"

namespace tessera {

class InteropLabelTarget final : public LabelTarget {
 public:
  TargetKind kind() const override { return TargetKind::CudaInterop; }
  void upload(std::span<const std::int32_t> labels, const Grid& grid) override;
  bool upload_device(const std::int32_t* device_labels, const Grid& grid) override;
  const gl::Texture2D& texture() const override { return m_host.texture(); }
  const gl::Texture3D& volume() const override { return m_host.volume(); }

  // False once interop has failed (then only host uploads happen); why in failure().
  bool usable() const { return m_failure.empty(); }
  const std::string& failure() const { return m_failure; }

 private:
  UploadLabelTarget m_host;           // owns the textures; also the host path
  std::unique_ptr<CudaGlTexture> m_registration;
  std::string m_failure;
};

// The target a view should use: interop when the simulation runs on CUDA and the build
// has CUDA, else host upload.
std::unique_ptr<LabelTarget> make_label_target(bool simulation_on_cuda);

}  // namespace tessera
