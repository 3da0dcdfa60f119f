#include "ui/cli/cli.h"

#include <CLI/CLI.hpp>

#include <sstream>
#include <type_traits>

#include "sim/demo/drifting_seeds.h"

namespace tessera {

namespace {

// CLI11 validator for the backend names.
CLI::Validator backend_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        return parse_backend_choice(value) ? "" : "must be one of auto, cpu, cuda (got '" + value + "')";
      },
      "auto|cpu|cuda", "BACKEND");
}

// Numeric checks that say what is wanted: CLI11's Range reports "Value 0 not in range
// 0.000000 to 1.797693e+308" for a positive count. These say "must be at least 1 (got 0)";
// parse_cli joins the flag name in front ("--steps must be at least 1 (got 0)").
template <class T>
std::string number_error(const std::string& input, T& value) {
  if (!CLI::detail::lexical_cast(input, value))
    return std::string("must be ") + (std::is_integral_v<T> ? "an integer" : "a number") + " (got '" + input + "')";
  return "";
}

template <class T>
CLI::Validator at_least(T min) {
  std::ostringstream name;
  name << ">= " << min;
  return CLI::Validator(
      [min](std::string& input) -> std::string {
        T value{};
        std::string error = number_error(input, value);
        if (error.empty() && !(value >= min)) {
          std::ostringstream out;
          out << "must be at least " << min << " (got " << input << ")";
          error = out.str();
        }
        return error;
      },
      name.str());
}

template <class T>
CLI::Validator in_range(T min, T max) {
  std::ostringstream name;
  name << min << " to " << max;
  return CLI::Validator(
      [min, max](std::string& input) -> std::string {
        T value{};
        std::string error = number_error(input, value);
        if (error.empty() && !(value >= min && value <= max)) {
          std::ostringstream out;
          out << "must be from " << min << " to " << max << " (got " << input << ")";
          error = out.str();
        }
        return error;
      },
      name.str());
}

void add_common_options(CLI::App& app, CommonOptions& sim, std::string& backend) {
  app.add_option("--backend", backend, "Compute backend: auto (CUDA when a device exists), cpu, cuda")
      ->check(backend_validator())
      ->capture_default_str();
  app.add_option("--seeds", sim.n_seeds, "Number of seeds (cells) in the demo scene")
      ->check(in_range(1, kMaxDriftSeeds))
      ->capture_default_str();
  app.add_option("--size", sim.grid_size, "Grid points per axis")->check(in_range(8, 8192))->capture_default_str();
  app.add_option("--seed", sim.seed, "Random seed (same seed + backend = same run)")->capture_default_str();
}

}  // namespace

