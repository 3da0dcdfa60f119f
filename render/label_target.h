#pragma once
// Render targets for label grids: where the simulation's labels become the R32I
// texture the label view samples. The simulation hands out plain arrays and never
// calls GL; a target is the one place that moves them to the GPU.
//
//   Upload      — the labels are host memory; copied with glTextureSubImage2D.
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
  // Makes the texture hold `labels`: a 2D grid of grid.n[0] x grid.n[1] labels,
  // x fastest, row 0 = bottom row (grid.dim must be 2). Reallocates the texture
  // when the grid size changes. Throws tessera::Error when the sizes disagree.
  virtual void upload(std::span<const std::int32_t> labels, const Grid& grid) = 0;
  // The R32I texture; texel (i, j) holds the label of grid pixel (i, j). Has no
  // storage (id 0) before the first upload.
  virtual const gl::Texture2D& texture() const = 0;
};

// CPU upload: the labels are host memory and are copied each call.
class UploadLabelTarget final : public LabelTarget {
 public:
  TargetKind kind() const override { return TargetKind::Upload; }
  void upload(std::span<const std::int32_t> labels, const Grid& grid) override;
  const gl::Texture2D& texture() const override { return m_texture; }

 private:
  gl::Texture2D m_texture;
};

}  // namespace tessera
