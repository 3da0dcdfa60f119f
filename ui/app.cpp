// The windowed application. One frame: the sync point (when the step worker is idle:
// take its result, apply the intents, start the next batch of steps), the view, the
// panels, exports, present. The simulation steps on the worker thread while the window
// draws the last captured state, so a slow step never freezes the UI.
#include "ui/app.h"

// The GL header (libepoxy) comes before GLFW, and GLFW must not include one of its own.
#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>

#include "engine/error.h"
#include "engine/image_io.h"
#include "engine/log.h"
#include "engine/output_dir.h"
#include "engine/profile.h"
#include "engine/video_writer.h"
#include "render/capture.h"
#include "scenes/scene_file.h"
#include "ui/imgui_layer.h"
#include "ui/interaction.h"
#include "ui/panels.h"
#include "ui/scene_view.h"
#include "ui/settings.h"
#include "ui/step_pacer.h"
#include "ui/step_worker.h"
#include "ui/window.h"

namespace tessera {

namespace {

constexpr float kBackground[3] = {0.11f, 0.11f, 0.12f};  // around the view
constexpr const char* kDefaultScene = "RunTumbleDisk";
constexpr Rgb8 kSelectedColor{255, 225, 0};  // the selected cell, in every colour mode

// Checked before the window opens, so a run does not end on an unwritable path.
void check_file_folder(const std::filesystem::path& path, const char* flag) {
  if (path.empty()) return;
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  TESSERA_REQUIRE(std::filesystem::is_directory(folder),
                  std::string(flag) + ": the folder " + folder.string() + " does not exist");
}

// The scene the command line asks for (or the default one), built before the window opens.
SceneFile scene_of(std::string_view name, const std::string& preset, int resolution, std::uint64_t seed) {
  SceneOptions scene_options;
  scene_options.resolution = resolution;
  scene_options.seed = seed;
  scene_options.preset = preset;
  return scene_file_of(require_scene(name), scene_options);
}

// The settings file the app reads and writes ("" = none).
std::filesystem::path settings_path_of(const AppOptions& options) {
  if (options.no_settings) return {};
  return options.settings.empty() ? default_settings_path() : options.settings;
}

struct StartUp {
  AppSettings settings = default_app_settings();
  std::vector<std::string> warnings;
  std::filesystem::path scene_file;  // the scene came from this file
};

StartUp read_settings(const std::filesystem::path& path) {
  StartUp start;
  if (path.empty()) return start;
  SettingsLoad load = load_settings(path);
  start.settings = load.settings;
  start.warnings = std::move(load.warnings);
  return start;
}

// The scene the command line asks for; else the one remembered in the settings (falling
// back to the default scene, with a warning, when it can no longer be built); else the
// default scene. Built before the window opens, so bad input fails before anything shows.
std::unique_ptr<Session> initial_session(const SimOptions& sim, const AppOptions& options, StartUp& start) {
  const Exec exec{resolve_backend(sim.backend)};
  if (!options.scene_file.empty()) {
    start.scene_file = options.scene_file;
    return std::make_unique<Session>(load_scene_file(options.scene_file), exec);
  }
  if (!options.scene.empty())
    return std::make_unique<Session>(scene_of(options.scene, options.preset, options.resolution, sim.seed), exec);
  const AppSettings& s = start.settings;
  if (!s.scene_name.empty() || !s.scene_file.empty()) {
    try {
      if (!s.scene_file.empty()) {
        auto session = std::make_unique<Session>(load_scene_file(s.scene_file), exec);
        start.scene_file = s.scene_file;
        return session;
      }
      return std::make_unique<Session>(scene_of(s.scene_name, s.preset, s.resolution, sim.seed), exec);
    } catch (const std::exception& e) {
      start.warnings.push_back(std::string("the last scene could not be opened (") + e.what() + "); opening " +
                               kDefaultScene);
    }
  }
  return std::make_unique<Session>(scene_of(kDefaultScene, "", 0, sim.seed), exec);
}

int registry_index(std::string_view name) {
  const auto& registry = scene_registry();
  for (std::size_t i = 0; i < registry.size(); ++i)
    if (registry[i].name == name) return static_cast<int>(i);
  return 0;
}

// A PNG sequence or an MP4 of the displayed frames.
class Recorder {
 public:
  Recorder(const std::filesystem::path& folder, bool mp4) {
    if (mp4) {
      m_video.emplace(next_free_path(folder, "recording", ".mp4"), 30.0);
      m_where = m_video->path();
    } else {
      m_where = next_free_path(folder, "recording", "");
      prepare_output_dir(m_where, false);
    }
  }
  void add(const Image& image) {
    if (m_video) {
      m_video->add_frame(image);
    } else {
      write_png(m_where / numbered_file("frame", m_frames, "png"), image);
    }
    ++m_frames;
  }
  void close() {
    if (m_video) m_video->close();
  }
  std::int64_t frames() const { return m_frames; }
  const std::filesystem::path& where() const { return m_where; }

