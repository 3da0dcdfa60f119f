// The application driven as a user would, under Xvfb: scenes start, run and change,
// the panels' state and intents take effect, and the pictures show it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "ui/app.h"
#include "ui/particles/workbench.h"

using namespace tessera;

namespace {

AppOptions test_options(const std::string& scene) {
  AppOptions options;
  options.scene = scene;
  options.resolution = require_scene(scene).min_resolution;
  options.no_settings = true;
  options.hidden = true;
  options.width = 900;
  options.height = 600;
  return options;
}

// The particle mode's side of the window (every test here runs a particle scene).
ParticleWorkbench& particles(App& app) { return dynamic_cast<ParticleWorkbench&>(app.workbench()); }

CommonOptions cpu() {
  CommonOptions sim;
  sim.backend = BackendChoice::Cpu;
  return sim;
}

// Runs frames until the worker is idle and the newest state is on screen.
void settle(App& app, int frames = 3) {
  for (int k = 0; k < frames; ++k) {
    app.wait_idle();
    app.frame();
  }
}

// Colours of the view area (right of the side panel), with their pixel counts.
std::map<std::uint32_t, int> view_colors(const Image& image, int from_x) {
  std::map<std::uint32_t, int> colors;
  for (int y = 0; y < image.height; ++y)
    for (int x = from_x; x < image.width; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      ++colors[p[0] | p[1] << 8 | p[2] << 16];
    }
  return colors;
}

// Pixels that differ in the view area (right of the side column from_x on): the panels
// show timings (FPS, milliseconds) that change from frame to frame.
int differing_view_pixels(const Image& a, const Image& b, int from_x) {
  int n = 0;
  for (int y = 0; y < std::min(a.height, b.height); ++y)
    for (int x = from_x; x < std::min(a.width, b.width); ++x) {
      const std::uint8_t* p = a.pixel(x, y);
      const std::uint8_t* q = b.pixel(x, y);
      n += p[0] != q[0] || p[1] != q[1] || p[2] != q[2];
    }
  return n;
}

int differing_pixels(const Image& a, const Image& b) {
  int n = 0;
  for (std::size_t k = 0; k + 3 < a.rgba.size() && k + 3 < b.rgba.size(); k += 4)
    n += a.rgba[k] != b.rgba[k] || a.rgba[k + 1] != b.rgba[k + 1] || a.rgba[k + 2] != b.rgba[k + 2];
  return n;
}

}  // namespace

TEST_CASE("the app runs a 2D scene, pauses, steps and shows the cells", "[gl][app]") {
  App app(cpu(), test_options("RunTumbleDisk"));
  app.keep_frame_images(true);
  settle(app);
  REQUIRE(particles(app).frame_data().scene == "RunTumbleDisk");
  REQUIRE(particles(app).frame_data().step > 0);  // running by default
  const Image& image = app.last_frame_image();
  REQUIRE(image.width == 900);
  const std::map<std::uint32_t, int> colors = view_colors(image, 450);
  CHECK(colors.size() >= 40);  // many cells of distinct colours, not a blank view
  // The dominant colours are the species' colour, shaded by cell id (up to +-15 %): among
  // the coloured pixels (not the grey void, outside, background, boundaries or seeds).
  const auto& rgb = particles(app).frame_data().params.species[0].color;
  int n_species = 0, n_coloured = 0;
  for (const auto& [c, n] : colors) {
    const int r = c & 0xFF, g = (c >> 8) & 0xFF, b = (c >> 16) & 0xFF;
    if (std::max({r, g, b}) - std::min({r, g, b}) < 30) continue;
    n_coloured += n;
    if (std::abs(r - rgb[0]) <= 45 && std::abs(g - rgb[1]) <= 45 && std::abs(b - rgb[2]) <= 45) n_species += n;
  }
  CHECK(n_coloured > 50000);
  CHECK(n_species > 0.9 * n_coloured);

  particles(app).intents().push(intent::TogglePause{});
  settle(app);
  REQUIRE(app.state().play.paused);
  const std::int64_t paused_at = particles(app).frame_data().step;
  settle(app, 4);
  REQUIRE(particles(app).frame_data().step == paused_at);
  particles(app).intents().push(intent::StepOnce{});
  particles(app).intents().push(intent::StepOnce{});
  settle(app);
  REQUIRE(particles(app).frame_data().step == paused_at + 2);
}

TEST_CASE("a slider edit reaches the simulation through the draft parameters", "[gl][app]") {
  App app(cpu(), test_options("ActiveBrownian"));
  app.state().play.paused = true;
  settle(app);
  particles(app).state().draft.species[0].v0 = 0.0777;
  particles(app).state().params_dirty = true;
  settle(app);
  REQUIRE(particles(app).frame_data().params.species[0].v0 == 0.0777);
  // Refused parameters leave the simulation unchanged and say why.
  particles(app).state().draft.dt = -1;
  particles(app).state().params_dirty = true;
  settle(app);
  REQUIRE(particles(app).frame_data().params.dt > 0);
  REQUIRE_FALSE(app.state().messages.empty());
  REQUIRE(app.state().messages.back().error);
}