CliParse parse_cli(const std::vector<std::string>& args) {
  CliOptions options;
  std::string backend = "auto";
  std::string log_level = "info";

  CLI::App app{"Tessera — incompressible particles and microstructures.\n"
               "Without a command, opens the window on the default scene.",
               "tessera"};
  app.set_version_flag("--version", "tessera 0.1.0");
  app.add_option("--log-level", log_level, "Log level: debug, info, warn, error, off")
      ->check(CLI::IsMember({"debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
  add_common_options(app, options.common, backend);
  app.add_option("--width", options.app.width, "Window width (default: as last time, else 1280)")
      ->check(in_range(200, 16384));
  app.add_option("--height", options.app.height, "Window height (default: as last time, else 800)")
      ->check(in_range(150, 16384));
  app.add_option("--scene", options.app.scene, "Open this scene (see tessera list; default: the last one, else RunTumbleDisk)");
  app.add_option("--preset", options.app.preset, "With --scene: one of the scene's presets");
  app.add_option("--resolution", options.app.resolution, "With --scene: grid points per axis (default: the scene's)")
      ->check(in_range(16, 8192));
  app.add_option("--scene-file", options.app.scene_file, "Open the scene described by this file");
  app.add_option("--settings", options.app.settings,
                 "Settings file (window size, last scene, view); default ~/.config/tessera/settings.json");
  app.add_flag("--no-settings", options.app.no_settings, "Neither read nor write the settings file");
  app.add_flag("--paused", options.app.paused, "Start paused");
  app.add_option("--open", options.app.open_panels,
                 "Panels to open at start, e.g. --open species,solver (curvatubes: run, energy, texture, view, "
                 "plots, export)")
      ->delimiter(',')
      ->check(CLI::IsMember(
          {"scene", "playback", "species", "solver", "view", "export", "run", "energy", "texture", "plots"}));
  app.add_option("--stats", options.app.stats, "With --frames: write the mean per-stage frame times (JSON) here");
  app.add_option("--frames", options.app.frames, "Close the window after this many frames (0 = never)")
      ->check(at_least(0))
      ->capture_default_str();
  app.add_option("--screenshot", options.app.screenshot,
                 "Save the last frame, panels included, to this PNG file (framebuffer pixels) before closing");

  CLI::App* run = app.add_subcommand("run", "Run headless (no window) and export frames");
  add_common_options(*run, options.common, backend);
  run->add_option("--steps", options.run.steps, "Number of time steps")->check(at_least(std::int64_t{1}))->capture_default_str();
  run->add_option("--every", options.run.every, "Write a PNG frame every K steps")
      ->check(at_least(1))
      ->capture_default_str();
  run->add_option("--out", options.run.out, "Output folder (created; must be empty unless --overwrite)")->required();
  run->add_flag("--overwrite", options.run.overwrite, "Allow writing into a non-empty output folder");
  run->add_option("--scale", options.run.scale, "Image pixels per grid point")->check(in_range(1, 16))->capture_default_str();
  run->add_option("--scene", options.run.scene, "Run this reference scene (see tessera list) instead of the demo");
  run->add_option("--scene-file", options.run.scene_file,
                  "Run the scene described by this file (each run writes scene.json and final_state.json)");
  run->add_option("--resolution", options.run.scene_resolution, "Scene grid points per axis (default: the scene's)")
      ->check(in_range(16, 8192));
  run->add_flag("--voxels", options.run.voxels, "With --scene: also write VTK label grids (.vti) with each frame");
  run->add_flag("--meshes", options.run.meshes,
                "With a 3D scene: also write the cell interface mesh (binary STL, mesh_*.stl) with each frame");
  run->add_option("--preset", options.run.preset, "With --scene: one of the scene's presets (see tessera list)");
  run->add_flag("--mp4", options.run.mp4, "With --scene: also encode the frames into video.mp4 (needs ffmpeg)");
  run->add_option("--slice", options.run.slice,
                  "3D frames show the middle slice across this axis: z (horizontal), x or y (vertical, z up)")
      ->check(CLI::IsMember({"x", "y", "z"}))
      ->capture_default_str();

  app.add_subcommand("list", "List the available scenes");

  CLI::App* bench = app.add_subcommand("bench", "Benchmark the volume fitting: per-step time, passes, errors, assignment speed-up");
  bench->add_option("--backend", options.bench.backends, "Backends to measure: all (every available one), cpu, cuda")
      ->check(CLI::IsMember({"all", "cpu", "cuda"}))
      ->capture_default_str();
  bench->add_option("--case", options.bench.cases, "Cases to run (repeatable; default: the set for each backend)");
  bench->add_option("--steps", options.bench.steps, "Timed warm-started steps per case")
      ->check(in_range(1, 10000))
      ->capture_default_str();
  bench->add_option("--move", options.bench.move, "Seed displacement per step, in pixels")
      ->check(in_range(0.0, 100.0))
      ->capture_default_str();
  bench->add_option("--repeats", options.bench.repeats, "Repeats of the assignment timing (median)")
      ->check(in_range(1, 1000))
      ->capture_default_str();
  bench->add_option("--json", options.bench.json, "Also write the results as JSON to this file");
  bench->add_option("--seed", options.bench.seed, "Random seed of the configurations")->capture_default_str();
  bench->add_flag("--list", options.bench.list, "List the cases and exit");
  CLI::App* ct = app.add_subcommand(
      "curvatubes", "Grow a curvatubes texture (phase-field curvature flow) headless and export it");
  CurvatubesOptions& c = options.curvatubes;
  ct->add_option("--backend", backend, "Compute backend: auto (CUDA when a device exists), cpu, cuda")
      ->check(backend_validator())
      ->capture_default_str();
  ct->add_flag("--list", c.list, "List the presets (name, coefficients, mass, morphology) and exit");
  ct->add_option("--preset", c.preset, "A preset by name (see --list)");
  ct->add_option("--coeffs", c.coeffs, "The six coefficients a20,a11,a02,b10,b01,c of p(k1, k2)");
  ct->add_option("--mass", c.mass, "Prescribed mean M0 of u, in (-1, 1)");
  ct->add_option("--eps", c.eps, "Interface width (length; 0.02 = 2 voxels of h = 0.01)");
  ct->add_option("--mu", c.mu, "Orientation weight mu (0 = off)");
  ct->add_option("--theta", c.theta, "Orientation direction z,x,y (unit vector) for --mu");
  ct->add_option("--strip", c.strip,
                 "Spatialised coefficients along one axis: AXIS:PRESET@POS,PRESET@POS,... (voxel positions), or "
                 "'notebook' (the reference's sheets-tubes-spheres-trabecular strip, on 50,100,600 unless --shape)");
  ct->add_option("--size", c.size, "Voxels per axis (a cube; h = 0.01 stays, so the box grows)")
      ->check(in_range(16, 4096))
      ->capture_default_str();
  ct->add_option("--shape", c.shape, "Grid Z,X,Y instead of --size");
  ct->add_option("--flow", c.flow, "cons (mass-conserving H^-1 flow), L2 or averm0")
      ->check(CLI::IsMember({"cons", "L2", "averm0"}))
      ->capture_default_str();
  ct->add_option("--boundary", c.boundary, "periodic, or replicate (L2 and averm0 only)")
      ->check(CLI::IsMember({"periodic", "replicate"}))
      ->capture_default_str();
  ct->add_option("--iterations", c.iterations, "Optimiser iterations (energy + gradient + Adam step)")
      ->check(in_range(std::int64_t{1}, std::int64_t{10000000}))
      ->capture_default_str();
  ct->add_option("--seed", c.seed, "Random seed of the initial noise (same seed = same texture)")->capture_default_str();
  ct->add_option("--snapshots", c.snapshots, "Write the field at these iterations, e.g. --snapshots 10,100,1000")
      ->delimiter(',')
      ->check(at_least(std::int64_t{1}));
  ct->add_option("--every", c.every, "Also write a middle-slice PNG every K iterations (0: start and end only)")
      ->check(at_least(0));
  ct->add_flag("--check-viable", c.check_viable,
               "Stop when the texture is not viable (a phase vanished, or discrepancy >= 0.75) at 500/1000/5000 evaluations");
  ct->add_option("--init", c.init, "Start from this field: .npy (Z,X,Y for L2/averm0; 3,Z,X,Y for cons) or .nii.gz");
  ct->add_option("--params", c.params, "Run the parameter file of an earlier run (its params.json) instead of the flags");
  ct->add_option("--out", c.out, "Output folder (created; must be empty unless --overwrite)");
  ct->add_flag("--overwrite", c.overwrite, "Allow writing into a non-empty output folder");

  CLI::App* fam = app.add_subcommand(
      "curvatubes-family", "Grow a grid of curvatubes textures bilinearly interpolated between four presets");
  CurvatubesFamilyOptions& f = options.family;
  fam->add_option("--backend", backend, "Compute backend: auto (CUDA when a device exists), cpu, cuda")
      ->check(backend_validator())
      ->capture_default_str();
  fam->add_option("--corners", f.corners,
                  "Four presets A,B,C,D at (x,y) = (0,0), (1,0), (0,1), (1,1) (see tessera curvatubes --list)")
      ->capture_default_str();
  fam->add_option("--steps", f.steps, "Members per axis: x, y in {0, 1/(K-1), ..., 1}, K x K textures")
      ->check(CLI::Range(2, 64))
      ->capture_default_str();
  fam->add_option("--mass", f.mass, "M0 for every member, in (-1, 1) (default: interpolated like the coefficients)");
  fam->add_option("--size", f.size, "Voxels per axis (a cube)")->check(CLI::Range(16, 4096))->capture_default_str();
  fam->add_option("--iterations", f.iterations, "Optimiser iterations per texture")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10000000}))
      ->capture_default_str();
  fam->add_option("--seed", f.seed, "Random seed of the initial noise, shared by every member")->capture_default_str();
  fam->add_option("--out", f.out, "Output folder (created; must be empty unless --overwrite)");
  fam->add_flag("--overwrite", f.overwrite, "Allow writing into a non-empty output folder");

  CLI::App* atl = app.add_subcommand(
      "curvatubes-atlas", "Grow curvatubes textures from random coefficients, retrying non-viable draws");
  CurvatubesAtlasOptions& at = options.atlas;
  atl->add_option("--backend", backend, "Compute backend: auto (CUDA when a device exists), cpu, cuda")
      ->check(backend_validator())
      ->capture_default_str();
  atl->add_option("--count", at.count, "Viable textures to grow")->check(CLI::Range(1, 100000))->capture_default_str();
  atl->add_option("--max-tries", at.max_tries, "Draws per texture before it is given up")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  atl->add_option("--size", at.size, "Voxels per axis (a cube)")->check(CLI::Range(16, 4096))->capture_default_str();
  atl->add_option("--iterations", at.iterations, "Optimiser iterations per draw")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10000000}))
      ->capture_default_str();
  atl->add_option("--seed", at.seed, "Random seed of the draws and their noise (same seed = same atlas)")
      ->capture_default_str();
  atl->add_option("--out", at.out, "Output folder (created; must be empty unless --overwrite)");
  atl->add_flag("--overwrite", at.overwrite, "Allow writing into a non-empty output folder");
  CLI::App* poly = app.add_subcommand(
      "polycrystal", "Generate a polycrystal (anisotropic power diagram with exact grain volumes) and export it");
  PolycrystalOptions& pc = options.polycrystal;
  poly->add_option("--backend", backend, "Compute backend: auto (CUDA when a device exists), cpu, cuda")
      ->check(backend_validator())
      ->capture_default_str();
  poly->add_option("--grains", pc.grains, "Number of grains N")->check(CLI::Range(1, 10000000));
  poly->add_option("--dim", pc.dim, "Dimension: 2 or 3")->check(CLI::IsMember({2, 3}))->capture_default_str();
  poly->add_option("--anisotropy", pc.anisotropy,
                   "Anisotropy strength alpha in [0, 1) (PyAPD's ani_thres; 0 = power diagram)")
      ->capture_default_str();
  poly->add_flag("--periodic", pc.periodic, "Periodic box: grains wrap across the faces (for FFT solvers)");
  poly->add_option("--seed", pc.seed, "Random seed of seeds, shapes, orientations and sizes")->capture_default_str();
  poly->add_option("--resolution", pc.resolution,
                   "Voxels per axis (0: PyAPD's rule 2 floor((1 / (tolerance min v))^(1/D)))")
      ->capture_default_str();
  poly->add_option("--tolerance", pc.tolerance, "Every grain's relative volume error ends below this")
      ->capture_default_str();
  poly->add_option("--sizes", pc.sizes, "Target volumes: equal, or lognormal equivalent diameters")
      ->check(CLI::IsMember({"equal", "lognormal"}))
      ->capture_default_str();
  poly->add_option("--size-sigma", pc.size_sigma, "Lognormal: standard deviation of the equivalent diameter (mean 1)")
      ->capture_default_str();
  poly->add_option("--exclusion", pc.exclusion, "Seed exclusion radius R: seeds at least R N^(-1/D) apart (box units)")
      ->capture_default_str();
  poly->add_option("--box-size", pc.box_size, "Edge of the box in metres (the .vti spacing)")->capture_default_str();
  poly->add_option("--lloyd", pc.lloyd, "Lloyd sweeps after the fit (seeds to centroids, warm re-fit)")
      ->capture_default_str();
  poly->add_option("--out", pc.out, "Output folder (created; must be empty unless --overwrite)");
  poly->add_flag("--overwrite", pc.overwrite, "Allow writing into a non-empty output folder");
  app.require_subcommand(0, 1);

  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 consumes from the back
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return {std::nullopt, 0, app.help()};
  } catch (const CLI::CallForAllHelp& e) {
    return {std::nullopt, 0, app.help("", CLI::AppFormatMode::All)};
  } catch (const CLI::CallForVersion& e) {
    return {std::nullopt, 0, "tessera 0.1.0\n"};
  } catch (const CLI::ParseError& e) {
    // CLI11 writes "--steps: must be ..."; ours read as a sentence: "--steps must be ...".
    std::string what = e.what();
    if (const std::size_t at = what.find(": must be "); at != std::string::npos) what.erase(at, 1);
    return {std::nullopt, 2, "tessera: " + what + " (see tessera --help)\n"};
  }

  if (run->parsed()) options.command = Command::Run;
  else if (app.got_subcommand("list")) options.command = Command::List;
  else if (bench->parsed()) options.command = Command::Bench;
  else if (ct->parsed()) options.command = Command::Curvatubes;
  else if (fam->parsed()) options.command = Command::CurvatubesFamily;
  else if (atl->parsed()) options.command = Command::CurvatubesAtlas;
  else if (poly->parsed()) options.command = Command::Polycrystal;
  options.common.backend = *parse_backend_choice(backend);
  options.log_level = *log::parse_level(log_level);
  if (options.command == Command::App && !options.app.screenshot.empty() &&
      options.app.screenshot.extension() != ".png")
    return {std::nullopt, 2, "tessera: --screenshot must name a .png file (got " + options.app.screenshot.string() + ")\n"};
  if (options.command == Command::Curvatubes && !c.list) {
    if (c.out.empty()) return {std::nullopt, 2, "tessera: curvatubes: --out DIR is required (see tessera curvatubes --help)\n"};
    if (c.params.empty() && c.preset.empty() && c.coeffs.empty() && c.strip.empty())
      return {std::nullopt, 2,
              "tessera: curvatubes: give --preset NAME, --coeffs a20,a11,a02,b10,b01,c, --strip or --params FILE\n"};
  }
  if (options.command == Command::CurvatubesFamily && f.out.empty())
    return {std::nullopt, 2, "tessera: curvatubes-family: --out DIR is required (see tessera curvatubes-family --help)\n"};
  if (options.command == Command::CurvatubesAtlas && at.out.empty())
    return {std::nullopt, 2, "tessera: curvatubes-atlas: --out DIR is required (see tessera curvatubes-atlas --help)\n"};
  if (options.command == Command::Polycrystal) {
    if (pc.grains == 0) return {std::nullopt, 2, "tessera: polycrystal: --grains N is required (see tessera polycrystal --help)\n"};
    if (pc.out.empty()) return {std::nullopt, 2, "tessera: polycrystal: --out DIR is required (see tessera polycrystal --help)\n"};
  }
  if (options.command == Command::App) {
    const AppOptions& a = options.app;
    if (!a.scene_file.empty() && (!a.scene.empty() || !a.preset.empty() || a.resolution != 0))
      return {std::nullopt, 2, "tessera: --scene-file sets its own scene, preset and grid; drop --scene/--preset/--resolution\n"};
    if (!a.stats.empty() && a.frames == 0)
      return {std::nullopt, 2, "tessera: --stats needs --frames N (the times are written when the app closes)\n"};
  }
  return {options, 0, ""};
}

}  // namespace tessera
