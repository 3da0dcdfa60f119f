// The windowed application's shell. One frame: the sync point (when the step worker is
// idle: the workbench takes the finished batch, applies its intents and says what to do
// next; the shell starts that batch, or the build of another model, on the worker), the
// workbench's view and panels, screenshots and recording, present. The model steps on
// the worker thread while the window draws the last captured state, so a slow step
// never freezes the UI.
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
#include <map>
#include <optional>
#include <utility>

#include "engine/error.h"
#include "engine/image_io.h"
#include "engine/log.h"
#include "engine/output_dir.h"
#include "engine/video_writer.h"
#include "render/capture.h"
#include "scenes/modes.h"
#include "ui/imgui_layer.h"
#include "ui/settings.h"
#include "ui/step_pacer.h"
#include "ui/step_worker.h"
#include "ui/window.h"
#include "ui/workbenches.h"

namespace tessera {

namespace {

constexpr float kBackground[3] = {0.11f, 0.11f, 0.12f};  // around the view

// Checked before the window opens, so a run does not end on an unwritable path.
void check_file_folder(const std::filesystem::path& path, const char* flag) {
  if (path.empty()) return;
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  TESSERA_REQUIRE(std::filesystem::is_directory(folder),
                  std::string(flag) + ": the folder " + folder.string() + " does not exist");
}

// The settings file the app reads and writes ("" = none).
std::filesystem::path settings_path_of(const AppOptions& options) {
  if (options.no_settings) return {};
  return options.settings.empty() ? default_settings_path() : options.settings;
}

StartUp read_settings(const std::filesystem::path& path) {
  StartUp start;
  if (path.empty()) return start;
  SettingsLoad load = load_settings(path);
  start.settings = load.settings;
  start.warnings = std::move(load.warnings);
  return start;
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
  CommonOptions common;
  std::filesystem::path settings_path;
  StartUp start;
  // Built before the window: bad input fails before anything opens.
  Exec exec;
  std::unique_ptr<Model> initial;
  Window window;
  ImGuiLayer imgui;
  ShellState shell;
  std::unique_ptr<Workbench> bench;
  FrameStats stats;
  double render_ms = 0, ui_ms = 0, export_ms = 0;  // this frame
  double render_sum = 0, ui_sum = 0, export_sum = 0;  // --stats: summed over the frames
  std::int64_t stats_frames = 0;
  std::map<std::string, double> stage_sum;  // --stats: the model's stage ms summed over the batches
  std::vector<std::string> stage_order;
  std::int64_t sim_steps = 0;
  int batch_steps = 0;                     // steps of the batch on the worker
  std::unique_ptr<Model> built;            // a model finished by the worker, adopted at the sync point
  std::filesystem::path pending_origin;    // the file `built` comes from ("" = registry)
  bool stepping = false;                   // the worker runs a batch of steps
  std::chrono::steady_clock::time_point step_started;
  StepPacer pacer;
  std::chrono::steady_clock::time_point last_pace = std::chrono::steady_clock::now();
  std::optional<Recorder> recorder;
  bool keep_images = false;
  Image last_image;
  int frame_index = 0;
  // Last: destroyed first, so a running job finishes before what it uses goes away.
  StepWorker worker;

  Impl(const CommonOptions& c, const AppOptions& opts)
      : options(opts),
        common(c),
        settings_path(settings_path_of(opts)),
        start(read_settings(settings_path)),
        exec{resolve_backend(c.backend)},
        initial(initial_model(common, opts, start)),
        window(WindowOptions{.width = opts.width > 0 ? opts.width : start.settings.window_width,
                             .height = opts.height > 0 ? opts.height : start.settings.window_height,
                             .visible = !opts.hidden,
                             .vsync = !opts.hidden}),
        imgui(window.handle(), window.content_scale()) {
    for (const std::string& w : start.warnings) shell.say(w, true);
    shell.play.paused = opts.paused;
    shell.open_panels.insert(opts.open_panels.begin(), opts.open_panels.end());
    const std::string title = initial->title(), backend = initial->backend();
    bench = make_workbench(std::move(initial), start, shell);
    log::info("app: {} ({}), {}", title, backend, window.gl_description());
  }

  void record_stages(const Model& model) {
    for (const StageTime& st : model.stage_times()) {
      if (!stage_sum.count(st.name)) stage_order.push_back(st.name);
      stage_sum[st.name] += st.ms;
    }
    sim_steps += batch_steps;
  }

  // The sync point: runs only while the worker is idle.
  void sync() {
    if (worker.busy()) return;
    if (std::exception_ptr error = worker.take_error()) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        shell.say(shell.building.empty() ? std::string("step: ") + e.what()
                                         : "could not build " + shell.building + ": " + e.what(),
                  true);
      }
      shell.building.clear();
      stepping = false;
    }
    if (built) {  // a new model is ready: this mode's workbench takes it, or another mode's is made
      const std::string title = built->title();
      if (!bench->adopt(built, pending_origin, shell)) {
        StartUp origin = start;
        origin.scene_file = pending_origin;
        bench = make_workbench(std::move(built), origin, shell);
      }
      built.reset();
      shell.building.clear();
      shell.say("opened " + title);
    }
    if (!shell.building.empty()) return;  // the worker is still building
    const bool finished = stepping;
    if (stepping) {
      stepping = false;
      record_stages(bench->model());
    }
    if (!shell.requested_mode.empty()) {  // the mode picker: another mode's default model
      const std::string name = std::exchange(shell.requested_mode, {});
      if (name != bench->mode()) {
        shell.building = name;
        pending_origin.clear();
        worker.start([this, name] {
          ModelRequest request;
          request.seed = common.seed;
          built = require_mode(name).open(request, exec);
        });
        return;
      }
    }
    SyncPlan plan = bench->sync(shell, finished);
    if (plan.build) {
      shell.building = plan.build->description;
      pending_origin = plan.build->origin;
      worker.start([this, job = std::move(plan.build->build)] { built = job(); });
      return;
    }
    // Real-time pacing applies to the running steps only, not to single steps asked for.
    const auto now = std::chrono::steady_clock::now();
    const double since = std::chrono::duration<double>(now - last_pace).count();
    last_pace = now;
    const double dt = bench->model().time_per_step();
    if (dt > 0) plan.steps += pacer.steps(plan.run_steps, shell.play.time_rate, dt, since) - plan.run_steps;
    if (plan.steps > 0) {
      stepping = true;
      step_started = std::chrono::steady_clock::now();
      Model* m = &bench->model();
      const int n = plan.steps;
      batch_steps = n;
      worker.start([m, n] { m->step(n); });
    }
  }

