#include "render/interop_label_target.h"

#include <exception>
#include <vector>

#include "engine/log.h"

namespace tessera {

void InteropLabelTarget::upload(std::span<const std::int32_t> labels, const Grid& grid) { m_host.upload(labels, grid); }

bool InteropLabelTarget::upload_device(const std::int32_t* device_labels, const Grid& grid) {
  if (!usable() || device_labels == nullptr || (grid.dim != 2 && grid.dim != 3)) return false;
  const int nx = grid.n[0], ny = grid.n[1], nz = grid.dim == 3 ? grid.n[2] : 1;
  const bool is_3d = grid.dim == 3;
  // Storage of the right size first (registration needs it); the host path allocates it.
  const bool sized = is_3d ? (volume().id() != 0 && volume().width() == nx && volume().height() == ny &&
                              volume().depth() == nz)
                           : (texture().id() != 0 && texture().width() == nx && texture().height() == ny);
  if (!sized) {
    m_registration.reset();  // the texture is about to be replaced
    m_host.upload(std::vector<std::int32_t>(static_cast<std::size_t>(grid.size()), -1), grid);
  }
  const GLuint id = is_3d ? volume().id() : texture().id();
  if (!m_registration || m_registration->texture() != id) {
    m_registration = std::make_unique<CudaGlTexture>(id, is_3d ? GL_TEXTURE_3D : GL_TEXTURE_2D,
                                                     TextureExtent{nx, ny, nz});
    if (!m_registration->registered()) {
      m_failure = m_registration->failure();
      m_registration.reset();
      log::warn("{}; labels are uploaded from the host", m_failure);
      return false;
    }
  }
  try {
    m_registration->copy_from_device(device_labels);
  } catch (const std::exception& e) {
    m_failure = std::string("CUDA-GL interop copy failed: ") + e.what();
    m_registration.reset();
    log::warn("{}; labels are uploaded from the host", m_failure);
    return false;
  }
  return true;
}

std::unique_ptr<LabelTarget> make_label_target(bool simulation_on_cuda) {
  if (simulation_on_cuda && CudaGlTexture::compiled()) return std::make_unique<InteropLabelTarget>();
  return std::make_unique<UploadLabelTarget>();
}

}  // namespace tessera
