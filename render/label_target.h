#pragma once
// Render targets for label grids: where the simulation's labels become the R32I
// texture a view samples — a 2D texture for a 2D grid (the 2D label view), a 3D
// texture for a 3D grid (the volume view). The simulation hands out plain arrays and
// never calls GL; a target is the one place that moves them to the GPU.
//
//   Upload      — the labels are host memory; copied with glTextureSubImage2D/3D.
//   CudaInterop — (planned) the labels stay in CUDA device memory and are copied
//                 into the registered texture without a round trip through the
//                 host; Upload remains the fallback when registration fails.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "engine/grid.h"
#include "render/gl.h"

namespace tessera {

enum class TargetKind { Upload, CudaInterop };
inline constexpr std::array<std::string_view, 2> kTargetKindNames = {"upload", "cuda-interop"};

inline std::string_view target_kind_name(TargetKind kind) {
  return kTargetKindNames[static_cast<int>(kind)];
}

// Lifetime: create, use and destroy with the GL context current.
class LabelTarget {
 public:
  virtual ~LabelTarget() = default;

  virtual TargetKind kind() const = 0;
  // Makes the texture of grid.dim hold `labels` (host memory, x fastest, row 0 = the
  // bottom row, as engine/grid.h stores them): texture() for a 2D grid of n[0] x n[1],
  // volume() for a 3D grid of n[0] x n[1] x n[2]. Reallocates when the size changes and
  // releases the texture of the other dimension. Throws tessera::Error when the sizes
  // disagree or the grid exceeds the GPU's texture limits.
  virtual void upload(std::span<const std::int32_t> labels, const Grid& grid) = 0;
  // The same from `device_labels`, grid.size() labels in CUDA device memory, without a
  // copy through the host. Returns false, changing nothing, when this target cannot
  // (the upload target always; an interop target whose registration failed): the
  // caller then copies the labels to the host and calls upload().
  virtual bool upload_device(const std::int32_t* device_labels, const Grid& grid) = 0;

  // The R32I 2D texture; texel (i, j) holds the label of pixel (i, j). No storage
  // (id 0) before the first 2D upload or after a 3D one.
  virtual const gl::Texture2D& texture() const = 0;
  // The R32I 3D texture; texel (i, j, k) holds the label of voxel (i, j, k). No
  // storage (id 0) before the first 3D upload or after a 2D one.
  virtual const gl::Texture3D& volume() const = 0;
};

// CPU upload: the labels are host memory and are copied each call.
class UploadLabelTarget final : public LabelTarget {
 public:
  TargetKind kind() const override { return TargetKind::Upload; }
  void upload(std::span<const std::int32_t> labels, const Grid& grid) override;
  // Always false: this target only reads host memory.
  bool upload_device(const std::int32_t*, const Grid&) override { return false; }
  const gl::Texture2D& texture() const override { return m_texture; }
  const gl::Texture3D& volume() const override { return m_volume; }

 private:
  gl::Texture2D m_texture;
  gl::Texture3D m_volume;
};

}  // namespace tessera
