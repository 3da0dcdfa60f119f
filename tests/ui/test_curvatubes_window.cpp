// The curvatubes window driven as a user would, under Xvfb: a texture opens from its
// parameter file and grows, a slider steers it while it runs, the colourings, the clip
// plane and the slice change the picture, the plots appear, and the exports write files.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "engine/image_io.h"
#include "scenes/curvatubes/curvatubes_file.h"
#include "scenes/particles/scene.h"
#include "sim/curvatubes/presets.h"
#include "ui/app.h"
#include "ui/curvatubes/workbench.h"

using namespace tessera;

namespace {

CurvatubesWorkbench& texture_bench(App& app) { return dynamic_cast<CurvatubesWorkbench&>(app.workbench()); }

void settle(App& app, int frames = 3) {
  for (int k = 0; k < frames; ++k) {
    app.wait_idle();
    app.frame();
  }
}

int distinct_view_colors(const Image& image, int from_x) {
  std::set<std::uint32_t> colors;
  for (int y = 0; y < image.height; ++y)
    for (int x = from_x; x < image.width; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      colors.insert(p[0] | p[1] << 8 | p[2] << 16);
    }
  return static_cast<int>(colors.size());
}

int differing_pixels(const Image& a, const Image& b) {
  int n = 0;
  for (std::size_t k = 0; k + 3 < a.rgba.size() && k + 3 < b.rgba.size(); k += 4)
    n += a.rgba[k] != b.rgba[k] || a.rgba[k + 1] != b.rgba[k + 1] || a.rgba[k + 2] != b.rgba[k + 2];
  return n;
}

// A 32^3 tubes texture 200 iterations in: a surface has formed.
std::filesystem::path small_texture(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  CurvatubesFile file;
  file.params = curvatubes::apply_preset(file.params, "tubes");
  file.preset = "tubes";
  file.params.nz = file.params.nx = file.params.ny = 32;
  file.iterations = 200;
  const std::filesystem::path path = dir / "tubes32.json";
  save_curvatubes_file(path, file, true);
  return path;
}

AppOptions options_for(const std::filesystem::path& file) {
  AppOptions options;
  options.scene_file = file;
  options.no_settings = true;
  options.hidden = true;
  options.width = 900;
  options.height = 600;
  return options;
}

CommonOptions cpu() {
  CommonOptions common;
  common.backend = BackendChoice::Cpu;
  return common;
}

}  // namespace

