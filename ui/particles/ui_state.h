#pragma once
// The particle workbench's own state: view options, the mouse tool, the selection, the
// panels' working copy of the parameters, the scene picker and export requests (what
// every mode shares — playback, the status line, the export folder — is the shell's,
// ui/shell_state.h). It belongs to the window, never to the simulation; panels edit it
// directly and reach the simulation only through intents. GL-free.
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "render/label_slice.h"
#include "render/clip_plane.h"
#include "ui/shell_state.h"
#include "sim/particles/simulation.h"
#include "scenes/particles/cell_colors.h"
#include "ui/particles/intents.h"

namespace tessera {

// What a left click in the view does.
enum class Tool { Select, AddCell, DeleteCell, PaintWall, EraseWall };
inline constexpr std::array<std::string_view, 5> kToolNames = {"select / drag", "add cell", "delete cell",
                                                               "paint wall", "erase wall"};

// How 3D scenes are shown.
enum class View3D { Volume, Slice };
inline constexpr std::array<std::string_view, 2> kView3DNames = {"volume", "slice"};

struct ViewOptions {
  ColorMode color_mode = ColorMode::Species;
  double error_range = 0;  // VolumeError: colour range (fraction); 0 = automatic
  bool boundaries = true;  // darken cell boundaries
  bool seeds = true;       // draw the seeds
  bool axes = false;       // draw each cell's axis as an arrow
  bool outline = true;     // outline the domain's border
  bool field = true;       // tint the void with the scene's chemoattractant (chemotaxis scenes, 2D)
  bool help = false;       // the help overlay (h)
  View3D view3d = View3D::Volume;
  SliceAxis slice_axis = SliceAxis::Z;  // the slice view's normal
  int slice_index = -1;                 // voxel index along it; -1 = the middle
  ClipPlane clip;                       // volume view: cut the volume open
  bool box_outline = true;              // volume view: the box's edges
  bool walls = true;                    // volume view: the domain mask's walls, faint
};

struct ParticleUiState {
  ViewOptions view;
  Tool tool = Tool::Select;
  int add_species = 0;                      // species of the cells the AddCell tool creates
  double brush_radius = 0.03;               // wall tools: radius of the brush (box units)
  std::optional<std::uint64_t> selected;    // id of the selected cell
  std::optional<std::uint64_t> dragging;    // id of the cell being dragged

  // The panels' working copy of the parameters: sliders edit it, and the app sends it as
  // one SetParams intent per frame when it changed (params_dirty).
  SimParams draft;
  SimParams draft_base;  // the parameters the draft was taken from (only the user's changes are sent)
  bool params_dirty = false;
  void take_draft(const SimParams& params) {
    draft = params;
    draft_base = params;
  }
  // Aspect-ratio slider values waiting for the next sync point, by species (one refit each).
  std::map<int, double> pending_aspect;

  // Scene picker state.
  int scene_index = 0;
  int preset_index = 0;
  int resolution = 0;  // 0 = the scene's default
  std::uint64_t seed = 1;
  std::string scene_file_path = "scene.json";
  std::filesystem::path scene_file_source;  // the running scene was loaded from this file ("" = registry)

  // Requests the panels make of the workbench itself (not of the simulation).
  bool reset_camera_requested = false;  // 3D view: back to the default orbit around the box
  bool export_voxels_requested = false;
  bool export_cells_requested = false;
  bool export_scene_requested = false;

  // The legend of the colours on screen (set by the app each frame).
  ColorLegend legend;
};

}  // namespace tessera