TEST_CASE("another scene is built off the UI thread and swapped in", "[gl][app]") {
  App app(cpu(), test_options("RunTumbleDisk"));
  settle(app, 1);
  particles(app).intents().push(intent::LoadScene{"Evacuation", "", require_scene("Evacuation").min_resolution, 2});
  app.frame();  // the sync point starts the build
  REQUIRE(app.state().building == "Evacuation");
  settle(app);
  REQUIRE(app.state().building.empty());
  REQUIRE(particles(app).frame_data().scene == "Evacuation");
  REQUIRE(particles(app).frame_data().params.seed == 2);
}

TEST_CASE("the help overlay and the boundaries toggle change the picture", "[gl][app]") {
  App app(cpu(), test_options("RunTumbleDisk"));
  app.keep_frame_images(true);
  app.state().play.paused = true;
  settle(app);
  const Image plain = app.last_frame_image();
  particles(app).state().view.help = true;
  settle(app, 2);  // an auto-sized ImGui window takes a frame to find its size
  CHECK(differing_pixels(plain, app.last_frame_image()) > 1000);
  particles(app).state().view.help = false;
  particles(app).state().view.boundaries = false;
  settle(app, 2);
  CHECK(differing_pixels(plain, app.last_frame_image()) > 500);
}

TEST_CASE("a 3D scene shows the ray-marched volume, a clip plane and slices", "[gl][app]") {
  App app(cpu(), test_options("RunTumble3D"));
  app.keep_frame_images(true);
  app.state().play.paused = true;
  settle(app);
  const Image volume = app.last_frame_image();
  const std::map<std::uint32_t, int> colors = view_colors(volume, 450);
  CHECK(colors.size() >= 30);  // shaded cells, not an empty box
  particles(app).state().view.clip.enabled = true;
  particles(app).state().view.clip.axis = SliceAxis::Y;
  settle(app, 2);
  const Image clipped = app.last_frame_image();
  CHECK(differing_pixels(volume, clipped) > 2000);
  particles(app).state().view.view3d = View3D::Slice;
  settle(app, 2);
  const Image slice = app.last_frame_image();
  CHECK(differing_pixels(clipped, slice) > 2000);
  particles(app).state().view.slice_axis = SliceAxis::X;
  particles(app).state().view.slice_index = 3;
  settle(app, 2);
  CHECK(differing_pixels(slice, app.last_frame_image()) > 500);
  // Back to the volume, unclipped, with the camera reset: the first picture again.
  particles(app).state().view = ViewOptions{};
  particles(app).state().reset_camera_requested = true;
  settle(app, 2);
  CHECK(differing_view_pixels(volume, app.last_frame_image(), 450) < 200);
}

TEST_CASE("the volume view draws a masked domain's walls, and the walls option turns them off", "[gl][app]") {
  // Pixels of the view area only: the side panel's frame-rate line changes by itself.
  auto view_differs = [](const Image& a, const Image& b) {
    int n = 0;
    for (int y = 0; y < a.height; ++y)
      for (int x = 450; x < a.width; ++x)
        n += !std::equal(a.pixel(x, y), a.pixel(x, y) + 3, b.pixel(x, y));
    return n;
  };
  for (const char* scene : {"FallingStuff", "RunTumble3D"}) {
    INFO(scene);
    AppOptions options = test_options(scene);
    options.paused = true;
    App app(cpu(), options);
    app.keep_frame_images(true);
    settle(app);
    REQUIRE(particles(app).state().view.walls);
    const Image walls = app.last_frame_image();
    particles(app).state().view.walls = false;
    settle(app, 2);
    const int n_differ = view_differs(walls, app.last_frame_image());
    if (std::string(scene) == "FallingStuff") {
      CHECK(n_differ > 5000);  // the funnel, the floor of its upper half and the obstacle
    } else {
      CHECK(n_differ == 0);  // a box domain has no walls but the box
    }
  }
}

TEST_CASE("every colour mode changes the picture and sets a legend", "[gl][app]") {
  App app(cpu(), test_options("RunTumbleDisk"));
  app.keep_frame_images(true);
  settle(app, 4);  // running: the speed mode needs two different steps
  app.state().play.paused = true;
  settle(app);
  const Image species = app.last_frame_image();
  for (ColorMode mode : {ColorMode::Id, ColorMode::VolumeError, ColorMode::Pressure, ColorMode::Speed}) {
    INFO(color_mode_name(mode));
    particles(app).state().view.color_mode = mode;
    settle(app, 2);
    CHECK(differing_pixels(species, app.last_frame_image()) > 5000);
    if (mode != ColorMode::Id) CHECK(particles(app).state().legend.scale != ColorScale::None);
  }
}