TEST_CASE("the curvatubes window grows a texture, steers it live and shows it", "[gl][app][curvatubes]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "tessera_curvatubes_window";
  std::filesystem::remove_all(dir);
  App app(cpu(), options_for(small_texture(dir)));
  app.keep_frame_images(true);
  app.state().exports.folder = (dir / "exports").string();
  settle(app);
  REQUIRE(app.workbench().mode() == "curvatubes");
  CurvatubesWorkbench& bench = texture_bench(app);
  const std::int64_t first = bench.frame().step;
  CHECK(first >= 200);
  settle(app, 3);
  CHECK(bench.frame().step > first);  // running by default
  const Image surface = app.last_frame_image();
  CHECK(distinct_view_colors(surface, 450) > 200);  // a shaded surface, not a flat view

  // Live steering: the slider's value reaches the run at the next sync, and is recorded.
  bench.ui().edit.coeffs.c = 250;
  bench.ui().steer = true;
  settle(app, 2);
  CHECK(app.workbench().model().step_count() > first);
  CHECK(bench.frame().params.coeffs.c == 250);
  CHECK(bench.frame().steering_events == 1);

  app.state().play.paused = true;
  settle(app);
  const Image paused = app.last_frame_image();
  bench.ui().view.clip.enabled = true;
  bench.ui().view.clip.axis = SliceAxis::X;
  bench.ui().view.clip.position = 0.5f;
  settle(app, 1);
  const Image clipped = app.last_frame_image();
  CHECK(differing_pixels(paused, clipped) > 5000);
  bench.ui().view.coloring = FieldColoring::Kappa1;
  settle(app, 1);
  const Image kappa = app.last_frame_image();
  CHECK(differing_pixels(clipped, kappa) > 2000);
  bench.ui().view.slice_only = true;
  settle(app, 1);
  CHECK(differing_pixels(kappa, app.last_frame_image()) > 5000);

  // The plots: the energy curves and a curvature diagram of the texture.
  CHECK(!bench.plots().energy.empty());
  CHECK(!bench.plots().diagram.empty());
  CHECK(bench.plots().has_report);
  CHECK(bench.plots().metrics.surface_area > 0);

  // Single steps while paused; the exports write into the export folder.
  const std::int64_t at = bench.frame().step;
  bench.ui().single_steps = 2;
  settle(app);
  CHECK(bench.frame().step == at + 2);
  bench.ui().save_state = true;
  bench.ui().export_all = true;
  settle(app, 1);
  CHECK(std::filesystem::exists(dir / "exports" / "curvatubes_state_0001.json"));
  CHECK(std::filesystem::exists(dir / "exports" / "curvatubes_0001" / "field.nii.gz"));
  CHECK(std::filesystem::exists(dir / "exports" / "curvatubes_0001" / "surface.stl"));
  const CurvatubesFile saved = load_curvatubes_file(dir / "exports" / "curvatubes_state_0001.json");
  CHECK(saved.steering.size() == 1);
  CHECK(saved.iterations == bench.frame().step);

  // New noise starts over from the next seed, keeping the steered coefficients.
  bench.ui().new_noise = true;
  settle(app);
  CHECK(bench.frame().step == 0);
  CHECK(bench.frame().params.seed == 2);
  CHECK(bench.frame().params.coeffs.c == 250);

  // A new texture on another grid is built off the UI thread and swapped in.
  bench.ui().shape = {24, 24, 24};
  bench.ui().new_texture = true;
  settle(app, 4);
  REQUIRE(app.state().building.empty());
  CHECK(texture_bench(app).frame().params.nz == 24);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the mode picker opens curvatubes from the particle window and returns", "[gl][app][curvatubes]") {
  AppOptions options;
  options.scene = "RunTumbleDisk";
  options.resolution = require_scene("RunTumbleDisk").min_resolution;
  options.no_settings = true;
  options.hidden = true;
  options.width = 900;
  options.height = 600;
  App app(cpu(), options);
  settle(app);
  app.state().requested_mode = "curvatubes";
  settle(app, 4);
  REQUIRE(app.workbench().mode() == "curvatubes");
  CHECK(app.state().building.empty());
  app.state().requested_mode = "particles";
  settle(app, 4);
  CHECK(app.workbench().mode() == "particles");
}

// Hidden ([.]): the README's clipped screenshot. TESSERA_CURVATUBES_STATE names a
// parameter file, TESSERA_CURVATUBES_SHOT the PNG to write (1280 x 800).
TEST_CASE("curvatubes screenshot: clipped, coloured by the mean curvature", "[.][readme_shot]") {
  const char* state = std::getenv("TESSERA_CURVATUBES_STATE");
  const char* shot = std::getenv("TESSERA_CURVATUBES_SHOT");
  REQUIRE(state != nullptr);
  REQUIRE(shot != nullptr);
  AppOptions options = options_for(state);
  options.width = 1280;
  options.height = 800;
  options.paused = true;
  App app(cpu(), options);
  app.keep_frame_images(true);
  settle(app);
  CurvatubesViewState& view = texture_bench(app).ui().view;
  view.clip.enabled = true;
  view.clip.axis = SliceAxis::Y;
  view.clip.position = 0.55f;
  view.coloring = FieldColoring::MeanCurvature;
  view.color_surface = true;
  settle(app, 2);
  write_png(shot, app.last_frame_image());
}