 private:
  std::optional<VideoWriter> m_video;
  std::filesystem::path m_where;
  std::int64_t m_frames = 0;
};

}  // namespace

struct App::Impl {
  AppOptions options;
  std::filesystem::path settings_path;
  StartUp start;
  // Built before the window: bad input fails before anything opens.
  std::unique_ptr<Session> session;
  Window window;
  ImGuiLayer imgui;
  SceneView view{session->exec().backend == Backend::Cuda};
  AppState app;
  IntentQueue intents;
  FrameData frame;
  FrameStats stats;
  Profile app_profile;
  Profile stats_sum;          // --stats: render, ui and export ms summed over the frames
  std::int64_t stats_frames = 0;
  Profile sim_sum;            // --stats: simulation stage ms summed over the finished batches
  std::int64_t sim_steps = 0;
  int batch_steps = 0;        // steps of the batch on the worker
  std::unique_ptr<Session> built;      // a scene finished by the worker, swapped in at the sync point
  std::filesystem::path pending_origin;  // the scene file `built` comes from ("" = registry)
  bool stepping = false;               // the worker runs a batch of steps
  std::chrono::steady_clock::time_point step_started;
  StepPacer pacer;
  std::chrono::steady_clock::time_point last_pace = std::chrono::steady_clock::now();
  std::optional<Recorder> recorder;
  bool keep_images = false;
  Image last_image;
  PixelRect view_rect;  // where the grid was drawn
  PixelRect view_area;  // the framebuffer right of the side panel
  ViewInteraction interaction;
  int frame_index = 0;
  SpeedTracker speeds;
  CellColoring coloring;
  // Last: destroyed first, so a running job finishes before what it uses goes away.
  StepWorker worker;

  Impl(const SimOptions& sim, const AppOptions& opts)
      : options(opts),
        settings_path(settings_path_of(opts)),
        start(read_settings(settings_path)),
        session(initial_session(sim, opts, start)),
        window(WindowOptions{.width = opts.width > 0 ? opts.width : start.settings.window_width,
                             .height = opts.height > 0 ? opts.height : start.settings.window_height,
                             .visible = !opts.hidden,
                             .vsync = !opts.hidden}),
        imgui(window.handle(), window.content_scale()) {
    for (const std::string& w : start.warnings) app.say(w, true);
    app.view.color_mode = start.settings.color_mode;
    app.view.boundaries = start.settings.show_boundaries;
    app.view.seeds = start.settings.show_seeds;
    app.view.axes = start.settings.show_arrows;
    app.scene_file_source = start.scene_file;
    app.play.paused = opts.paused;
    app.open_panels.insert(opts.open_panels.begin(), opts.open_panels.end());
    app.scene_index = registry_index(session->scene().name);
    capture_frame(*session, frame);
    app.take_draft(frame.params);
    app.seed = frame.params.seed;
    app.resolution = frame.grid.n[0];
    log::info("app: {} ({} cells on {}), {}", frame.scene, frame.cells.size(), frame.backend, window.gl_description());
  }