TEST_CASE("the export panel's requests write new files into the export folder", "[gl][app]") {
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / "tessera_app_exports";
  std::filesystem::remove_all(folder);
  App app(cpu(), test_options("RunTumbleDisk"));
  ShellState& state = app.state();
  state.exports.folder = folder.string();
  state.play.paused = true;
  settle(app);
  state.screenshot_requested = true;
  particles(app).state().export_voxels_requested = true;
  particles(app).state().export_cells_requested = true;
  particles(app).state().export_scene_requested = true;
  settle(app, 2);
  REQUIRE(std::filesystem::exists(folder / "screenshot_0001.png"));
  REQUIRE(std::filesystem::exists(folder / "RunTumbleDisk_labels_0001.vti"));
  REQUIRE(std::filesystem::exists(folder / "RunTumbleDisk_cells_0001.csv"));
  REQUIRE(std::filesystem::exists(folder / "RunTumbleDisk_state_0001.json"));
  state.screenshot_requested = true;  // a second one never replaces the first
  settle(app, 1);
  REQUIRE(std::filesystem::exists(folder / "screenshot_0002.png"));

  state.record_toggle_requested = true;
  settle(app, 3);
  REQUIRE(state.recording);
  state.record_toggle_requested = true;
  settle(app, 1);
  REQUIRE_FALSE(state.recording);
  const std::filesystem::path recording = folder / "recording_0001";
  REQUIRE(std::filesystem::is_directory(recording));
  int n_frames = 0;
  for (const auto& entry : std::filesystem::directory_iterator(recording)) n_frames += entry.path().extension() == ".png";
  REQUIRE(n_frames >= 3);
  std::filesystem::remove_all(folder);
}

TEST_CASE("every panel draws, expanded, for scenes with 2D and 3D tension tables", "[gl][app]") {
  for (const char* scene : {"SurfaceTension", "CellSorting3D", "FallingStuff"}) {
    INFO(scene);
    AppOptions options = test_options(scene);
    options.open_panels = {"scene", "playback", "species", "solver", "view", "export"};
    options.paused = true;
    App app(cpu(), options);
    REQUIRE_NOTHROW(settle(app, 2));
    particles(app).state().view.help = true;
    particles(app).state().view.color_mode = ColorMode::VolumeError;
    REQUIRE_NOTHROW(settle(app, 2));
  }
}

TEST_CASE("the selected cell is highlighted in the view", "[gl][app]") {
  App app(cpu(), test_options("RunTumbleDisk"));
  app.keep_frame_images(true);
  app.state().play.paused = true;
  settle(app);
  const std::uint32_t yellow = 255 | 225 << 8 | 0 << 16;
  REQUIRE(view_colors(app.last_frame_image(), 450).count(yellow) == 0);
  particles(app).state().selected = particles(app).frame_data().cells.id[0];
  settle(app, 1);
  const std::map<std::uint32_t, int> colors = view_colors(app.last_frame_image(), 0);
  REQUIRE(colors.count(yellow) == 1);
  CHECK(colors.at(yellow) > 50);  // a whole cell, not a stray pixel
}

TEST_CASE("a chemotaxis scene shows its attractant, and the toggle hides it", "[gl][app]") {
  App app(cpu(), test_options("ChemoDeformation"));
  app.keep_frame_images(true);
  app.state().play.paused = true;
  settle(app);
  const Image with_field = app.last_frame_image();
  particles(app).state().view.field = false;
  settle(app, 1);
  CHECK(differing_pixels(with_field, app.last_frame_image()) > 10000);
}

TEST_CASE("the mode picker switches to the SeedDrift demo and back; the demo runs there", "[gl][app]") {
  App app(cpu(), test_options("RunTumbleDisk"));
  app.keep_frame_images(true);
  settle(app);
  const Image particles_picture = app.last_frame_image();
  app.state().requested_mode = "seed-drift";
  settle(app, 4);
  REQUIRE(app.workbench().mode() == "seed-drift");
  REQUIRE(app.state().building.empty());
  // Running by default: the demo steps, and its picture is not the particle scene's.
  const std::int64_t first = app.workbench().model().step_count();
  settle(app, 3);
  CHECK(app.workbench().model().step_count() > first);
  CHECK(differing_pixels(particles_picture, app.last_frame_image()) > 10000);
  CHECK(view_colors(app.last_frame_image(), 450).size() >= 20);  // the seeds' label colours
  app.state().requested_mode = "particles";
  settle(app, 4);
  REQUIRE(app.workbench().mode() == "particles");
  CHECK(particles(app).frame_data().scene == "RunTumbleDisk");
}