  void draw_view(FramebufferSize fb, float side_px) {
    const Stopwatch watch;
    glViewport(0, 0, fb.width, fb.height);
    glClearColor(kBackground[0], kBackground[1], kBackground[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    const int left = static_cast<int>(side_px);
    bench->draw_view(PixelRect{left, 0, std::max(fb.width - left, 1), fb.height}, window.content_scale());
    // --stats: wait for the GPU (or the software rasteriser) so the render stage is the
    // drawing's real cost, not only the time to submit it.
    if (!options.stats.empty()) glFinish();
    render_ms = watch.elapsed_ms();
  }

  void handle_recording(FramebufferSize fb) {
    if (shell.record_toggle_requested) {
      shell.record_toggle_requested = false;
      try {
        if (recorder) {
          recorder->close();
          shell.say("recorded " + std::to_string(recorder->frames()) + " frames into " + recorder->where().string());
          recorder.reset();
        } else {
          recorder.emplace(shell.exports.folder, shell.exports.mp4);
          shell.say("recording into " + recorder->where().string());
        }
      } catch (const std::exception& e) {
        recorder.reset();
        shell.say(std::string("recording: ") + e.what(), true);
      }
    }
    shell.recording = recorder.has_value();
    const bool screenshot = shell.screenshot_requested;
    shell.screenshot_requested = false;
    if (!recorder && !screenshot && !keep_images) return;
    const Stopwatch watch;
    Image image = read_framebuffer(fb.width, fb.height);
    if (recorder) {
      try {
        recorder->add(image);
        shell.recorded_frames = recorder->frames();
      } catch (const std::exception& e) {
        shell.say(std::string("recording stopped: ") + e.what(), true);
        try {
          recorder->close();  // keep what was recorded so far
        } catch (const std::exception&) {
        }
        recorder.reset();
      }
    }
    if (screenshot) {
      try {
        const std::filesystem::path path = next_free_path(shell.exports.folder, "screenshot", ".png");
        write_png(path, image);
        shell.say("screenshot " + path.string());
      } catch (const std::exception& e) {
        shell.say(std::string("screenshot: ") + e.what(), true);
      }
    }
    if (keep_images) last_image = std::move(image);
    export_ms += watch.elapsed_ms();
  }

  // The status line at the bottom of the view: the latest messages.
  void draw_status(float side_px) {
    if (shell.messages.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float left = side_px / std::max(io.DisplayFramebufferScale.x, 1.0f);
    ImGui::SetNextWindowPos(ImVec2(left + 8.0f, io.DisplaySize.y - 8.0f), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.6f);
    ImGui::Begin("status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
    for (const ShellState::Message& m : shell.messages)
      ImGui::TextColored(m.error ? ImVec4(1.0f, 0.45f, 0.45f, 1.0f) : ImVec4(0.85f, 0.85f, 0.85f, 1.0f), "%s",
                         m.text.c_str());
    ImGui::End();
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
    stats.render_ms = render_ms;
    stats.ui_ms = ui_ms;
    export_ms = 0;

    // The last frame takes the worker's result without starting another batch.
    const bool was_paused = shell.play.paused;
    if (last) shell.play.paused = true;
    sync();
    if (last && (stepping || !shell.building.empty())) {
      worker.wait();
      sync();
    }
    if (last) shell.play.paused = was_paused;

    // The view's rectangle depends on the side column's width, known from the last frame.
    draw_view(fb, side_px);

    {
      const Stopwatch watch;
      imgui.begin_frame();
      stats.fps = ImGui::GetIO().Framerate;
      stats.frame_ms = stats.fps > 0.0 ? 1000.0 / stats.fps : 0.0;
      stats.stepping = stepping && worker.busy();
      stats.step_running_ms =
          stats.stepping ? std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - step_started).count() : 0.0;
      ShellContext ctx{shell, stats, window.gl_description()};
      side_px = bench->draw_ui(ctx);
      bench->handle_input(ctx);
      draw_status(side_px);
      imgui.end_frame();
      if (!options.stats.empty()) glFinish();
      ui_ms = watch.elapsed_ms();
    }

    if (last && !options.screenshot.empty()) shell.screenshot_requested = false;
    handle_recording(fb);
    if (last && !options.screenshot.empty()) {
      write_png(options.screenshot, read_framebuffer(fb.width, fb.height));
      log::info("screenshot: {}x{} pixels written to {}", fb.width, fb.height, options.screenshot.string());
    }
    window.swap_buffers();
    render_sum += render_ms;
    ui_sum += ui_ms;
    export_sum += export_ms;
    ++stats_frames;
    ++frame_index;
    return !last;
  }

  // Remembers the window size, the model and the view for the next start.
  void save_settings_file() const {
    if (settings_path.empty()) return;
    AppSettings out = start.settings;
    int width = 0, height = 0;
    glfwGetWindowSize(window.handle(), &width, &height);
    if (width >= kMinWindowSize && height >= kMinWindowSize) {  // not while minimised
      out.window_width = std::min(width, kMaxWindowSize);
      out.window_height = std::min(height, kMaxWindowSize);
    }
    bench->remember(out);
    const std::string error = save_settings(settings_path, out);
    if (!error.empty()) log::warn("{}", error);
  }

  void write_stats(double wall_seconds) const {
    if (options.stats.empty() || stats_frames == 0) return;
    // The model runs on the worker beside the drawing: its stages are per step, the
    // window's per frame; the frame rate is what the user sees.
    const double frames = static_cast<double>(stats_frames);
    nlohmann::json per_frame = {{"render", render_sum / frames}, {"ui", ui_sum / frames}, {"export", export_sum / frames}};
    nlohmann::json per_step = nlohmann::json::object();
    for (const std::string& name : stage_order)
      per_step[name] = sim_steps > 0 ? stage_sum.at(name) / static_cast<double>(sim_steps) : 0.0;
    nlohmann::json out;
    bench->describe(out);
    out["mode"] = std::string(bench->mode());
    out["frames"] = stats_frames;
    out["steps"] = sim_steps;
    out["fps"] = frames / wall_seconds;
    out["steps_per_second"] = static_cast<double>(sim_steps) / wall_seconds;
    out["ms_per_frame"] = per_frame;
    out["ms_per_step"] = per_step;
    std::ofstream file(options.stats);
    TESSERA_REQUIRE(file.good(), "--stats: cannot write " + options.stats.string());
    file << out.dump(2) << "\n";
  }

  float side_px = 0.0f;
};

App::App(const CommonOptions& common, const AppOptions& options) {
  check_file_folder(options.screenshot, "--screenshot");
  check_file_folder(options.stats, "--stats");
  m_impl = std::make_unique<Impl>(common, options);
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
ShellState& App::state() { return m_impl->shell; }
Workbench& App::workbench() { return *m_impl->bench; }
void App::wait_idle() { m_impl->worker.wait(); }
void App::keep_frame_images(bool keep) { m_impl->keep_images = keep; }
const Image& App::last_frame_image() const { return m_impl->last_image; }
void App::write_stats(double wall_seconds) const { m_impl->write_stats(wall_seconds); }

int run_app(const CommonOptions& common, const AppOptions& options) {
  App app(common, options);
  const auto start = std::chrono::steady_clock::now();
  while (app.frame()) {
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  app.write_stats(seconds);
  return 0;
}

}  // namespace tessera
