#pragma once
// The command line: `tessera` (window), `tessera run` (headless), `tessera list`.
// Parsing is done with CLI11; every flag is documented by `tessera --help`.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/backend.h"
#include "engine/log.h"
#include "ui/cli/bench.h"

namespace tessera {

enum class Command { App, Run, List, Bench, Curvatubes, CurvatubesFamily, CurvatubesAtlas, Polycrystal };

// Options every command takes: the backend, the random seed, and the SeedDrift
// demo's seed count and grid size.
struct CommonOptions {
  BackendChoice backend = BackendChoice::Auto;
  int n_seeds = 64;
  int grid_size = 256;  // pixels per axis
  std::uint64_t seed = 1;
};

struct AppOptions {
  std::string scene;                // the scene to open (default: the last one, else RunTumbleDisk)
  std::string preset;               // its preset
  int resolution = 0;               // its grid points per axis (0 = the scene's default)
  std::filesystem::path scene_file; // open this scene file instead of --scene
  std::filesystem::path settings;   // settings file (default: default_settings_path())
  bool no_settings = false;         // neither read nor write a settings file
  bool paused = false;              // start paused
  std::vector<std::string> open_panels;  // panels to open at start (scene, playback, species, solver, view, export)
  std::filesystem::path stats;      // with --frames: write per-stage frame times (JSON) here at exit
  bool hidden = false;              // never show the window (tests: drawing and read-back still work)
  int width = 0, height = 0;        // initial window size (screen coordinates); 0 = remembered, else 1280 x 800
  int frames = 0;                   // quit after this many frames (0 = run until closed)
  std::filesystem::path screenshot; // save the last frame here before quitting
};

struct RunOptions {
  std::int64_t steps = 100;
  int every = 10;                   // write a frame every K steps
  std::filesystem::path out;        // output folder
  bool overwrite = false;           // allow a non-empty output folder
  int scale = 2;                    // image pixels per grid point
  std::string scene;                // a reference scene (tessera list); empty = the SeedDrift demo
  std::filesystem::path scene_file; // a scene file (JSON) instead of --scene
  int scene_resolution = 0;         // grid points per axis for the scene; 0 = its default
  bool voxels = false;              // also write VTK label grids with each frame
  bool meshes = false;              // also write the interface mesh (binary STL) with each frame (3D)
  std::string preset;               // the scene's preset (tessera list); empty = its default
  bool mp4 = false;                 // also encode the frames into video.mp4 (needs ffmpeg)
  std::string slice = "z";          // 3D frames: the middle slice across this axis (x, y or z)
};

// `tessera curvatubes`: one phase-field texture, headless.
struct CurvatubesOptions {
  bool list = false;                // print the presets and exit
  std::string preset;               // a preset name (tessera curvatubes --list)
  std::string coeffs;               // "a20,a11,a02,b10,b01,c" instead of (or over) the preset
  std::optional<double> mass;       // M0 (default: the preset's; required with --coeffs alone)
  std::optional<double> eps;        // interface width (default: the preset's, else 0.02)
  std::optional<double> mu;         // orientation weight (default: the preset's, else 0)
  std::string theta;                // "z,x,y" orientation (default: the preset's, else 1,0,0)
  std::string strip;                // spatialised coefficients: "AXIS:PRESET@POS,..." or "notebook"
  int size = 100;                   // voxels per axis (cube)
  std::string shape;                // "Z,X,Y" instead of --size
  std::string flow = "cons";        // cons, L2, averm0
  std::string boundary = "periodic";
  std::int64_t iterations = 4000;
  std::uint64_t seed = 1;
  std::vector<std::int64_t> snapshots;  // iterations at which it_<iter>.nii.gz is written
  int every = 0;                    // a slice PNG every K iterations (0 = at the start and the end)
  bool check_viable = false;        // stop when the texture is not viable (500, 1000, 5000 evaluations)
  std::filesystem::path init;       // start from this field (.npy, .nii.gz)
  std::filesystem::path params;     // a parameter file (params.json of an earlier run) instead of the flags
  std::filesystem::path out;
  bool overwrite = false;
};

// `tessera curvatubes-family`: a steps x steps grid bilinearly interpolated between four
// presets (ref. 5.3), one texture each from the same initial noise.
struct CurvatubesFamilyOptions {
  std::string corners = "layers,sponges,spheres,tubes_r004";  // P00,P10,P01,P11 (ref. 5.3's order)
  int steps = 5;                    // members per axis (5: the reference's 25 shapes)
  std::optional<double> mass;       // M0 for every member (default: interpolated too)
  int size = 100;                   // voxels per axis (cube)
  std::int64_t iterations = 4000;
  std::uint64_t seed = 1;           // the shared initial noise
  std::filesystem::path out;
  bool overwrite = false;
};

// `tessera curvatubes-atlas`: random coefficient sets (ref. 5.3), non-viable draws retried.
struct CurvatubesAtlasOptions {
  int count = 10;                   // viable textures wanted
  int max_tries = 20;               // draws per texture before it is given up
  int size = 100;
  std::int64_t iterations = 4000;
  std::uint64_t seed = 1;           // the draws and their noise
  std::filesystem::path out;
  bool overwrite = false;
};

// `tessera polycrystal`: one synthetic polycrystal, fitted and exported (DAMASK .vti,
// material.yaml, grains.csv, ...). The defaults are those of sim/polycrystal/params.h.
struct PolycrystalOptions {
  int grains = 0;                   // N (required)
  int dim = 3;
  double anisotropy = 0.25;         // alpha in [0, 1)
  bool periodic = false;
  std::uint64_t seed = 1;
  int resolution = 0;               // voxels per axis; 0 = PyAPD's rule
  double tolerance = 0.01;          // per grain
  std::string sizes = "equal";      // equal | lognormal
  double size_sigma = 0.35;         // lognormal: std of the equivalent diameter (mean 1)
  double exclusion = 0.0;           // seed exclusion radius R (distance R N^(-1/D))
  double box_size = 1e-4;           // metres
  int lloyd = 0;                    // Lloyd sweeps after the fit
  std::filesystem::path out;
  bool overwrite = false;
};

struct CliOptions {
  Command command = Command::App;
  log::Level log_level = log::Level::Info;
  CommonOptions common;
  AppOptions app;
  RunOptions run;
  BenchOptions bench;
  CurvatubesOptions curvatubes;
  CurvatubesFamilyOptions family;
  CurvatubesAtlasOptions atlas;
  PolycrystalOptions polycrystal;
};

// Parse result: either options to act on, or an exit code with the text to print
// (help, version, or a one-line error).
struct CliParse {
  std::optional<CliOptions> options;
  int exit_code = 0;
  std::string message;  // printed to stdout when exit_code == 0, to stderr otherwise
};

CliParse parse_cli(const std::vector<std::string>& args);  // args without argv[0]

}  // namespace tessera