  // The sync point: runs only while the worker is idle.
  void sync() {
    if (worker.busy()) return;
    if (std::exception_ptr error = worker.take_error()) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        app.say(app.building.empty() ? std::string("step: ") + e.what() : "could not build " + app.building + ": " + e.what(), true);
      }
      app.building.clear();
      stepping = false;
    }
    if (built) {  // a new scene is ready
      session = std::move(built);
      app.scene_file_source = pending_origin;
      speeds.reset();  // ids are only unique within one simulation
      // Whatever was asked of the old scene meanwhile (cell ids, species) does not apply to this one.
      intents.take();
      app.pending_aspect.clear();
      app.building.clear();
      app.selected.reset();
      app.dragging.reset();
      app.params_dirty = false;
      app.scene_index = registry_index(session->scene().name);
      capture_frame(*session, frame);
      app.take_draft(frame.params);
      app.seed = frame.params.seed;
      app.resolution = frame.grid.n[0];
      app.preset_index = 0;
      const SceneDef& def = session->scene();
      for (std::size_t k = 0; k < def.presets.size(); ++k)
        if (def.presets[k] == frame.preset) app.preset_index = static_cast<int>(k);
      app.say("opened " + frame.scene);
    }
    if (!app.building.empty()) return;  // the worker is still building
    if (stepping) {
      stepping = false;
      capture_frame(*session, frame);
      for (Stage st : {Stage::Dynamics, Stage::Fit, Stage::Correct}) sim_sum[st] += frame.profile[st];
      sim_steps += batch_steps;
      // A scene script may change parameters every step: the panels show them as they are.
      if (!app.params_dirty) app.take_draft(frame.params);
      if (!frame.failure.empty()) {
        app.play.paused = true;
        app.say("paused at step " + std::to_string(frame.failure.step) + ": " + frame.failure.message, true);
        session->clear_failure();
      }
    }
    if (app.params_dirty) {
      intents.push(intent::SetParams{app.draft, app.draft_base});
      app.params_dirty = false;
    }
    for (const auto& [species, aspect] : app.pending_aspect) intents.push(intent::SetSpeciesAspect{species, aspect});
    app.pending_aspect.clear();
    queue_exports();
    SyncResult result = apply_intents(intents, *session, app.play);
    for (const std::string& m : result.messages) app.say(m);
    for (const std::string& e : result.errors) app.say(e, true);
    if (!result.errors.empty()) result.state_changed = true;  // e.g. refused parameters: show the real ones
    if (result.load) {
      app.building = result.load->description;
      pending_origin = result.load->origin;
      const Exec exec = session->exec();
      worker.start([this, file = std::move(*result.load->file), exec]() mutable {
        built = std::make_unique<Session>(std::move(file), exec);
      });
      return;
    }
    if (result.state_changed) {
      capture_frame(*session, frame);
      if (!app.params_dirty) app.take_draft(frame.params);
    }
    // While the worker is idle the device labels are stable: hand them to the view now
    // (CUDA-GL interop), before the next batch starts rewriting them.
    view.update_labels(frame, app.view, session->sim().device_labels());
    // Real-time pacing applies to the running steps only, not to single steps asked for.
    const auto now = std::chrono::steady_clock::now();
    const double since = std::chrono::duration<double>(now - last_pace).count();
    last_pace = now;
    result.steps += pacer.steps(result.run_steps, app.play.time_rate, frame.params.dt, since) - result.run_steps;
    if (result.steps > 0) {
      stepping = true;
      step_started = std::chrono::steady_clock::now();
      Session* s = session.get();
      const int n = result.steps;
      batch_steps = n;
      worker.start([s, n] { s->step(n); });
    }
  }

  // Export buttons become intents with fresh file names in the export folder.
  void queue_exports() {
    const std::filesystem::path folder = app.exports.folder;
    try {
      if (app.export_voxels_requested) intents.push(intent::ExportVoxels{next_free_path(folder, frame.scene + "_labels", ".vti")});
      if (app.export_cells_requested) intents.push(intent::ExportCellsCsv{next_free_path(folder, frame.scene + "_cells", ".csv")});
      if (app.export_scene_requested)
        intents.push(intent::SaveSceneFile{next_free_path(folder, frame.scene + "_state", ".json"), false});
    } catch (const std::exception& e) {
      app.say(std::string("export: ") + e.what(), true);
    }
    app.export_voxels_requested = app.export_cells_requested = app.export_scene_requested = false;
  }

  // One colour per cell for the current colour mode (the views' colour table).
  std::span<const Rgb8> cell_colors_of(const FrameData& f) {
    const CellColorInput input{f.cells, f.params, f.grid, f.counts, f.n_kept, f.step};
    CellColorOptions options;
    options.error_range = app.view.error_range;
    coloring = cell_colors(input, app.view.color_mode, options, &speeds);
    app.legend = coloring.legend;
    if (app.selected) {  // the selected cell stands out in every colour mode
      const auto it = std::find(f.cells.id.begin(), f.cells.id.end(), *app.selected);
      if (it != f.cells.id.end()) coloring.colors[static_cast<std::size_t>(it - f.cells.id.begin())] = kSelectedColor;
    }
    return coloring.colors;
  }

  void draw_view(FramebufferSize fb, float side_px) {
    ScopedTimer timer(app_profile, Stage::Render);
    if (app.reset_camera_requested) {
      app.reset_camera_requested = false;
      view.camera() = OrbitCamera();
      if (frame.grid.dim == 3) view.camera().frame(frame.grid);
    }
    view.update(frame, app.view, cell_colors_of(frame));
    glViewport(0, 0, fb.width, fb.height);
    glClearColor(kBackground[0], kBackground[1], kBackground[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    const int left = static_cast<int>(side_px);
    view_area = PixelRect{left, 0, std::max(fb.width - left, 1), fb.height};
    view_rect = view.draw(view_area, app.view, window.content_scale());
    // --stats: wait for the GPU (or the software rasteriser) so the render stage is the
    // drawing's real cost, not only the time to submit it.
    if (!options.stats.empty()) glFinish();
  }

  void handle_recording(FramebufferSize fb) {
    if (app.record_toggle_requested) {
      app.record_toggle_requested = false;
      try {
        if (recorder) {
          recorder->close();
          app.say("recorded " + std::to_string(recorder->frames()) + " frames into " + recorder->where().string());
          recorder.reset();
        } else {
          recorder.emplace(app.exports.folder, app.exports.mp4);
          app.say("recording into " + recorder->where().string());
        }
      } catch (const std::exception& e) {
        recorder.reset();
        app.say(std::string("recording: ") + e.what(), true);
      }
    }
    app.recording = recorder.has_value();
    const bool screenshot = app.screenshot_requested;
    app.screenshot_requested = false;
    if (!recorder && !screenshot && !keep_images) return;
    ScopedTimer timer(app_profile, Stage::Export);
    Image image = read_framebuffer(fb.width, fb.height);
    if (recorder) {
      try {
        recorder->add(image);
        app.recorded_frames = recorder->frames();
      } catch (const std::exception& e) {
        app.say(std::string("recording stopped: ") + e.what(), true);
        try {
          recorder->close();  // keep what was recorded so far
        } catch (const std::exception&) {
        }
        recorder.reset();
      }
    }
    if (screenshot) {
      try {
        const std::filesystem::path path = next_free_path(app.exports.folder, "screenshot", ".png");
        write_png(path, image);
        app.say("screenshot " + path.string());
      } catch (const std::exception& e) {
        app.say(std::string("screenshot: ") + e.what(), true);
      }
    }
    if (keep_images) last_image = std::move(image);
  }

  bool frame_once() {
    glfwPollEvents();
    FramebufferSize fb = window.framebuffer_size();
    // Minimised (0 x 0 framebuffer): nothing to draw; the simulation goes on, checked a
    // few times a second instead of spinning.
    while (fb.empty() && !window.should_close()) {
      glfwWaitEventsTimeout(0.1);
      sync();
      fb = window.framebuffer_size();
    }
    if (fb.empty()) return false;  // closed while minimised
    const bool last = window.should_close() || (options.frames > 0 && frame_index + 1 >= options.frames);
    if (last) worker.wait();  // the final picture shows the newest state
    const double previous_ui_ms = app_profile[Stage::Ui];
    const double previous_render_ms = app_profile[Stage::Render];
    app_profile.clear();

    // The last frame takes the worker's result without starting another batch.
    const bool was_paused = app.play.paused;
    if (last) app.play.paused = true;
    sync();
    if (last && (stepping || !app.building.empty())) {
      worker.wait();
      sync();
    }
    if (last) app.play.paused = was_paused;

    // The view's rectangle depends on the side panel's width, known from the last frame.
    const float side_px = interaction.side_panel_px();
    draw_view(fb, side_px);

    {
      ScopedTimer timer(app_profile, Stage::Ui);
      imgui.begin_frame();
      stats.fps = ImGui::GetIO().Framerate;
      stats.frame_ms = stats.fps > 0.0 ? 1000.0 / stats.fps : 0.0;
      stats.app[Stage::Render] = previous_render_ms;
      stats.app[Stage::Ui] = previous_ui_ms;
      stats.stepping = stepping && worker.busy();
      stats.step_running_ms =
          stats.stepping ? std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - step_started).count() : 0.0;
      PanelContext ctx{frame, app, intents, stats, window.gl_description(), view.label_path()};
      interaction.set_side_panel_px(draw_side_panel(ctx));
      draw_help_overlay(ctx);
      interaction.handle(frame, view, view_rect, app, intents);
      draw_status(ctx);
      imgui.end_frame();
      if (!options.stats.empty()) glFinish();
    }

    if (last && !options.screenshot.empty()) app.screenshot_requested = false;
    handle_recording(fb);
    if (last && !options.screenshot.empty()) {
      write_png(options.screenshot, read_framebuffer(fb.width, fb.height));
      log::info("screenshot: {}x{} pixels written to {}", fb.width, fb.height, options.screenshot.string());
    }
    window.swap_buffers();
    accumulate_stats();
    ++frame_index;
    return !last;
  }

  // The status line at the bottom of the view: the latest messages.
  void draw_status(PanelContext& ctx) {
    if (ctx.app.messages.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float left = interaction.side_panel_px() / std::max(io.DisplayFramebufferScale.x, 1.0f);
    ImGui::SetNextWindowPos(ImVec2(left + 8.0f, io.DisplaySize.y - 8.0f), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.6f);
    ImGui::Begin("status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
    for (const AppState::Message& m : ctx.app.messages)
      ImGui::TextColored(m.error ? ImVec4(1.0f, 0.45f, 0.45f, 1.0f) : ImVec4(0.85f, 0.85f, 0.85f, 1.0f), "%s",
                         m.text.c_str());
    ImGui::End();
  }

  void accumulate_stats() {
    for (Stage st : {Stage::Render, Stage::Ui, Stage::Export}) stats_sum[st] += app_profile[st];
    ++stats_frames;
  }

  // Remembers the window size, the scene and the view for the next start.
  void save_settings_file() const {
    if (settings_path.empty()) return;
    AppSettings out = start.settings;
    int width = 0, height = 0;
    glfwGetWindowSize(window.handle(), &width, &height);
    if (width >= kMinWindowSize && height >= kMinWindowSize) {  // not while minimised
      out.window_width = std::min(width, kMaxWindowSize);
      out.window_height = std::min(height, kMaxWindowSize);
    }
    out.scene_file = app.scene_file_source.empty() ? "" : std::filesystem::absolute(app.scene_file_source).string();
    out.scene_name = app.scene_file_source.empty() ? frame.scene : "";
    out.preset = app.scene_file_source.empty() ? frame.preset : "";
    out.resolution = app.scene_file_source.empty() ? frame.grid.n[0] : 0;
    out.color_mode = app.view.color_mode;
    out.show_boundaries = app.view.boundaries;
    out.show_seeds = app.view.seeds;
    out.show_arrows = app.view.axes;
    const std::string error = save_settings(settings_path, out);
    if (!error.empty()) log::warn("{}", error);
  }

  void write_stats(double wall_seconds) const {
    if (options.stats.empty() || stats_frames == 0) return;
    // The simulation runs on the worker beside the drawing: its stages are per step, the
    // window's per frame; the frame rate is what the user sees.
    nlohmann::json per_frame, per_step;
    for (Stage st : {Stage::Render, Stage::Ui, Stage::Export})
      per_frame[std::string(kStageNames[static_cast<std::size_t>(st)])] = stats_sum[st] / static_cast<double>(stats_frames);
    for (Stage st : {Stage::Dynamics, Stage::Fit, Stage::Correct})
      per_step[std::string(kStageNames[static_cast<std::size_t>(st)])] =
          sim_steps > 0 ? sim_sum[st] / static_cast<double>(sim_steps) : 0.0;
    const nlohmann::json out = {{"scene", frame.scene},
                                {"cells", frame.cells.size()},
                                {"grid", {frame.grid.n[0], frame.grid.n[1], frame.grid.n[2]}},
                                {"backend", frame.backend},
                                {"label_path", view.label_path()},
                                {"frames", stats_frames},
                                {"steps", sim_steps},
                                {"fps", static_cast<double>(stats_frames) / wall_seconds},
                                {"steps_per_second", static_cast<double>(sim_steps) / wall_seconds},
                                {"ms_per_frame", per_frame},
                                {"ms_per_step", per_step}};
    std::ofstream file(options.stats);
    TESSERA_REQUIRE(file.good(), "--stats: cannot write " + options.stats.string());
    file << out.dump(2) << "\n";
  }
};

App::App(const SimOptions& sim, const AppOptions& options) {
  check_file_folder(options.screenshot, "--screenshot");
  check_file_folder(options.stats, "--stats");
  m_impl = std::make_unique<Impl>(sim, options);
}

App::~App() {
  if (!m_impl) return;
  m_impl->worker.wait();
  m_impl->save_settings_file();
  if (m_impl->recorder) {
    try {
      m_impl->recorder->close();
    } catch (const std::exception& e) {
      log::warn("recording: {}", e.what());
    }
  }
}

bool App::frame() { return m_impl->frame_once(); }
AppState& App::state() { return m_impl->app; }
IntentQueue& App::intents() { return m_impl->intents; }
const FrameData& App::frame_data() const { return m_impl->frame; }
void App::wait_idle() { m_impl->worker.wait(); }
void App::keep_frame_images(bool keep) { m_impl->keep_images = keep; }
const Image& App::last_frame_image() const { return m_impl->last_image; }
void App::write_stats(double wall_seconds) const { m_impl->write_stats(wall_seconds); }

int run_app(const SimOptions& sim, const AppOptions& options) {
  App app(sim, options);
  const auto start = std::chrono::steady_clock::now();
  while (app.frame()) {
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  app.write_stats(seconds);
  return 0;
}

}  // namespace tessera
