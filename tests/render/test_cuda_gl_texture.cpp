// CUDA-GL interop (render/cuda_gl_texture.h): registration failures are values with a
// one-line reason; with a CUDA device and a GL context on it, labels written on the
// device arrive in 2D and 3D R32I textures unchanged.
#include <epoxy/gl.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "engine/buffer.h"
#include "engine/error.h"
#include "gl_context.h"
#include "test_support.h"
#include "render/cuda_gl_texture.h"
#include "render/gl.h"
#include "render/interop_label_target.h"
#include "sim/particles/simulation.h"
#include "test_support.h"

#if TESSERA_WITH_CUDA
#include <cuda_runtime.h>
#endif

using namespace tessera;

namespace {

// A 3D texture with immutable R32I storage (render/gl.h has only the 2D wrapper).
class Texture3DR32I {
 public:
  Texture3DR32I(int width, int height, int depth) {
    glCreateTextures(GL_TEXTURE_3D, 1, &m_id);
    glTextureStorage3D(m_id, 1, GL_R32I, width, height, depth);
    glTextureParameteri(m_id, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTextureParameteri(m_id, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl::check_errors("3D test texture");
  }
  ~Texture3DR32I() { glDeleteTextures(1, &m_id); }
  Texture3DR32I(const Texture3DR32I&) = delete;
  Texture3DR32I& operator=(const Texture3DR32I&) = delete;
  GLuint id() const { return m_id; }

 private:
  GLuint m_id = 0;
};

std::vector<std::int32_t> read_texture(GLuint texture, std::int64_t texels) {
  std::vector<std::int32_t> out(static_cast<std::size_t>(texels), -12345);
  glGetTextureImage(texture, 0, GL_RED_INTEGER, GL_INT, static_cast<GLsizei>(out.size() * sizeof(std::int32_t)),
                    out.data());
  gl::check_errors("glGetTextureImage");
  return out;
}

// Labels with structure along every axis: texel (i, j, k) gets i + 1000 j + 100000 k, and
// a few negative (void, outside) values.
std::vector<std::int32_t> pattern(const TextureExtent& e) {
  std::vector<std::int32_t> v;
  for (int k = 0; k < e.depth; ++k)
    for (int j = 0; j < e.height; ++j)
      for (int i = 0; i < e.width; ++i) v.push_back((i + j + k) % 7 == 0 ? -1 - (i % 2) : i + 1000 * j + 100000 * k);
  return v;
}

bool one_line(const std::string& text) { return !text.empty() && text.find('\n') == std::string::npos; }

bool gl_on_software_renderer(const Window& window) {
  const std::string& d = window.gl_description();
  return d.find("llvmpipe") != std::string::npos || d.find("softpipe") != std::string::npos;
}

#if TESSERA_WITH_CUDA
// A failed registration must not leave an error for the next launch check to find.
void require_no_pending_cuda_error() {
  if (test::cuda_available()) REQUIRE(cudaGetLastError() == cudaSuccess);
}
#else
void require_no_pending_cuda_error() {}
#endif

}  // namespace

TEST_CASE("CUDA-GL interop: registration without a usable CUDA device fails with a reason", "[gl][interop]") {
  Window window(test::gl_test_window(64, 64));
  const gl::Texture2D texture(GL_R32I, 16, 8);
  CudaGlTexture interop(texture.id(), GL_TEXTURE_2D, TextureExtent{16, 8, 1});
  INFO(interop.failure());
  if (!CudaGlTexture::compiled()) {
    REQUIRE_FALSE(interop.registered());
    REQUIRE_THAT(interop.failure(), Catch::Contains("no CUDA backend"));
  } else if (!test::cuda_available()) {
    REQUIRE_FALSE(interop.registered());
    REQUIRE_THAT(interop.failure(), Catch::Contains("no CUDA device"));
  } else if (gl_on_software_renderer(window)) {
    REQUIRE_FALSE(interop.registered());
    REQUIRE_THAT(interop.failure(), Catch::Contains("does not run on a CUDA device"));
  }
  if (!interop.registered()) {
    REQUIRE(one_line(interop.failure()));
    REQUIRE_THAT(interop.failure(), Catch::StartsWith("CUDA-GL interop unavailable: "));
    std::vector<std::int32_t> host(16 * 8, 0);
    REQUIRE_THROWS_WITH(interop.copy_from_device(host.data()), Catch::Contains("not registered"));
  }
  REQUIRE_NOTHROW(gl::check_errors("after a failed registration"));
  require_no_pending_cuda_error();

  // An unregistered object moves and destroys quietly.
  CudaGlTexture moved(std::move(interop));
  REQUIRE(interop.failure() == "not registered");
  REQUIRE_FALSE(CudaGlTexture().registered());
}

TEST_CASE("CUDA-GL interop: a texture that does not fit is refused before CUDA is asked", "[gl][interop]") {
  Window window(test::gl_test_window(64, 64));
  const gl::Texture2D r8(GL_R8, 16, 8);
  const gl::Texture2D r32i(GL_R32I, 16, 8);
  const Texture3DR32I volume(8, 4, 2);
  struct Case {
    const char* what;
    GLuint texture;
    GLenum target;
    TextureExtent extent;
    const char* reason;
  };
  const Case cases[] = {
      {"wrong format", r8.id(), GL_TEXTURE_2D, {16, 8, 1}, "not GL_R32I"},
      {"wrong size", r32i.id(), GL_TEXTURE_2D, {16, 9, 1}, "16 x 8 x 1 texels, not 16 x 9 x 1"},
      {"2D texture named 3D", r32i.id(), GL_TEXTURE_3D, {16, 8, 1}, "not a 3D texture"},
      {"3D texture named 2D", volume.id(), GL_TEXTURE_2D, {8, 4, 1}, "not a 2D texture"},
      {"3D size", volume.id(), GL_TEXTURE_3D, {8, 4, 3}, "not 8 x 4 x 3"},
      {"no texture", 0, GL_TEXTURE_2D, {16, 8, 1}, "not a texture"},
      {"unknown name", 987654, GL_TEXTURE_2D, {16, 8, 1}, "not a texture"},
      {"other target", r32i.id(), GL_TEXTURE_1D, {16, 1, 1}, "GL_TEXTURE_2D or GL_TEXTURE_3D"},
      {"empty extent", r32i.id(), GL_TEXTURE_2D, {0, 8, 1}, "bad extent"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const CudaGlTexture interop(c.texture, c.target, c.extent);
    REQUIRE_FALSE(interop.registered());
    REQUIRE(one_line(interop.failure()));
    REQUIRE_THAT(interop.failure(), Catch::Contains(c.reason));
    REQUIRE_NOTHROW(gl::check_errors(c.what));  // the queries leave no GL error behind
  }
}

TEST_CASE("CUDA-GL interop: device labels reach 2D and 3D textures unchanged", "[gl][cuda][interop]") {
  TESSERA_REQUIRE_CUDA_OR_SKIP();
  Window window(test::gl_test_window(64, 64));
  const TextureExtent flat{37, 23, 1}, deep{19, 11, 7};
  const gl::Texture2D texture_2d(GL_R32I, flat.width, flat.height);
  const Texture3DR32I texture_3d(deep.width, deep.height, deep.depth);
  CudaGlTexture interop_2d(texture_2d.id(), GL_TEXTURE_2D, flat);
  if (!interop_2d.registered()) {
    // Under Xvfb the context is Mesa's software renderer, which CUDA cannot share.
    REQUIRE(one_line(interop_2d.failure()));
    require_no_pending_cuda_error();
    REQUIRE(gl_on_software_renderer(window));  // on a GPU context registration must work
    WARN("skipped: the GL context (" << window.gl_description() << ") is not on the CUDA device: "
                                     << interop_2d.failure());
    return;
  }
  CudaGlTexture interop_3d(texture_3d.id(), GL_TEXTURE_3D, deep);
  REQUIRE(interop_3d.registered());

  SECTION("a pattern written on the device") {
    for (int round = 0; round < 2; ++round) {  // registered once, copied every frame
      std::vector<std::int32_t> host_2d = pattern(flat), host_3d = pattern(deep);
      if (round == 1)
        for (std::int32_t& v : host_2d) v = v >= 0 ? v + 7 : v;
      DeviceArray<std::int32_t> dev_2d, dev_3d;
      dev_2d.upload(host_2d.data(), host_2d.size());
      dev_3d.upload(host_3d.data(), host_3d.size());
      interop_2d.copy_from_device(dev_2d.data());
      interop_3d.copy_from_device(dev_3d.data());
      REQUIRE(read_texture(texture_2d.id(), flat.texels()) == host_2d);
      REQUIRE(read_texture(texture_3d.id(), deep.texels()) == host_3d);
    }
  }
  SECTION("the labels of a simulation on the CUDA backend") {
    const Domain domain = make_masked_domain(make_grid_2d(flat.width, flat.height, 1.0, 23.0 / 37.0),
                                             disk_shape(Vec3{0.5, 0.31, 0}, 0.3));
    SimParams params = default_sim_params();
    params.species[0].cost.R = std::sqrt(0.3 * 0.3 * 0.3);  // a disk of 30 % of the kept area
    CellState cells;
    cells.add(Vec3{0.4, 0.3, 0}, Vec3{1, 0, 0}, 1.0, 0.3, 0);
    cells.add(Vec3{0.6, 0.32, 0}, Vec3{1, 0, 0}, 1.0, 0.3, 0);
    Simulation sim(Exec{Backend::Cuda}, domain, params, cells);
    sim.fit();
    REQUIRE(sim.device_labels() != nullptr);
    interop_2d.copy_from_device(sim.device_labels());
    REQUIRE(read_texture(texture_2d.id(), flat.texels()) == sim.labels());
  }
  require_no_pending_cuda_error();
}

TEST_CASE("the interop label target falls back to host uploads once interop fails", "[gl][interop]") {
  test::expect_warnings();  // the fallback says once why interop is off
  Window window(test::gl_test_window(64, 64));
  InteropLabelTarget target;
  REQUIRE(target.kind() == TargetKind::CudaInterop);
  const Grid grid = make_grid_2d(16, 8);
  const std::vector<std::int32_t> labels = pattern(TextureExtent{16, 8, 1});
  // Without a CUDA device, or with a GL context that is not on one, nothing is
  // registered, so the (host) pointer is never read as device memory.
  if (!CudaGlTexture::compiled() || !test::cuda_available() || gl_on_software_renderer(window)) {
    REQUIRE_FALSE(target.upload_device(labels.data(), grid));
    REQUIRE_FALSE(target.usable());
    REQUIRE_THAT(target.failure(), Catch::StartsWith("CUDA-GL interop unavailable: "));
    REQUIRE_FALSE(target.upload_device(labels.data(), grid));  // not tried again
  }
  target.upload(labels, grid);  // the host path always works
  REQUIRE(read_texture(target.texture().id(), 16 * 8) == labels);
  REQUIRE_NOTHROW(gl::check_errors("after the fallback"));
  REQUIRE(make_label_target(false)->kind() == TargetKind::Upload);
  REQUIRE(make_label_target(true)->kind() ==
          (CudaGlTexture::compiled() ? TargetKind::CudaInterop : TargetKind::Upload));
}
