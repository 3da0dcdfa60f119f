#pragma once
// What the window's shell keeps for every mode: playback, the status line, the export
// folder and the screenshot / recording requests, the panels to open at start and what
// is being built. Each mode's workbench keeps its own view state beside it. GL-free.
#include <cstdint>
#include <deque>
#include <set>
#include <string>

namespace tessera {

// Playback state: owned by the app loop, not by the simulation.
struct PlayState {
  bool paused = false;
  int substeps = 1;        // simulation steps per displayed frame while running (1 .. kMaxSubsteps)
  double time_rate = 0.0;  // real-time pacing: simulation time units per wall-clock second (0 = as fast as possible)
};
inline constexpr int kMaxSubsteps = 64;

struct ExportSettings {
  std::string folder = "tessera_exports";  // screenshots, recordings, voxel grids and tables go here
  bool mp4 = false;                        // record into an MP4 (needs ffmpeg) instead of PNG frames
};

struct ShellState {
  PlayState play;
  ExportSettings exports;

  // Requests the panels make of the shell itself (not of the simulation).
  bool screenshot_requested = false;
  bool record_toggle_requested = false;
  bool recording = false;
  std::int64_t recorded_frames = 0;

  // Status line: the last messages (newest last), errors marked.
  struct Message {
    std::string text;
    bool error = false;
  };
  std::deque<Message> messages;
  void say(std::string text, bool error = false) {
    messages.push_back({std::move(text), error});
    while (messages.size() > 6) messages.pop_front();
  }

  // Panels to open at start (lower-case names, from --open).
  std::set<std::string> open_panels;

  // Set while the worker builds a model: what it builds.
  std::string building;
  // The mode picker asked for another mode (its default model is built next).
  std::string requested_mode;
};

}  // namespace tessera
